import { UploadedFileView } from '../attachments/attachments.dto';
import { ApiProperty } from '@nestjs/swagger';
import { DateField, DecimalField, EnumField, IntField, NestedArrayField, ReasonField, TextField, UuidArrayField, UuidField } from '../common/validation/fields';
import { UnitRefView } from '../units/unit-ref';
import { ATTENDANCE, Attendance } from './award.entities';
import { AWARD_CODES, AwardCode } from './awards.rules';
import { PROPOSAL_STATUSES } from './proposals.rules';

export class QuotaItemDto {
  @EnumField(AWARD_CODES) award: AwardCode;
  @IntField({ min: 0, max: 50, example: 2 }) quota: number;
}

export class QuotasDto {
  @NestedArrayField(() => QuotaItemDto, { maxItems: 10 }) quotas: QuotaItemDto[];
  @IntField({ min: 0, max: 2_147_483_647, description: 'Phiên bản (version) của chỉ tiêu đã đọc; 0 khi chưa đặt lần nào.' }) version: number;
  @ReasonField() reason: string;
}

export class CreateMeetingDto {
  @DateField({ notFuture: true, description: 'Ngày họp bình xét.', example: '2020-03-06' }) heldOn: string;
  @TextField({ max: 200, example: 'Đắk Lắk' }) place: string;
  @TextField({ max: 200, description: 'Người chủ trì.' }) chairedBy: string;
  @TextField({ max: 200, description: 'Thư ký hội nghị (người ghi biên bản).' }) minutesBy: string;
  @TextField({ presence: 'nullable', max: 8000 }) conclusions?: string | null;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class AttendanceItemDto {
  @UuidField() unitId: string;
  @EnumField(ATTENDANCE, { description: 'PRESENT: có mặt; WRITTEN_OPINION: vắng, có ý kiến bằng văn bản; ABSENT: vắng.' }) status: Attendance;
  @TextField({ presence: 'nullable', max: 200 }) representative?: string | null;
  @DecimalField({ presence: 'nullable', min: 0, max: 100, decimals: 2, description: 'Tỷ lệ nữ của đơn vị (%) năm bình xét, theo báo cáo của đơn vị; để trống nếu chưa có.' }) womenShare?: number | null;
}

export class AttendanceDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @NestedArrayField(() => AttendanceItemDto, { maxItems: 500 }) entries: AttendanceItemDto[];
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class BallotItemDto {
  @UuidField() unitId: string;
  @EnumField(AWARD_CODES) award: AwardCode;
  @IntField({ min: 0, max: 1000 }) votesFor: number;
}

export class TieDecisionDto {
  @EnumField(AWARD_CODES) award: AwardCode;
  @UuidArrayField({ maxItems: 50, description: 'Các đơn vị được chọn vào vị trí đồng phiếu, theo quyết định của chủ trì.' }) unitIds: string[];
}

export class BallotsDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @NestedArrayField(() => BallotItemDto, { maxItems: 500 }) ballots: BallotItemDto[];
  @NestedArrayField(() => TieDecisionDto, { presence: 'optional', maxItems: 10 }) tieDecisions?: TieDecisionDto[];
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class CandidateView {
  @ApiProperty({ type: UnitRefView }) unit: UnitRefView;
  @ApiProperty() votesFor: number;
  @ApiProperty({ description: 'Tỷ lệ phiếu trên tổng số thành viên (phần vạn).' }) ratio: number;
  @ApiProperty({ example: '83,33%' }) ratioText: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Tỷ lệ phiếu tối thiểu theo quy định áp dụng cho năm (phần vạn); null khi năm không có quy định nào áp dụng (không ứng viên nào đạt).' }) required: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'trên 50%', description: 'Mức yêu cầu bằng lời: "trên 50%" (phải vượt) hoặc "từ 80% trở lên" (đạt là đủ).' }) requiredText: string | null;
  @ApiProperty() passed: boolean;
  @ApiProperty() eligible: boolean;
  @ApiProperty() eligibilityReason: string;
  @ApiProperty() selected: boolean;
}

export class AwardResultView {
  @ApiProperty({ enum: AWARD_CODES }) award: AwardCode;
  @ApiProperty() awardLabel: string;
  @ApiProperty() quota: number;
  @ApiProperty({ description: 'false: quy chế của cụm quy định số thành viên có mặt tối thiểu mà hội nghị chưa đạt (không ứng viên nào đạt).' }) quorumMet: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'trên 50%', description: 'Mức đồng ý quy định áp dụng cho hình thức này (kể cả khi chưa có phiếu); null khi năm không có quy định nào áp dụng.' }) requiredText: string | null;
  @ApiProperty({ type: [CandidateView] }) candidates: CandidateView[];
  @ApiProperty({ type: [UnitRefView] }) tiedAtLastPlace: UnitRefView[];
}

