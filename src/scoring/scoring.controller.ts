import { sendDocument, streamDocument } from '../common/file-response';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { singleFileUpload } from '../common/validation/input-hygiene';
import type { HttpRequest, HttpResponse, UploadedFileData } from '../common/http';
import { etagMatches } from '../common/http';
import { UploadTargetGuard } from '../auth/upload-target.guard';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { XLSX_MIME } from '../documents/excel/table-workbook';
import { MAX_UPLOAD_BYTES, ScoreExcelService, UploadResult } from './score-excel.service';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { ScoreSheetsService } from './score-sheets.service';
import {
  AssignmentView,
  CreateSheetDto,
  FinalizeDto, ReopenDto,
  RankingView,
  ReturnSheetDto,
  SaveEntriesDto,
  ScoringConfigDto,
  ScoringConfigView,
  SheetActionDto,
  SheetQueryDto,
  SheetView,
  TemplateQueryDto,
  FinalizeView,
  ScoreUploadView,
  RemindScorersDto,
  RemindView,
} from './scoring.dto';
import { RemindResult, SheetFollowUp } from './sheet-follow-up';
import { ScoringService } from './scoring.service';
import { ScoreboardService } from './scoreboard.service';

const MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Chấm điểm, xếp hạng')
@Controller('api/clusters/:id/years/:year/scoring')
export class ScoringController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly sheets: ScoreSheetsService,
    private readonly excel: ScoreExcelService,
    private readonly scoreboard: ScoreboardService,
    private readonly followUp: SheetFollowUp,
  ) {}

  @Get('scoreboard.xlsx')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải bảng điểm tổng hợp (Excel)' })
  @ApiOkResponse({ description: 'Bảng điểm tổng hợp (tệp .xlsx).', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  async scoreboardXlsx(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    await streamDocument(res, await this.scoreboard.xlsx(p, id, year), XLSX_MIME);
  }

  @Get('scoreboard.pdf')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải bảng điểm tổng hợp (PDF)' })
  @ApiOkResponse({ description: 'Bảng điểm tổng hợp (tệp PDF có mã xác thực).', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async scoreboardPdf(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const file = await this.scoreboard.pdf(p, id, year);
    sendDocument(res, file, 'application/pdf');
  }

  @Get('template')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải mẫu phiếu chấm để nhập điểm (Excel)' })
  @ApiOkResponse({ description: 'Mẫu phiếu chấm (tệp .xlsx).', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  async template(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Query() q: TemplateQueryDto, @Res() res: HttpResponse): Promise<void> {
    const file = await this.excel.template(p, id, year, q.kind);
    sendDocument(res, file, XLSX_MIME);
  }

  @Post('upload')
  @Auth(...ALL_ROLES)
  @HttpCode(200)
  @UseGuards(UploadTargetGuard(ScoreExcelService))
  @UseInterceptors(FileInterceptor('file', singleFileUpload(MAX_UPLOAD_BYTES, 2)))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'Mẫu phiếu chấm (.xlsx) đã nhập điểm.' } } } })
  @ApiOperation({ summary: 'Tải lên phiếu chấm đã nhập điểm (Excel)' })
  @ApiOkResponse({ type: ScoreUploadView, description: 'Ghi tất cả hoặc không ghi gì.' })
  upload(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @UploadedFile() file: UploadedFileData | undefined): Promise<UploadResult> {
    if (!file) throw AppException.field(ErrorCode.ValidationFailed, 'file', 'Cần tải lên tệp .xlsx.');
    return this.excel.upload(p, id, year, file.buffer);
  }

  @Get('config')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: ScoringConfigView })
  @ApiOperation({ summary: 'Xem cấu hình chấm điểm, xếp hạng' })
  config(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<ScoringConfigView> {
    return this.scoring.getConfig(p, id, year);
  }

  @Put('config')
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: ScoringConfigView })
  @ApiOperation({ summary: 'Cập nhật cấu hình chấm điểm, xếp hạng' })
  putConfig(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: ScoringConfigDto): Promise<ScoringConfigView> {
    return this.scoring.putConfig(p, id, year, dto);
  }

  @Get('assignments')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [AssignmentView] })
  @ApiOperation({ summary: 'Phân công chấm điểm (đơn vị chấm và đơn vị được chấm)' })
  assignments(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<AssignmentView[]> {
    return this.scoring.assignments(p, id, year);
  }

  @Get('ranking')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: RankingView })
  @ApiOperation({ summary: 'Bảng xếp hạng của năm' })
  async ranking(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Req() req: HttpRequest, @Res() res: HttpResponse): Promise<void> {
    const body = await this.scoring.rankingBody(p, id, year);
    // Revalidated on every use (the caller's access is checked before any answer, 304 included).
    void res.header('Cache-Control', 'private, no-cache');
    void res.header('ETag', body.etag);
    // A client whose If-None-Match still matches gets 304 Not Modified, no body.
    if (etagMatches(req.headers['if-none-match'], body.etag) && !/no-cache/.test(String(req.headers['cache-control'] ?? ''))) {
      void res.status(304).send();
      return;
    }
    void res.header('Content-Type', 'application/json; charset=utf-8');
    void res.send(body.json);
  }

  @Post('finalize')
  @Auth(...MANAGERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Chốt điểm: khóa các phiếu đã gửi và công bố kết quả' })
  @ApiResponse({ status: 409, description: 'Đã công bố, hoặc phiên bản đã đọc không còn mới.', type: ErrorBody })
  @ApiResponse({ status: 422, description: 'Còn thiếu phiếu: danh sách trong chi tiết lỗi; gửi acceptMissing để vẫn công bố.', type: ErrorBody })
  @ApiOkResponse({ type: FinalizeView })
  finalize(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: FinalizeDto): Promise<{ locked: number; publishedAt: string }> {
    return this.sheets.finalize(p, id, year, dto.version, dto.reason, dto.acceptMissing ?? false);
  }

  @Post('reopen')
  @Auth(Role.Admin, Role.MinistryReviewer)
  @HttpCode(200)
  @ApiOperation({ summary: 'Mở lại việc chấm điểm đã công bố (cơ quan tổ chức, có lý do; không được khi đã gửi đề nghị khen thưởng)' })
  @ApiResponse({ status: 409, description: 'Chưa công bố, hoặc phiên bản đã đọc không còn mới.', type: ErrorBody })
  @ApiResponse({ status: 422, description: 'Đã gửi đề nghị khen thưởng dựa trên kết quả này.', type: ErrorBody })
  @ApiOkResponse({ description: 'Số phiếu được mở khóa.', schema: { type: 'object', properties: { reopened: { type: 'integer' } } } })
  reopen(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: ReopenDto): Promise<{ reopened: number }> {
    return this.sheets.reopen(p, id, year, dto.version, dto.reason);
  }

  @Get('sheets')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [SheetView] })
  @ApiOperation({ summary: 'Danh sách phiếu chấm' })
  list(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Query() q: SheetQueryDto): Promise<SheetView[]> {
    return this.sheets.list(p, id, year, q);
  }

  @Post('sheets')
  @Auth(...ALL_ROLES)
  @ApiCreatedResponse({ type: SheetView })
  @ApiOperation({ summary: 'Tạo phiếu chấm' })
  create(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: CreateSheetDto): Promise<SheetView> {
    return this.sheets.create(p, id, year, dto);
  }

  @Get('sheets/:sheetId')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: SheetView })
  @ApiOperation({ summary: 'Xem một phiếu chấm' })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Param('sheetId', UuidParamPipe) sheetId: string): Promise<SheetView> {
    return this.sheets.get(p, id, year, sheetId);
  }

  @Put('sheets/:sheetId/entries')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: SheetView })
  @ApiOperation({ summary: 'Lưu điểm của phiếu chấm' })
  save(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('sheetId', UuidParamPipe) sheetId: string,
    @Body() dto: SaveEntriesDto,
  ): Promise<SheetView> {
    return this.sheets.saveEntries(p, id, year, sheetId, dto);
  }

  @Post('sheets/:sheetId/submit')
  @Auth(...ALL_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: SheetView })
  @ApiOperation({ summary: 'Gửi phiếu chấm' })
  submit(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('sheetId', UuidParamPipe) sheetId: string,
    @Body() dto: SheetActionDto,
  ): Promise<SheetView> {
    return this.sheets.submit(p, id, year, sheetId, dto);
  }

  @Post('sheets/:sheetId/return')
  @Auth(...MANAGERS)
  @HttpCode(200)
  @ApiOkResponse({ type: SheetView })
  @ApiOperation({ summary: 'Trả lại phiếu chấm cho đơn vị chấm' })
  returnSheet(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('sheetId', UuidParamPipe) sheetId: string,
    @Body() dto: ReturnSheetDto,
  ): Promise<SheetView> {
    return this.followUp.returnSheet(p, id, year, sheetId, dto);
  }

  @Post('remind')
  @Auth(...MANAGERS)
  @HttpCode(200)
  @ApiOkResponse({ type: RemindView })
  @ApiOperation({ summary: 'Nhắc các đơn vị còn phiếu chấm chưa nộp (mỗi đơn vị với các phiếu còn phải nộp; mỗi ngày một lần)' })
  @ApiResponse({ status: 409, description: 'Kết quả đã công bố.', type: ErrorBody })
  @ApiResponse({ status: 422, description: 'Không còn đơn vị nào phải nộp phiếu.', type: ErrorBody })
  remind(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: RemindScorersDto): Promise<RemindResult> {
    return this.followUp.remind(p, id, year, dto);
  }
}
