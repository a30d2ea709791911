import { ApiProperty } from '@nestjs/swagger';
import { BoolField, DateField, EnumField, IntField, ReasonField, TextField } from '../common/validation/fields';
import { LEGAL_TEXT_ROLES, LEGAL_VALUE_KINDS, type LegalTextRole, type LegalValueKind } from './legal.entities';

const CODE = /^[A-Z0-9][A-Z0-9-]{1,59}$/;
const CODE_MSG = 'Mã gồm chữ in hoa không dấu, số hoặc gạch ngang, ví dụ "ND-152-2025".';
const URL = /^https?:\/\/\S+$/;
const URL_MSG = 'Phải là địa chỉ http:// hoặc https://.';
const SECTOR = /^[A-Z0-9][A-Z0-9-]{0,39}$/;
const SECTOR_MSG = 'Mã đơn vị tổ chức viết hoa không dấu, ví dụ "BTTTT".';

/**
 * The fields optional both when adding a text and when changing one. A field required on creation is declared in
 * each class, never inherited as optional (class-validator would keep the parent's IsOptional).
 */
class LegalTextFields {
  @TextField({ presence: 'nullable', max: 40, pattern: SECTOR, patternMessage: SECTOR_MSG }) sector?: string | null;
  @DateField({ presence: 'nullable' }) signedOn?: string | null;
  @DateField({ presence: 'nullable' }) effectiveFrom?: string | null;
  @DateField({ presence: 'nullable' }) effectiveTo?: string | null;
  @TextField({ presence: 'nullable', max: 800, description: 'Dòng "Căn cứ …;" in trong văn bản; để trống: không trích dẫn.' }) citation?: string | null;
  @TextField({ presence: 'nullable', max: 500, pattern: URL, patternMessage: URL_MSG }) sourceUrl?: string | null;
  @TextField({ presence: 'nullable', max: 300 }) sourceArticle?: string | null;
  @TextField({ presence: 'nullable', max: 800, description: 'Điều chưa xác minh và lý do; để trống khi mọi nội dung có nguồn.' }) assumption?: string | null;
}

export class CreateLegalTextDto extends LegalTextFields {
  @TextField({ max: 40, pattern: CODE, patternMessage: CODE_MSG, example: 'TT-25-2025-BKHCN' }) code: string;
  @TextField({ max: 40, example: 'Thông tư' }) kind: string;
  @EnumField(LEGAL_TEXT_ROLES) role: LegalTextRole;
  @TextField({ max: 60, example: '25/2025/TT-BKHCN' }) number: string;
  @TextField({ max: 200, example: 'Bộ Khoa học và Công nghệ' }) issuer: string;
  @TextField({ max: 500 }) title: string;
  @ReasonField() reason: string;
}

export class UpdateLegalTextDto extends LegalTextFields {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @TextField({ presence: 'optional', max: 40, example: 'Nghị định' }) kind?: string;
  @EnumField(LEGAL_TEXT_ROLES, { presence: 'optional' }) role?: LegalTextRole;
  @TextField({ presence: 'optional', max: 60, example: '152/2025/NĐ-CP' }) number?: string;
  @TextField({ presence: 'optional', max: 200, example: 'Chính phủ' }) issuer?: string;
  @TextField({ presence: 'optional', max: 500 }) title?: string;
  @ReasonField() reason: string;
}

class LegalValueFields {
  @DateField({ presence: 'nullable' }) effectiveFrom?: string | null;
  @DateField({ presence: 'nullable' }) effectiveTo?: string | null;
  @IntField({ presence: 'nullable', min: 0, max: 2_000_000_000, description: 'Đồng (lương cơ sở), phần mười (hệ số) hoặc phần vạn (tỷ lệ phiếu).' }) amount?: number | null;
  @BoolField({ presence: 'optional' }) strictlyAbove?: boolean;
  @IntField({ presence: 'nullable', min: 0, max: 10000 }) quorum?: number | null;
  @TextField({ presence: 'nullable', max: 300 }) label?: string | null;
  @TextField({ presence: 'nullable', max: 120, example: 'Nghị định 152/2025/NĐ-CP' }) textRef?: string | null;
  @TextField({ presence: 'nullable', max: 200, example: 'Điều 54 khoản 1' }) article?: string | null;
  @TextField({ presence: 'nullable', max: 500, pattern: URL, patternMessage: URL_MSG }) sourceUrl?: string | null;
  @TextField({ presence: 'nullable', max: 800 }) assumption?: string | null;
}