export class MeetingView {
  @ApiProperty() id: string;
  @ApiProperty() clusterId: string;
  @ApiProperty() year: number;
  @ApiProperty() heldOn: string;
  @ApiProperty() place: string;
  @ApiProperty() chairedBy: string;
  @ApiProperty() minutesBy: string;
  @ApiProperty({ nullable: true, type: String }) conclusions: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Quy tắc bình xét của cụm áp dụng cho cuộc họp: quy chế hoạt động của cụm còn hiệu lực vào ngày họp, hoặc mức mặc định của hệ thống.' }) ruleBasis: string | null;
  @ApiProperty({ description: 'false: năm này không có quy định khen thưởng nào áp dụng (không có ngưỡng phiếu, không ứng viên nào đạt).' }) ruleInForce: boolean;
  @ApiProperty() memberCount: number;
  @ApiProperty() voters: number;
  @ApiProperty({ type: Object }) attendance: Array<{ unit: UnitRefView; status: Attendance; statusLabel: string; representative: string | null; womenShare: number | null }>;
  @ApiProperty({ type: [AwardResultView] }) results: AwardResultView[];
  @ApiProperty() version: number;
}

export class CreateProposalDto {
  @EnumField(AWARD_CODES) award: AwardCode;
  @UuidField() unitId: string;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class ProposalActionDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField({ presence: 'optional' }) reason?: string;
  @TextField({ presence: 'optional', max: 60, example: '123/QĐ-BTTTT', description: 'Số quyết định khen thưởng (khi phê duyệt).' }) decisionNumber?: string;
  @DateField({ presence: 'optional', notFuture: true, description: 'Ngày quyết định (khi phê duyệt).' }) decisionDate?: string;
  @DateField({ presence: 'optional', notPast: true, description: 'Hạn gửi bổ sung (khi trả lại; không bắt buộc).' }) resubmitBy?: string;
}

export class SendItemDto {
  @UuidField() id: string;
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
}

/** The confirmed proposals the cluster sends together: one sending, one Tờ trình. */
export class SendProposalsDto {
  @NestedArrayField(() => SendItemDto, { maxItems: 50, minItems: { count: 1, message: 'Chọn ít nhất một đề nghị để gửi.' } }) proposals: SendItemDto[];
  @DateField({ presence: 'optional', notFuture: true, example: '2020-03-10', description: 'Ngày ban hành tờ trình gửi kèm (năm nhập lại sau khi đã qua: như trên văn bản gốc; mặc định: ngày gửi).' }) issuedOn?: string;
}

