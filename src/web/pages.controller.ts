import { scoringWindow } from '../clusters/phases.rules';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { AuditQueryDto } from '../audit/audit.dto';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { AchievementReportsService } from '../awards/achievement-reports.service';
import { ProposalsService } from '../awards/proposals.service';
import { CouncilService } from '../awards/council/council.service';
import { RegulationsService } from '../awards/regulations/regulations.service';
import { RatingsService } from '../awards/ratings/ratings.service';
import { LegalService } from '../legal/legal.service';
import { UnitsService } from '../units/units.service';
import { legalPage } from './views/legal.view';
import { councilMeetingPage, councilPage } from './views/council.view';
import { ReviewMeetingsService } from '../awards/review-meetings.service';
import { ClustersService } from '../clusters/clusters.service';
import { EmulationYearsService } from '../clusters/emulation-years.service';
import { MembershipsService } from '../clusters/memberships.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { SERVER_SECRET } from '../config/config.tokens';
import { CriteriaService } from '../criteria/criteria.service';
import { UnitOfWork } from '../database/unit-of-work';
import { LeadershipService } from '../leadership/leadership.service';
import { RotationService } from '../leadership/rotation.service';
import { PledgesService } from '../pledges/pledges.service';
import { SCORER_KINDS, ScorerKind } from '../scoring/ranking.rules';
import { ScoreSheetsService } from '../scoring/score-sheets.service';
import { ScoringService } from '../scoring/scoring.service';
import { DashboardService } from './dashboard.service';
import { YearBoardService } from './year-board.service';
import { orNull, sendPage, signedInFrame } from './page-response';
import { auditPage } from './views/audit.view';
import { dossierPage, meetingPage, queuePage } from './views/awards.view';
import { clusterListPage, clusterPage, yearHref, yearPage } from './views/clusters.view';
import { dashboardPage } from './views/dashboard.view';
import { PageFrame } from './views/layout';
import { pledgePage } from './views/pledge.view';
import { GridRow, gridColumns, gridPage, rankingPage, rankingPendingPage } from './views/scoring.view';
import { isIsoDate, todayInVietnam } from '../common/time';


/**
 * The server-rendered pages. Each handler reads through the same services as the API (so the same
 * scope checks apply: another cluster's page answers 404/403), and renders a view. Changes are made by
 * the pages' script through the JSON API, with the session's CSRF token.
 */
@ApiExcludeController()
@Controller()
export class PagesController {
  constructor(
    @Inject(SERVER_SECRET) private readonly secret: string,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly clusters: ClustersService,
    private readonly years: EmulationYearsService,
    private readonly members: MembershipsService,
    private readonly leadership: LeadershipService,
    private readonly rotation: RotationService,
    private readonly pledges: PledgesService,
    private readonly criteria: CriteriaService,
    private readonly scoring: ScoringService,
    private readonly sheets: ScoreSheetsService,
    private readonly meetings: ReviewMeetingsService,
    private readonly proposals: ProposalsService,
    private readonly reports: AchievementReportsService,
    private readonly audit: AuditService,
    private readonly dashboard: DashboardService,
    private readonly council: CouncilService,
    private readonly regulations: RegulationsService,
    private readonly ratings: RatingsService,
    private readonly legal: LegalService,
    private readonly units: UnitsService,
    private readonly boards: YearBoardService,
  ) {}

  private frame(p: Principal): PageFrame & { principal: Principal } {
    return signedInFrame(this.secret, p);
  }

  /** Whether the caller may change the data of this cluster-year (the same rule the services apply). */
  private canManageYear(p: Principal, clusterId: string, year: number): Promise<boolean> {
    return this.uow.read((m) => this.access.can(m, p, Permission.YearManage, clusterId, year));
  }

  @Get()
  @Auth(...ALL_ROLES)
  async home(@CurrentUser() p: Principal, @Res() res: Response): Promise<void> {
    const data = await this.dashboard.forPrincipal(p);
    sendPage(res, dashboardPage(this.frame(p), { ...data, today: todayInVietnam() }));
  }

  @Get('cum')
  @Auth(...ALL_ROLES)
  async clusterList(@CurrentUser() p: Principal, @Res() res: Response): Promise<void> {
    sendPage(res, clusterListPage(this.frame(p), await this.clusters.list(p, {})));
  }

