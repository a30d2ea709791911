import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { AWARD_CODES, AwardCode } from '../awards.rules';
import { EnumField, IntField, NestedArrayField, TextArrayField, TextField, UuidArrayField, UuidField } from '../../common/validation/fields';
import { UnitRefView } from '../../units/unit-ref';

export class OpenBallotDto {
  @EnumField(AWARD_CODES, { description: 'Danh hiệu bỏ phiếu.' }) award: AwardCode;
  @EnumField(['ONLINE', 'PAPER'] as const, { description: 'ONLINE: các đơn vị bỏ phiếu trên hệ thống; PAPER: phiếu giấy, hai người nhập kết quả kiểm phiếu.' }) mode: 'ONLINE' | 'PAPER';
}

export class CloseBallotDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @TextArrayField({ maxItems: 10, maxLength: 200, description: 'Ban kiểm phiếu: họ tên, chức vụ, đơn vị.' }) countingCommittee: string[];
}

export class CastBallotDto {
  @UuidArrayField({ maxItems: 50, description: 'Các ứng viên được đồng ý (tối đa bằng chỉ tiêu; có thể để trống).' }) choices: string[];
  @UuidField({ presence: 'optional', description: 'Đơn vị bỏ phiếu, khi tài khoản kế thừa nhiều đơn vị thành viên.' }) unitId?: string;
}

export class WrittenOpinionDto {
  @UuidField({ description: 'Thành viên vắng mặt có ý kiến bằng văn bản.' }) unitId: string;
  // A form sends one field per ticked box (a list); the API also takes them joined by commas.
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.join(',') : value))
  @TextField({ presence: 'optional', max: 2000, description: 'Các ứng viên được đồng ý theo văn bản, mã đơn vị cách nhau bởi dấu phẩy (để trống: không đồng ý ứng viên nào).' }) choices?: string;
}

export class CandidateVotesDto {
  @UuidField() unitId: string;
  @IntField({ min: 0, max: 1000 }) votes: number;
}

export class PaperCountDto {
  @IntField({ min: 0, max: 1000 }) issued: number;
  @IntField({ min: 0, max: 1000 }) returned: number;
  @IntField({ min: 0, max: 1000 }) valid: number;
  @IntField({ min: 0, max: 1000 }) invalid: number;
  @NestedArrayField(() => CandidateVotesDto, { maxItems: 50 }) votes: CandidateVotesDto[];
}

export class TieDecisionDto {
  @UuidArrayField({ maxItems: 50, description: 'Các đơn vị chủ trì chọn vào vị trí đồng phiếu cuối cùng trong chỉ tiêu.' }) unitIds: string[];
  @TextField({ max: 1000, description: 'Lý do quyết định của chủ trì hội nghị.' }) reason: string;
}

export class BallotCandidateView {
  @ApiProperty({ type: UnitRefView }) unit: UnitRefView;
  @ApiProperty({ nullable: true, type: Number, description: 'Số phiếu đồng ý, khi đã đóng phiên.' }) votes: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Tỷ lệ trên tổng số thành viên, khi đã đóng phiên.' }) shareText: string | null;
}

export class PublishedBallotView {
  @ApiProperty({ description: 'Mã biên nhận của phiếu.' }) receipt: string;
  @ApiProperty({ type: [UnitRefView], description: 'Các ứng viên được đồng ý trên phiếu.' }) approved: UnitRefView[];
}

export class BallotSessionView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: AWARD_CODES }) award: AwardCode;
  @ApiProperty() awardLabel: string;
  @ApiProperty({ enum: ['ONLINE', 'PAPER'] }) mode: 'ONLINE' | 'PAPER';
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status: 'OPEN' | 'CLOSED';
  @ApiProperty() quota: number;
  @ApiProperty() memberCount: number;
  @ApiProperty({ type: [BallotCandidateView] }) candidates: BallotCandidateView[];
  @ApiProperty({ type: Object, description: 'Danh sách đại biểu biểu quyết và đơn vị đã bỏ phiếu (không cho biết bỏ phiếu thế nào).' }) roll: Array<{ unit: UnitRefView; voted: boolean }>;
  @ApiProperty() votedCount: number;
  @ApiProperty({ nullable: true, type: Object, description: 'Số phiếu phát ra, thu về, hợp lệ, không hợp lệ (khi đã đóng).' }) figures: { issued: number; returned: number; valid: number; invalid: number } | null;
  @ApiProperty({ type: [PublishedBallotView], description: 'Các phiếu đã bỏ, theo mã biên nhận (công bố khi đã đóng phiên trực tuyến).' }) ballots: PublishedBallotView[];
  @ApiProperty({ type: [String] }) countingCommittee: string[];
  @ApiProperty({ type: Object, description: 'Nhập kết quả phiếu giấy: các lượt đã nhập (người nhập), không gồm số liệu.' }) paperEntries: Array<{ turn: number; enteredBy: string }>;
  @ApiProperty({ type: Object, description: 'Ý kiến bằng văn bản của thành viên vắng mặt (văn bản quét kèm theo); approved null khi phiên còn mở (công bố khi đóng phiên, như hòm phiếu).' }) writtenOpinions: Array<{ id: string; unit: UnitRefView; approved: UnitRefView[] | null; fileName: string }>;
  @ApiProperty({ description: 'Ý kiến bằng văn bản được tính vào kết quả: chỉ khi quy chế của cụm quy định.' }) writtenOpinionsCounted: boolean;
  @ApiProperty({ type: String, description: 'Cách tính ý kiến bằng văn bản, như quy chế quy định (hoặc không quy định).' }) writtenOpinionsNote: string;
  @ApiProperty({ nullable: true, type: String }) tieReason: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty() version: number;
}

export class ReceiptView {
  @ApiProperty({ description: 'Mã biên nhận: chỉ hiển thị một lần; dùng để đối chiếu phiếu của mình khi công bố kết quả.' }) receipt: string;
}
