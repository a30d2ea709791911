import { Injectable } from '@nestjs/common';
import { ScoreSheetViews } from './score-sheet-views';
import { MembershipsRepository } from '../clusters/memberships.repository';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { rawQuery } from '../database/raw-sql';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { actingUnit } from '../access/acting-unit';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import { settled } from '../common/settled';
import { Cluster } from '../clusters/cluster.entity';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { EmulationYearsRepository } from '../clusters/emulation-years.repository';
import { UnitOfWork, requireVersion } from '../database/unit-of-work';
import { ScoreSheet } from './score-sheet.entity';
import { requireScoringWindow, requireUnpublished } from './scoring-context';
import { ScoringConfigsRepository } from './scoring-configs.repository';
import { ScoreSheetsRepository, sheetNotFound } from './score-sheets.repository';
import { checkedEntries, staleWithAuthor } from './sheet-entries';
import { leaderRatiosFor } from './sheet-measures';
import { missingBeforePublish } from './publish.rules';
import { ConflictsService } from './conflicts.service';
import { ContestsService } from './contests/contests.service';
import { CreateSheetDto, SaveEntriesDto, SheetActionDto, SheetQueryDto, SheetView } from './scoring.dto';
import { SheetFollowUp } from './sheet-follow-up';
import { requireComplete, requireEvidence } from './sheet-completeness';

