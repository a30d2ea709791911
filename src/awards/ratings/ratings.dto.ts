import { ApiProperty } from '@nestjs/swagger';
import { DateField, EnumField, IntField, ReasonField, TextField } from '../../common/validation/fields';
import { COLLECTIVE_RATINGS, IMPEDIMENT_KINDS, type CollectiveRatingCode, type ImpedimentKind } from './ratings.entities';

export class PutRatingDto {
  @EnumField(COLLECTIVE_RATINGS) rating: CollectiveRatingCode;
  @TextField({ max: 300, example: 'Ủy ban nhân dân tỉnh Đắk Lắk' }) decidedBy: string;
  @TextField({ max: 60, example: '245/QĐ-UBND' }) decisionNumber: string;
  @DateField({ notFuture: true, example: '2020-01-20' }) decisionDate: string;
  @IntField({ presence: 'optional', min: 1, max: 2_147_483_647, description: 'Phiên bản khi sửa xếp loại đã có.' }) version?: number;
  @ReasonField() reason: string;
}

export class CreateImpedimentDto {
  @EnumField(IMPEDIMENT_KINDS) kind: ImpedimentKind;
  @DateField({ example: '2020-02-01' }) fromDate: string;
  @DateField({ presence: 'nullable' }) toDate?: string | null;
  @TextField({ max: 200, example: 'Kết luận thanh tra số 12/KL-TTr' }) reference: string;
  @TextField({ presence: 'optional', max: 500 }) note?: string;
  @ReasonField() reason: string;
}

export class EndImpedimentDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @DateField({ example: '2020-06-30' }) toDate: string;
  @ReasonField() reason: string;
}

export class RatingView {
  @ApiProperty() id: string;
  @ApiProperty() unitId: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: COLLECTIVE_RATINGS }) rating: string;
  @ApiProperty() ratingLabel: string;
  @ApiProperty() decidedBy: string;
  @ApiProperty() decisionNumber: string;
  @ApiProperty() decisionDate: string;
  @ApiProperty() version: number;
}

export class ImpedimentView {
  @ApiProperty() id: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ enum: IMPEDIMENT_KINDS }) kind: string;
  @ApiProperty() kindLabel: string;
  @ApiProperty() fromDate: string;
  @ApiProperty({ nullable: true, type: String }) toDate: string | null;
  @ApiProperty() reference: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() version: number;
}

export class UnitStandingView {
  @ApiProperty({ type: [RatingView] }) ratings: RatingView[];
  @ApiProperty({ type: [ImpedimentView] }) impediments: ImpedimentView[];
}
