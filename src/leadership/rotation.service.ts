import { Injectable } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { compareVi } from '../common/text';
import { formatDateVi, nowIso } from '../common/time';
import { MembershipsRepository } from '../clusters/memberships.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { Unit } from '../units/unit.entity';
import { Cluster } from '../clusters/cluster.entity';
import { PreviewView, RotationPolicyDto, RotationPolicyView } from './leadership.dto';
import { LeadershipRepository } from './leadership.repository';
import { UnitRefView, unitRef } from '../units/unit-ref';
import { RotationPolicy } from './rotation-policy.entity';
import { RotationError, RotationInput, previewLeadership } from './rotation.rules';

/** Everything the rotation rule needs about one cluster, loaded once. */
export interface RotationContext extends RotationInput {
  units: Map<string, Unit>;
  membersByYear: Map<number, string[]>;
  agreed: boolean;
  policy: RotationPolicy | null;
  ref(id: string): UnitRefView;
}

/** The agreed rotation order of a cluster and the preview of the rule. */
@Injectable()
export class RotationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly leadership: LeadershipRepository,
    private readonly memberships: MembershipsRepository,
    private readonly units: UnitsRepository,
  ) {}

  getPolicy(p: Principal, clusterId: string): Promise<RotationPolicyView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return policyView(clusterId, await this.context(m, clusterId));
    });
  }

  putPolicy(p: Principal, clusterId: string, dto: RotationPolicyDto): Promise<RotationPolicyView> {
    return this.uow.write(async (m) => {
      const latest = await this.leadership.latestTerm(m, clusterId);
      const cluster = latest
        ? await this.access.require(m, p, Permission.YearManage, clusterId, latest.year)
        : await this.access.require(m, p, Permission.YearManage, clusterId);
      const order = dto.unitOrder.map((id) => id.toLowerCase());
      if (new Set(order).size !== order.length) {
        throw AppException.field(ErrorCode.ValidationFailed, 'unitOrder', 'Mỗi đơn vị chỉ xuất hiện một lần trong thứ tự luân phiên.');
      }
      const everMembers = new Set((await this.memberships.inCluster(m, clusterId)).map((ms) => ms.unitId));
      const strangers = order.filter((id) => !everMembers.has(id));
      if (strangers.length) {
        throw AppException.field(ErrorCode.LeadershipInvalid, 'unitOrder', 'Thứ tự luân phiên chỉ gồm các đơn vị đã là thành viên của cụm.');
      }
      const current = await this.leadership.policy(m, clusterId);
      const now = nowIso();
      if (current) {
        await this.leadership.updatePolicy(m, current, dto.version ?? -1, { unitOrder: JSON.stringify(order), updatedAt: now });
      } else {
        await this.leadership.insertPolicy(m, { clusterId, unitOrder: JSON.stringify(order), version: 1, createdAt: now, updatedAt: now });
      }
      await this.audit.record(m, {
        action: 'rotation_policy.update',
        entityType: 'rotation_policy',
        entityId: clusterId,
        before: current ? { unitOrder: JSON.parse(current.unitOrder) } : null,
        after: { unitOrder: order },
        reason: dto.reason,
        organizerId: cluster.organizerId,
        clusterId,
      });
      return policyView(clusterId, await this.context(m, clusterId));
    });
  }

  preview(p: Principal, clusterId: string, years = 5, fromYear?: number): Promise<PreviewView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const ctx = await this.context(m, clusterId);
      const lastTerm = Math.max(...ctx.history.map((t) => t.year), -Infinity);
      const lastMembership = Math.max(...ctx.membersByYear.keys(), -Infinity);
      const from = fromYear ?? (Number.isFinite(lastTerm) ? lastTerm : lastMembership - 1);
      if (!Number.isFinite(from)) throw new AppException(ErrorCode.NoMembership, 'Cụm chưa có thành viên nên chưa thể xem trước luân phiên.');
      // A cluster continued by another after a reorganisation has no years after its last members': its future
      // chairs are the successor's (Bộ TTTT's Cụm 6 ended with 2024; Bộ KH&CN's Cụm 6 goes on from 2025).
      const successor = await m.findOne(Cluster, { where: { predecessorId: clusterId }, order: { createdAt: 'ASC' } });
      // A chair or vice-chair serves the whole year: a unit that ends before the year does (Phòng VH&TT of the districts
      // abolished on 30/06/2025, with no successor) is no one's forecast for it.
      const servesYear = (id: string | null, year: number) => !id || !ctx.units.get(id)?.activeTo || ctx.units.get(id)!.activeTo! >= `${year}-12-31`;
      try {
        const steps = previewLeadership(from, years, ctx).filter((s) => (!successor || s.year <= lastMembership) && servesYear(s.chairId, s.year) && servesYear(s.viceChairId, s.year));
        if (successor && !steps.length) {
          const organizer = (await this.units.byIds(m, [successor.organizerId])).get(successor.organizerId);
          throw new AppException(
            ErrorCode.NoMembership,
            `Cụm đã kết thúc với năm ${lastMembership}, được tiếp nối bởi ${successor.name}${organizer ? ` – ${organizer.name}` : ''}: dự kiến luân phiên xem ở cụm đó.`,
          );
        }
        if (!steps.length) {
          const ends = (ctx.membersByYear.get(lastMembership) ?? []).map((id) => ctx.units.get(id)?.activeTo ?? '9999-12-31').sort();
          throw new AppException(
            ErrorCode.NoMembership,
            `Các đơn vị thành viên năm ${lastMembership} của cụm kết thúc hoạt động${ends.length && ends[ends.length - 1] < '9999' ? ` (muộn nhất ngày ${formatDateVi(ends[ends.length - 1])})` : ''} và không có đơn vị kế thừa trong cụm: không còn năm nào để dự kiến luân phiên.`,
          );
        }
        return {
          clusterId,
          fromYear: from,
          steps: steps.map((s) => ({
            year: s.year,
            chair: ctx.ref(s.chairId),
            viceChair: s.viceChairId ? ctx.ref(s.viceChairId) : null,
            assumedMembershipOf: s.assumedMembershipOf,
            reasons: s.reasons,
          })),
        };
      } catch (error) {
        if (error instanceof RotationError) throw AppException.field(ErrorCode.NoMembership, 'fromYear', error.message);
        throw error;
      }
    });
  }

  /** Loads memberships, terms, the policy and the units they name (with successors). */
  async context(m: EntityManager, clusterId: string): Promise<RotationContext> {
    const memberships = await this.memberships.inCluster(m, clusterId);
    const terms = await this.leadership.terms(m, clusterId, 'ASC');
    const policy = await this.leadership.policy(m, clusterId);
    const membersByYear = new Map<number, string[]>();
    for (const ms of memberships) membersByYear.set(ms.year, [...(membersByYear.get(ms.year) ?? []), ms.unitId]);

    const units = new Map<string, Unit>();
    let pending = new Set<string>([
      ...memberships.map((ms) => ms.unitId),
      ...terms.flatMap((t) => [t.chairUnitId, t.viceChairUnitId, t.hostUnitId].filter((x): x is string => !!x)),
      ...(policy ? (JSON.parse(policy.unitOrder) as string[]) : []),
    ]);
    while (pending.size) {
      const loaded = [...(await this.units.byIds(m, [...pending])).values()];
      for (const u of loaded) units.set(u.id, u);
      pending = new Set(loaded.map((u) => u.successorId).filter((id): id is string => !!id && !units.has(id)));
    }
    const byName = (a: string, b: string) => compareVi(units.get(a)?.name ?? a, units.get(b)?.name ?? b);
    for (const [year, ids] of membersByYear) membersByYear.set(year, [...ids].sort(byName));

    const latestYear = Math.max(...membersByYear.keys(), -Infinity);
    const order = policy ? (JSON.parse(policy.unitOrder) as string[]) : [...(membersByYear.get(latestYear) ?? [])];
    return {
      order,
      history: terms.map((t) => ({ year: t.year, chairId: t.chairUnitId, viceChairId: t.viceChairUnitId })),
      membersOf: (year) => membersByYear.get(year) ?? null,
      successorOf: (id) => units.get(id)?.successorId ?? null,
      nameOf: (id) => units.get(id)?.shortName ?? id,
      units,
      membersByYear,
      agreed: !!policy,
      policy,
      ref: (id) => unitRef(units.get(id), id),
    };
  }
}

function policyView(clusterId: string, ctx: RotationContext): RotationPolicyView {
  return { clusterId, unitOrder: ctx.order.map((id) => ctx.ref(id)), agreed: ctx.agreed, version: ctx.policy?.version ?? null };
}
