import { Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ALL_ROLES, Role } from '../auth/roles';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { IntField } from '../common/validation/fields';
import { UuidParamPipe } from '../common/validation/params';
import { XLSX_MIME, attachmentHeader } from '../documents/excel/table-workbook';
import { AchievementReportsService, MAX_REPORT_BYTES } from './achievement-reports.service';
import { AwardCatalogueView, AwardReportsService } from './award-reports.service';

class ReportYearQueryDto {
  @IntField({ presence: 'optional', min: 2000, max: 2100, query: true }) year?: number;
}

class DecisionYearQueryDto {
  @IntField({ min: 2000, max: 2100, query: true, example: 2019 }) year: number;
}

function send(res: Response, file: { fileName: string; content: Buffer; documentId?: string }, type: string): void {
  res.setHeader('Content-Type', type);
  // ?inline=1 lets a page show the document in a frame (the reviewer reads the dossier inline).
  res.setHeader('Content-Disposition', attachmentHeader(file.fileName, res.req.query.inline === '1'));
  if (file.documentId) res.setHeader('X-Document-Id', file.documentId);
  res.send(file.content);
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
  catalogue(): Promise<AwardCatalogueView> {
    return this.reports.catalogue();
  }

  @Get('api/awards/history.xlsx')
  @Auth(...ALL_ROLES)
  @ApiProduces(XLSX_MIME)
  async history(@CurrentUser() p: Principal, @Query() q: ReportYearQueryDto, @Res() res: Response): Promise<void> {
    send(res, await this.reports.historyXlsx(p, q.year), XLSX_MIME);
  }

  @Get('api/awards/proposals.xlsx')
  @Auth(Role.Admin, Role.MinistryReviewer)
  @ApiProduces(XLSX_MIME)
  async proposals(@CurrentUser() p: Principal, @Query() q: ReportYearQueryDto, @Res() res: Response): Promise<void> {
    send(res, await this.reports.proposalsXlsx(p, q.year), XLSX_MIME);
  }

  @Get('api/awards/decision-draft.pdf')
  @Auth(Role.Admin, Role.MinistryReviewer)
  @ApiProduces('application/pdf')
  async decision(@CurrentUser() p: Principal, @Query() q: DecisionYearQueryDto, @Res() res: Response): Promise<void> {
    send(res, await this.reports.decisionDraft(p, q.year), 'application/pdf');
  }

  @Get('api/proposals/:proposalId/reports')
  @Auth(...ALL_ROLES)
  list(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string) {
    return this.achievements.list(p, id);
  }

  @Post('api/proposals/:proposalId/reports')
  @Auth(Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_REPORT_BYTES, files: 1, fields: 0 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'Báo cáo thành tích (PDF hoặc Office), tối đa 20 MB.' } } } })
  upload(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string, @UploadedFile() file: Express.Multer.File | undefined) {
    if (!file) throw AppException.field(ErrorCode.ValidationFailed, 'file', 'Cần tải lên báo cáo thành tích (trường "file").');
    return this.achievements.upload(p, id, file);
  }

  @Get('api/proposals/:proposalId/reports/:reportId')
  @Auth(...ALL_ROLES)
  async download(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string, @Param('reportId', UuidParamPipe) reportId: string, @Res() res: Response): Promise<void> {
    const file = await this.achievements.download(p, id, reportId);
    send(res, file, file.mimeType);
  }
}