  @Get('cum/:id')
  @Auth(...ALL_ROLES)
  async cluster(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Query('nam') yearText: string | undefined, @Res() res: Response): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const years = await this.years.list(p, id);
    const requested = Number(yearText);
    // The cluster opens on the year under way (this year, or the latest before it), else its latest.
    const current = Number(todayInVietnam().slice(0, 4));
    const year = years.some((y) => y.year === requested) ? requested : (years.filter((y) => y.year <= current).at(-1)?.year ?? years.at(-1)?.year ?? current);
    const [members, terms] = await Promise.all([this.members.list(p, id, year), this.leadership.list(p, id)]);
    let preview = null;
    let previewError: string | null = null;
    try {
      preview = await this.rotation.preview(p, id, 5);
    } catch (error) {
      if (!(error instanceof AppException) || error.status >= 500) throw error;
      previewError = error.message;
    }
    const regulations = await this.regulations.list(p, id);
    const canRecordRegulation = await this.canManageYear(p, id, year);
    const predecessor = cluster.predecessorId ? await orNull(this.clusters.get(p, cluster.predecessorId)) : null;
    const successors = (await this.clusters.list(p, {})).filter((c) => c.predecessorId === id);
    const nextYear = years.length ? Math.max(...years.map((y) => y.year)) + 1 : Number(todayInVietnam().slice(0, 4));
    const openableYear = (await this.canManageYear(p, id, nextYear)) ? nextYear : null;
    sendPage(res, clusterPage(this.frame(p), { cluster, years, year, members, terms, preview, previewError, regulations, canRecordRegulation, predecessor, successors, openableYear }));
  }

  @Get('cum/:id/nam/:year')
  @Auth(...ALL_ROLES)
  async year(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: Response): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const y = await this.years.get(p, id, year);
    const base = yearHref(id, year);
    const tasks = [
      { label: 'Giao ước thi đua', href: `${base}/giao-uoc` },
      { label: 'Chấm điểm', href: `${base}/cham-diem` },
      { label: 'Kết quả xếp hạng', href: `${base}/xep-hang` },
      { label: 'Họp bình xét, đề nghị khen thưởng', href: `${base}/binh-xet` },
    ];
    const canManage = await this.canManageYear(p, id, year);
    sendPage(res, yearPage(this.frame(p), cluster, y, tasks, canManage, await this.boards.board(p, id, y, canManage)));
  }

  @Get('cum/:id/nam/:year/giao-uoc')
  @Auth(...ALL_ROLES)
  async pledge(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: Response): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const [pledge, criteria, canManage] = await Promise.all([orNull(this.pledges.get(p, id, year)), orNull(this.criteria.current(p, id, year)), this.canManageYear(p, id, year)]);
    sendPage(res, pledgePage(this.frame(p), cluster, year, pledge, criteria, canManage));
  }

  @Get('cum/:id/nam/:year/cham-diem')
  @Auth(...ALL_ROLES)
  async grid(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Query('loai') kindText: string | undefined,
    @Query('don-vi') scorerText: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const kinds: ScorerKind[] = p.role === Role.UnitOfficer ? ['SELF', 'PEER'] : p.role === Role.ClusterSecretary ? ['CLUSTER'] : ['CLUSTER', 'MINISTRY'];
    if (kindText !== undefined && !(SCORER_KINDS as readonly string[]).includes(kindText)) {
      throw AppException.field(ErrorCode.ValidationFailed, 'loai', `Loại phiếu "${kindText}" không hợp lệ.`);
    }
    const kind = kinds.includes(kindText as ScorerKind) ? (kindText as ScorerKind) : kinds[0];
    const criteria = await orNull(this.criteria.current(p, id, year));
    const columns = criteria ? gridColumns(criteria.items) : [];
    const sheets = await this.sheets.list(p, id, year, { kind });
    let targets;
    // A successor that took over several members of the year scores for each in turn (?don-vi=<unit>).
    const mine = kind === 'PEER' ? (await this.scoring.assignments(p, id, year)).filter((a) => p.unitIds.includes(a.scorer.id)) : [];
    const scorer = mine.find((a) => a.scorer.id === scorerText) ?? mine[0];
    const current = (await this.members.list(p, id, year)).filter((m) => !m.leftOn).map((m) => m.unit);
    if (kind === 'SELF') targets = current.filter((u) => p.unitIds.includes(u.id));
    else if (kind === 'PEER') targets = scorer?.targets ?? [];
    else targets = current;
    const rows: GridRow[] = targets.map((t) => ({
      target: { id: t.id, name: t.name, shortName: t.shortName },
      sheet: sheets.find((s) => s.target.id === t.id && (kind === 'CLUSTER' || kind === 'MINISTRY' || (kind === 'PEER' ? s.scorer?.id === scorer?.scorer.id : p.unitIds.includes(s.scorer?.id ?? '')))) ?? null,
    }));
    const scorers = mine.length > 1 ? { chosen: scorer!.scorer.id, options: mine.map((a) => a.scorer) } : null;
    let notice: string | null = null;
    if (kind === 'CLUSTER' && !(await this.canManageYear(p, id, year))) notice = `Bạn chỉ được xem: điểm cụm năm ${year} do thư ký cụm của đơn vị Cụm trưởng nhập.`;
    let deadline: string | null = null;
    if (kind === 'SELF' || kind === 'PEER') {
      // Member units score within the year's scoring window (the service enforces it; the page says so first).
      const y = await this.years.get(p, id, year);
      const window = scoringWindow(year, y, todayInVietnam());
      if (!window.open) notice = window.message;
      else deadline = y.scoringClosesOn;
    }
    sendPage(res, gridPage(this.frame(p), cluster, year, kind, kinds, columns, rows, notice, scorers, deadline));
  }

  @Get('cum/:id/nam/:year/xep-hang')
  @Auth(...ALL_ROLES)
  async ranking(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: Response): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const config = await this.scoring.getConfig(p, id, year);
    if (p.role === Role.UnitOfficer && !config.publishedAt) {
      const y = await orNull(this.years.get(p, id, year));
      sendPage(res, rankingPendingPage(this.frame(p), cluster, year, y?.scoringClosesOn ?? null));
      return;
    }
    const [ranking, canManage, criteria] = await Promise.all([this.scoring.ranking(p, id, year), this.canManageYear(p, id, year), orNull(this.criteria.current(p, id, year))]);
    const canReopen = await this.uow.read((m) => this.access.can(m, p, Permission.OrganizerAct, id, year));
    sendPage(res, rankingPage(this.frame(p), cluster, year, ranking, criteria ? gridColumns(criteria.items) : [], canManage, config.version ?? 0, canReopen));
  }

  @Get('cum/:id/nam/:year/binh-xet')
  @Auth(...ALL_ROLES)
  async meeting(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: Response): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const [meeting, members, proposals] = await Promise.all([orNull(this.meetings.get(p, id, year)), this.members.list(p, id, year), this.proposals.list(p, { clusterId: id, year })]);
    const canManage = await this.canManageAwards(p, id, year);
    sendPage(res, meetingPage(this.frame(p), cluster, year, meeting, members, proposals, canManage));
  }

  /** The review of year Y may be run by the secretariat of Y or of Y+1 (the policy decides; we ask it). */
  private canManageAwards(p: Principal, clusterId: string, year: number): Promise<boolean> {
    return this.uow.read((m) => this.access.can(m, p, Permission.AwardsManage, clusterId, year));
  }

  @Get('tham-dinh')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async queue(@CurrentUser() p: Principal, @Query('nam') yearText: string | undefined, @Query('trang-thai') status: string | undefined, @Res() res: Response): Promise<void> {
    const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
    const allowed = ['SUBMITTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'REJECTED'];
    const filter = { year, status: status && allowed.includes(status) ? status : undefined };
    sendPage(res, queuePage(this.frame(p), await this.proposals.list(p, filter), filter));
  }

  @Get('tham-dinh/:proposalId')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async dossier(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) proposalId: string, @Res() res: Response): Promise<void> {
    const [proposal, reports] = await Promise.all([this.proposals.get(p, proposalId), this.reports.list(p, proposalId)]);
    sendPage(res, dossierPage(this.frame(p), proposal, reports, true, await this.ratings.standing(p, proposal.unit.id)));
  }

  @Get('hoi-dong')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async councilHome(@CurrentUser() p: Principal, @Query('co-quan') organizerText: string | undefined, @Res() res: Response): Promise<void> {
    // A reviewer's own organiser; an administrator picks one (?co-quan=<id>), by default the first with clusters.
    const organizers = new Map((await this.clusters.list(p, {})).map((c) => [c.organizerId, c.organizerName]));
    // A reviewer's organiser comes first; its predecessors' councils (Bộ TTTT's for Bộ KH&CN) stay reachable.
    if (p.organizerId && !organizers.has(p.organizerId)) organizers.set(p.organizerId, (await this.units.get(p, p.organizerId)).name);
    const chosen = organizerText && organizers.has(organizerText) ? organizerText : null;
    const id = chosen ?? p.organizerId ?? [...organizers.keys()][0];
    if (!id) throw AppException.notFound('cơ quan tổ chức');
    const [members, meetings] = await Promise.all([this.council.members(p, id), this.council.list(p)]);
    const others = [...organizers].filter(([other]) => other !== id).map(([oid, name]) => ({ id: oid, name }));
    sendPage(res, councilPage(this.frame(p), { id, name: organizers.get(id) ?? '' }, members, meetings.filter((x) => x.organizerId === id), others));
  }

  @Get('hoi-dong/:id')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async councilMeeting(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Res() res: Response): Promise<void> {
    sendPage(res, councilMeetingPage(this.frame(p), await this.council.get(p, id)));
  }

  @Get('phap-ly')
  @Auth(...ALL_ROLES)
  async legalCatalogue(@CurrentUser() p: Principal, @Query('ngay') dateText: string | undefined, @Query('nganh') sectorText: string | undefined, @Res() res: Response): Promise<void> {
    const date = dateText && /^\d{4}-\d{2}-\d{2}$/.test(dateText) && isIsoDate(dateText) ? dateText : todayInVietnam();
    const sector = sectorText && /^[A-Z0-9][A-Z0-9-]{0,39}$/.test(sectorText) ? sectorText : null;
    const [catalogue, on] = await Promise.all([this.legal.list(), this.legal.on(date, sector)]);
    sendPage(res, legalPage(this.frame(p), catalogue, on, p.role === Role.Admin));
  }

  @Get('nhat-ky')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async auditTrail(@CurrentUser() p: Principal, @Query() q: AuditQueryDto, @Res() res: Response): Promise<void> {
    const query = { ...q, limit: q.limit ?? 50 };
    sendPage(res, auditPage(this.frame(p), await this.audit.list(p, query), query));
  }
}
