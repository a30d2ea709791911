import { ApiProperty } from '@nestjs/swagger';
import { CRITERION_KINDS, type CriterionKind } from '../../criteria/criteria.rules';
import { UnitRefView } from '../../units/unit-ref';

export class ResultCriterionView {
  @ApiProperty({ example: 'TC1' }) code: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: CRITERION_KINDS }) kind: CriterionKind;
  @ApiProperty() kindLabel: string;
  @ApiProperty({ description: 'Điểm tối đa (điểm trừ: mức trừ tối đa).' }) maxPoints: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Điểm trung bình của các đơn vị được xếp hạng.' }) clusterMean: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Điểm cao nhất trong cụm (điểm trừ: trừ ít nhất).' }) clusterBest: number | null;
  @ApiProperty({ description: 'Số đơn vị có điểm ở tiêu chí này.' }) units: number;
}

export class UnitCriterionView {
  @ApiProperty() code: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Điểm cuối cùng ở tiêu chí.' }) points: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Điểm bị mất: tối đa trừ điểm đạt; điểm trừ: số điểm bị trừ.' }) lost: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Kém đơn vị cao nhất cụm bao nhiêu điểm.' }) behindBest: number | null;
  @ApiProperty({ type: [String], description: 'Cách tính (tiêu chí định lượng) và kết quả giải trình của tiêu chí.' }) notes: string[];
}

export class LossView {
  @ApiProperty() code: string;
  @ApiProperty() lost: number;
}

export class UnitResultView {
  @ApiProperty({ type: UnitRefView }) unit: UnitRefView;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty({ nullable: true, type: Number }) total: number | null;
  @ApiProperty({ nullable: true, type: String }) band: string | null;
  @ApiProperty({ description: 'Tổng điểm bị mất ở các tiêu chí.' }) lostTotal: number;
  @ApiProperty({ type: [LossView], description: 'Các tiêu chí bị mất điểm, nhiều nhất trước.' }) losses: LossView[];
  @ApiProperty({ type: [UnitCriterionView] }) criteria: UnitCriterionView[];
}

export class ResultsView {
  @ApiProperty() clusterId: string;
  @ApiProperty() year: number;
  @ApiProperty({ description: 'Kết quả đã công bố (đơn vị thành viên chỉ xem được khi đã công bố).' }) published: boolean;
  @ApiProperty({ enum: ['ALL', 'OWN'], description: 'ALL: mọi đơn vị (thư ký cụm, cơ quan tổ chức); OWN: chỉ đơn vị của người xem.' }) scope: 'ALL' | 'OWN';
  @ApiProperty({ type: [ResultCriterionView] }) criteria: ResultCriterionView[];
  @ApiProperty({ type: [UnitResultView] }) units: UnitResultView[];
}
