import { ApiProperty } from '@nestjs/swagger';
import { BoolField, DateField, IntField, ReasonField, TextField } from '../../common/validation/fields';

class RegulationFields {
  @TextField({ presence: 'optional', max: 500, example: 'Quy chế hoạt động của Cụm thi đua số 6 (ban hành kèm theo Biên bản hội nghị ngày 06/3/2020)' }) title?: string;
  @DateField({ presence: 'optional', notFuture: true, example: '2020-03-06' }) adoptedOn?: string;
  @DateField({ presence: 'optional', example: '2020-03-06' }) effectiveFrom?: string;
  @IntField({ presence: 'optional', min: 1, max: 10000, example: 8000, description: 'Tỷ lệ đồng ý trên tổng số thành viên cho Cờ thi đua (phần vạn).' }) flagShare?: number;
  @BoolField({ presence: 'optional', description: 'true: phải vượt tỷ lệ ("trên"); false: đạt là đủ ("từ … trở lên").' }) flagStrictlyAbove?: boolean;
  @IntField({ presence: 'optional', min: 1, max: 10000, example: 5000 }) meritShare?: number;
  @BoolField({ presence: 'optional' }) meritStrictlyAbove?: boolean;
  @IntField({ presence: 'nullable', min: 1, max: 10000, description: 'Số thành viên có mặt cần có (phần vạn tổng số thành viên); để trống: quy chế không quy định.' }) quorum?: number | null;
  @TextField({ presence: 'nullable', max: 1000 }) rotationRule?: string | null;
  @TextField({ presence: 'nullable', max: 1000 }) scoringRule?: string | null;
  @TextField({ presence: 'nullable', max: 1000 }) quotaRule?: string | null;
}

export class CreateRegulationDto extends RegulationFields {
  @TextField({ max: 500 }) declare title: string;
  @DateField({ notFuture: true }) declare adoptedOn: string;
  @DateField() declare effectiveFrom: string;
  @IntField({ min: 1, max: 10000, example: 8000 }) declare flagShare: number;
  @BoolField() declare flagStrictlyAbove: boolean;
  @IntField({ min: 1, max: 10000, example: 5000 }) declare meritShare: number;
  @BoolField() declare meritStrictlyAbove: boolean;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class UpdateRegulationDto extends RegulationFields {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField() reason: string;
}

export class RegulationView {
  @ApiProperty() id: string;
  @ApiProperty() clusterId: string;
  @ApiProperty() title: string;
  @ApiProperty() adoptedOn: string;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty() flagShare: number;
  @ApiProperty() flagStrictlyAbove: boolean;
  @ApiProperty({ example: 'từ 80% trở lên' }) flagRequirement: string;
  @ApiProperty() meritShare: number;
  @ApiProperty() meritStrictlyAbove: boolean;
  @ApiProperty({ example: 'trên 50%' }) meritRequirement: string;
  @ApiProperty({ nullable: true, type: Number }) quorum: number | null;
  @ApiProperty({ nullable: true, type: String }) rotationRule: string | null;
  @ApiProperty({ nullable: true, type: String }) scoringRule: string | null;
  @ApiProperty({ nullable: true, type: String }) quotaRule: string | null;
  @ApiProperty() version: number;
}
