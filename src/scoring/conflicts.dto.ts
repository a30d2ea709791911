import { ApiProperty } from '@nestjs/swagger';
import { ReasonField, UuidField } from '../common/validation/fields';
import { UnitRefView } from '../units/unit-ref';

export class OverrideConflictDto {
  @UuidField({ description: 'Đơn vị chấm.' }) scorerUnitId: string;
  @UuidField({ description: 'Đơn vị được chấm.' }) targetUnitId: string;
  @ReasonField() reason: string;
}

export class DeclareRelationDto {
  @UuidField() unitAId: string;
  @UuidField() unitBId: string;
  @ReasonField() reason: string;
}

export class ConflictView {
  @ApiProperty({ type: UnitRefView }) scorer: UnitRefView;
  @ApiProperty({ type: UnitRefView }) target: UnitRefView;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Thư ký cụm đã cho phép giữ phân công (kèm lý do).' }) overridden: boolean;
  @ApiProperty({ nullable: true, type: String }) overrideReason: string | null;
}

export class RelationView {
  @ApiProperty({ type: UnitRefView }) unitA: UnitRefView;
  @ApiProperty({ type: UnitRefView }) unitB: UnitRefView;
  @ApiProperty() reason: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}
