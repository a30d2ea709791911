import { Injectable } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { compareVi } from '../common/text';
import { nowIso } from '../common/time';
import { MembershipsRepository } from './memberships.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { Unit } from '../units/unit.entity';
import { unitView } from '../units/units.service';
import { isActiveInYear, organizerYearProblem } from '../units/units.rules';
import { ClusterDecision } from './cluster-decision.entity';
import { Cluster } from './cluster.entity';
import { AddMemberDto, MemberView, RemoveMemberDto } from './clusters.dto';
import { ClustersRepository } from './clusters.repository';
import { Membership } from './membership.entity';

/** Thành viên cụm theo năm, under the organiser's cluster-division decisions. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsRepository,
    private readonly clusters: ClustersRepository,
    private readonly units: UnitsRepository,
  ) {}

  list(p: Principal, clusterId: string, year?: number): Promise<MemberView[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const rows = await this.memberships.list(m, clusterId, year);
      rows.sort((a, b) => b.year - a.year || compareVi(a.unit!.name, b.unit!.name));
      return rows.map(memberView);
    });
  }

  add(p: Principal, clusterId: string, dto: AddMemberDto): Promise<MemberView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterOrganize, clusterId);
      // Not a unit of another organiser's scope (security review F6): said as for a unit that does not exist.
      const takeable = await this.units.takeable(m, (qb, alias) => this.access.scopeUnits(qb, alias, p), [dto.unitId]);
      const unit = takeable.has(dto.unitId) ? await this.units.find(m, dto.unitId) : null;
      if (!unit || unit.kind !== 'MEMBER') {
        throw AppException.field(ErrorCode.InvalidReference, 'unitId', 'Không tìm thấy đơn vị thành viên này.');
      }
      const organizer = await this.units.get(m, cluster.organizerId);
      const ended = organizerYearProblem(organizer, dto.year, (await this.units.successorNow(m, organizer.id, `${dto.year}-12-31`))?.name ?? null);
      if (ended) throw AppException.field(ErrorCode.UnitInactive, 'year', ended);
      if (!isActiveInYear(unit, dto.year)) {
        throw AppException.field(ErrorCode.UnitInactive, 'year', `${unit.shortName} không hoạt động trong năm ${dto.year}.`);
      }
      const decision = dto.decisionId ? await this.requireDecision(m, cluster, dto.decisionId, dto.year) : null;
      await this.ensureFree(m, cluster, unit, dto.year);
      const membership: Membership = {
        id: randomUUID(),
        clusterId,
        unitId: unit.id,
        organizerId: cluster.organizerId,
        year: dto.year,
        decisionId: decision?.id ?? null,
        leftOn: null,
        version: 1,
        createdAt: nowIso(),
      };
      await this.memberships.insert(m, membership);
      const view = memberView({ ...membership, unit, decision });
      await this.audit.record(m, {
        action: 'membership.create',
        entityType: 'membership',
        entityId: membership.id,
        after: { clusterId, unitId: unit.id, year: dto.year, decisionId: membership.decisionId },
        reason: dto.reason,
        organizerId: cluster.organizerId,
        clusterId,
      });
      return view;
    });
  }

  remove(p: Principal, clusterId: string, membershipId: string, dto: RemoveMemberDto): Promise<void> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterOrganize, clusterId);
      const membership = await this.memberships.find(m, clusterId, membershipId);
      if (!membership) throw AppException.notFound('thành viên cụm', 'membershipId');
      await this.memberships.delete(m, membership, dto.version);
      await this.audit.record(m, {
        action: 'membership.delete',
        entityType: 'membership',
        entityId: membershipId,
        before: { clusterId, unitId: membership.unitId, year: membership.year, decisionId: membership.decisionId },
        reason: dto.reason,
        organizerId: cluster.organizerId,
        clusterId,
      });
    });
  }

  private async requireDecision(m: EntityManager, cluster: Cluster, decisionId: string, year: number): Promise<ClusterDecision> {
    const decision = await this.clusters.decision(m, decisionId);
    if (!decision || decision.organizerId !== cluster.organizerId) {
      throw AppException.field(ErrorCode.InvalidReference, 'decisionId', 'Không tìm thấy quyết định phân cụm của cơ quan tổ chức này.');
    }
    if (decision.effectiveYear > year) {
      throw AppException.field(
        ErrorCode.BusinessRule,
        'decisionId',
        `Quyết định ${decision.number} có hiệu lực từ năm ${decision.effectiveYear}, sau năm ${year}.`,
      );
    }
    return decision;
  }

  /** A unit belongs to at most one cluster of the same organiser in a year (also a unique constraint). */
  private async ensureFree(m: EntityManager, cluster: Cluster, unit: Unit, year: number): Promise<void> {
    const existing = await this.memberships.ofUnitInYear(m, cluster.organizerId, unit.id, year);
    if (!existing) return;
    const other = await this.clusters.find(m, existing.clusterId);
    const message =
      existing.clusterId === cluster.id
        ? `${unit.shortName} đã là thành viên của cụm này trong năm ${year}.`
        : `${unit.shortName} đã là thành viên của ${other?.name ?? 'một cụm khác'} trong năm ${year}.`;
    throw AppException.field(ErrorCode.MembershipConflict, 'unitId', message);
  }
}

function memberView(ms: Membership & { unit?: Unit; decision?: ClusterDecision | null }): MemberView {
  return {
    membershipId: ms.id,
    year: ms.year,
    decisionId: ms.decisionId,
    decisionNumber: ms.decision?.number ?? null,
    leftOn: ms.leftOn,
    version: ms.version,
    unit: unitView(ms.unit!),
  };
}
