import { Controller, Get, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import type { UploadedFileData } from '../common/http';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import { Auth } from '../common/auth/auth.decorators';
import { Role } from '../common/auth/roles';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { singleFileUpload } from '../common/validation/input-hygiene';
import { UnitOfWork } from '../database/unit-of-work';
import { UnitKeysService } from '../documents/signing/unit-keys.service';
import { TrustedRootView } from './documents.dto';

/** The roots signatures must chain to: the demo test CA, and the real roots (Ban Cơ yếu Chính phủ, commercial CAs) an administrator imports. */
@ApiTags('Xác thực tài liệu')
@Controller('api/signing/trusted-roots')
export class TrustStoreController {
  constructor(
    private readonly keys: UnitKeysService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Auth(Role.Admin)
  @ApiOkResponse({ type: [TrustedRootView] })
  @ApiOperation({ summary: 'Danh sách chứng thư số gốc tin cậy' })
  list(): Promise<TrustedRootView[]> {
    return this.keys.listRoots();
  }

  @Post()
  @Auth(Role.Admin)
  @UseInterceptors(FileInterceptor('file', singleFileUpload(64 * 1024, 1)))
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: [TrustedRootView] })
  @ApiOperation({ summary: 'Thêm chứng thư số gốc tin cậy (PEM hoặc DER)' })
  async add(@UploadedFile() file: UploadedFileData | undefined): Promise<TrustedRootView[]> {
    if (!file) throw AppException.field(ErrorCode.ValidationFailed, 'file', 'Cần tải lên tệp chứng thư số gốc.');
    let sha256: string;
    try {
      sha256 = await this.keys.importRoot(file.buffer);
    } catch (error) {
      throw AppException.field(ErrorCode.InvalidFile, 'file', error instanceof Error && /CA/.test(error.message) ? error.message : 'Tệp gửi lên không phải là chứng thư số (PEM hoặc DER).');
    }
    await this.uow.write((m) => this.audit.record(m, { action: 'signing.trust_root', entityType: 'trusted_root', entityId: sha256, after: { sha256 } }));
    return this.keys.listRoots();
  }
}
