import { UploadedFileView } from '../attachments/attachments.dto';
import { ApiProperty } from '@nestjs/swagger';
import { BoolField, DecimalField, EnumField, IntField, NestedArrayField, ReasonField, TextField, UuidField } from '../common/validation/fields';
import { UnitRefView } from '../units/unit-ref';
import { BAND_CODES, BandCode } from './bands.rules';
import { FINAL_SCORE_RULES, FinalScoreRule, SCORER_KINDS, ScorerKind } from './ranking.rules';
import { PEER_MODES, PeerMode } from './scoring-config.entity';
import { NORMALIZE_METHODS, NormalizeMethod } from './normalization.rules';
import { SHEET_STATUSES, SheetStatus } from './score-sheet.entity';

export class BandDto {
  @DecimalField({ min: 0, max: 10000, decimals: 2, example: 95 }) minPoints: number;
  @TextField({ max: 100, example: 'Hoàn thành xuất sắc nhiệm vụ' }) label: string;
  @EnumField(BAND_CODES, {
    presence: 'nullable',
    description:
      'Mã mức xếp loại, cố định khi đổi tên: EXCELLENT (hoàn thành xuất sắc nhiệm vụ), GOOD (hoàn thành tốt), COMPLETED (hoàn thành), NOT_COMPLETED (không hoàn thành). Bỏ trống: lấy theo tên nếu là tên thông dụng của một mức; null: mức tùy chỉnh, không dùng để xét khen thưởng.',
  })
  code?: BandCode | null;
}

export class ScoringConfigDto {
  @EnumField(FINAL_SCORE_RULES, { description: 'CLUSTER: điểm cụm thống nhất; PEER_MEAN: trung bình chấm chéo; PEER_TRIMMED_MEAN: bỏ cao nhất và thấp nhất khi có từ 4 phiếu.' })
  rule: FinalScoreRule;
  @BoolField({ description: 'Chuẩn hóa điểm chấm chéo theo từng người chấm.' }) normalize: boolean;
  @EnumField(NORMALIZE_METHODS, {
    presence: 'optional',
    description: 'Cách chuẩn hóa: MEAN_SHIFT (dịch theo điểm trung bình), Z_SCORE (điểm chuẩn z), MIN_MAX (co giãn min–max). Bỏ trống: giữ như đã lưu.',
  })
  normalizeMethod?: NormalizeMethod;
  @IntField({ presence: 'optional', min: 1, max: 50, example: 3, description: 'Chỉ chuẩn hóa phiếu của đơn vị đã chấm ít nhất chừng này đơn vị; ít hơn: giữ nguyên và cảnh báo.' })
  normalizeMinUnits?: number;
  @DecimalField({ min: 0, max: 1000, decimals: 2, example: 5, description: 'Cảnh báo khi tự chấm cao hơn điểm cuối cùng quá mức này.' }) selfMargin: number;
  @DecimalField({ min: 0, max: 1000, decimals: 2, example: 10, description: 'Cảnh báo khi một phiếu chấm chéo lệch quá mức này.' }) peerOutlier: number;
  @NestedArrayField(() => BandDto, { maxItems: 10 }) bands: BandDto[];
  @EnumField(PEER_MODES, { description: 'ALL: chấm chéo tất cả; ROTATION: mỗi đơn vị chấm k đơn vị kế tiếp.' }) peerMode: PeerMode;
  @IntField({ min: 1, max: 50, example: 2 }) peerK: number;
  @BoolField({ presence: 'optional', description: 'Quy chế của cụm không cho hai đơn vị chấm chéo lẫn nhau.' }) forbidReciprocal?: boolean;
  @IntField({ presence: 'optional', min: 1, max: 2_147_483_647 }) version?: number;
  @ReasonField() reason: string;
}

export class CreateSheetDto {
  @UuidField({ description: 'Đơn vị được chấm.' }) targetUnitId: string;
  @EnumField(SCORER_KINDS, { description: 'SELF: tự chấm; PEER: chấm chéo; CLUSTER: điểm cụm; MINISTRY: thẩm định của Bộ.' }) kind: ScorerKind;
  @UuidField({ presence: 'optional', description: 'Chấm chéo: đơn vị chấm, khi tài khoản kế thừa nhiều đơn vị thành viên của năm (sau sáp nhập).' }) scorerUnitId?: string;
}

