import { UnitAwardHistory } from './unit-award-history';
import { sendDocument, GeneratedFile } from '../common/file-response';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { HttpResponse } from '../common/http';
import { XLSX_MIME } from '../documents/excel/table-workbook';
import { DossierService } from './dossier.service';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { Permission, rolesHolding } from '../access/access.policy';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { AwardHistoryItemView, AwardProposalView, CreateProposalDto, DossierQueryDto, ProposalActionDto, ProposalQueryDto, ProposalSuggestionView, SendProposalsDto } from './awards.dto';
import { ProposalView, ProposalsService } from './proposals.service';

const CLUSTER = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];
const MINISTRY = [Role.Admin, Role.MinistryReviewer];
/** The cluster's own acts on its proposals (make, send, send again): the roles that hold awards.manage. */
const SENDERS = rolesHolding(Permission.AwardsManage);

@ApiTags('Bình xét, khen thưởng')
@Controller()
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly dossier: DossierService,
    private readonly awardHistory: UnitAwardHistory,
  ) {}

  @Get('api/clusters/:id/years/:year/proposals/submission.pdf')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải tờ trình đề nghị khen thưởng (PDF)' })
  @ApiOkResponse({ description: 'Tờ trình đề nghị khen thưởng (tệp PDF có mã xác thực; trước khi cụm gửi đề nghị, thư ký cụm nhận bản dự thảo chưa có số, chưa ký số).', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async submission(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Query() q: DossierQueryDto, @Res() res: HttpResponse): Promise<void> {
    send(res, await this.dossier.submission(p, id, year, q.issuedOn), 'application/pdf');
  }

  @Get('api/clusters/:id/years/:year/proposals/list.pdf')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải danh sách đơn vị đề nghị khen thưởng (PDF)' })
  @ApiOkResponse({ description: 'Danh sách đơn vị đề nghị khen thưởng (tệp PDF có mã xác thực; trước khi cụm gửi đề nghị, thư ký cụm nhận bản dự thảo chưa có số, chưa ký số).', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async listPdf(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Query() q: DossierQueryDto, @Res() res: HttpResponse): Promise<void> {
    send(res, await this.dossier.listPdf(p, id, year, q.issuedOn), 'application/pdf');
  }

  @Get('api/clusters/:id/years/:year/proposals/list.xlsx')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải danh sách đơn vị đề nghị khen thưởng (Excel)' })
  @ApiOkResponse({ description: 'Danh sách đơn vị đề nghị khen thưởng (tệp .xlsx).', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  async listXlsx(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Query() q: DossierQueryDto, @Res() res: HttpResponse): Promise<void> {
    send(res, await this.dossier.listXlsx(p, id, year, q.issuedOn), XLSX_MIME);
  }

  @Get('api/clusters/:id/years/:year/proposals/suggestions')
  @Auth(...CLUSTER)
  @ApiOperation({ summary: 'Gợi ý đề nghị khen thưởng theo kết quả bình xét' })
  @ApiOkResponse({ type: [ProposalSuggestionView] })
  suggestions(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number) {
    return this.proposals.suggestions(p, id, year);
  }

  @Get('api/clusters/:id/years/:year/proposals')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Danh sách đề nghị khen thưởng của cụm trong năm' })
  @ApiOkResponse({ type: [AwardProposalView] })
  list(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<ProposalView[]> {
    return this.proposals.list(p, { clusterId: id, year });
  }

  @Post('api/clusters/:id/years/:year/proposals')
  @Auth(...SENDERS)
  @ApiOperation({ summary: 'Tạo đề nghị khen thưởng' })
  @ApiCreatedResponse({ type: AwardProposalView })
  create(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: CreateProposalDto): Promise<ProposalView> {
    return this.proposals.create(p, id, year, dto.award, dto.unitId, dto.reason);
  }

  /** Hàng đợi thẩm định: filtered by year, cluster, award and status, oldest first; paged with limit/offset, the total in X-Total-Count. */
  @Get('api/proposals')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Hàng đợi thẩm định đề nghị khen thưởng' })
  @ApiOkResponse({ type: [AwardProposalView], headers: { 'X-Total-Count': { description: 'Tổng số đề nghị khớp bộ lọc (mọi trang).', schema: { type: 'integer' } } } })
  async queue(@CurrentUser() p: Principal, @Query() q: ProposalQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<ProposalView[]> {
    return withTotal(res, await this.proposals.page(p, q));
  }

  @Post('api/clusters/:id/years/:year/proposals/submit')
  @Auth(...SENDERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Gửi cùng lúc các đề nghị đã xác nhận lên Bộ (một lần gửi, một tờ trình)' })
  @ApiOkResponse({ type: [AwardProposalView] })
  async sendAll(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: SendProposalsDto): Promise<ProposalView[]> {
    const views = await this.proposals.sendAll(p, id, year, dto.proposals, dto.issuedOn);
    await this.dossier.issueOnSend(p, id, year, views.map((v) => v.id), dto.issuedOn);
    return views;
  }

  @Post('api/proposals/:proposalId/submit')
  @Auth(...SENDERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Gửi đề nghị khen thưởng lên Bộ' })
  @ApiOkResponse({ type: AwardProposalView })
  async submit(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string, @Body() dto: ProposalActionDto): Promise<ProposalView> {
    const view = await this.proposals.act(p, id, 'submit', dto);
    await this.dossier.issueOnSend(p, view.clusterId, view.year, [view.id]);
    return view;
  }

  @Post('api/proposals/:proposalId/resubmit')
  @Auth(...SENDERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Gửi lại đề nghị đã được bổ sung' })
  @ApiOkResponse({ type: AwardProposalView })
  async resubmit(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string, @Body() dto: ProposalActionDto): Promise<ProposalView> {
    const view = await this.proposals.act(p, id, 'resubmit', dto);
    await this.dossier.issueOnSend(p, view.clusterId, view.year, [view.id]);
    return view;
  }

  @Post('api/proposals/:proposalId/claim')
  @Auth(...MINISTRY)
  @HttpCode(200)
  @ApiOperation({ summary: 'Nhận thẩm định đề nghị khen thưởng' })
  @ApiOkResponse({ type: AwardProposalView })
  claim(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string, @Body() dto: ProposalActionDto): Promise<ProposalView> {
    return this.proposals.act(p, id, 'claim', dto);
  }

  @Post('api/proposals/:proposalId/approve')
  @Auth(...MINISTRY)
  @HttpCode(200)
  @ApiOperation({ summary: 'Phê duyệt đề nghị khen thưởng' })
  @ApiOkResponse({ type: AwardProposalView })
  approve(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string, @Body() dto: ProposalActionDto): Promise<ProposalView> {
    return this.proposals.act(p, id, 'approve', dto);
  }

  @Post('api/proposals/:proposalId/reject')
  @Auth(...MINISTRY)
  @HttpCode(200)
  @ApiOperation({ summary: 'Không phê duyệt đề nghị khen thưởng' })
  @ApiOkResponse({ type: AwardProposalView })
  reject(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string, @Body() dto: ProposalActionDto): Promise<ProposalView> {
    return this.proposals.act(p, id, 'reject', dto);
  }

  @Post('api/proposals/:proposalId/return')
  @Auth(...MINISTRY)
  @HttpCode(200)
  @ApiOperation({ summary: 'Trả lại đề nghị khen thưởng để bổ sung' })
  @ApiOkResponse({ type: AwardProposalView })
  returnProposal(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) id: string, @Body() dto: ProposalActionDto): Promise<ProposalView> {
    return this.proposals.act(p, id, 'return', dto);
  }

  /** Lịch sử khen thưởng của đơn vị. */
  @Get('api/units/:id/awards')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Lịch sử khen thưởng của đơn vị' })
  @ApiOkResponse({ type: [AwardHistoryItemView] })
  history(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.awardHistory.of(p, id);
  }
}

function send(res: HttpResponse, file: GeneratedFile, type: string): void {
  // ?inline=1 lets a page show the document in a frame (the reviewer reads the dossier inline).
  sendDocument(res, file, type, { inline: (res.request.query as Record<string, unknown>).inline === '1' });
}

/** A page of a list: its items as the body, how many there are in all in X-Total-Count. */
function withTotal<T>(res: HttpResponse, page: { items: T[]; total: number }): T[] {
  void res.header('X-Total-Count', String(page.total));
  return page.items;
}
