import { ApiProperty } from '@nestjs/swagger';
import { BoolField, DecimalField, EnumField, IntField, NestedArrayField, ReasonField, TextField } from '../common/validation/fields';
import { CRITERION_KINDS, CriterionKind } from './criteria.rules';
import { FORMULAS, Formula, MEASURES, Measure } from './measure.rules';

export class MeasureBandDto {
  @DecimalField({ min: 0, max: 1_000_000_000, decimals: 2, description: 'Kết quả từ (bao gồm).' }) from: number;
  @DecimalField({ min: 0, max: 1000, decimals: 2, description: 'Điểm của khung.' }) points: number;
}

const CODE = /^[\p{Lu}0-9][\p{L}0-9._-]{0,19}$/u;

export class CriterionItemDto {
  @TextField({ max: 20, pattern: CODE, patternMessage: 'Mã tiêu chí bắt đầu bằng chữ in hoa hoặc số, gồm chữ, số, dấu chấm hoặc gạch, ví dụ "TC1" hoặc "TC1.a".', example: 'TC1' })
  code: string;
  @TextField({ max: 4000, example: 'Thực hiện nhiệm vụ là đầu mối triển khai Chính quyền điện tử tại địa phương.' }) text: string;
  @TextField({ presence: 'nullable', max: 4000, description: 'Hướng dẫn chấm điểm.' }) guidance?: string | null;
  @DecimalField({ min: 0.01, max: 1000, decimals: 2, example: 15, description: 'Điểm tối đa (điểm trừ: mức trừ tối đa).' }) maxPoints: number;
  @EnumField(CRITERION_KINDS, { description: 'SCORED: chấm điểm; BONUS: điểm thưởng; PENALTY: điểm trừ.' }) kind: CriterionKind;
  @BoolField({ description: 'Có yêu cầu tài liệu minh chứng.' }) evidenceRequired: boolean;
  @EnumField(MEASURES, { presence: 'optional', description: 'POINTS: chấm điểm trực tiếp (mặc định); QUANTITATIVE: định lượng theo chỉ tiêu; PASS_FAIL: đạt/không đạt; PER_COUNT: tính theo số lần.' })
  measure?: Measure;
  @EnumField(FORMULAS, { presence: 'nullable', description: 'Định lượng: PROPORTIONAL, RELATIVE_TO_LEADER hoặc BANDED.' }) formula?: Formula | null;
  @DecimalField({ presence: 'nullable', min: 0.01, max: 1000, decimals: 2, description: 'Tính theo số lần: điểm mỗi lần.' }) perCount?: number | null;
  @NestedArrayField(() => MeasureBandDto, { presence: 'nullable', maxItems: 10 }) bands?: MeasureBandDto[] | null;
  @TextField({ presence: 'nullable', max: 30, example: 'vụ', description: 'Đơn vị tính của kết quả.' }) factUnit?: string | null;
  @NestedArrayField(() => CriterionItemDto, { presence: 'optional', maxItems: 50 }) children?: CriterionItemDto[];
}

export const CRITERIA_SOURCES = ['TEMPLATE', 'PREVIOUS_YEAR', 'EMPTY'] as const;
export type CriteriaSource = (typeof CRITERIA_SOURCES)[number];

export class CreateCriteriaDto {
  @EnumField(CRITERIA_SOURCES, { description: 'TEMPLATE: từ mẫu; PREVIOUS_YEAR: sao chép năm trước; EMPTY: bộ trống.' })
  from: CriteriaSource;
  @TextField({ presence: 'optional', max: 40, example: 'CUM6-2020' }) templateCode?: string;
  @TextField({ presence: 'optional', max: 300 }) title?: string;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class ReplaceCriteriaDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField() reason: string;
  @BoolField({ presence: 'optional', description: 'Xác nhận hủy các chữ ký khi sửa bộ tiêu chí của bản giao ước đang ký.' })
  confirmResetSignatures?: boolean;
  @TextField({ presence: 'optional', max: 300 }) title?: string;
  @DecimalField({ min: 0.01, max: 10000, decimals: 2, example: 100, description: 'Tổng điểm các tiêu chí chấm điểm.' }) totalPoints: number;
  @NestedArrayField(() => CriterionItemDto, { maxItems: 100 }) items: CriterionItemDto[];
}

export class AmendCriteriaDto {
  @IntField({ min: 1, max: 2_147_483_647, description: 'Phiên bản bộ tiêu chí được sửa đổi (phiên bản hiện hành đã đọc).' }) versionNo: number;
  @ReasonField() reason: string;
  @TextField({ presence: 'optional', max: 300 }) title?: string;
  @DecimalField({ min: 0.01, max: 10000, decimals: 2 }) totalPoints: number;
  @NestedArrayField(() => CriterionItemDto, { maxItems: 100 }) items: CriterionItemDto[];
}

export class CriterionView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: String }) guidance: string | null;
  @ApiProperty() maxPoints: number;
  @ApiProperty({ enum: CRITERION_KINDS }) kind: CriterionKind;
  @ApiProperty() kindLabel: string;
  @ApiProperty() evidenceRequired: boolean;
  @ApiProperty({ enum: MEASURES }) measure: Measure;
  @ApiProperty() measureLabel: string;
  @ApiProperty({ enum: FORMULAS, nullable: true }) formula: Formula | null;
  @ApiProperty({ nullable: true, type: Number }) perCount: number | null;
  @ApiProperty({ nullable: true, type: [MeasureBandDto] }) bands: MeasureBandDto[] | null;
  @ApiProperty({ nullable: true, type: String }) factUnit: string | null;
  @ApiProperty({ type: () => [CriterionView] }) children: CriterionView[];
}

export class CriteriaSetView {
  @ApiProperty() id: string;
  @ApiProperty() clusterId: string;
  @ApiProperty() year: number;
  @ApiProperty() versionNo: number;
  @ApiProperty() title: string;
  @ApiProperty() totalPoints: number;
  @ApiProperty() origin: string;
  @ApiProperty({ nullable: true, type: String }) amendmentReason: string | null;
  @ApiProperty() locked: boolean;
  @ApiProperty({ nullable: true, type: String }) lockedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: [CriterionView] }) items: CriterionView[];
}

export class CriteriaVersionView {
  @ApiProperty() versionNo: number;
  @ApiProperty() origin: string;
  @ApiProperty({ nullable: true, type: String }) amendmentReason: string | null;
  @ApiProperty({ nullable: true, type: String }) lockedAt: string | null;
  @ApiProperty() createdAt: string;
}

export class CriteriaTemplateView {
  @ApiProperty({ example: 'CUM6-2020' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty() criteriaCount: number;
  @ApiProperty() totalPoints: number;
}

/** Where a new set of a year can start from. */
export class CriteriaChoicesView {
  @ApiProperty({ type: [CriteriaTemplateView] }) templates: CriteriaTemplateView[];
  @ApiProperty({ nullable: true, type: Number, description: 'Năm trước có bộ tiêu chí để sao chép (hoặc null).' }) previousYear: number | null;
}
