import { ApiProperty } from '@nestjs/swagger';
import { BoolField, DateField, IntField, ReasonField, TextField } from '../../common/validation/fields';

/** Fields optional both when recording a version and when changing one. */
class RegulationOptionalFields {
  @IntField({ presence: 'nullable', min: 1, max: 10000, description: 'Số thành viên có mặt cần có (phần vạn tổng số thành viên); để trống: quy chế không quy định.' }) quorum?: number | null;
  @BoolField({ presence: 'nullable', description: 'Quy chế tính ý kiến bằng văn bản của thành viên vắng mặt vào kết quả bỏ phiếu kín (true/false); để trống: quy chế không quy định (không tính).' }) writtenOpinionsCounted?: boolean | null;
  @TextField({ presence: 'nullable', max: 1000 }) rotationRule?: string | null;
  @TextField({ presence: 'nullable', max: 1000 }) scoringRule?: string | null;
  @TextField({ presence: 'nullable', max: 1000 }) quotaRule?: string | null;
}

// Each class declares its own presence rules: a required field is never inherited as optional (class-validator
// would keep the parent's IsOptional and let a missing value through).
export class CreateRegulationDto extends RegulationOptionalFields {
  @TextField({ max: 500, example: 'Quy chế hoạt động của Cụm thi đua số 6 (ban hành kèm theo Biên bản hội nghị ngày 20/02/2020)' }) title: string;
  @DateField({ notFuture: true, example: '2020-02-20' }) adoptedOn: string;
  @DateField({ example: '2020-02-20' }) effectiveFrom: string;
  @IntField({ min: 1, max: 10000, example: 8000, description: 'Tỷ lệ đồng ý trên tổng số thành viên cho Cờ thi đua (phần vạn).' }) flagShare: number;
  @BoolField({ description: 'true: phải vượt tỷ lệ ("trên"); false: đạt là đủ ("từ … trở lên").' }) flagStrictlyAbove: boolean;
  @IntField({ min: 1, max: 10000, example: 5000 }) meritShare: number;
  @BoolField() meritStrictlyAbove: boolean;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class UpdateRegulationDto extends RegulationOptionalFields {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @TextField({ presence: 'optional', max: 500 }) title?: string;
  @DateField({ presence: 'optional', notFuture: true }) adoptedOn?: string;
  @DateField({ presence: 'optional' }) effectiveFrom?: string;
  @IntField({ presence: 'optional', min: 1, max: 10000 }) flagShare?: number;
  @BoolField({ presence: 'optional' }) flagStrictlyAbove?: boolean;
  @IntField({ presence: 'optional', min: 1, max: 10000 }) meritShare?: number;
  @BoolField({ presence: 'optional' }) meritStrictlyAbove?: boolean;
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
  @ApiProperty({ nullable: true, type: Boolean }) writtenOpinionsCounted: boolean | null;
  @ApiProperty({ nullable: true, type: String }) rotationRule: string | null;
  @ApiProperty({ nullable: true, type: String }) scoringRule: string | null;
  @ApiProperty({ nullable: true, type: String }) quotaRule: string | null;
  @ApiProperty() version: number;
}
