import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import { OpenedYearGuard } from './opened-year.guard';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { Permission } from '../access/access.policy';
import { AccessService } from '../access/access.service';
import { ClustersService } from '../clusters/clusters.service';
import { EmulationYearsService } from '../clusters/emulation-years.service';
import { MembershipsService } from '../clusters/memberships.service';
import { scoringWindow } from '../clusters/phases.rules';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { todayInVietnam } from '../common/time';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { SERVER_SECRET } from '../config/config.tokens';
import { CriteriaService } from '../criteria/criteria.service';
import { CriteriaTargetsService } from '../criteria/criteria-targets.service';
import { UnitOfWork } from '../database/unit-of-work';
import { EvidenceService } from '../scoring/evidence.service';
import { SCORER_KINDS, ScorerKind } from '../scoring/ranking.rules';
import { ScoreSheetsService } from '../scoring/score-sheets.service';
import { ScoringService } from '../scoring/scoring.service';
import { orNull, sendPage, signedInFrame } from './page-response';
import { GridRow, gridColumns, gridPage } from './views/scoring.view';
import { scoringConfigPage } from './views/scoring-config.view';
import { ConflictsService } from '../scoring/conflicts.service';
import { ContestsService } from '../scoring/contests/contests.service';
import { explanationPage } from './views/explanation.view';
import { ResultsService } from '../scoring/results/results.service';
import { resultsPage, resultsPendingPage } from './views/results.view';
import { memberSheetsPage } from './views/member-sheets.view';
import { SheetFollowUp } from '../scoring/sheet-follow-up';
import { dateVi } from './format';

/** The scoring grid page: the sheets the caller writes or reads, in a grid, with their evidence files. */
@ApiExcludeController()
@Controller()
export class ScoringPagesController {
  constructor(
    @Inject(SERVER_SECRET) private readonly secret: string,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly clusters: ClustersService,
    private readonly years: EmulationYearsService,
    private readonly members: MembershipsService,
    private readonly criteria: CriteriaService,
    private readonly scoring: ScoringService,
    private readonly sheets: ScoreSheetsService,
    private readonly evidence: EvidenceService,
    private readonly conflicts: ConflictsService,
    private readonly contests: ContestsService,
    private readonly results: ResultsService,
    private readonly targets: CriteriaTargetsService,
    private readonly followUp: SheetFollowUp,
  ) {}

  @Get('cum/:id/nam/:year/cham-diem')
  @UseGuards(OpenedYearGuard)
  @Auth(...ALL_ROLES)
  async grid(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Query('loai') kindText: string | undefined,
    @Query('don-vi') scorerText: string | undefined,
    @Res() res: HttpResponse,
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
    // The targets of the criteria that measure, for the rows without a sheet yet.
    const goals = columns.some((c) => c.measure && c.measure !== 'POINTS') ? await orNull(this.targets.get(p, id, year)) : null;
    const measuresOf = (unitId: string) =>
      goals ? Object.fromEntries(goals.targets.filter((g) => g.unitId === unitId).map((g) => [g.criterionCode, { target: g.target, notApplicable: g.notApplicableReason }])) : undefined;
    const rows: GridRow[] = targets.map((t) => ({
      target: { id: t.id, name: t.name, shortName: t.shortName },
      measures: measuresOf(t.id),
      sheet: sheets.find((s) => s.target.id === t.id && (kind === 'CLUSTER' || kind === 'MINISTRY' || (kind === 'PEER' ? s.scorer?.id === scorer?.scorer.id : p.unitIds.includes(s.scorer?.id ?? '')))) ?? null,
    }));
    const scorers = mine.length > 1 ? { chosen: scorer!.scorer.id, options: mine.map((a) => a.scorer) } : null;
    let notice: string | null = null;
    if (kind === 'CLUSTER' && !(await this.uow.read((m) => this.access.can(m, p, Permission.YearManage, id, year)))) notice = `Bạn chỉ được xem: điểm cụm năm ${year} do thư ký cụm của đơn vị Cụm trưởng nhập.`;
    // Published: every sheet is final (a draft never handed in stays out); the page reads, nothing is offered to do.
    const published = (await this.scoring.getConfig(p, id, year)).publishedAt;
    if (published && !notice) notice = `Kết quả chấm điểm năm ${year} đã được công bố ngày ${dateVi(published)}: phiếu chấm không sửa, không nộp thêm được.`;
    let deadline: string | null = null;
    if (!published && (kind === 'SELF' || kind === 'PEER')) {
      // Member units score within the year's scoring window (the service enforces it; the page says so first).
      const y = await this.years.get(p, id, year);
      const window = scoringWindow(year, y, todayInVietnam());
      if (!window.open) notice = window.message;
      else deadline = y.scoringClosesOn;
    }
    // The files attached to each sheet on the grid (read with the same scope check as the API's list).
    const evidence = new Map(await Promise.all(rows.filter((r) => r.sheet).map(async (r) => [r.sheet!.id, await this.evidence.list(p, id, year, r.sheet!.id)] as const)));
    // The criteria may still change only while unlocked and nothing was handed in against them (refuseWhenScored).
    const criteriaOpen = !!criteria && !criteria.lockedAt && !(await this.criteria.handedIn(p, id, year));
    sendPage(res, gridPage(signedInFrame(this.secret, p), cluster, year, kind, kinds, columns, rows, notice, scorers, deadline, evidence, criteriaOpen));
  }