export class CreateLegalValueDto extends LegalValueFields {
  @TextField({ max: 60, pattern: CODE, patternMessage: CODE_MSG, example: 'LCS-2026-07' }) code: string;
  @EnumField(LEGAL_VALUE_KINDS) kind: LegalValueKind;
  @TextField({ presence: 'optional', max: 40, pattern: SECTOR, patternMessage: 'Mã gồm chữ in hoa không dấu, số hoặc gạch ngang (mã danh hiệu hoặc mã đơn vị).' }) subject?: string;
  @ReasonField() reason: string;
}

export class UpdateLegalValueDto extends LegalValueFields {
  @IntField({ min: 1, max: 2_147_483_647 }) version: number;
  @ReasonField() reason: string;
}

export class LegalOnQueryDto {
  @DateField({ query: true, example: '2020-03-06', description: 'Ngày của văn bản hoặc quyết định.' }) date: string;
  @TextField({ presence: 'optional', query: true, max: 40, pattern: SECTOR, patternMessage: SECTOR_MSG, description: 'Mã cơ quan tổ chức (văn bản hướng dẫn của ngành).' }) sector?: string;
}

export class LegalTextView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() kind: string;
  @ApiProperty({ enum: LEGAL_TEXT_ROLES }) role: string;
  @ApiProperty({ nullable: true, type: String }) sector: string | null;
  @ApiProperty() number: string;
  @ApiProperty({ nullable: true, type: String }) signedOn: string | null;
  @ApiProperty() issuer: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) effectiveFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) effectiveTo: string | null;
  @ApiProperty({ nullable: true, type: String }) citation: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceArticle: string | null;
  @ApiProperty({ nullable: true, type: String }) assumption: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class LegalValueView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: LEGAL_VALUE_KINDS }) kind: string;
  @ApiProperty() subject: string;
  @ApiProperty({ nullable: true, type: String }) effectiveFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) effectiveTo: string | null;
  @ApiProperty({ nullable: true, type: Number }) amount: number | null;
  @ApiProperty() strictlyAbove: boolean;
  @ApiProperty({ nullable: true, type: Number }) quorum: number | null;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty({ nullable: true, type: String }) textRef: string | null;
  @ApiProperty({ nullable: true, type: String }) article: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) assumption: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class LegalCatalogueView {
  @ApiProperty({ type: [LegalTextView] }) texts: LegalTextView[];
  @ApiProperty({ type: [LegalValueView] }) values: LegalValueView[];
}

export class RewardOnView {
  @ApiProperty() award: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Hệ số (phần mười).' }) multipleTenths: number | null;
  @ApiProperty({ nullable: true, type: Number }) baseVnd: number | null;
  @ApiProperty({ nullable: true, type: Number }) amountVnd: number | null;
  @ApiProperty({ description: 'Câu in trong quyết định.' }) text: string;
  @ApiProperty({ type: [String] }) assumptions: string[];
}

export class LegalOnView {
  @ApiProperty() date: string;
  @ApiProperty({ nullable: true, type: String }) sector: string | null;
  @ApiProperty({ type: [String], description: 'Các dòng "Căn cứ …;" của văn bản có ngày này.' }) citations: string[];
  @ApiProperty({ type: [LegalTextView] }) texts: LegalTextView[];
  @ApiProperty({ nullable: true, type: LegalValueView }) baseSalary: LegalValueView | null;
  @ApiProperty({ type: [RewardOnView] }) rewards: RewardOnView[];
  @ApiProperty({ type: [LegalValueView] }) councilShares: LegalValueView[];
}
