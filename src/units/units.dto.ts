import { ApiProperty } from '@nestjs/swagger';
import { DateField, DecimalField, EnumField, IntField, ReasonField, TextField, UuidField } from '../common/validation/fields';
import { UNIT_KINDS, UnitKind } from './unit.entity';

const CODE = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;
const CODE_MSG = 'Mã đơn vị gồm 2–40 ký tự: chữ in hoa không dấu, số, gạch ngang hoặc gạch dưới.';

export class CreateUnitDto {
  @TextField({ max: 40, pattern: CODE, patternMessage: CODE_MSG, example: 'STTTT-GIALAI' }) code: string;
  @EnumField(UNIT_KINDS) kind: UnitKind;
  @TextField({ max: 300, example: 'Sở Thông tin và Truyền thông tỉnh Gia Lai' }) name: string;
  @TextField({ max: 120, example: 'Sở TTTT Gia Lai' }) shortName: string;
  @TextField({ presence: 'nullable', max: 100, example: 'Gia Lai' }) province?: string | null;
  @UuidField({ presence: 'nullable' }) parentId?: string | null;
  @DateField({ presence: 'nullable' }) activeFrom?: string | null;
  @DateField({ presence: 'nullable' }) activeTo?: string | null;
  @UuidField({ presence: 'nullable', description: 'Đơn vị kế thừa sau sáp nhập.' }) successorId?: string | null;
  @TextField({ presence: 'nullable', max: 600, description: 'Căn cứ pháp lý của việc sáp nhập (số, ngày, tên văn bản, điều khoản).' }) successionBasis?: string | null;
  @TextField({ presence: 'nullable', max: 1000, description: 'Ghi chú, giả định và lý do.' }) note?: string | null;
  @DecimalField({ presence: 'nullable', min: 0, max: 100, decimals: 2, description: 'Tỷ lệ nữ (%).' })
  womenShare?: number | null;
  @ReasonField({ presence: 'optional' }) reason?: string;
}

export class UpdateUnitDto {
  @IntField({ min: 1, max: 2_147_483_647, description: 'Phiên bản đã đọc (chống ghi đè).' }) version: number;
  @ReasonField() reason: string;
  @TextField({ presence: 'optional', max: 300 }) name?: string;
  @TextField({ presence: 'optional', max: 120 }) shortName?: string;
  @TextField({ presence: 'nullable', max: 100 }) province?: string | null;
  @UuidField({ presence: 'nullable' }) parentId?: string | null;
  @DateField({ presence: 'nullable' }) activeFrom?: string | null;
  @DateField({ presence: 'nullable' }) activeTo?: string | null;
  @UuidField({ presence: 'nullable' }) successorId?: string | null;
  @TextField({ presence: 'nullable', max: 600 }) successionBasis?: string | null;
  @TextField({ presence: 'nullable', max: 1000 }) note?: string | null;
  @DecimalField({ presence: 'nullable', min: 0, max: 100, decimals: 2, description: 'Tỷ lệ nữ hiện nay (%), để tham khảo. Hội nghị bình xét dùng tỷ lệ nữ của năm bình xét ghi cùng thành phần tham dự, không dùng số này.' }) womenShare?: number | null;
}

export class UnitQueryDto {
  @TextField({ presence: 'optional', max: 100, description: 'Tìm không phân biệt dấu và hoa thường ("dak lak").' })
  q?: string;
  @EnumField(UNIT_KINDS, { presence: 'optional' }) kind?: UnitKind;
  @IntField({ presence: 'optional', min: 2000, max: 2100, query: true, description: 'Chỉ các đơn vị hoạt động trong năm này.' })
  activeInYear?: number;
  @IntField({ presence: 'optional', min: 1, max: 500, query: true }) limit?: number;
  @IntField({ presence: 'optional', min: 0, max: 1_000_000, query: true }) offset?: number;
}

export class UnitView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind: UnitKind;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ nullable: true, type: String }) activeFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) activeTo: string | null;
  @ApiProperty({ nullable: true, type: String }) successorId: string | null;
  @ApiProperty({ nullable: true, type: String }) successionBasis: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Tỷ lệ nữ hiện nay (%), để tham khảo (hội nghị bình xét dùng tỷ lệ của năm, ghi cùng thành phần tham dự).' }) womenShare: number | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class UnitPage {
  @ApiProperty({ type: [UnitView] }) items: UnitView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