  /** The secretariat's follow-up of the members' sheets: who owes what (and a reminder), each sheet read and returned. */
  @Get('cum/:id/nam/:year/phieu-don-vi')
  @UseGuards(OpenedYearGuard)
  @Auth(Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary)
  async memberSheets(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const [y, sheets, config, canManage, members, lastReminder] = await Promise.all([
      // A past year entered through the API has members and sheets without its phases: no window then.
      orNull(this.years.get(p, id, year)),
      this.sheets.list(p, id, year, {}),
      this.scoring.getConfig(p, id, year),
      this.uow.read((m) => this.access.can(m, p, Permission.YearManage, id, year)),
      this.members.list(p, id, year),
      this.followUp.lastReminder(p, id, year),
    ]);
    const published = !!config.publishedAt;
    const late = published ? [] : await this.uow.read((m) => this.conflicts.lateScorers(m, id, year));
    const memberSheets = sheets.filter((s) => s.kind === 'SELF' || s.kind === 'PEER');
    const window = scoringWindow(year, y, todayInVietnam());
    sendPage(res, memberSheetsPage(signedInFrame(this.secret, p), cluster, year, { sheets: memberSheets, units: members.map((m) => m.unit), late, window, closesOn: y?.scoringClosesOn ?? null, published, canManage, lastReminder }));
  }

  @Get('cum/:id/nam/:year/giai-trinh')
  @UseGuards(OpenedYearGuard)
  @Auth(...ALL_ROLES)
  async explanation(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Query('donVi') unitId: string | undefined, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const canManage = await this.uow.read((m) => this.access.can(m, p, Permission.YearManage, id, year));
    // A successor that took over several members of the year explains for each in turn (?donVi=<unit>), the first
    // by default; the page names the unit and offers the others.
    const mine = canManage ? [] : (await this.members.list(p, id, year)).map((ms) => ms.unit).filter((u) => p.unitIds.includes(u.id));
    const chosen = mine.length > 1 ? (mine.find((u) => u.id === unitId) ?? mine[0]).id : unitId && /^[0-9a-f-]{36}$/i.test(unitId) ? unitId : undefined;
    const round = await this.contests.round(p, id, year, chosen);
    const units = mine.length > 1 ? { chosen: chosen!, options: mine } : null;
    sendPage(res, explanationPage(signedInFrame(this.secret, p), cluster, year, round, canManage, units));
  }

  @Get('cum/:id/nam/:year/ket-qua-tieu-chi')
  @UseGuards(OpenedYearGuard)
  @Auth(...ALL_ROLES)
  async resultsByCriterion(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const config = await this.scoring.getConfig(p, id, year);
    const frame = signedInFrame(this.secret, p);
    if (p.role === Role.UnitOfficer && !config.publishedAt) return sendPage(res, resultsPendingPage(frame, cluster, year));
    sendPage(res, resultsPage(frame, cluster, year, await this.results.results(p, id, year)));
  }

  @Get('cum/:id/nam/:year/cach-tinh-diem')
  @UseGuards(OpenedYearGuard)
  @Auth(...ALL_ROLES)
  async config(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const [config, assignments, canManage, conflicts, relations] = await Promise.all([
      this.scoring.getConfig(p, id, year),
      orNull(this.scoring.assignments(p, id, year)),
      this.uow.read((m) => this.access.can(m, p, Permission.YearManage, id, year)),
      orNull(this.conflicts.list(p, id, year)),
      orNull(this.conflicts.relations(p, id, year)),
    ]);
    sendPage(res, scoringConfigPage(signedInFrame(this.secret, p), cluster, year, config, assignments ?? [], canManage, conflicts ?? [], relations ?? []));
  }
}
