import { Body, Controller, Get, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import type { UploadedFileData } from '../common/http';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { TextField } from '../common/validation/fields';
import { singleFileUpload } from '../common/validation/input-hygiene';
import { UuidParamPipe } from '../common/validation/params';
import { UnitOfWork } from '../database/unit-of-work';
import { Pkcs12ImportError, UnitKeysService } from '../documents/signing/unit-keys.service';
import { UnitsService } from '../units/units.service';
import { isDrawableImage } from '../documents/pdf/signature-appearance.pdf';

const IMAGE_BYTES = 2 * 1024 * 1024;

export class AppearanceImageView {
  @ApiProperty({ enum: ['signature', 'seal'] }) kind: 'signature' | 'seal';
  @ApiProperty({ description: 'Kích thước tệp ảnh (byte).' }) bytes: number;
}

export class ImportPkcs12Dto {
  @TextField({ max: 200, description: 'Mật khẩu của tệp PKCS#12.' }) password: string;
}

export class UnitKeyView {
  @ApiProperty({ description: 'SHA-256 của chứng thư số (DER).' }) sha256: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'Hết hiệu lực lúc (ISO 8601).' }) validTo: string;
}

export class UnitSigningMeansView {
  @ApiProperty({ enum: ['TOKEN', 'SERVER_KEY', 'NONE'], description: 'TOKEN: khóa trên thiết bị PKCS#11 (token, HSM); SERVER_KEY: khóa máy chủ giữ (tệp PKCS#12 đã nhập, hoặc khóa minh họa); NONE: chưa có, khóa minh họa được tạo khi ký lần đầu.' })
  means: 'TOKEN' | 'SERVER_KEY' | 'NONE';
  @ApiPropertyOptional({ description: 'Nhãn token (TOKEN).' }) tokenLabel?: string;
  @ApiPropertyOptional({ description: 'Thư viện PKCS#11 của token (TOKEN).' }) module?: string;
  @ApiPropertyOptional({ description: 'SHA-256 của chứng thư số (DER).' }) sha256?: string;
  @ApiPropertyOptional() subject?: string;
  @ApiPropertyOptional() issuer?: string;
  @ApiPropertyOptional({ description: 'Hết hiệu lực lúc (ISO 8601).' }) validTo?: string;
}

/** A unit's server-held signing key, imported as a PKCS#12 file (small deployments, the demo): the click signs with it. */
@ApiTags('Xác thực tài liệu')
@Controller('api/signing/units/:unitId')
export class UnitKeysController {
  constructor(
    private readonly keys: UnitKeysService,
    private readonly units: UnitsService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  @Get('key')
  @Auth(Role.Admin)
  @ApiOkResponse({ type: UnitSigningMeansView })
  @ApiOperation({ summary: 'Đơn vị ký bằng gì khi bấm ký: token PKCS#11, khóa máy chủ giữ, hay chưa có' })
  async means(@CurrentUser() p: Principal, @Param('unitId', UuidParamPipe) unitId: string): Promise<UnitSigningMeansView> {
    const unit = await this.units.get(p, unitId);
    return this.keys.describeKey(unit.id);
  }

  @Post('pkcs12')
  @Auth(Role.Admin)
  @UseInterceptors(FileInterceptor('file', singleFileUpload(64 * 1024, 1)))
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: UnitKeyView, description: 'Khóa và chứng thư số đã nhập; đơn vị ký bằng khóa này từ nay.' })
  @ApiOperation({ summary: 'Nhập khóa ký số của đơn vị từ tệp PKCS#12 (máy chủ giữ khóa)' })
  async importPkcs12(
    @CurrentUser() p: Principal,
    @Param('unitId', UuidParamPipe) unitId: string,
    @UploadedFile() file: UploadedFileData | undefined,
    @Body() dto: ImportPkcs12Dto,
  ): Promise<UnitKeyView> {
    const unit = await this.units.get(p, unitId);
    if (!file) throw AppException.field(ErrorCode.ValidationFailed, 'file', 'Cần tải lên tệp PKCS#12.');
    let imported: UnitKeyView;
    try {
      imported = await this.keys.importPkcs12(unit.id, file.buffer, dto.password);
    } catch (error) {
      if (error instanceof Pkcs12ImportError) throw AppException.field(ErrorCode.InvalidFile, error.field, error.message);
      throw error;
    }
    await this.uow.write((m) => this.audit.record(m, { action: 'signing.unit_key_import', entityType: 'unit', entityId: unit.id, after: { certificateSha256: imported.sha256, subject: imported.subject } }));
    return imported;
  }

  @Post('signature-image')
  @Auth(Role.Admin)
  @UseInterceptors(FileInterceptor('file', singleFileUpload(IMAGE_BYTES, 0)))
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: AppearanceImageView, description: 'Ảnh chữ ký đã lưu; được vẽ vào ô chữ ký của đơn vị từ lần ký sau.' })
  @ApiOperation({ summary: 'Tải lên ảnh chữ ký của người ký thay mặt đơn vị (PNG, JPEG)' })
  signatureImage(@CurrentUser() p: Principal, @Param('unitId', UuidParamPipe) unitId: string, @UploadedFile() file: UploadedFileData | undefined): Promise<AppearanceImageView> {
    return this.storeImage(p, unitId, 'signature', file);
  }

  @Post('seal-image')
  @Auth(Role.Admin)
  @UseInterceptors(FileInterceptor('file', singleFileUpload(IMAGE_BYTES, 0)))
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: AppearanceImageView, description: 'Ảnh con dấu đã lưu; được vẽ đè lên một phần ba bên trái chữ ký từ lần ký sau.' })
  @ApiOperation({ summary: 'Tải lên ảnh con dấu của đơn vị (PNG nền trong suốt, JPEG)' })
  sealImage(@CurrentUser() p: Principal, @Param('unitId', UuidParamPipe) unitId: string, @UploadedFile() file: UploadedFileData | undefined): Promise<AppearanceImageView> {
    return this.storeImage(p, unitId, 'seal', file);
  }

  private async storeImage(p: Principal, unitId: string, kind: 'signature' | 'seal', file: UploadedFileData | undefined): Promise<AppearanceImageView> {
    const unit = await this.units.get(p, unitId);
    const label = kind === 'signature' ? 'ảnh chữ ký' : 'ảnh con dấu';
    if (!file) throw AppException.field(ErrorCode.ValidationFailed, 'file', `Cần tải lên ${label}.`);
    if (!isDrawableImage(file.buffer)) throw AppException.field(ErrorCode.InvalidFile, 'file', `Tệp gửi lên không phải là ${label} PNG hoặc JPEG đọc được.`);
    await this.keys.storeAppearanceImage(unit.id, kind, file.buffer);
    await this.uow.write((m) => this.audit.record(m, { action: `signing.${kind}_image`, entityType: 'unit', entityId: unit.id, after: { bytes: file.buffer.length } }));
    return { kind, bytes: file.buffer.length };
  }
}

