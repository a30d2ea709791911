import { sendDocument, sendUploadedFile } from '../common/file-response';
import { Controller, Get, Param, Post, Query, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import type { UploadedFileData } from '../common/http';
import { singleFileUpload } from '../common/validation/input-hygiene';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { Permission, rolesHolding } from '../access/access.policy';
import { UploadTargetGuard } from '../auth/upload-target.guard';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { IntField } from '../common/validation/fields';
import { UuidParamPipe } from '../common/validation/params';
import { XLSX_MIME } from '../documents/excel/table-workbook';
import { ACHIEVEMENT_REPORTS, AchievementReportsService } from './achievement-reports.service';
import { AwardCatalogueView, AwardReportsService } from './award-reports.service';
import { AchievementReportView, CatalogueView, DecisionDraftQueryDto } from './awards.dto';

class ReportYearQueryDto {
  @IntField({ presence: 'optional', min: 2000, max: 2100, query: true }) year?: number;
}


@ApiTags('Bình xét, khen thưởng')
@Controller()
export class AwardReportsController {
  constructor(
    private readonly reports: AwardReportsService,
    private readonly achievements: AchievementReportsService,
  ) {}

  @Get('api/awards/catalogue')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Danh mục hình thức khen thưởng và quy tắc xét' })
  @ApiOkResponse({ type: CatalogueView })
  catalogue(): Promise<AwardCatalogueView> {
    return this.reports.catalogue();
  }

  @Get('api/awards/history.xlsx')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải lịch sử khen thưởng (Excel)' })
  @ApiOkResponse({ description: 'Lịch sử khen thưởng (tệp .xlsx).', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  async history(@CurrentUser() p: Principal, @Query() q: ReportYearQueryDto, @Res() res: HttpResponse): Promise<void> {
    sendDocument(res, await this.reports.historyXlsx(p, q.year), XLSX_MIME);
  }

  @Get('api/awards/proposals.xlsx')
  @Auth(Role.Admin, Role.MinistryReviewer)
  @ApiOperation({ summary: 'Tải tổng hợp đề nghị khen thưởng (Excel)' })
  @ApiOkResponse({ description: 'Tổng hợp đề nghị khen thưởng (tệp .xlsx).', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  async proposals(@CurrentUser() p: Principal, @Query() q: ReportYearQueryDto, @Res() res: HttpResponse): Promise<void> {
    sendDocument(res, await this.reports.proposalsXlsx(p, q.year), XLSX_MIME);
  }

  @Get('api/awards/decision-draft.pdf')
  @Auth(Role.Admin, Role.MinistryReviewer)
  @ApiOperation({ summary: 'Tải dự thảo quyết định khen thưởng (PDF)' })
  @ApiOkResponse({ description: 'Dự thảo quyết định khen thưởng (tệp PDF).', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async decision(@CurrentUser() p: Principal, @Query() q: DecisionDraftQueryDto, @Res() res: HttpResponse): Promise<void> {
    sendDocument(res, await this.reports.decisionDraft(p, q.year, q.decidedOn), 'application/pdf');
  }

  @Get('api/proposals/:proposalId/reports')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Danh sách báo cáo thành tích của đề nghị' })
  @ApiOkResponse({ type: [AchievementReportView] })
  list(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string) {
    return this.achievements.list(p, id);
  }

  @Post('api/proposals/:proposalId/reports')
  @Auth(...rolesHolding(Permission.AwardsManage))
  @UseGuards(UploadTargetGuard(AchievementReportsService))
  @UseInterceptors(FileInterceptor('file', singleFileUpload(ACHIEVEMENT_REPORTS.maxBytes, 0)))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'Báo cáo thành tích (PDF hoặc Office), tối đa 20 MB.' } } } })
  @ApiOperation({ summary: 'Tải lên báo cáo thành tích cho đề nghị' })
  @ApiCreatedResponse({ type: AchievementReportView })
  upload(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string, @UploadedFile() file: UploadedFileData | undefined) {
    if (!file) throw AppException.field(ErrorCode.ValidationFailed, 'file', 'Cần tải lên báo cáo thành tích.');
    return this.achievements.upload(p, id, file);
  }

  @Get('api/proposals/:proposalId/reports/:reportId')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải về một báo cáo thành tích' })
  @ApiOkResponse({ description: 'Báo cáo thành tích, đúng định dạng đã tải lên (PDF hoặc tệp Office).', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } })
  async download(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string, @Param('reportId', UuidParamPipe) reportId: string, @Res() res: HttpResponse): Promise<void> {
    sendUploadedFile(res, await this.achievements.download(p, id, reportId));
  }
}
