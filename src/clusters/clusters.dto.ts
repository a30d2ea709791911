import { ApiProperty } from '@nestjs/swagger';
import { DateField, IntField, NestedArrayField, ReasonField, TextField, UuidField } from '../common/validation/fields';
import { UnitView } from '../units/units.dto';

const DOC_CODE = /^[\p{Lu}0-9][\p{Lu}0-9-]{0,19}$/u;
const DOC_CODE_MSG = 'Ký hiệu văn bản gồm chữ in hoa (có thể có dấu), số hoặc gạch ngang, ví dụ "CTĐ6".';

export class CreateClusterDto {
  @UuidField({ description: 'Cơ quan tổ chức cụm.' }) organizerId: string;
  @IntField({ min: 1, max: 999, example: 6 }) number: number;
  @TextField({ max: 200, example: 'Cụm thi đua số 6' }) name: string;
  @TextField({ max: 20, pattern: DOC_CODE, patternMessage: DOC_CODE_MSG, example: 'CTĐ6' }) documentCode: string;
  @UuidField({ presence: 'nullable', description: 'Cụm tiền thân: cụm của cơ quan tổ chức trước sắp xếp mà cụm này tiếp nối.' }) predecessorId?: string | null;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class UpdateClusterDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField() reason: string;
  @IntField({ presence: 'optional', min: 1, max: 999 }) number?: number;
  @TextField({ presence: 'optional', max: 200 }) name?: string;
  @TextField({ presence: 'optional', max: 20, pattern: DOC_CODE, patternMessage: DOC_CODE_MSG }) documentCode?: string;
}

export class ClusterQueryDto {
  @UuidField({ presence: 'optional' }) organizerId?: string;
}

