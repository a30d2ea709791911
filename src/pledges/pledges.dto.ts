import { ApiProperty } from '@nestjs/swagger';
import { BoolField, DateField, EnumField, IntField, ReasonField, TextArrayField, TextField, UuidField } from '../common/validation/fields';
import { CRITERIA_SOURCES, CriteriaSource } from '../criteria/criteria.dto';
import { UnitRefView } from '../units/unit-ref';
import { PLEDGE_STATUSES, PledgeStatus } from './pledge.entity';

export class CreatePledgeDto {
  @EnumField(CRITERIA_SOURCES, {
    presence: 'optional',
    description: 'Khi năm chưa có bộ tiêu chí: TEMPLATE (từ mẫu `template`), PREVIOUS_YEAR (sao chép năm trước) hoặc EMPTY (bộ trống, nhập tay). Mặc định TEMPLATE khi có `template`.',
  })
  criteriaFrom?: CriteriaSource;
  @TextField({ presence: 'optional', max: 40, example: 'CUM6-2020', description: 'Tạo bộ tiêu chí từ mẫu khi năm chưa có bộ tiêu chí.' })
  template?: string;
  @TextField({ presence: 'optional', max: 300, example: 'Bản giao ước thi đua năm 2020' }) title?: string;
  @TextField({ presence: 'nullable', max: 500 }) theme?: string | null;
  @TextArrayField({ presence: 'optional', maxItems: 20, maxLength: 500, description: 'Các căn cứ pháp lý.' }) legalBases?: string[];
  @TextField({ presence: 'optional', max: 8000, description: 'Mục đích, yêu cầu.' }) purpose?: string;
  @TextField({ presence: 'optional', max: 8000, description: 'Tổ chức thực hiện.' }) implementation?: string;
  @TextField({ presence: 'optional', max: 100, example: 'Đắk Lắk' }) signingPlace?: string;
  @DateField({ presence: 'optional' }) signingDate?: string;
  @TextField({ presence: 'nullable', max: 40, example: '01/GƯ-CTĐ6' }) documentNumber?: string | null;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class UpdatePledgeDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField() reason: string;
  @BoolField({ presence: 'optional', description: 'Xác nhận hủy các chữ ký đã có khi sửa bản giao ước đang ký.' })
  confirmResetSignatures?: boolean;
  @TextField({ presence: 'optional', max: 300 }) title?: string;
  @TextField({ presence: 'nullable', max: 500 }) theme?: string | null;
  @TextArrayField({ presence: 'optional', maxItems: 20, maxLength: 500 }) legalBases?: string[];
  @TextField({ presence: 'optional', max: 8000 }) purpose?: string;
  @TextField({ presence: 'optional', max: 8000 }) implementation?: string;
  @TextField({ presence: 'optional', max: 100 }) signingPlace?: string;
  @DateField({ presence: 'optional' }) signingDate?: string;
  @TextField({ presence: 'nullable', max: 40 }) documentNumber?: string | null;
}

export class OpenPledgeDto {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class SignPledgeDto {
  @TextField({ max: 120, example: 'Nguyễn Văn An', description: 'Họ tên người ký thay mặt đơn vị.' }) signerName: string;
  @TextField({ max: 120, example: 'Giám đốc', description: 'Chức danh, ví dụ "Giám đốc" hoặc "KT. Giám đốc / Phó Giám đốc".' }) signerTitle: string;
  @UuidField({ presence: 'optional', description: 'Đơn vị ký: chỉ được là đơn vị của người ký.' }) unitId?: string;
}

export class WithdrawSignatureDto {
  @ReasonField() reason: string;
  @UuidField({ presence: 'optional', description: 'Đơn vị rút chữ ký, khi tài khoản kế thừa nhiều đơn vị thành viên.' }) unitId?: string;
}

/** A member's signature made on paper, recorded by the secretariat (at the signing conference, or a pledge of a past year entered later). */
export class RecordPaperSignatureDto {
  @UuidField({ description: 'Đơn vị thành viên đã ký bản giấy.' }) unitId: string;
  @TextField({ max: 120, example: 'Nguyễn Văn An', description: 'Họ tên người đã ký bản giấy thay mặt đơn vị.' }) signerName: string;
  @TextField({ max: 120, example: 'Giám đốc' }) signerTitle: string;
  @DateField({ example: '2020-03-06', description: 'Ngày ký ghi trên bản giấy.' }) signedOn: string;
  @ReasonField() reason: string;
  @BoolField({ presence: 'optional', description: 'Xác nhận khi đây là chữ ký cuối cùng: bản giao ước hoàn tất, bộ tiêu chí bị khóa.' }) confirmComplete?: boolean;
}

export class WithdrawPaperSignatureDto {
  @UuidField() unitId: string;
  @ReasonField() reason: string;
}

export class SignatoryView {
  @ApiProperty({ type: UnitRefView }) unit: UnitRefView;
  @ApiProperty({ nullable: true, type: String, example: 'Cụm trưởng' }) mark: string | null;
  @ApiProperty() signed: boolean;
  @ApiProperty({ nullable: true, type: String }) signerName: string | null;
  @ApiProperty({ nullable: true, type: String }) signerTitle: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Ký trong hệ thống: lúc ký; ký trên bản giấy: lúc thư ký cụm ghi nhận.' }) signedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Tài khoản đã ký (hoặc đã ghi nhận chữ ký trên bản giấy).' }) signedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Ngày ký trên bản giấy; null: ký trong hệ thống.' }) paperSignedOn: string | null;
}

export class PledgeView {
  @ApiProperty() id: string;
  @ApiProperty() clusterId: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: PLEDGE_STATUSES }) status: PledgeStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ nullable: true, type: String }) documentNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) theme: string | null;
  @ApiProperty({ type: [String] }) legalBases: string[];
  @ApiProperty() purpose: string;
  @ApiProperty() implementation: string;
  @ApiProperty() signingPlace: string;
  @ApiProperty() signingDate: string;
  @ApiProperty() criteriaSetId: string;
  @ApiProperty() criteriaVersionNo: number;
  @ApiProperty({ nullable: true, type: String }) openedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
  @ApiProperty() signedCount: number;
  @ApiProperty() memberCount: number;
  @ApiProperty({ type: [SignatoryView] }) signatories: SignatoryView[];
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

export class CertificateDto {
  @UuidField({ presence: 'optional', description: 'Đơn vị của chứng thư số, khi tài khoản kế thừa nhiều đơn vị thành viên.' }) unitId?: string;
}
