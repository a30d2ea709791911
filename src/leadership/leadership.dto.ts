import { UnitRefView } from '../units/unit-ref';
import { ApiProperty } from '@nestjs/swagger';
import { DateField, EnumField, IntField, ReasonField, TextField, UuidArrayField, UuidField } from '../common/validation/fields';
import { TermMethod } from './leadership-term.entity';

const RECORDED_METHODS = ['ROTATION', 'ELECTION'] as const;

export class CreateTermDto {
  @IntField({ min: 2000, max: 2100, example: 2021 }) year: number;
  @UuidField({ description: 'Cụm trưởng.' }) chairUnitId: string;
  @UuidField({ presence: 'nullable', description: 'Cụm phó.' }) viceChairUnitId?: string | null;
  @UuidField({ presence: 'nullable', description: 'Đơn vị đăng cai các hội nghị của năm.' }) hostUnitId?: string | null;
  @EnumField(RECORDED_METHODS, { description: 'ROTATION: luân phiên; ELECTION: bầu tại hội nghị bình xét.' })
  method: 'ROTATION' | 'ELECTION';
  @TextField({ presence: 'nullable', max: 500 }) note?: string | null;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class ApplyRotationDto {
  @IntField({ min: 2000, max: 2100, example: 2021 }) year: number;
  @UuidField({ presence: 'nullable' }) hostUnitId?: string | null;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

/** The organiser's decision setting (or changing) a year's leadership. */
export class OverrideTermDto {
  @UuidField() chairUnitId: string;
  @UuidField({ presence: 'nullable' }) viceChairUnitId?: string | null;
  @UuidField({ presence: 'nullable' }) hostUnitId?: string | null;
  @TextField({ max: 60, example: '123/QĐ-BTTTT', description: 'Số quyết định.' }) decisionNumber: string;
  @DateField({ notFuture: true, description: 'Ngày ký quyết định.' }) decisionDate: string;
  @IntField({ presence: 'optional', min: 1, max: 2_147_483_647, description: 'Bắt buộc khi năm đã có nhiệm kỳ.' }) version?: number;
  @ReasonField() reason: string;
}

export class RotationPolicyDto {
  @UuidArrayField({ maxItems: 200, description: 'Thứ tự luân phiên các đơn vị thành viên.' }) unitOrder: string[];
  @IntField({ presence: 'optional', min: 1, max: 2_147_483_647 }) version?: number;
  @ReasonField() reason: string;
}

export class PreviewQueryDto {
  @IntField({ presence: 'optional', min: 1, max: 30, query: true, example: 5, description: 'Số năm xem trước (mặc định 5).' })
  years?: number;
  @IntField({ presence: 'optional', min: 2000, max: 2100, query: true, description: 'Năm xuất phát (mặc định: nhiệm kỳ gần nhất).' })
  fromYear?: number;
}

export class TermView {
  @ApiProperty() id: string;
  @ApiProperty() clusterId: string;
  @ApiProperty() year: number;
  @ApiProperty({ type: UnitRefView }) chair: UnitRefView;
  @ApiProperty({ type: UnitRefView, nullable: true }) viceChair: UnitRefView | null;
  @ApiProperty({ type: UnitRefView, nullable: true }) host: UnitRefView | null;
  @ApiProperty({ enum: ['ROTATION', 'ELECTION', 'ORGANIZER_DECISION'] }) method: TermMethod;
  @ApiProperty() methodLabel: string;
  @ApiProperty({ nullable: true, type: String }) decisionNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionDate: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

export class RotationPolicyView {
  @ApiProperty() clusterId: string;
  @ApiProperty({ type: [UnitRefView] }) unitOrder: UnitRefView[];
  @ApiProperty({ description: 'false: chưa thống nhất thứ tự, dùng thứ tự chữ cái của các thành viên năm gần nhất.' }) agreed: boolean;
  @ApiProperty({ nullable: true, type: Number }) version: number | null;
}

export class PreviewStepView {
  @ApiProperty() year: number;
  @ApiProperty({ type: UnitRefView }) chair: UnitRefView;
  @ApiProperty({ type: UnitRefView, nullable: true }) viceChair: UnitRefView | null;
  @ApiProperty({ nullable: true, type: Number }) assumedMembershipOf: number | null;
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class PreviewView {
  @ApiProperty() clusterId: string;
  @ApiProperty() fromYear: number;
  @ApiProperty({ type: [PreviewStepView] }) steps: PreviewStepView[];
}