export class EntryDto {
  @TextField({ max: 20, example: 'TC1' }) code: string;
  @DecimalField({ presence: 'optional', min: -10000, max: 10000, decimals: 2, example: 14.5, description: 'Điểm (điểm trừ ghi số âm); tiêu chí tính từ kết quả: không nhập.' }) points?: number;
  @DecimalField({ presence: 'optional', min: 0, max: 1_000_000_000, decimals: 2, example: 120, description: 'Kết quả đạt được (tiêu chí định lượng, đạt/không đạt: 1/0, số lần): điểm do hệ thống tính.' })
  achieved?: number;
  @TextField({ presence: 'nullable', max: 1000, description: 'Ghi chú; với tiêu chí tính từ kết quả: căn cứ, minh chứng của kết quả.' }) note?: string | null;
}

export class SaveEntriesDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField({ presence: 'optional' }) reason?: string;
  @NestedArrayField(() => EntryDto, { maxItems: 200, minItems: { count: 1, message: 'Chưa có điểm nào để lưu: nhập điểm (hoặc kết quả) của ít nhất một tiêu chí.' } }) entries: EntryDto[];
}

export class SheetActionDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class ReturnSheetDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField() reason: string;
}

export class RemindScorersDto {
  @TextField({ presence: 'optional', max: 1000, multiline: true, description: 'Lời nhắn của thư ký cụm, kèm trong thông báo.' }) message?: string;
}

export class RemindView {
  @ApiProperty({ description: 'Các đơn vị được nhắc, mỗi đơn vị với các phiếu còn phải nộp.', type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, owes: { type: 'array', items: { type: 'string' } } } } })
  units: Array<{ id: string; name: string; owes: string[] }>;
  @ApiProperty({ description: 'Số người được báo bây giờ (0 khi các đơn vị đã được nhắc trong ngày).' }) notified: number;
}

export class FinalizeDto {
  @IntField({ min: 0, max: 2_147_483_647, description: 'Phiên bản (version) của cấu hình chấm điểm đã đọc (GET …/scoring/config); 0 khi cấu hình chưa được lưu (version null).' }) version: number;
  @ReasonField() reason: string;
  @BoolField({ presence: 'optional', description: 'Công bố dù còn thiếu phiếu (danh sách phiếu thiếu được trả về khi chưa xác nhận).' }) acceptMissing?: boolean;
}

export class ReopenDto {
  @IntField({ min: 1, max: 2_147_483_647, description: 'Phiên bản (version) của cấu hình chấm điểm đã đọc.' }) version: number;
  @ReasonField() reason: string;
}

export class EvidenceFormDto {
  @TextField({ presence: 'optional', max: 20, example: 'TC1', description: 'Mã tiêu chí của minh chứng.' }) criterionCode?: string;
  @IntField({ presence: 'optional', query: true, min: 1, max: 2_147_483_647, description: 'Phiếu đã nộp: phiên bản (version) của phiếu đã đọc.' }) version?: number;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class RemoveEvidenceDto {
  @ReasonField() reason: string;
  @IntField({ presence: 'optional', min: 1, max: 2_147_483_647, description: 'Phiếu đã nộp: phiên bản (version) của phiếu đã đọc (bắt buộc).' }) version?: number;
}

export class TemplateQueryDto {
  @EnumField(SCORER_KINDS, { description: 'Loại phiếu: SELF, PEER, CLUSTER, MINISTRY.' }) kind: ScorerKind;
}

export class SheetQueryDto {
  @UuidField({ presence: 'optional' }) targetUnitId?: string;
  @EnumField(SCORER_KINDS, { presence: 'optional' }) kind?: ScorerKind;
}

export class EntryView {
  @ApiProperty() code: string;
  @ApiProperty() text: string;
  @ApiProperty() maxPoints: number;
  @ApiProperty() kind: string;
  @ApiProperty({ nullable: true, type: Number }) points: number | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: 'POINTS: chấm điểm trực tiếp; khác: nhập kết quả, hệ thống tính điểm.' }) measure: string;
  @ApiProperty({ nullable: true, type: Number }) achieved: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Chỉ tiêu của đơn vị được chấm.' }) target: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Lý do tiêu chí không áp dụng cho đơn vị được chấm.' }) notApplicable: string | null;
}

export class TotalsView {
  @ApiProperty() total: number;
  @ApiProperty() bonus: number;
  @ApiProperty() penalty: number;
  @ApiProperty() criteriaAtMax: number;
}

export class SheetView {
  @ApiProperty() id: string;
  @ApiProperty() clusterId: string;
  @ApiProperty() year: number;
  @ApiProperty({ type: UnitRefView }) target: UnitRefView;
  @ApiProperty({ enum: SCORER_KINDS }) kind: ScorerKind;
  @ApiProperty() kindLabel: string;
  @ApiProperty({ type: UnitRefView, nullable: true }) scorer: UnitRefView | null;
  @ApiProperty({ enum: SHEET_STATUSES }) status: SheetStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ nullable: true, type: String }) returnReason: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lockedAt: string | null;
  @ApiProperty() criteriaVersionNo: number;
  @ApiProperty({ type: [EntryView] }) entries: EntryView[];
  @ApiProperty({ type: TotalsView }) totals: TotalsView;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

