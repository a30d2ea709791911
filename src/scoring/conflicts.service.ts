import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import { AuditService } from '../audit/audit.service';
import { MembershipsRepository } from '../clusters/memberships.repository';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import { rawQuery } from '../database/raw-sql';
import { UnitOfWork } from '../database/unit-of-work';
import { unitRef } from '../units/unit-ref';
import { UnitsRepository } from '../units/units.repository';
import { peerAssignments } from './assignment.rules';
import { PeerConflictOverride, UnitRelation } from './conflict.entities';
import { ConflictContext, ConflictUnit, assignmentConflicts, peerConflict } from './conflict.rules';
import { ConflictView, DeclareRelationDto, OverrideConflictDto, RelationView } from './conflicts.dto';
import { ScoringConfigsRepository } from './scoring-configs.repository';

/** Conflicts of interest in peer scoring: computed from the units (conflict.rules), declared, overridden with a reason. */
@Injectable()
export class ConflictsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsRepository,
    private readonly units: UnitsRepository,
    private readonly configs: ScoringConfigsRepository,
  ) {}

  list(p: Principal, clusterId: string, year: number): Promise<ConflictView[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return this.views(m, clusterId, year);
    });
  }

  override(p: Principal, clusterId: string, year: number, dto: OverrideConflictDto): Promise<ConflictView[]> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const ctx = await this.context(m, clusterId, year);
      const reason = peerConflict(dto.scorerUnitId, dto.targetUnitId, ctx);
      if (!reason) throw AppException.field(ErrorCode.BusinessRule, 'targetUnitId', 'Phân công này không có xung đột lợi ích cần cho phép.');
      await m.delete(PeerConflictOverride, { clusterId, year, scorerUnitId: dto.scorerUnitId, targetUnitId: dto.targetUnitId });
      await m.insert(PeerConflictOverride, { id: randomUUID(), clusterId, year, scorerUnitId: dto.scorerUnitId, targetUnitId: dto.targetUnitId, reason: dto.reason.trim(), createdBy: p.username, createdAt: nowIso() });
      await this.audit.record(m, { action: 'scoring.conflict_override', entityType: 'scoring_config', entityId: `${clusterId}:${year}`, after: { scorerUnitId: dto.scorerUnitId, targetUnitId: dto.targetUnitId, conflict: reason }, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return this.views(m, clusterId, year);
    });
  }

  declare(p: Principal, clusterId: string, year: number, dto: DeclareRelationDto): Promise<ConflictView[]> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const members = new Set((await this.memberships.members(m, clusterId, year)).map((u) => u.id));
      if (!members.has(dto.unitAId)) throw AppException.field(ErrorCode.InvalidReference, 'unitAId', `Đơn vị không là thành viên của cụm năm ${year}.`);
      if (!members.has(dto.unitBId) || dto.unitAId === dto.unitBId) throw AppException.field(ErrorCode.InvalidReference, 'unitBId', `Chọn một đơn vị thành viên khác của cụm năm ${year}.`);
      const [a, b] = [dto.unitAId, dto.unitBId].sort();
      if (await m.exists(UnitRelation, { where: { unitAId: a, unitBId: b } })) throw AppException.field(ErrorCode.Duplicate, 'unitBId', 'Quan hệ giữa hai đơn vị này đã được khai báo.');
      // A peer sheet between them already handed in would still count (in any cluster-year: a relation holds in all):
      // the secretariat returns it first (or lets it stand).
      const [handedIn] = await rawQuery<{ year: number | string; name: string }>(m, "SELECT s.year, c.name FROM score_sheets s JOIN clusters c ON c.id = s.cluster_id WHERE s.scorer_kind = 'PEER' AND s.status = 'SUBMITTED' AND ((s.scorer_unit_id = ? AND s.target_unit_id = ?) OR (s.scorer_unit_id = ? AND s.target_unit_id = ?)) ORDER BY s.year LIMIT 1", [a, b, b, a]);
      if (handedIn) throw AppException.field(ErrorCode.BusinessRule, 'unitBId', `Đã có phiếu chấm chéo đã nộp giữa hai đơn vị này (${handedIn.name}, năm ${handedIn.year}): hãy trả lại phiếu đó (kèm lý do) trước khi khai báo quan hệ, để phiếu không còn được tính.`);
      await m.insert(UnitRelation, { id: randomUUID(), unitAId: a, unitBId: b, reason: dto.reason.trim(), createdBy: p.username, createdAt: nowIso() });
      await this.audit.record(m, { action: 'scoring.relation_declare', entityType: 'unit_relation', entityId: `${a}:${b}`, after: { unitAId: a, unitBId: b }, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return this.views(m, clusterId, year);
    });
  }

  /** The relations declared between the members of the cluster-year. */
  relations(p: Principal, clusterId: string, year: number): Promise<RelationView[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const ids = (await this.memberships.members(m, clusterId, year)).map((u) => u.id);
      const units = await this.units.byIds(m, ids);
      const rows = ids.length ? await m.find(UnitRelation, { where: { unitAId: In(ids), unitBId: In(ids) }, order: { createdAt: 'ASC' } }) : [];
      return rows.map((r) => ({ unitA: unitRef(units.get(r.unitAId), r.unitAId), unitB: unitRef(units.get(r.unitBId), r.unitBId), reason: r.reason, createdBy: r.createdBy, createdAt: r.createdAt }));
    });
  }

  /** Removes a declared relation (with the reason, audited with what it was); the conflicts as they are then. */
  removeRelation(p: Principal, clusterId: string, year: number, dto: DeclareRelationDto): Promise<ConflictView[]> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const members = new Set((await this.memberships.members(m, clusterId, year)).map((u) => u.id));
      if (!members.has(dto.unitAId)) throw AppException.field(ErrorCode.InvalidReference, 'unitAId', `Đơn vị không là thành viên của cụm năm ${year}.`);
      if (!members.has(dto.unitBId)) throw AppException.field(ErrorCode.InvalidReference, 'unitBId', `Đơn vị không là thành viên của cụm năm ${year}.`);
      const [a, b] = [dto.unitAId, dto.unitBId].sort();
      const relation = await m.findOne(UnitRelation, { where: { unitAId: a, unitBId: b } });
      if (!relation) throw AppException.field(ErrorCode.NotFound, 'unitBId', 'Chưa khai báo quan hệ giữa hai đơn vị này.');
      await m.delete(UnitRelation, { id: relation.id });
      await this.audit.record(m, { action: 'scoring.relation_remove', entityType: 'unit_relation', entityId: `${a}:${b}`, before: { unitAId: a, unitBId: b, reason: relation.reason, createdBy: relation.createdBy, createdAt: relation.createdAt }, after: null, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return this.views(m, clusterId, year);
    });
  }

  /** A peer sheet needs the assignment and no conflict of interest (unless overridden): refused with the reason. */
  async requireAssigned(m: EntityManager, clusterId: string, year: number, scorer: string, target: string, members: string[]): Promise<void> {
    const config = await this.configs.get(m, clusterId, year);
    const assigned = peerAssignments(members, config.peerMode, config.peerK).some((a) => a.scorer === scorer && a.target === target);
    if (!assigned) throw AppException.field(ErrorCode.InvalidScorer, 'targetUnitId', 'Đơn vị của bạn không được phân công chấm chéo đơn vị này.');
    const conflict = await this.refusal(m, clusterId, year, scorer, target);
    if (conflict) throw AppException.field(ErrorCode.InvalidScorer, 'targetUnitId', `Xung đột lợi ích: ${conflict}`);
  }

  /** The assigned peer pairs ("scorer|target") a conflict of interest bars this year, overrides taken out. */
  async barredPairs(m: EntityManager, clusterId: string, year: number, ctx?: ConflictContext): Promise<Set<string>> {
    const context = ctx ?? (await this.context(m, clusterId, year));
    const overrides = await m.find(PeerConflictOverride, { where: { clusterId, year } });
    return new Set(
      assignmentConflicts(context)
        .filter((c) => !overrides.some((o) => o.scorerUnitId === c.scorer && o.targetUnitId === c.target))
        .map((c) => `${c.scorer}|${c.target}`),
    );
  }

  /** Why `scorer` may not score `target` this year (an override lets it), or null. */
  async refusal(m: EntityManager, clusterId: string, year: number, scorer: string, target: string): Promise<string | null> {
    const reason = peerConflict(scorer, target, await this.context(m, clusterId, year));
    if (!reason) return null;
    const overridden = await m.exists(PeerConflictOverride, { where: { clusterId, year, scorerUnitId: scorer, targetUnitId: target } });
    return overridden ? null : reason;
  }

  /**
   * The members that still have scoring to hand in, alphabetical, with what each owes: their self-score not submitted,
   * a peer sheet they are assigned (and not barred from by a conflict of interest) not submitted — not started
   * included —, or another sheet they score in draft or returned. The reminders of the end of scoring go to these.
   */
  async lateScorers(m: EntityManager, clusterId: string, year: number): Promise<Array<{ id: string; name: string; owes: string[] }>> {
    const ctx = await this.context(m, clusterId, year);
    const sheets = await rawQuery<{ scorer_kind: string; scorer_unit_id: string | null; target_unit_id: string; status: string }>(
      m,
      'SELECT scorer_kind, scorer_unit_id, target_unit_id, status FROM score_sheets WHERE cluster_id = ? AND year = ?',
      [clusterId, year],
    );
    const handedIn = new Set(sheets.filter((s) => s.status === 'SUBMITTED' || s.status === 'LOCKED').map((s) => (s.scorer_kind === 'SELF' ? `SELF|${s.target_unit_id}` : `${s.scorer_kind}|${s.scorer_unit_id}|${s.target_unit_id}`)));
    const barred = await this.barredPairs(m, clusterId, year, ctx);
    // A peer draft barred by a relation declared after it was begun cannot be submitted: it is not owed.
    const open = new Set(sheets.filter((s) => (s.status === 'DRAFT' || s.status === 'RETURNED') && !(s.scorer_kind === 'PEER' && barred.has(`${s.scorer_unit_id}|${s.target_unit_id}`))).map((s) => s.scorer_unit_id));
    const owed = (id: string): string[] => {
      const peers = ctx.assigned.filter((a) => a.scorer === id && !barred.has(`${a.scorer}|${a.target}`) && !handedIn.has(`PEER|${a.scorer}|${a.target}`));
      const owes = [...(handedIn.has(`SELF|${id}`) ? [] : ['phiếu tự chấm']), ...(peers.length ? [`${peers.length} phiếu chấm chéo (${peers.map((a) => ctx.units.get(a.target)!.shortName ?? ctx.units.get(a.target)!.name).join(', ')})`] : [])];
      return owes.length || !open.has(id) ? owes : ['phiếu đang soạn hoặc bị trả lại'];
    };
    return ctx.order.map((id) => ({ id, name: ctx.units.get(id)!.name, owes: owed(id) })).filter((u) => u.owes.length);
  }

  private async views(m: EntityManager, clusterId: string, year: number): Promise<ConflictView[]> {
    const ctx = await this.context(m, clusterId, year);
    const overrides = await m.find(PeerConflictOverride, { where: { clusterId, year } });
    const members = await this.units.byIds(m, ctx.order);
    return assignmentConflicts(ctx).map((c) => {
      const o = overrides.find((x) => x.scorerUnitId === c.scorer && x.targetUnitId === c.target);
      return { scorer: unitRef(members.get(c.scorer), c.scorer), target: unitRef(members.get(c.target), c.target), reason: c.reason, overridden: !!o, overrideReason: o?.reason ?? null };
    });
  }

  /** The members, their lineage (successors followed outside the cluster too), parents, relations and the assignment. */
  async context(m: EntityManager, clusterId: string, year: number): Promise<ConflictContext> {
    const members = await this.memberships.members(m, clusterId, year);
    const config = await this.configs.get(m, clusterId, year);
    const units = new Map<string, ConflictUnit>(members.map((u) => [u.id, { id: u.id, name: u.name, shortName: u.shortName, parentId: u.parentId, successorId: u.successorId }]));
    for (let round = 0; round < 10; round++) {
      const missing = [...units.values()].map((u) => u.successorId).filter((id): id is string => !!id && !units.has(id));
      if (!missing.length) break;
      for (const u of (await this.units.byIds(m, missing)).values()) units.set(u.id, { id: u.id, name: u.name, parentId: u.parentId, successorId: u.successorId });
    }
    const parentIds = [...new Set(members.map((u) => u.parentId).filter((id): id is string => !!id))];
    const parents = await this.units.byIds(m, parentIds);
    const ids = members.map((u) => u.id);
    const relations = ids.length ? await m.find(UnitRelation, { where: { unitAId: In(ids), unitBId: In(ids) } }) : [];
    const order = ids;
    return {
      units,
      names: new Map([...parents.values()].map((u) => [u.id, u.name])),
      relations,
      forbidReciprocal: Boolean(config.forbidReciprocal),
      assigned: peerAssignments(order, config.peerMode, config.peerK),
      order,
    };
  }
}
