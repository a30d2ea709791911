import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UploadTargetGuard } from '../auth/upload-target.guard';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES } from '../common/auth/roles';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { sendUploadedFile } from '../common/file-response';
import type { HttpResponse, UploadedFileData } from '../common/http';
import { singleFileUpload } from '../common/validation/input-hygiene';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { EVIDENCE_FILES, EvidenceService, EvidenceView } from './evidence.service';
import { EvidenceFileView, EvidenceFormDto, RemoveEvidenceDto } from './scoring.dto';

/** Tài liệu minh chứng of a score sheet: listed, uploaded, removed (with a reason) and downloaded. */
@ApiTags('Chấm điểm, xếp hạng')
@Controller('api/clusters/:id/years/:year/scoring')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get('sheets/:sheetId/evidence')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Danh sách tài liệu minh chứng của phiếu chấm' })
  @ApiOkResponse({ type: [EvidenceFileView] })
  listEvidence(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('sheetId', UuidParamPipe) sheetId: string,
  ): Promise<EvidenceView[]> {
    return this.evidence.list(p, id, year, sheetId);
  }

  @Post('sheets/:sheetId/evidence')
  @Auth(...ALL_ROLES)
  @UseGuards(UploadTargetGuard(EvidenceService))
  @UseInterceptors(FileInterceptor('file', singleFileUpload(EVIDENCE_FILES.maxBytes, 3)))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'PDF, ảnh (png, jpg) hoặc tệp Office; tối đa 10 MB.' }, criterionCode: { type: 'string', example: 'TC1' }, version: { type: 'integer', description: 'Phiếu đã nộp: phiên bản của phiếu đã đọc.' }, reason: { type: 'string', description: 'Phiếu đã nộp: lý do bổ sung minh chứng.' } } } })
  @ApiOperation({ summary: 'Tải lên tài liệu minh chứng cho phiếu chấm' })
  @ApiCreatedResponse({ type: EvidenceFileView })
  uploadEvidence(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('sheetId', UuidParamPipe) sheetId: string,
    @UploadedFile() file: UploadedFileData | undefined,
    @Body() body: EvidenceFormDto,
  ): Promise<EvidenceView> {
    if (!file) throw AppException.field(ErrorCode.ValidationFailed, 'file', 'Cần tải lên một tệp minh chứng.');
    return this.evidence.upload(p, id, year, sheetId, body ?? {}, file);
  }

  @Delete('sheets/:sheetId/evidence/:evidenceId')
  @Auth(...ALL_ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Gỡ một tài liệu minh chứng khỏi phiếu chấm (phiếu nháp hoặc bị trả lại), có lý do' })
  @ApiNoContentResponse({ description: 'Đã gỡ tài liệu minh chứng.' })
  removeEvidence(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('sheetId', UuidParamPipe) sheetId: string,
    @Param('evidenceId', UuidParamPipe) evidenceId: string,
    @Body() dto: RemoveEvidenceDto,
  ): Promise<void> {
    return this.evidence.remove(p, id, year, sheetId, evidenceId, dto);
  }

  @Get('sheets/:sheetId/evidence/:evidenceId')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải về một tài liệu minh chứng' })
  @ApiOkResponse({ description: 'Tệp minh chứng, đúng định dạng đã tải lên (PDF, ảnh PNG/JPEG hoặc tệp Office).', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } })
  async downloadEvidence(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('sheetId', UuidParamPipe) sheetId: string,
    @Param('evidenceId', UuidParamPipe) evidenceId: string,
    @Res() res: HttpResponse,
  ): Promise<void> {
    sendUploadedFile(res, await this.evidence.download(p, id, year, sheetId, evidenceId));
  }
}
