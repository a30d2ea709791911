import type { HttpRequest, HttpResponse, UploadedFileData } from '../common/http';
import { preferredType } from '../common/http';
import { Body, Controller, Get, HttpCode, Param, Post, UploadedFile, UseInterceptors, Req, Res } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { singleFileUpload } from '../common/validation/input-hygiene';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { AppException } from '../common/errors/app.exception';
import { ErrorBody } from '../common/errors/error-body';
import { ErrorCode } from '../common/errors/error-codes';
import { UuidParamPipe } from '../common/validation/params';
import { DocumentInfoView, VerificationView, VerifyHashDto } from './documents.dto';
import { IssuedDocumentsService } from './issued-documents.service';
import { SignatureReportService } from './signature-report.service';

export const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

/** Verification of issued documents: public, as the QR code printed in each document leads here. */
@ApiTags('Xác thực tài liệu')
@Controller('api/documents')
export class DocumentsController {
  constructor(
    private readonly documents: IssuedDocumentsService,
    private readonly signatures: SignatureReportService,
  ) {}

  @Post('verify')
  @Public()
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', singleFileUpload(MAX_VERIFY_BYTES, 2)))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    description: 'Tải lên tệp PDF (trường "file", multipart) hoặc gửi JSON {"sha256": "…"}.',
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, sha256: { type: 'string' } } },
  })
  @ApiOkResponse({ type: VerificationView })
  @ApiOperation({ summary: 'Xác thực tài liệu đã phát hành (tệp PDF hoặc mã băm SHA-256)' })
  @ApiBadRequestResponse({ description: 'Thiếu tệp PDF hoặc mã băm, hoặc dữ liệu không hợp lệ.', type: ErrorBody })
  async verify(@UploadedFile() file: UploadedFileData | undefined, @Body() dto: VerifyHashDto): Promise<VerificationView> {
    if (file) return { ...(await this.documents.verifyFile(file.buffer)), signatures: await this.signatures.report(file.buffer) };
    if (dto?.sha256) return this.documents.verifyHash(dto.sha256);
    throw AppException.field(ErrorCode.ValidationFailed, 'file', 'Cần tải lên tệp PDF hoặc gửi mã băm sha256.');
  }

  @Get(':id/verification')
  @Public()
  @ApiOkResponse({ type: DocumentInfoView })
  @ApiOperation({ summary: 'Thông tin xác thực của tài liệu đã phát hành (theo mã QR)' })
  @ApiNotFoundResponse({ description: 'Không tìm thấy tài liệu.', type: ErrorBody })
  async info(@Param('id', UuidParamPipe) id: string, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse): Promise<DocumentInfoView | void> {
    // The QR code of a document opens this address on a phone: a person gets the page, a client asking for JSON the data.
    if (preferredType(req.headers.accept, ['application/json', 'text/html']) === 'text/html') {
      void res.redirect(`/xac-thuc/${id}`, 303);
      return;
    }
    const info = await this.documents.info(id);
    if (!info) throw AppException.notFound('tài liệu');
    return info;
  }
}
