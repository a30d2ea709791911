import { ApiProperty } from '@nestjs/swagger';
import { IntField } from '../common/validation/fields';
import { UnitView } from '../units/units.dto';

export class HistoryUnitRef {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ nullable: true, type: String }) activeTo: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Tên đơn vị kế thừa hiện nay (nay là …), khi đơn vị đã kết thúc hoạt động.' }) nowName: string | null;
  @ApiProperty({ description: 'Người xem mở được trang của đơn vị này (đơn vị trong phạm vi của mình).' }) opens: boolean;
}

export class HistoryAwardView {
  @ApiProperty() year: number;
  @ApiProperty() award: string;
  @ApiProperty() awardLabel: string;
  @ApiProperty({ type: HistoryUnitRef, description: 'Đơn vị được khen, dưới tên lúc được khen.' }) unit: HistoryUnitRef;
  @ApiProperty() clusterName: string;
  @ApiProperty({ description: 'Cơ quan tổ chức của cụm (hai cơ quan có thể cùng có "Cụm thi đua số 6").' }) organizerName: string;
  @ApiProperty() decisionNumber: string;
  @ApiProperty() decisionDate: string;
}

export class HistoryMembershipView {
  @ApiProperty() year: number;
  @ApiProperty() clusterId: string;
  @ApiProperty() clusterName: string;
  @ApiProperty() organizerName: string;
  @ApiProperty({ type: HistoryUnitRef, description: 'Đơn vị thành viên năm đó (chính đơn vị hoặc đơn vị tiền thân).' }) unit: HistoryUnitRef;
  @ApiProperty({ nullable: true, type: String }) leftOn: string | null;
  @ApiProperty({ description: 'Năm thi đua đã được mở trên hệ thống (có trang công việc của năm).' }) opened: boolean;
}

export class PredecessorView {
  @ApiProperty({ type: HistoryUnitRef }) unit: HistoryUnitRef;
  @ApiProperty({ description: 'Đơn vị mà nó sáp nhập vào (trực tiếp).' }) successorName: string;
  @ApiProperty({ nullable: true, type: String }) basis: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class HistoryScoreView {
  @ApiProperty() year: number;
  @ApiProperty() clusterId: string;
  @ApiProperty() clusterName: string;
  @ApiProperty({ type: HistoryUnitRef, description: 'Đơn vị được chấm năm đó (chính đơn vị hoặc đơn vị tiền thân), dưới tên lúc đó.' }) unit: HistoryUnitRef;
  @ApiProperty({ description: 'Điểm cuối cùng theo quy tắc tính điểm của cụm năm đó.' }) total: number;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty({ description: 'Số đơn vị trong bảng xếp hạng của cụm năm đó.' }) units: number;
  @ApiProperty({ nullable: true, type: String, description: 'Phân loại theo điểm của cụm.' }) band: string | null;
}

export class UnitHistoryView {
  @ApiProperty({ type: UnitView }) unit: UnitView;
  @ApiProperty({ type: [PredecessorView], description: 'Các đơn vị tiền thân (đã sáp nhập vào đơn vị này, trực tiếp hoặc qua nhiều lần).' }) predecessors: PredecessorView[];
  @ApiProperty({ type: [HistoryUnitRef], description: 'Các đơn vị kế thừa đơn vị này, lần lượt (nay là …).' }) successors: HistoryUnitRef[];
  @ApiProperty({ type: [HistoryMembershipView] }) memberships: HistoryMembershipView[];
  @ApiProperty({ type: [HistoryAwardView] }) awards: HistoryAwardView[];
  @ApiProperty({ type: [HistoryScoreView], description: 'Điểm cuối cùng và thứ hạng của đơn vị và các đơn vị tiền thân trong các năm cụm đã công bố kết quả, năm tăng dần.' })
  scores: HistoryScoreView[];
}

export class HistoryRankView {
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty({ type: HistoryUnitRef }) unit: HistoryUnitRef;
  @ApiProperty({ nullable: true, type: Number }) total: number | null;
  @ApiProperty({ nullable: true, type: String }) band: string | null;
}

export class ClusterYearHistoryView {
  @ApiProperty() year: number;
  @ApiProperty({ nullable: true, type: String, description: 'Cụm của năm đó (cụm này hoặc cụm tiền thân); null khi năm chưa có thành viên.' }) clusterId: string | null;
  @ApiProperty({ nullable: true, type: String }) clusterName: string | null;
  @ApiProperty({ nullable: true, type: String }) organizerName: string | null;
  @ApiProperty({ description: 'Người xem có quyền xem cụm của năm đó.' }) readable: boolean;
  @ApiProperty({ description: 'Năm thi đua đã được mở trên hệ thống (có các mốc thời gian, giao ước, chấm điểm).' }) opened: boolean;
  @ApiProperty({ type: [HistoryUnitRef] }) members: HistoryUnitRef[];
  @ApiProperty({ nullable: true, type: String }) chairName: string | null;
  @ApiProperty({ nullable: true, type: String }) viceChairName: string | null;
  @ApiProperty({ description: 'Kết quả chấm điểm đã công bố.' }) published: boolean;
  @ApiProperty({ type: [HistoryRankView] }) ranking: HistoryRankView[];
  @ApiProperty({ type: [HistoryAwardView] }) awards: HistoryAwardView[];
}

export class ClusterHistoryView {
  @ApiProperty() clusterId: string;
  @ApiProperty() name: string;
  @ApiProperty() organizerName: string;
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [ClusterYearHistoryView] }) years: ClusterYearHistoryView[];
}

export class ClusterHistoryQueryDto {
  @IntField({ presence: 'optional', min: 2000, max: 2100, query: true, description: 'Từ năm (mặc định: mười năm đến năm cuối).' }) from?: number;
  @IntField({ presence: 'optional', min: 2000, max: 2100, query: true, description: 'Đến năm (mặc định: năm nay).' }) to?: number;
}