export class ClusterView {
  @ApiProperty() id: string;
  @ApiProperty() organizerId: string;
  @ApiProperty() organizerName: string;
  @ApiProperty() number: number;
  @ApiProperty() name: string;
  @ApiProperty() documentCode: string;
  @ApiProperty({ nullable: true, type: String, description: 'Cụm tiền thân (trước sắp xếp).' }) predecessorId: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CreateDecisionDto {
  @UuidField() organizerId: string;
  @TextField({ max: 60, example: '123/QĐ-BTTTT' }) number: string;
  @DateField({ notFuture: true }) signedOn: string;
  @IntField({ min: 2000, max: 2100 }) effectiveYear: number;
  @TextField({ presence: 'nullable', max: 500 }) summary?: string | null;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class DecisionQueryDto {
  @UuidField({ presence: 'optional' }) organizerId?: string;
}

export class DecisionView {
  @ApiProperty() id: string;
  @ApiProperty() organizerId: string;
  @ApiProperty() number: string;
  @ApiProperty() signedOn: string;
  @ApiProperty() effectiveYear: number;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty() createdAt: string;
}

export class AddMemberDto {
  @UuidField() unitId: string;
  @IntField({ min: 2000, max: 2100, example: 2020 }) year: number;
  @UuidField({ presence: 'nullable', description: 'Quyết định phân cụm.' }) decisionId?: string | null;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class RemoveMemberDto {
  @IntField({ min: 1, max: 2_147_483_647, description: 'Phiên bản (version) của thành viên đã đọc.' }) version: number;
  @ReasonField() reason: string;
}

export class MemberQueryDto {
  @IntField({ presence: 'optional', min: 2000, max: 2100, query: true, example: 2020 }) year?: number;
}

export class MemberView {
  @ApiProperty() membershipId: string;
  @ApiProperty() year: number;
  @ApiProperty({ nullable: true, type: String }) decisionId: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNumber: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Ngày cuối là thành viên trong năm, khi đơn vị sáp nhập vào đơn vị khác giữa năm.' }) leftOn: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: UnitView }) unit: UnitView;
}

export class PhasesDto {
  @DateField({ presence: 'nullable', description: 'Ngày ký kết giao ước.' }) pledgeSigningOn?: string | null;
  @DateField({ presence: 'nullable', description: 'Ngày sơ kết 6 tháng.' }) midYearReviewOn?: string | null;
  @DateField({ presence: 'nullable', description: 'Ngày bắt đầu chấm điểm.' }) scoringOpensOn?: string | null;
  @DateField({ presence: 'nullable', description: 'Ngày kết thúc chấm điểm.' }) scoringClosesOn?: string | null;
  @DateField({ presence: 'nullable', description: 'Ngày họp bình xét.' }) reviewMeetingOn?: string | null;
  @DateField({ presence: 'nullable', description: 'Hạn gửi hồ sơ đề nghị khen thưởng.' }) proposalDeadline?: string | null;
}

export class CreateYearDto extends PhasesDto {
  @IntField({ min: 2000, max: 2100, example: 2020 }) year: number;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class UpdateYearDto extends PhasesDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField() reason: string;
}

export class YearView {
  @ApiProperty() id: string;
  @ApiProperty() clusterId: string;
  @ApiProperty() year: number;
  @ApiProperty({ nullable: true, type: String }) pledgeSigningOn: string | null;
  @ApiProperty({ nullable: true, type: String }) midYearReviewOn: string | null;
  @ApiProperty({ nullable: true, type: String }) scoringOpensOn: string | null;
  @ApiProperty({ nullable: true, type: String }) scoringClosesOn: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewMeetingOn: string | null;
  @ApiProperty({ nullable: true, type: String }) proposalDeadline: string | null;
  @ApiProperty() memberCount: number;
  @ApiProperty({ description: 'Năm được mở sau khi đã kết thúc (sau 31/3 năm sau): nhập lại dữ liệu của năm đã qua.' }) replay: boolean;
  @ApiProperty({ nullable: true, type: String }) replayNote: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class DivisionAssignmentDto {
  @UuidField({ description: 'Cụm thi đua.' }) clusterId: string;
  @UuidField({ description: 'Đơn vị thành viên.' }) unitId: string;
}

/** Phân cụm một năm theo một quyết định: mỗi đơn vị vào đúng một cụm của cơ quan tổ chức. */
export class DivisionDto {
  @IntField({ min: 2000, max: 2100, example: 2026 }) year: number;
  @NestedArrayField(() => DivisionAssignmentDto, { maxItems: 500, description: 'Các đơn vị và cụm của chúng trong năm.' }) assignments: DivisionAssignmentDto[];
  @ReasonField() reason: string;
}

export class DivisionQueryDto {
  @UuidField({ description: 'Cơ quan tổ chức cụm.' }) organizerId: string;
  @IntField({ min: 2000, max: 2100, query: true, example: 2026 }) year: number;
}

export class DivisionUnitView {
  @ApiProperty({ type: UnitView }) unit: UnitView;
  @ApiProperty({ nullable: true, type: String, description: 'Cụm mà đơn vị (hoặc đơn vị tiền thân) thuộc về gần nhất trước năm này.' }) previousCluster: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Tên đơn vị tiền thân trong cụm đó, nếu khác.' }) previousUnit: string | null;
}

export class DivisionEndedView {
  @ApiProperty({ type: UnitView }) unit: UnitView;
  @ApiProperty() clusterName: string;
  @ApiProperty({ nullable: true, type: String, description: 'Đơn vị kế thừa (nay là …).' }) successorName: string | null;
}

export class DivisionClusterView {
  @ApiProperty() clusterId: string;
  @ApiProperty() name: string;
  @ApiProperty() number: number;
  @ApiProperty({ type: [UnitView] }) members: UnitView[];
}

export class DivisionReportView {
  @ApiProperty() organizerId: string;
  @ApiProperty() organizerName: string;
  @ApiProperty() year: number;
  @ApiProperty({ nullable: true, type: String, description: 'Cơ quan không hoạt động đến cuối năm (đã kết thúc hoặc chưa thành lập): cơ quan nào phân cụm năm đó.' }) notice: string | null;
  @ApiProperty({ type: [DivisionClusterView] }) clusters: DivisionClusterView[];
  @ApiProperty({ type: [DivisionUnitView], description: 'Đơn vị đang hoạt động chưa được phân vào cụm nào của cơ quan trong năm.' }) leftOut: DivisionUnitView[];
  @ApiProperty({ type: [DivisionEndedView], description: 'Thành viên của năm đã kết thúc hoạt động trước cuối năm (sáp nhập, giải thể).' }) ended: DivisionEndedView[];
  @ApiProperty({ description: 'Mọi đơn vị đang hoạt động thuộc đúng một cụm.' }) complete: boolean;
}

/** Sáp nhập: the unit ends the day before `effectiveOn` and `successorId` takes it over. */
export class MergeUnitDto {
  @UuidField({ description: 'Đơn vị kế thừa (nhận sáp nhập).' }) successorId: string;
  @DateField({ description: 'Ngày sáp nhập có hiệu lực (đơn vị kết thúc hoạt động vào ngày hôm trước).' }) effectiveOn: string;
  @TextField({ max: 600, description: 'Căn cứ pháp lý (số, ngày, tên văn bản, điều khoản).' }) basis: string;
  @TextField({ presence: 'nullable', max: 1000, description: 'Ghi chú, giả định.' }) note?: string | null;
  @IntField({ min: 1, max: 2_147_483_647, description: 'Phiên bản của đơn vị đã đọc.' }) version: number;
  @ReasonField() reason: string;
}

export class MergeResultView {
  @ApiProperty({ type: UnitView }) unit: UnitView;
  @ApiProperty({ type: [Number], description: 'Các năm mà tư cách thành viên chuyển sang đơn vị kế thừa.' }) transferredYears: number[];
  @ApiProperty({ type: [Number], description: 'Các năm mà đơn vị kế thừa đã là thành viên: tư cách của đơn vị sáp nhập kết thúc.' }) closedYears: number[];
}