export class ProposalQueryDto {
  @IntField({ presence: 'optional', min: 2000, max: 2100, query: true }) year?: number;
  @UuidField({ presence: 'optional' }) clusterId?: string;
  @EnumField(AWARD_CODES, { presence: 'optional' }) award?: AwardCode;
  @EnumField(['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'REJECTED'] as const, { presence: 'optional' }) status?: string;
  @IntField({ presence: 'optional', min: 0, max: 3650, query: true, description: 'Chỉ các đề nghị đã gửi từ ít nhất N ngày.' }) olderThanDays?: number;
  @IntField({ presence: 'optional', min: 1, max: 200, query: true, description: 'Số đề nghị một trang (không ghi: tất cả). Tổng số đề nghị khớp bộ lọc ở tiêu đề X-Total-Count.' }) limit?: number;
  @IntField({ presence: 'optional', min: 0, max: 1_000_000, query: true, description: 'Bỏ qua bao nhiêu đề nghị đầu (dùng cùng limit).' }) offset?: number;
}

export class ElectionDto {
  @UuidField({ description: 'Cụm trưởng năm sau.' }) chairUnitId: string;
  @UuidField({ presence: 'nullable', description: 'Cụm phó năm sau.' }) viceChairUnitId?: string | null;
  @UuidField({ presence: 'nullable', description: 'Đơn vị đăng cai năm sau.' }) hostUnitId?: string | null;
  @IntField({ presence: 'optional', min: 1, max: 2_147_483_647, description: 'Bắt buộc khi năm sau đã có nhiệm kỳ (bầu lại): phiên bản đã đọc.' }) version?: number;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

// Response shapes for the OpenAPI document (the services return plain objects of these shapes).

export class AwardProposalView {
  @ApiProperty() id: string;
  @ApiProperty() clusterId: string;
  @ApiProperty() clusterName: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: AWARD_CODES }) award: AwardCode;
  @ApiProperty() awardLabel: string;
  @ApiProperty({ type: UnitRefView }) unit: UnitRefView;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status: string;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ description: 'Cơ quan nhận đề nghị, một từ: "Bộ", "Sở" hoặc "cơ quan tổ chức" (theo cơ quan tổ chức cụm).' }) sentTo: string;
  @ApiProperty() votesFor: number;
  @ApiProperty({ example: '83,33%' }) approvalText: string;
  @ApiProperty() basisNote: string;
  @ApiProperty({ nullable: true, type: String }) reviewNote: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Hạn gửi bổ sung Bộ đặt khi trả lại (chỉ khi đang bị trả lại).' }) resubmitBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Nội dung cụm đã bổ sung khi gửi lại đề nghị bị trả lại.' }) supplementNote: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionDate: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Số ngày (theo giờ Việt Nam) từ lần gửi Bộ gần nhất; null khi còn là dự thảo.' }) daysSinceSubmitted: number | null;
  @ApiProperty({ description: 'Số ngày (theo giờ Việt Nam) ở trạng thái hiện tại, kể từ bước xử lý gần nhất.' }) daysInStatus: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Thời hạn xử lý (số ngày) do cơ quan tổ chức đặt; null: chưa đặt.' }) serviceLevelDays: number | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Hồ sơ đang chờ Bộ (đã gửi, đang thẩm định) đã quá thời hạn xử lý; null khi không đang chờ Bộ hoặc chưa đặt thời hạn.' }) overServiceLevel: boolean | null;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

export class ProposalSuggestionView {
  @ApiProperty({ enum: AWARD_CODES }) award: AwardCode;
  @ApiProperty() awardLabel: string;
  @ApiProperty() quota: number;
  @ApiProperty({ type: [UnitRefView], description: 'Các đơn vị được chọn trong chỉ tiêu.' }) units: UnitRefView[];
  @ApiProperty({ type: [UnitRefView] }) tiedAtLastPlace: UnitRefView[];
}

export class AwardHistoryItemView {
  @ApiProperty() year: number;
  @ApiProperty({ enum: AWARD_CODES }) award: AwardCode;
  @ApiProperty() awardLabel: string;
  @ApiProperty() decisionNumber: string;
  @ApiProperty() decisionDate: string;
  @ApiProperty() clusterId: string;
  @ApiProperty() clusterName: string;
  @ApiProperty({ description: 'Đơn vị được khen (có thể là đơn vị tiền thân, dưới tên lúc được khen).' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: 'Khen thưởng của đơn vị tiền thân (trước sáp nhập).' }) predecessor: boolean;
}