export class ScoringConfigView {
  @ApiProperty() clusterId: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: FINAL_SCORE_RULES }) rule: FinalScoreRule;
  @ApiProperty() ruleLabel: string;
  @ApiProperty() normalize: boolean;
  @ApiProperty({ enum: NORMALIZE_METHODS }) normalizeMethod: NormalizeMethod;
  @ApiProperty() normalizeMethodLabel: string;
  @ApiProperty() normalizeMinUnits: number;
  @ApiProperty() selfMargin: number;
  @ApiProperty() peerOutlier: number;
  @ApiProperty({ type: [BandDto] }) bands: BandDto[];
  @ApiProperty({ enum: PEER_MODES }) peerMode: PeerMode;
  @ApiProperty() peerK: number;
  @ApiProperty() forbidReciprocal: boolean;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ description: 'false: cấu hình mặc định, chưa lưu.' }) saved: boolean;
  @ApiProperty({ nullable: true, type: Number }) version: number | null;
}

export class AssignmentView {
  @ApiProperty({ type: UnitRefView }) scorer: UnitRefView;
  @ApiProperty({ type: [UnitRefView] }) targets: UnitRefView[];
}

export class FlagView {
  @ApiProperty({ enum: ['SELF_ABOVE_FINAL', 'PEER_OUTLIER', 'NOT_NORMALIZED'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) scorerId: string | null;
  @ApiProperty() gap: number;
  @ApiProperty() message: string;
}

export class RankingRowView {
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty() tie: boolean;
  @ApiProperty({ type: UnitRefView }) unit: UnitRefView;
  @ApiProperty({ type: TotalsView, nullable: true }) final: TotalsView | null;
  @ApiProperty({ nullable: true, type: Object, description: 'Điểm cuối cùng theo từng tiêu chí.' }) finalPoints: Record<string, number> | null;
  @ApiProperty({ nullable: true, type: String }) band: string | null;
  @ApiProperty({ nullable: true, enum: BAND_CODES, description: 'Mã của mức xếp loại (không đổi khi đổi tên mức).' }) bandCode: BandCode | null;
  @ApiProperty({ nullable: true, type: Number }) selfTotal: number | null;
  @ApiProperty() sheetsUsed: number;
  @ApiProperty({ type: [FlagView] }) flags: FlagView[];
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class NormalizedScorerView {
  @ApiProperty({ type: UnitRefView }) scorer: UnitRefView;
  @ApiProperty({ description: 'Số đơn vị đã chấm (phiếu đã gửi hoặc đã khóa).' }) units: number;
  @ApiProperty({ description: 'false: chấm ít hơn ngưỡng, phiếu giữ nguyên điểm.' }) applied: boolean;
}

export class NormalizationView {
  @ApiProperty({ enum: NORMALIZE_METHODS }) method: NormalizeMethod;
  @ApiProperty() methodLabel: string;
  @ApiProperty() minUnits: number;
  @ApiProperty({ type: [NormalizedScorerView] }) scorers: NormalizedScorerView[];
}

export class RankingView {
  @ApiProperty() clusterId: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: FINAL_SCORE_RULES }) rule: FinalScoreRule;
  @ApiProperty() ruleLabel: string;
  @ApiProperty() normalize: boolean;
  @ApiProperty() published: boolean;
  @ApiProperty({ type: NormalizationView, nullable: true, description: 'Chuẩn hóa đã áp dụng cho phiếu chấm chéo; null: không chuẩn hóa.' }) normalization: NormalizationView | null;
  @ApiProperty({ type: [RankingRowView] }) rows: RankingRowView[];
}

// Response shapes for the OpenAPI document (the services return plain objects of these shapes).

export class EvidenceFileView extends UploadedFileView {
  @ApiProperty() criterionCode: string;
}

export class ScoreUploadView {
  @ApiProperty() sheetsCreated: number;
  @ApiProperty() sheetsUpdated: number;
  @ApiProperty() entriesChanged: number;
  @ApiProperty({ description: 'true: tệp không làm thay đổi điểm nào.' }) unchanged: boolean;
  @ApiProperty({ description: 'Mã băm SHA-256 của tệp đã tải lên.' }) sha256: string;
}

export class FinalizeView {
  @ApiProperty({ description: 'Số phiếu chấm đã khóa.' }) locked: number;
  @ApiProperty() publishedAt: string;
}
