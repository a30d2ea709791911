import { ApiProperty } from '@nestjs/swagger';
import { BoolField, DecimalField, IntField, NestedArrayField, ReasonField, TextField, UuidField } from '../common/validation/fields';
import { FORMULAS, Formula, MEASURES, Measure } from './measure.rules';

export class CriterionTargetDto {
  @TextField({ max: 20, example: 'TC3' }) criterionCode: string;
  @UuidField() unitId: string;
  @DecimalField({ presence: 'nullable', min: 0.01, max: 1_000_000_000, decimals: 2, description: 'Chỉ tiêu của đơn vị (tiêu chí định lượng).' }) target?: number | null;
  @TextField({ presence: 'nullable', max: 500, description: 'Lý do tiêu chí không áp dụng cho đơn vị (để trống nếu áp dụng).' }) notApplicableReason?: string | null;
}

export class ReplaceTargetsDto {
  @IntField({ min: 1, max: 2_147_483_647, description: 'Phiên bản (version) của bộ chỉ tiêu đã đọc (GET …/criteria/targets): hai người sửa cùng lúc, người sau nhận 409.' }) version: number;
  @ReasonField({ presence: 'optional' }) reason?: string;
  @BoolField({ presence: 'optional', description: 'Xác nhận hủy các chữ ký khi sửa chỉ tiêu của bản giao ước đang ký.' }) confirmResetSignatures?: boolean;
  @NestedArrayField(() => CriterionTargetDto, { maxItems: 5000 }) targets: CriterionTargetDto[];
}

export class TargetCriterionView {
  @ApiProperty() code: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: MEASURES }) measure: Measure;
  @ApiProperty({ enum: FORMULAS, nullable: true }) formula: Formula | null;
  @ApiProperty({ nullable: true, type: String }) factUnit: string | null;
  @ApiProperty({ description: 'Cần chỉ tiêu theo đơn vị (định lượng, trừ tính theo khung).' }) needsTarget: boolean;
}

export class TargetUnitView {
  @ApiProperty() unitId: string;
  @ApiProperty() name: string;
}

export class CriterionTargetView {
  @ApiProperty() criterionCode: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ nullable: true, type: Number }) target: number | null;
  @ApiProperty({ nullable: true, type: String }) notApplicableReason: string | null;
}

export class CriteriaTargetsView {
  @ApiProperty() setId: string;
  @ApiProperty() versionNo: number;
  @ApiProperty({ description: 'Phiên bản để gửi lại khi sửa (PUT).' }) version: number;
  @ApiProperty({ description: 'Khóa cùng bản giao ước: không sửa được nữa.' }) locked: boolean;
  @ApiProperty({ type: [TargetCriterionView] }) criteria: TargetCriterionView[];
  @ApiProperty({ type: [TargetUnitView] }) units: TargetUnitView[];
  @ApiProperty({ type: [CriterionTargetView] }) targets: CriterionTargetView[];
  @ApiProperty({ type: [String], description: 'Chỉ tiêu còn thiếu, ví dụ "TC3 — Công an tỉnh A".' }) missing: string[];
}
