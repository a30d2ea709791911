import { ApiProperty } from '@nestjs/swagger';
import { BoolField, DateField, EnumField, IntField, NestedArrayField, ReasonField, TextField, UuidField } from '../../common/validation/fields';
import { COUNCIL_ATTENDANCE, COUNCIL_ROLES, type CouncilAttendanceStatus, type CouncilRole } from './council.entities';

export class CreateCouncilMemberDto {
  @TextField({ max: 200, example: 'Nguyễn Văn A' }) name: string;
  @TextField({ max: 300, example: 'Thứ trưởng' }) position: string;
  @EnumField(COUNCIL_ROLES) role: CouncilRole;
  @DateField({ example: '2019-01-01' }) fromDate: string;
  @DateField({ presence: 'nullable' }) toDate?: string | null;
  @ReasonField() reason: string;
}

export class UpdateCouncilMemberDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @TextField({ presence: 'optional', max: 200 }) name?: string;
  @TextField({ presence: 'optional', max: 300 }) position?: string;
  @EnumField(COUNCIL_ROLES, { presence: 'optional' }) role?: CouncilRole;
  @DateField({ presence: 'optional' }) fromDate?: string;
  @DateField({ presence: 'nullable' }) toDate?: string | null;
  @ReasonField() reason: string;
}

export class CreateCouncilMeetingDto {
  @UuidField({ description: 'Cơ quan tổ chức (Bộ).' }) organizerId: string;
  @IntField({ min: 2000, max: 2100, example: 2019, description: 'Năm thi đua được xét.' }) year: number;
  @DateField({ notFuture: true, example: '2020-04-10' }) heldOn: string;
  @TextField({ max: 200, example: 'Hà Nội' }) place: string;
  @TextField({ max: 200, example: 'Vụ Thi đua – Khen thưởng' }) minutesBy: string;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class CouncilAttendanceEntryDto {
  @UuidField() memberId: string;
  @EnumField(COUNCIL_ATTENDANCE) status: CouncilAttendanceStatus;
}

export class CouncilAttendanceDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @NestedArrayField(() => CouncilAttendanceEntryDto, { maxItems: 100 }) entries: CouncilAttendanceEntryDto[];
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class CouncilBallotEntryDto {
  @UuidField() proposalId: string;
  @IntField({ min: 0, max: 100 }) votesFor: number;
  @BoolField({ presence: 'optional', description: 'Chủ tịch Hội đồng biểu quyết đồng ý (quyết định khi số phiếu bằng nhau).' }) chairFor?: boolean;
}

export class CouncilBallotsDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @NestedArrayField(() => CouncilBallotEntryDto, { maxItems: 200 }) ballots: CouncilBallotEntryDto[];
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class CloseCouncilMeetingDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @TextField({ presence: 'optional', max: 2000 }) conclusions?: string;
  @ReasonField() reason: string;
}

export class CouncilMemberView {
  @ApiProperty() id: string;
  @ApiProperty() organizerId: string;
  @ApiProperty() name: string;
  @ApiProperty() position: string;
  @ApiProperty({ enum: COUNCIL_ROLES }) role: string;
  @ApiProperty() roleLabel: string;
  @ApiProperty() fromDate: string;
  @ApiProperty({ nullable: true, type: String }) toDate: string | null;
  @ApiProperty() version: number;
}

export class CouncilAttendeeView extends CouncilMemberView {
  @ApiProperty({ enum: COUNCIL_ATTENDANCE, nullable: true, type: String }) status: string | null;
  @ApiProperty({ nullable: true, type: String }) statusLabel: string | null;
}

export class CouncilShareView {
  @ApiProperty() award: string;
  @ApiProperty({ nullable: true, type: String, example: 'từ 80% trở lên' }) requiredText: string | null;
  @ApiProperty({ description: 'Câu nêu căn cứ của tỷ lệ (in trong biên bản).' }) basisText: string;
  @ApiProperty({ nullable: true, type: String }) assumption: string | null;
}

export class CouncilBallotView {
  @ApiProperty() proposalId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() clusterName: string;
  @ApiProperty() award: string;
  @ApiProperty() awardLabel: string;
  @ApiProperty() proposalStatus: string;
  @ApiProperty({ nullable: true, type: Number }) votesFor: number | null;
  @ApiProperty() chairFor: boolean;
  @ApiProperty({ nullable: true, type: String }) ratioText: string | null;
  @ApiProperty({ nullable: true, type: String }) requiredText: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null: chưa biểu quyết, hoặc danh hiệu không có tỷ lệ của Hội đồng vào ngày họp.' }) passed: boolean | null;
  @ApiProperty() byChair: boolean;
}

export class CouncilMeetingView {
  @ApiProperty() id: string;
  @ApiProperty() organizerId: string;
  @ApiProperty() organizerName: string;
  @ApiProperty() year: number;
  @ApiProperty() heldOn: string;
  @ApiProperty() place: string;
  @ApiProperty() minutesBy: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) conclusions: string | null;
  @ApiProperty() version: number;
  @ApiProperty() memberCount: number;
  @ApiProperty() presentCount: number;
  @ApiProperty() votingCount: number;
  @ApiProperty() quorumMet: boolean;
  @ApiProperty({ type: [CouncilAttendeeView] }) members: CouncilAttendeeView[];
  @ApiProperty({ type: [CouncilShareView] }) shares: CouncilShareView[];
  @ApiProperty({ type: [CouncilBallotView] }) ballots: CouncilBallotView[];
}
