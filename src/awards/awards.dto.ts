import { ApiProperty } from '@nestjs/swagger';
import { DateField, EnumField, IntField, NestedArrayField, ReasonField, TextField, UuidArrayField, UuidField } from '../common/validation/fields';
import { UnitRefView } from '../leadership/leadership.dto';
import { ATTENDANCE, Attendance } from './award.entities';
import { AWARD_CODES, AwardCode } from './awards.rules';

export class QuotaItemDto {
  @EnumField(AWARD_CODES) award: AwardCode;
  @IntField({ min: 0, max: 50, example: 2 }) quota: number;
}

export class QuotasDto {
  @NestedArrayField(() => QuotaItemDto, { maxItems: 10 }) quotas: QuotaItemDto[];
  @ReasonField() reason: string;
}

export class CreateMeetingDto {
  @DateField({ description: 'Ngày họp bình xét.', example: '2020-03-06' }) heldOn: string;
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
  @ApiProperty() required: number;
  @ApiProperty() passed: boolean;
  @ApiProperty() eligible: boolean;
  @ApiProperty() eligibilityReason: string;
  @ApiProperty() selected: boolean;
}

export class AwardResultView {
  @ApiProperty({ enum: AWARD_CODES }) award: AwardCode;
  @ApiProperty() awardLabel: string;
  @ApiProperty() quota: number;
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
  @ApiProperty({ nullable: true, type: String, description: 'Căn cứ pháp lý của quy tắc áp dụng cho năm.' }) ruleBasis: string | null;
  @ApiProperty() memberCount: number;
  @ApiProperty() voters: number;
  @ApiProperty({ type: Object }) attendance: Array<{ unit: UnitRefView; status: Attendance; statusLabel: string; representative: string | null }>;
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
  @DateField({ presence: 'optional', description: 'Ngày quyết định (khi phê duyệt).' }) decisionDate?: string;
}

export class ProposalQueryDto {
  @IntField({ presence: 'optional', min: 2000, max: 2100, query: true }) year?: number;
  @UuidField({ presence: 'optional' }) clusterId?: string;
  @EnumField(AWARD_CODES, { presence: 'optional' }) award?: AwardCode;
  @EnumField(['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'REJECTED'] as const, { presence: 'optional' }) status?: string;
  @IntField({ presence: 'optional', min: 0, max: 3650, query: true, description: 'Chỉ các đề nghị đã gửi từ ít nhất N ngày.' }) olderThanDays?: number;
}

export class ElectionDto {
  @UuidField({ description: 'Cụm trưởng năm sau.' }) chairUnitId: string;
  @UuidField({ presence: 'nullable', description: 'Cụm phó năm sau.' }) viceChairUnitId?: string | null;
  @UuidField({ presence: 'nullable', description: 'Đơn vị đăng cai năm sau.' }) hostUnitId?: string | null;
  @ReasonField({ presence: 'optional' }) reason?: string;
}
