import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { actingUnit } from '../../access/acting-unit';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/access.policy';
import { AuditService } from '../../audit/audit.service';
import { MembershipsRepository } from '../../clusters/memberships.repository';
import type { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/roles';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { formatDateVi, nowIso, todayInVietnam } from '../../common/time';
import { CriteriaRepository } from '../../criteria/criteria.repository';
import { ClusterYearRevisions } from '../../database/cluster-year-revisions';
import { UnitOfWork, requireVersion } from '../../database/unit-of-work';
import { ScoreSheetsRepository } from '../score-sheets.repository';
import { ScoringConfigsRepository } from '../scoring-configs.repository';
import { checkedEntries } from '../sheet-entries';
import { AnswerContestDto, ContestView, CreateContestDto, ExplanationRoundView, OpenRoundDto } from './contests.dto';
import { CONTEST_STATUS_LABELS, ScoreContest } from './score-contest.entity';

/**
 * The explanation round (giải trình): after the provisional consolidated score the secretariat opens a window; each
 * unit sees its points per criterion and may contest a criterion with evidence; the secretariat answers each (accepted
 * with a new score on the consolidated sheet, or kept with a reason) and cannot publish while one is unanswered.
 */
@Injectable()
export class ContestsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly configs: ScoringConfigsRepository,
    private readonly sheets: ScoreSheetsRepository,
    private readonly criteria: CriteriaRepository,
    private readonly memberships: MembershipsRepository,
    private readonly revisions: ClusterYearRevisions,
  ) {}

  round(p: Principal, clusterId: string, year: number, unitId?: string): Promise<ExplanationRoundView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const config = await this.configs.get(m, clusterId, year);
      const members = await this.memberships.members(m, clusterId, year);
      const manager = await this.access.can(m, p, Permission.YearManage, clusterId, year);
      const unit = manager ? (unitId ?? null) : actingUnit(p, members.map((u) => u.id), unitId);
      if (!manager && (p.role !== Role.UnitOfficer || !unit)) throw AppException.forbidden('Chỉ đơn vị thành viên xem điểm của mình để giải trình.');
      const all = await m.find(ScoreContest, { where: { clusterId, year, ...(manager && !unit ? {} : { unitId: unit! }) }, order: { createdAt: 'ASC' } });
      const names = new Map(members.map((u) => [u.id, u.name]));
      // A member sees its consolidated points once the secretariat opens the round (or publishes), not before: until then
      // it sees only the sheets it scores (security review).
      const shown = unit && (manager || config.contestUntil || config.publishedAt);
      return { until: config.contestUntil, open: this.isOpen(config), unitId: unit, points: shown ? await this.points(m, clusterId, year, unit) : [], contests: all.map((c) => view(c, names)) };
    });
  }

  open(p: Principal, clusterId: string, year: number, dto: OpenRoundDto): Promise<ExplanationRoundView> {
    return this.uow
      .write(async (m) => {
        const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
        const config = await this.configs.get(m, clusterId, year);
        if (config.publishedAt) throw new AppException(ErrorCode.SheetState, `Kết quả chấm điểm năm ${year} đã được công bố.`);
        if (!config.version) throw AppException.field(ErrorCode.BusinessRule, 'until', `Hãy lưu cách tính điểm của năm (trang "Cách tính điểm") trước khi mở giải trình.`);
        // A round whose deadline has passed would be closed as it opens: no unit could explain anything.
        const today = todayInVietnam();
        if (dto.until < today) throw AppException.field(ErrorCode.ValidationFailed, 'until', `Hạn cuối nhận giải trình không được trước hôm nay (${formatDateVi(today)}).`);
        await this.configs.save(m, config, config.version, { contestUntil: dto.until, updatedAt: nowIso() });
        await this.audit.record(m, { action: 'scoring.contest_round', entityType: 'scoring_config', entityId: `${clusterId}:${year}`, after: { contestUntil: dto.until }, reason: dto.reason ?? null, organizerId: cluster.organizerId, clusterId });
      })
      .then(() => this.round(p, clusterId, year));
  }

  contest(p: Principal, clusterId: string, year: number, dto: CreateContestDto): Promise<ContestView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const members = await this.memberships.members(m, clusterId, year);
      const unitId = p.role === Role.UnitOfficer ? actingUnit(p, members.map((u) => u.id), dto.unitId) : null;
      if (!unitId) throw AppException.forbidden('Chỉ đơn vị thành viên được giải trình điểm của mình.');
      const config = await this.configs.get(m, clusterId, year);
      if (!this.isOpen(config)) throw new AppException(ErrorCode.ScoringClosed, config.contestUntil ? `Đã hết hạn giải trình (${config.contestUntil}).` : 'Thư ký cụm chưa mở giải trình.');
      const point = (await this.points(m, clusterId, year, unitId)).find((x) => x.code === dto.criterionCode);
      if (!point) throw AppException.field(ErrorCode.InvalidReference, 'criterionCode', `Tiêu chí "${dto.criterionCode}" không có trong bộ tiêu chí.`);
      if (point.points === null) throw AppException.field(ErrorCode.BusinessRule, 'criterionCode', `Chưa có điểm cụm của tiêu chí ${dto.criterionCode} để giải trình.`);
      if (await m.exists(ScoreContest, { where: { clusterId, year, unitId, criterionCode: dto.criterionCode, status: 'OPEN' } })) {
        throw AppException.field(ErrorCode.Duplicate, 'criterionCode', `Tiêu chí ${dto.criterionCode} đang chờ trả lời giải trình.`);
      }
      const now = nowIso();
      const row: ScoreContest = {
        id: randomUUID(), clusterId, year, unitId, criterionCode: dto.criterionCode, pointsBefore: Math.round(point.points * 100), explanation: dto.explanation.trim(),
        evidence: dto.evidence?.trim() || null, status: 'OPEN', pointsAfter: null, answer: null, createdBy: p.username, answeredBy: null, answeredAt: null, version: 1, createdAt: now, updatedAt: now,
      };
      await m.insert(ScoreContest, row);
      await this.audit.record(m, { action: 'score_contest.create', entityType: 'score_contest', entityId: row.id, after: { unitId, criterionCode: row.criterionCode, explanation: row.explanation, evidence: row.evidence }, organizerId: cluster.organizerId, clusterId });
      return view(row, new Map(members.map((u) => [u.id, u.name])));
    });
  }

  answer(p: Principal, clusterId: string, year: number, id: string, dto: AnswerContestDto): Promise<ContestView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const row = await m.findOne(ScoreContest, { where: { id, clusterId, year } });
      if (!row) throw AppException.notFound('giải trình', 'id');
      requireVersion(row.version, dto.version);
      if (row.status !== 'OPEN') throw new AppException(ErrorCode.SheetState, 'Giải trình này đã được trả lời.');
      let pointsAfter: number | null = null;
      if (dto.decision === 'ACCEPT') {
        const sheet = await this.clusterSheet(m, clusterId, year, row.unitId);
        if (!sheet || sheet.status === 'LOCKED') throw new AppException(ErrorCode.SheetState, 'Phiếu điểm cụm của đơn vị không còn sửa được.');
        const leaves = await this.criteria.leaves(m, sheet.criteriaSetId);
        const targets = await this.criteria.unitTargets(m, sheet.criteriaSetId, sheet.targetUnitId);
        const values = answerEntry(() => checkedEntries([{ code: row.criterionCode, points: dto.points, achieved: dto.achieved, note: `Giải trình: ${dto.answer}` }], leaves, { ...targets, leaderRatios: new Map() }));
        await this.sheets.update(m, sheet, {});
        await this.sheets.putEntries(m, sheet, values);
        pointsAfter = values.get(row.criterionCode)!.points;
      } else {
        await this.revisions.bump(m, clusterId, year);
      }
      const now = nowIso();
      const changes = { status: dto.decision === 'ACCEPT' ? ('ACCEPTED' as const) : ('KEPT' as const), pointsAfter, answer: dto.answer.trim(), answeredBy: p.username, answeredAt: now, updatedAt: now, version: row.version + 1 };
      await m.update(ScoreContest, { id: row.id, version: row.version }, changes);
      await this.audit.record(m, { action: 'score_contest.answer', entityType: 'score_contest', entityId: row.id, before: { status: 'OPEN', points: row.pointsBefore / 100 }, after: { status: changes.status, points: pointsAfter === null ? row.pointsBefore / 100 : pointsAfter / 100 }, reason: dto.answer, organizerId: cluster.organizerId, clusterId });
      const names = new Map((await this.memberships.members(m, clusterId, year)).map((u) => [u.id, u.name]));
      return view({ ...row, ...changes }, names);
    });
  }

  /** Publishing waits for every contest to be answered. */
  async requireAnswered(m: EntityManager, clusterId: string, year: number): Promise<void> {
    const open = await m.count(ScoreContest, { where: { clusterId, year, status: 'OPEN' } });
    if (open) throw new AppException(ErrorCode.BusinessRule, `Còn ${open} giải trình chưa trả lời: chưa công bố được kết quả.`);
  }

  private isOpen(config: { contestUntil: string | null; publishedAt: string | null }): boolean {
    return !!config.contestUntil && !config.publishedAt && todayInVietnam() <= config.contestUntil;
  }

  private async clusterSheet(m: EntityManager, clusterId: string, year: number, unitId: string) {
    return (await this.sheets.where(m, { clusterId, year, targetUnitId: unitId, scorerKind: 'CLUSTER' }))[0] ?? null;
  }

  /** The unit's provisional consolidated points per criterion (its submitted or locked consolidated sheet). */
  private async points(m: EntityManager, clusterId: string, year: number, unitId: string) {
    const set = await this.criteria.latest(m, clusterId, year);
    if (!set) return [];
    const sheet = await this.clusterSheet(m, clusterId, year, unitId);
    const entries = sheet && sheet.status !== 'DRAFT' && sheet.status !== 'RETURNED' ? await this.sheets.entries(m, sheet.id) : [];
    return (await this.criteria.leaves(m, set.id)).map((l) => {
      const e = entries.find((x) => x.criterionCode === l.code);
      return { code: l.code, text: l.text, maxPoints: l.maxPoints / 100, points: e ? e.points / 100 : null };
    });
  }
}

function view(c: ScoreContest, names: Map<string, string>): ContestView {
  return {
    id: c.id, unitId: c.unitId, unitName: names.get(c.unitId) ?? c.unitId, criterionCode: c.criterionCode, pointsBefore: c.pointsBefore / 100, explanation: c.explanation, evidence: c.evidence,
    status: c.status, statusLabel: CONTEST_STATUS_LABELS[c.status], pointsAfter: c.pointsAfter === null ? null : c.pointsAfter / 100, answer: c.answer, createdAt: c.createdAt, version: c.version,
  };
}

/** The answer's one entry checked as a sheet's: a problem is reported at the answer's own field (points, achieved). */
function answerEntry<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof AppException)) throw error;
    throw new AppException(error.code, error.message, error.details.map((d) => ({ ...d, field: d.field.replace(/^entries\.0\./, '').replace(/^code$/, 'decision') })));
  }
}