export class AwardQuotasView {
  @ApiProperty({ example: 1 }) EMULATION_FLAG: number;
  @ApiProperty({ example: 2 }) CERTIFICATE_OF_MERIT: number;
  @ApiProperty({ example: 1, description: 'Phiên bản của chỉ tiêu (0: chưa đặt, đang dùng mặc định).' }) version: number;
}

export type QuotasView = Record<AwardCode, number> & { version: number };

export class AchievementReportView extends UploadedFileView {}

export class CatalogueAwardView {
  @ApiProperty({ enum: AWARD_CODES }) code: AwardCode;
  @ApiProperty() name: string;
  @ApiProperty() conferredBy: string;
  @ApiProperty() legalBasis: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Hệ số tiền thưởng hôm nay (lần mức lương cơ sở), theo danh mục pháp lý.' }) rewardMultiple: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Tiền thưởng hôm nay (đồng/tập thể); null khi số liệu còn là giả định.' }) rewardVnd: number | null;
  @ApiProperty({ description: 'Câu về tiền thưởng như in trong quyết định.' }) rewardText: string;
}

export class MinApprovalView {
  @ApiProperty({ description: 'Tỷ lệ phiếu tối thiểu (phần vạn).' }) EMULATION_FLAG: number;
  @ApiProperty({ description: 'Tỷ lệ phiếu tối thiểu (phần vạn).' }) CERTIFICATE_OF_MERIT: number;
}

export class StrictlyAboveView {
  @ApiProperty({ description: 'true: phải vượt tỷ lệ (trên); false: đạt tỷ lệ là đủ (từ … trở lên).' }) EMULATION_FLAG: boolean;
  @ApiProperty({ description: 'true: phải vượt tỷ lệ (trên); false: đạt tỷ lệ là đủ (từ … trở lên).' }) CERTIFICATE_OF_MERIT: boolean;
}

export class CatalogueRuleVersionView {
  @ApiProperty() basis: string;
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true, type: String }) validTo: string | null;
  @ApiProperty({ type: MinApprovalView }) minApproval: MinApprovalView;
  @ApiProperty({ type: StrictlyAboveView }) strictlyAbove: StrictlyAboveView;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class CatalogueView {
  @ApiProperty({ nullable: true, type: Number, description: 'Mức lương cơ sở hôm nay theo danh mục pháp lý.' }) baseSalaryVnd: number | null;
  @ApiProperty({ type: [CatalogueAwardView] }) awards: CatalogueAwardView[];
  @ApiProperty({ type: [CatalogueRuleVersionView] }) ruleVersions: CatalogueRuleVersionView[];
}

/** The issue date of the submission and list (Ngày ban hành): not before the meeting, not after today; today by default. */
export class DossierQueryDto {
  @DateField({ presence: 'optional', query: true, notFuture: true, example: '2020-01-15', description: 'Ngày ban hành tờ trình và danh sách (mặc định: ngày của tờ trình đã ban hành, chưa có thì ngày gửi đề nghị, chưa gửi thì hôm nay; năm nhập lại phải ghi; không trước ngày họp bình xét).' }) issuedOn?: string;
  @EnumField(['1'] as const, { presence: 'optional', query: true, description: '1: hiển thị trong khung trang thay vì tải về.' }) inline?: '1';
}

/** The planned date of the decision (Ngày quyết định dự kiến): the texts and the reward amounts are those in force then. */
export class DecisionDraftQueryDto {
  @IntField({ min: 2000, max: 2100, query: true, example: 2019 }) year: number;
  @DateField({ presence: 'optional', query: true, example: '2020-01-20', description: 'Ngày quyết định dự kiến (mặc định: ngày quyết định đã ghi khi phê duyệt, chưa có thì hôm nay): căn cứ pháp lý và mức tiền thưởng theo ngày này; bản dự thảo để trống ngày tháng.' }) decidedOn?: string;
}
