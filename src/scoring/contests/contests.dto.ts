import { ApiProperty } from '@nestjs/swagger';
import { DateField, DecimalField, EnumField, IntField, ReasonField, TextField, UuidField } from '../../common/validation/fields';

export class OpenRoundDto {
  @DateField({ description: 'Hạn cuối nhận giải trình (YYYY-MM-DD, tính cả ngày này).' }) until: string;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class CreateContestDto {
  @UuidField({ presence: 'optional', description: 'Đơn vị giải trình, khi tài khoản kế thừa nhiều đơn vị thành viên.' }) unitId?: string;
  @TextField({ max: 20, example: 'TC2' }) criterionCode: string;
  @TextField({ max: 4000, description: 'Nội dung giải trình.' }) explanation: string;
  @TextField({ presence: 'nullable', max: 1000, description: 'Minh chứng (văn bản, số liệu, đường dẫn tệp đã nộp).' }) evidence?: string | null;
}

export const CONTEST_DECISIONS = ['ACCEPT', 'KEEP'] as const;

export class AnswerContestDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @EnumField(CONTEST_DECISIONS, { description: 'ACCEPT: chấp nhận với điểm mới; KEEP: giữ nguyên điểm (kèm lý do).' }) decision: (typeof CONTEST_DECISIONS)[number];
  @DecimalField({ presence: 'optional', min: -10000, max: 10000, decimals: 2, description: 'Chấp nhận, tiêu chí chấm điểm trực tiếp: điểm mới.' }) points?: number;
  @DecimalField({ presence: 'optional', min: 0, max: 1_000_000_000, decimals: 2, description: 'Chấp nhận, tiêu chí tính từ kết quả: kết quả mới.' }) achieved?: number;
  @ReasonField() answer: string;
}

export class ContestView {
  @ApiProperty() id: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() criterionCode: string;
  @ApiProperty() pointsBefore: number;
  @ApiProperty() explanation: string;
  @ApiProperty({ nullable: true, type: String }) evidence: string | null;
  @ApiProperty() status: string;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ nullable: true, type: Number }) pointsAfter: number | null;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;
}

export class ContestPointView {
  @ApiProperty() code: string;
  @ApiProperty() text: string;
  @ApiProperty() maxPoints: number;
  @ApiProperty({ nullable: true, type: Number }) points: number | null;
}

export class ExplanationRoundView {
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiProperty() open: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Đơn vị xem điểm (đơn vị của tài khoản).' }) unitId: string | null;
  @ApiProperty({ type: [ContestPointView], description: 'Điểm tạm thời theo từng tiêu chí của đơn vị (phiếu điểm cụm).' }) points: ContestPointView[];
  @ApiProperty({ type: [ContestView] }) contests: ContestView[];
}