/** Phiếu chấm điểm: self, peer, cluster and ministry sheets and their lifecycle. */
@Injectable()
export class ScoreSheetsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sheets: ScoreSheetsRepository,
    private readonly configs: ScoringConfigsRepository,
    private readonly criteria: CriteriaRepository,
    private readonly trail: AuditRepository,
    private readonly years: EmulationYearsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly sheetViews: ScoreSheetViews,
    private readonly conflicts: ConflictsService,
    private readonly contests: ContestsService,
    private readonly followUp: SheetFollowUp,
  ) {}

  list(p: Principal, clusterId: string, year: number, q: SheetQueryDto): Promise<SheetView[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const config = await this.configs.get(m, clusterId, year);
      const where: Record<string, unknown> = { clusterId, year };
      if (q.targetUnitId) where.targetUnitId = q.targetUnitId;
      if (q.kind) where.scorerKind = q.kind;
      // Before publication a member unit sees only the sheets it scores.
      if (p.role === Role.UnitOfficer && !config.publishedAt) where.scorerUnitId = In(p.unitIds.length ? p.unitIds : ['']);
      return this.sheetViews.of(m, await this.sheets.where(m, where));
    });
  }

  get(p: Principal, clusterId: string, year: number, sheetId: string): Promise<SheetView> {
    return this.uow.read(async (m) => (await this.sheetViews.of(m, [await this.readable(m, p, clusterId, year, sheetId)]))[0]);
  }

  create(p: Principal, clusterId: string, year: number, dto: CreateSheetDto): Promise<SheetView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const members = await this.memberships.members(m, clusterId, year);
      if (!members.length) throw AppException.field(ErrorCode.NoMembership, 'year', `Cụm chưa có thành viên trong năm ${year}.`);
      if (!members.some((u) => u.id === dto.targetUnitId)) {
        throw AppException.field(ErrorCode.InvalidReference, 'targetUnitId', `Đơn vị được chấm không phải thành viên của cụm năm ${year}.`);
      }
      const set = await this.criteria.latest(m, clusterId, year);
      if (!set) throw AppException.field(ErrorCode.InvalidReference, 'year', `Năm ${year} chưa có bộ tiêu chí để chấm điểm.`);
      const scorerUnitId = await this.checkScorer(m, p, cluster, year, dto, members.map((u) => u.id));
      requireUnpublished(year, dto.kind, await this.configs.get(m, clusterId, year));
      if (dto.kind === 'SELF' || dto.kind === 'PEER') requireScoringWindow(year, await this.years.find(m, clusterId, year));
      const scorerKey = scorerUnitId ?? dto.kind;
      if (await this.sheets.exists(m, { clusterId, year, targetUnitId: dto.targetUnitId, scorerKind: dto.kind, scorerKey })) {
        throw AppException.field(ErrorCode.Duplicate, 'targetUnitId', 'Phiếu chấm này đã được tạo.');
      }
      const now = nowIso();
      const sheet: ScoreSheet = {
        id: randomUUID(),
        clusterId,
        year,
        criteriaSetId: set.id,
        targetUnitId: dto.targetUnitId,
        scorerKind: dto.kind,
        scorerKey,
        scorerUnitId,
        status: 'DRAFT',
        returnReason: null,
        submittedAt: null,
        lockedAt: null,
        createdBy: p.username,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.sheets.insert(m, sheet);
      const [view] = await this.sheetViews.of(m, [sheet]);
      await this.audit.record(m, { action: 'score_sheet.create', entityType: 'score_sheet', entityId: sheet.id, after: { kind: dto.kind, targetUnitId: dto.targetUnitId, scorerUnitId }, organizerId: cluster.organizerId, clusterId });
      return view;
    });
  }

  /** Saves entries all-or-nothing: every code a leaf of the sheet's criteria, every value in range. */
  saveEntries(p: Principal, clusterId: string, year: number, sheetId: string, dto: SaveEntriesDto): Promise<SheetView> {
    return this.uow.write(async (m) => {
      const known = this.sheetViews.forSave(m, sheetId); // read with the sheet: one round trip on PostgreSQL
      const { sheet, cluster } = await this.writable(m, p, clusterId, year, sheetId, dto.version);
      if (sheet.status === 'SUBMITTED' && !dto.reason) {
        throw AppException.field(ErrorCode.ValidationFailed, 'reason', 'Phiếu đã nộp: sửa điểm cần ghi lý do.');
      }
      const { leaves, unitTargets, entries: current, ...viewContext } = await known(sheet);
      const values = checkedEntries(dto.entries, leaves, { ...unitTargets, leaderRatios: await leaderRatiosFor(m, this.sheets, sheet, leaves, dto.entries.map((e) => e.code)) });
      // The version moves with the commit (deferWrites, PostgreSQL): a concurrent save of it answers 409 there.
      const updated = await this.sheets.update(m, sheet, {});
      const before = Object.fromEntries(current.map((e) => [e.criterionCode, e.points / 100]));
      await this.sheets.putEntries(m, sheet, values);
      const merged = new Map(current.map((e) => [e.criterionCode, e]));
      for (const code of values.keys()) merged.set(code, { sheetId: sheet.id, criterionCode: code, ...values.get(code)! });
      // A handed-in self-score keeps its evidence rule: no points claimed afresh on a "Cần minh chứng" criterion without a file.
      if (sheet.status === 'SUBMITTED') await requireEvidence(m, leaves, [...merged.values()], sheet);
      const [view] = await this.sheetViews.of(m, [updated], { leaves, entries: [...merged.values()], unitTargets, ...viewContext });
      await this.audit.record(m, {
        action: 'score_sheet.update',
        entityType: 'score_sheet',
        entityId: sheet.id,
        before,
        after: Object.fromEntries([...merged.values()].map((e) => [e.criterionCode, e.points / 100])),
        reason: dto.reason ?? null,
        organizerId: cluster.organizerId,
        clusterId,
      });
      return view;
    }, { deferWrites: true });
  }

  submit(p: Principal, clusterId: string, year: number, sheetId: string, dto: SheetActionDto): Promise<SheetView> {
    return this.uow.write(async (m) => {
      const { sheet, cluster } = await this.writable(m, p, clusterId, year, sheetId, dto.version);
      if (sheet.status === 'SUBMITTED') throw new AppException(ErrorCode.SheetState, 'Phiếu đã được nộp.');
      // A relation declared after the sheet was begun bars it too (unless the secretariat lets it stand).
      const conflict = sheet.scorerKind === 'PEER' ? await this.conflicts.refusal(m, clusterId, year, sheet.scorerUnitId!, sheet.targetUnitId) : null;
      if (conflict) throw new AppException(ErrorCode.InvalidScorer, `Xung đột lợi ích: ${conflict}`);
      await requireComplete(m, this.criteria, this.sheets, sheet);
      const updated = await this.sheets.update(m, sheet, { status: 'SUBMITTED', submittedAt: nowIso(), returnReason: null });
      await this.audit.record(m, { action: 'score_sheet.submit', entityType: 'score_sheet', entityId: sheet.id, after: { status: 'SUBMITTED' }, reason: dto.reason ?? null, organizerId: cluster.organizerId, clusterId });
      const [view] = await this.sheetViews.of(m, [updated]);
      // Submitted again after a return: its notices are settled, the secretariat told.
      if (sheet.status === 'RETURNED') await this.followUp.resubmitted(m, cluster, updated, view);
      return view;
    });
  }

  /**
   * Finalises the year: locks every submitted sheet and publishes the scores to the members. Sheets still missing
   * (a member without a submitted sheet of the kind the rule counts, sheets not submitted) are listed and refused
   * unless the secretariat confirms (`acceptMissing`), with its reason in the trail.
   */
  finalize(p: Principal, clusterId: string, year: number, version: number, reason: string, acceptMissing = false): Promise<{ locked: number; publishedAt: string }> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const current = await this.configs.get(m, clusterId, year);
      requireVersion(current.version, version);
      if (current.publishedAt) throw new AppException(ErrorCode.SheetState, `Kết quả chấm điểm năm ${year} đã được công bố.`);
      // A year without members has nothing to publish (an address typed for a year the cluster never had).
      if (!(await this.memberships.anyInYear(m, clusterId, year))) throw AppException.field(ErrorCode.NoMembership, 'year', `Cụm chưa có thành viên trong năm ${year}: không có kết quả để công bố.`);
      await this.contests.requireAnswered(m, clusterId, year);
      const missing = await this.missingSheets(m, clusterId, year, current.rule);
      if (missing.length && !acceptMissing) {
        throw new AppException(
          ErrorCode.BusinessRule,
          `Còn ${missing.length} phiếu chưa nộp hoặc còn thiếu: ${missing.join('; ')}. Để vẫn công bố, đánh dấu "Công bố dù còn thiếu phiếu" và ghi lý do.`,
          [{ field: 'acceptMissing', code: 'missingSheets', message: `Còn thiếu: ${missing.join('; ')}.` }],
        );
      }
      const now = nowIso();
      const locked = await this.sheets.lockSubmitted(m, clusterId, year, now);
      await this.followUp.published(m, clusterId, year);
      await this.configs.save(m, current, version, { publishedAt: now, updatedAt: now });
      await this.audit.record(m, { action: 'scoring.finalize', entityType: 'scoring', entityId: `${clusterId}:${year}`, after: { locked, publishedAt: now, missing }, reason, organizerId: cluster.organizerId, clusterId });
      return { locked, publishedAt: now };
    });
  }

  /** What publishing now would leave out, for the secretariat's page before it asks to publish. */
  missingBeforePublish(p: Principal, clusterId: string, year: number): Promise<string[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.YearManage, clusterId, year);
      return this.missingSheets(m, clusterId, year, (await this.configs.get(m, clusterId, year)).rule);
    });
  }

  /** What publishing now would leave out, in words (publish.rules). */
  private async missingSheets(m: EntityManager, clusterId: string, year: number, rule: string): Promise<string[]> {
    return missingBeforePublish(await this.memberships.members(m, clusterId, year), await this.sheets.list(m, clusterId, year), rule);
  }

  /**
   * Reopens a published year for corrections: the organiser only, with a reason; the locked sheets go back to
   * submitted. Refused once a proposal built on the year's results has left the secretariat (final means final).
   */
  reopen(p: Principal, clusterId: string, year: number, version: number, reason: string): Promise<{ reopened: number }> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.OrganizerAct, clusterId, year);
      const current = await this.configs.get(m, clusterId, year);
      requireVersion(current.version, version);
      if (!current.publishedAt) throw new AppException(ErrorCode.SheetState, `Kết quả chấm điểm năm ${year} chưa được công bố.`);
      // The awards feature builds on scoring: its table is read by name, not through its module (no cycle).
      const [sent] = await rawQuery<{ n: number }>(m, "SELECT 1 AS n FROM award_proposals WHERE cluster_id = ? AND year = ? AND status <> 'DRAFT' LIMIT 1", [clusterId, year]);
      if (sent) {
        throw new AppException(ErrorCode.BusinessRule, `Đã gửi đề nghị khen thưởng năm ${year} dựa trên kết quả này: không thể mở lại việc chấm điểm.`);
      }
      const now = nowIso();
      const reopened = await this.sheets.unlock(m, clusterId, year, now);
      await this.configs.save(m, current, version, { publishedAt: null, updatedAt: now });
      await this.audit.record(m, { action: 'scoring.reopen', entityType: 'scoring', entityId: `${clusterId}:${year}`, before: { publishedAt: current.publishedAt }, after: { publishedAt: null, reopened }, reason, organizerId: cluster.organizerId, clusterId });
      return { reopened };
    });
  }

  /** The scorer unit for a new sheet, after the scorer rules; null for cluster and ministry sheets. */
  private async checkScorer(m: EntityManager, p: Principal, cluster: Cluster, year: number, dto: CreateSheetDto, members: string[]): Promise<string | null> {
    switch (dto.kind) {
      case 'SELF':
        // A unit scores itself; its successor (after a merger) scores for it.
        if (p.role !== Role.UnitOfficer || !p.unitIds.includes(dto.targetUnitId)) throw AppException.forbidden('Chỉ cán bộ của đơn vị được tự chấm cho đơn vị mình.');
        return dto.targetUnitId;
      case 'PEER': {
        const scorer = p.role === Role.UnitOfficer ? actingUnit(p, members, dto.scorerUnitId) : null;
        if (!scorer) throw AppException.forbidden('Chỉ đơn vị thành viên của cụm trong năm này được chấm chéo.');
        if (scorer === dto.targetUnitId) throw AppException.field(ErrorCode.InvalidScorer, 'targetUnitId', 'Không được chấm chéo chính đơn vị mình: hãy dùng phiếu tự chấm.');
        await this.conflicts.requireAssigned(m, cluster.id, year, scorer, dto.targetUnitId, members);
        return scorer;
      }
      case 'CLUSTER':
        await this.access.require(m, p, Permission.YearManage, cluster.id, year);
        return null;
      case 'MINISTRY':
        if (!this.access.actsFor(p, cluster.organizerId)) throw AppException.forbidden('Chỉ cán bộ thẩm định của cơ quan tổ chức được lập phiếu thẩm định.');
        return null;
    }
  }

  /** A sheet the caller may change: its scorer (within the window for members), not locked, at this version. Its reads: one round trip on PostgreSQL, with what the sheet's kind may ask of the caller; the access refusal comes first. */
  async writable(m: EntityManager, p: Principal, clusterId: string, year: number, sheetId: string, version?: number) {
    const member = p.role === Role.UnitOfficer;
    const [access, found, window, manage, config] = await Promise.allSettled([this.access.require(m, p, Permission.ClusterRead, clusterId), this.find(m, clusterId, year, sheetId), member ? this.years.find(m, clusterId, year) : null, member ? null : this.access.require(m, p, Permission.YearManage, clusterId, year), this.configs.get(m, clusterId, year)]);
    const [cluster, sheet] = [settled(access), settled(found)];
    if (sheet.scorerKind === 'SELF' || sheet.scorerKind === 'PEER') {
      // Only its scorer writes a member sheet; anyone else is told it does not exist, as when reading.
      if (!member || !p.unitIds.includes(sheet.scorerUnitId ?? '')) {
        if (member && !settled(config).publishedAt) throw sheetNotFound();
        throw AppException.forbidden('Chỉ đơn vị chấm được sửa phiếu của mình.');
      }
      requireScoringWindow(year, settled(window));
    } else if (sheet.scorerKind === 'CLUSTER') {
      await (member ? this.access.require(m, p, Permission.YearManage, clusterId, year, cluster) : settled(manage));
    } else if (!this.access.actsFor(p, cluster.organizerId)) {
      throw AppException.forbidden();
    }
    if (sheet.status === 'LOCKED') throw new AppException(ErrorCode.SheetState, 'Phiếu đã khóa: không thể thay đổi.');
    // A draft left when the year was published stays as it was: the published result changes only once reopened.
    requireUnpublished(year, sheet.scorerKind, settled(config), 'phiếu chưa nộp không sửa, không nộp được nữa');
    if (version !== undefined && sheet.version !== version) throw staleWithAuthor(sheet, await this.trail.lastChange(m, 'score_sheet', sheet.id));
    return { sheet, cluster };
  }

  /** A sheet the caller may read; members see others' sheets only once the scores are published. */
  async readable(m: EntityManager, p: Principal, clusterId: string, year: number, sheetId: string): Promise<ScoreSheet> {
    await this.access.require(m, p, Permission.ClusterRead, clusterId);
    const sheet = await this.find(m, clusterId, year, sheetId);
    if (p.role === Role.UnitOfficer && !p.unitIds.includes(sheet.scorerUnitId ?? '') && !(await this.configs.get(m, clusterId, year)).publishedAt) {
      throw sheetNotFound();
    }
    return sheet;
  }

  private async find(m: EntityManager, clusterId: string, year: number, sheetId: string): Promise<ScoreSheet> {
    const sheet = await this.sheets.find(m, clusterId, year, sheetId);
    if (!sheet) throw sheetNotFound();
    return sheet;
  }
}
