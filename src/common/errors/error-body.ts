import { ApiProperty } from '@nestjs/swagger';

export class ErrorDetailBody {
  @ApiProperty({ example: 'name' }) field: string;
  @ApiProperty({ example: 'Không được để trống.' }) message: string;
  @ApiProperty({ required: false, example: 'isNotEmpty' }) code?: string;
  @ApiProperty({ required: false, example: 'Phiếu chấm' }) sheet?: string;
  @ApiProperty({ required: false, example: 'E7' }) cell?: string;
}

/** The one JSON shape of every error answer. */
export class ErrorBody {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ example: 'Dữ liệu gửi lên không hợp lệ.' }) message: string;
  @ApiProperty({ type: [ErrorDetailBody] }) details: ErrorDetailBody[];
  @ApiProperty({ required: false }) requestId?: string;
}
