import { ScoreSheetsService } from '../scoring/score-sheets.service';
import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import { OpenedYearGuard } from './opened-year.guard';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
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
import { LegalService } from '../legal/legal.service';
import { UnitsService } from '../units/units.service';
import { legalPage } from './views/legal.view';
import { councilMeetingPage, councilPage } from './views/council.view';
import { ReviewMeetingsService } from '../awards/review-meetings.service';
import { BallotSessionsService } from '../awards/ballots/ballot-sessions.service';
import { ClustersService } from '../clusters/clusters.service';
import { EmulationYearsService } from '../clusters/emulation-years.service';
import { MembershipsService } from '../clusters/memberships.service';
import { AppException } from '../common/errors/app.exception';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { SERVER_SECRET } from '../config/config.tokens';
import { CriteriaService } from '../criteria/criteria.service';
import { UnitOfWork } from '../database/unit-of-work';
import { LeadershipService } from '../leadership/leadership.service';
import { RotationService } from '../leadership/rotation.service';
import { ScoringService } from '../scoring/scoring.service';
import { DashboardService } from './dashboard.service';
import { auditNames } from './audit-names';
import { YearBoardService } from './year-board.service';
import { orNull, sendPage, signedInFrame } from './page-response';
import { auditPage } from './views/audit.view';
import { meetingPage } from './views/awards.view';
import { DossierService } from '../awards/dossier.service';
import { ClusterDocumentCopies } from '../awards/cluster-document-copies';
import { clusterListPage, clusterPage, yearHref, yearNotOpenedPage, yearPage } from './views/clusters.view';
import { dashboardPage } from './views/dashboard.view';
import { NotificationsService } from '../notifications/notifications.service';
import { PageFrame } from './views/layout';
import { gridColumns, rankingPage, rankingPendingPage } from './views/scoring.view';
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
    private readonly criteria: CriteriaService,
    private readonly scoring: ScoringService,
    private readonly sheets: ScoreSheetsService,
    private readonly meetings: ReviewMeetingsService,
    private readonly proposals: ProposalsService,
    private readonly reports: AchievementReportsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly dashboard: DashboardService,
    private readonly council: CouncilService,
    private readonly regulations: RegulationsService,
    private readonly legal: LegalService,
    private readonly units: UnitsService,
    private readonly boards: YearBoardService,
    private readonly ballots: BallotSessionsService,
    private readonly dossier: DossierService,
    private readonly copies: ClusterDocumentCopies,
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
  async home(@CurrentUser() p: Principal, @Res() res: HttpResponse): Promise<void> {
    const [data, notifications] = await Promise.all([this.dashboard.forPrincipal(p), this.notifications.list(p, { limit: 8 })]);
    sendPage(res, dashboardPage(this.frame(p), { ...data, notifications, today: todayInVietnam() }));
  }

  @Get('cum')
  @Auth(...ALL_ROLES)
  async clusterList(@CurrentUser() p: Principal, @Res() res: HttpResponse): Promise<void> {
    sendPage(res, clusterListPage(this.frame(p), await this.clusters.list(p, {})));
  }

  @Get('cum/:id')
  @Auth(...ALL_ROLES)
  async cluster(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Query('nam') yearText: string | undefined, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const years = await this.years.list(p, id);
    const requested = Number(yearText);
    // The cluster opens on the year under way (this year, or the latest before it), else its latest.
    const current = Number(todayInVietnam().slice(0, 4));
    const numbers = years.map((y) => y.year);
    const past = numbers.filter((n) => n <= current);
    const year = numbers.includes(requested) ? requested : past.length ? Math.max(...past) : numbers.length ? Math.min(...numbers) : current;
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
  async year(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const found = await this.years.getOrMembers(p, id, year);
    const base = yearHref(id, year);
    const canManage = await this.canManageYear(p, id, year);
    const tasks = [
      { label: 'Giao ước thi đua', href: `${base}/giao-uoc` },
      { label: 'Bộ tiêu chí thi đua', href: `${base}/tieu-chi` },
      { label: 'Chấm điểm', href: `${base}/cham-diem` },
      // The members' sheets are followed (read, returned, reminded) by the secretariat and the organiser's side.
      ...(p.role === Role.UnitOfficer ? [] : [{ label: 'Phiếu chấm của các đơn vị (xem, trả lại, nhắc nộp)', href: `${base}/phieu-don-vi` }]),
      { label: 'Cách tính điểm, phân công chấm chéo', href: `${base}/cach-tinh-diem` },
      // A member unit explains its own scores; the year's managers see them too (ContestsService); nobody else may.
      ...(p.role === Role.UnitOfficer || canManage ? [{ label: 'Giải trình điểm', href: `${base}/giai-trinh` }] : []),
      { label: 'Kết quả xếp hạng', href: `${base}/xep-hang` },
      { label: 'Kết quả theo tiêu chí', href: `${base}/ket-qua-tieu-chi` },
      { label: 'Họp bình xét, đề nghị khen thưởng', href: `${base}/binh-xet` },
    ];
    if ('notOpened' in found) {
      // Never opened but with members: the year's pages work on them, and the page says so.
      sendPage(res, yearNotOpenedPage(this.frame(p), cluster, year, found.notOpened.memberCount, tasks, canManage));
      return;
    }
    const y = found.opened;
    const [board, quotas] = await Promise.all([this.boards.board(p, id, y, canManage), this.boards.quotas(p, id, year)]);
    sendPage(res, yearPage(this.frame(p), cluster, y, tasks, canManage, board, quotas));
  }

  @Get('cum/:id/nam/:year/xep-hang')
  @UseGuards(OpenedYearGuard)
  @Auth(...ALL_ROLES)
  async ranking(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const config = await this.scoring.getConfig(p, id, year);
    if (p.role === Role.UnitOfficer && !config.publishedAt) {
      const y = await orNull(this.years.get(p, id, year));
      sendPage(res, rankingPendingPage(this.frame(p), cluster, year, y?.scoringClosesOn ?? null));
      return;
    }
    const [ranking, canManage, criteria] = await Promise.all([this.scoring.ranking(p, id, year), this.canManageYear(p, id, year), orNull(this.criteria.current(p, id, year))]);
    const canReopen = await this.uow.read((m) => this.access.can(m, p, Permission.OrganizerAct, id, year));
    // Before it asks to publish, the page says what would be left out and whether members may still hand in.
    const finalizing = canManage && !config.publishedAt;
    const missing = finalizing ? await this.sheets.missingBeforePublish(p, id, year) : [];
    const closesOn = finalizing ? ((await orNull(this.years.get(p, id, year)))?.scoringClosesOn ?? null) : null;
    sendPage(res, rankingPage(this.frame(p), cluster, year, ranking, criteria ? gridColumns(criteria.items) : [], canManage, config.version ?? 0, canReopen, { missing, closesOn }));
  }

  @Get('cum/:id/nam/:year/binh-xet')
  @UseGuards(OpenedYearGuard)
  @Auth(...ALL_ROLES)
  async meeting(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const [meeting, members, proposals, config] = await Promise.all([orNull(this.meetings.get(p, id, year)), this.members.list(p, id, year), this.proposals.list(p, { clusterId: id, year }), this.scoring.getConfig(p, id, year)]);
    const [canManage, canPublish] = await Promise.all([this.canManageAwards(p, id, year), this.canManageYear(p, id, year)]);
    const reports = new Map(await Promise.all(proposals.map(async (pr) => [pr.id, await this.reports.list(p, pr.id)] as const)));
    const sessions = meeting ? await this.ballots.list(p, id, year) : [];
    const awaitingIssue = canManage && proposals.some((x) => x.status !== 'DRAFT') ? await this.dossier.awaitingIssue(p, id, year) : null;
    const issuedKinds = canManage ? undefined : await this.copies.issuedKinds(id, year);
    const nextTerm = canManage ? ((await this.leadership.list(p, id)).find((x) => x.year === year + 1) ?? null) : null;
    // Next year's chair and vice-chair are chosen among next year's members.
    const nextMembers = canManage ? await this.members.list(p, id, year + 1) : [];
    // Without them, a cluster continued by another (a reorganisation) hands the election over to it.
    const successor = canManage && !nextMembers.length ? ((await this.clusters.list(p, {})).find((c) => c.predecessorId === id) ?? null) : null;
    sendPage(res, meetingPage(this.frame(p), cluster, year, meeting, members, proposals, canManage, { reports, sessions, published: !!config.publishedAt, canPublish, awaitingIssue, issuedKinds, nextTerm, nextMembers, successor }));
  }

  /** The review of year Y may be run by the secretariat of Y or of Y+1 (the policy decides; we ask it). */
  private canManageAwards(p: Principal, clusterId: string, year: number): Promise<boolean> {
    return this.uow.read((m) => this.access.can(m, p, Permission.AwardsManage, clusterId, year));
  }

  @Get('hoi-dong')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async councilHome(@CurrentUser() p: Principal, @Query('co-quan') organizerText: string | undefined, @Res() res: HttpResponse): Promise<void> {
    // A reviewer's own organiser; an administrator picks one (?co-quan=<id>), by default the first with clusters.
    const organizers = new Map((await this.clusters.list(p, {})).map((c) => [c.organizerId, c.organizerName]));
    // A reviewer's organiser comes first; its predecessors' councils (Bộ TTTT's for Bộ KH&CN) stay reachable.
    if (p.organizerId && !organizers.has(p.organizerId)) organizers.set(p.organizerId, (await this.units.get(p, p.organizerId)).name);
    const chosen = organizerText && organizers.has(organizerText) ? organizerText : null;
    const id = chosen ?? p.organizerId ?? [...organizers.keys()][0];
    if (!id) throw AppException.notFound('cơ quan tổ chức');
    const [members, meetings] = await Promise.all([this.council.members(p, id), this.council.list(p)]);
    const others = [...organizers].filter(([other]) => other !== id).map(([oid, name]) => ({ id: oid, name }));
    const organizer = await this.units.get(p, id);
    sendPage(res, councilPage(this.frame(p), { id, name: organizers.get(id) ?? organizer.name, activeTo: organizer.activeTo }, members, meetings.filter((x) => x.organizerId === id), others));
  }

  @Get('hoi-dong/:id')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async councilMeeting(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Res() res: HttpResponse): Promise<void> {
    sendPage(res, councilMeetingPage(this.frame(p), await this.council.get(p, id)));
  }

  @Get('phap-ly')
  @Auth(...ALL_ROLES)
  async legalCatalogue(@CurrentUser() p: Principal, @Query('ngay') dateText: string | undefined, @Query('nganh') sectorText: string | undefined, @Res() res: HttpResponse): Promise<void> {
    const date = dateText && /^\d{4}-\d{2}-\d{2}$/.test(dateText) && isIsoDate(dateText) ? dateText : todayInVietnam();
    const sector = sectorText && /^[A-Z0-9][A-Z0-9-]{0,39}$/.test(sectorText) ? sectorText : null;
    const [catalogue, on] = await Promise.all([this.legal.list(), this.legal.on(date, sector)]);
    sendPage(res, legalPage(this.frame(p), catalogue, on, p.role === Role.Admin));
  }

  @Get('nhat-ky')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async auditTrail(@CurrentUser() p: Principal, @Query() q: AuditQueryDto, @Res() res: HttpResponse): Promise<void> {
    const query = { ...q, limit: q.limit ?? 50 };
    const page = await this.audit.list(p, query);
    sendPage(res, auditPage(this.frame(p), page, query, await auditNames(this.uow, page.items)));
  }
}
