import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { compareVi } from '../common/text';
import { formatDateVi, nowIso, todayInVietnam } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { Unit } from '../units/unit.entity';
import { UnitsRepository } from '../units/units.repository';
import { isActiveAtYearEnd, isActiveInYear, organizerYearProblem } from '../units/units.rules';
import { unitView } from '../units/units.service';
import { Cluster } from './cluster.entity';
import { DivisionDto, DivisionReportView, DivisionUnitView } from './clusters.dto';
import { ClustersRepository } from './clusters.repository';
import { Membership } from './membership.entity';
import { MembershipsRepository } from './memberships.repository';

/**
 * Phân cụm: the organiser divides its member units into its clusters for a year by a decision, and the check that
 * every active unit is in exactly one of them. The units an organiser is expected to divide are those it (or an
 * organiser it succeeded) divided before, followed through mergers to the unit active at the end of the year, and
 * the member units under it; a unit in no cluster is reported as left out, a member that ended before the year's
 * end as ended (with what it is now).
 */
@Injectable()
export class DivisionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clusters: ClustersRepository,
    private readonly memberships: MembershipsRepository,
    private readonly units: UnitsRepository,
  ) {}

  report(p: Principal, organizerId: string, year: number): Promise<DivisionReportView> {
    return this.uow.read(async (m) => {
      const organizer = await this.requireOrganizer(m, p, organizerId);
      return this.build(m, organizer, year);
    });
  }

  /** Records the division of `year` under the decision: every assignment or none (a unit twice, a unit taken: 422/409). */
  divide(p: Principal, decisionId: string, dto: DivisionDto): Promise<DivisionReportView> {
    return this.uow.write(async (m) => {
      const decision = await this.clusters.decision(m, decisionId);
      if (!decision) throw AppException.notFound('quyết định phân cụm', 'decisionId');
      const organizer = await this.requireOrganizer(m, p, decision.organizerId);
      const ended = organizerYearProblem(organizer, dto.year, await this.successorName(m, organizer, dto.year));
      if (ended) throw AppException.field(ErrorCode.UnitInactive, 'year', ended);
      if (decision.effectiveYear > dto.year) {
        throw AppException.field(ErrorCode.BusinessRule, 'year', `Quyết định ${decision.number} có hiệu lực từ năm ${decision.effectiveYear}, sau năm ${dto.year}.`);
      }
      if (!dto.assignments.length) throw AppException.field(ErrorCode.ValidationFailed, 'assignments', 'Cần ít nhất một đơn vị được phân cụm.');
      const lineage = [organizer.id, ...(await this.units.predecessorIds(m, organizer.id)), ...(await this.units.successorChain(m, organizer.id)).slice(1).map((u) => u.id)];
      const clusterIds = [...new Set(dto.assignments.map((a) => a.clusterId))];
      const clusters = await this.access.requireAll(m, p, Permission.ClusterOrganize, clusterIds);
      const foreign = clusters.find((c) => c.organizerId !== organizer.id);
      if (foreign) throw AppException.field(ErrorCode.InvalidReference, 'assignments', `${foreign.name} không phải cụm của ${organizer.shortName}.`);
      const units = await this.units.byIds(m, dto.assignments.map((a) => a.unitId));
      // Not a unit of another organiser's scope, as when adding one member (security review F6).
      const visible = await this.units.takeable(m, (qb, alias) => this.access.scopeUnits(qb, alias, p), [...units.keys()]);
      const seen = new Set<string>();
      for (const [i, a] of dto.assignments.entries()) {
        const unit = units.get(a.unitId);
        const field = `assignments.${i}.unitId`;
        if (!unit || unit.kind !== 'MEMBER' || !visible.has(unit.id)) throw AppException.field(ErrorCode.InvalidReference, field, 'Không tìm thấy đơn vị thành viên này.');
        if (seen.has(unit.id)) throw AppException.field(ErrorCode.MembershipConflict, field, `${unit.shortName} được phân vào hơn một cụm trong năm ${dto.year}: mỗi đơn vị chỉ thuộc một cụm.`);
        seen.add(unit.id);
        if (!isActiveInYear(unit, dto.year)) throw AppException.field(ErrorCode.UnitInactive, field, `${unit.shortName} không hoạt động trong năm ${dto.year}.`);
        if (unit.activeTo && unit.activeTo < `${dto.year}-12-31` && unit.activeTo < todayInVietnam()) {
          const now = (await this.units.successorChain(m, unit.id)).find((u) => isActiveAtYearEnd(u, dto.year));
          throw AppException.field(ErrorCode.UnitInactive, field, `${unit.shortName} đã kết thúc hoạt động ngày ${formatDateVi(unit.activeTo)}${now ? `, nay là ${now.shortName}: hãy phân cụm đơn vị này` : ''}.`);
        }
        // One cluster a year across the organiser and those it succeeded or that succeeded it (one lineage).
        const existing = await m.findOne(Membership, { where: { organizerId: In(lineage), unitId: unit.id, year: dto.year } });
        if (existing) {
          const other = clusters.find((c) => c.id === existing.clusterId) ?? (await this.clusters.find(m, existing.clusterId));
          throw AppException.field(ErrorCode.MembershipConflict, field, `${unit.shortName} đã là thành viên của ${other?.name ?? 'một cụm khác'} trong năm ${dto.year}.`);
        }
      }
      const now = nowIso();
      for (const a of dto.assignments) {
        const membership: Membership = { id: randomUUID(), clusterId: a.clusterId, unitId: a.unitId, organizerId: organizer.id, year: dto.year, decisionId: decision.id, leftOn: null, version: 1, createdAt: now };
        await this.memberships.insert(m, membership);
      }
      const report = await this.build(m, organizer, dto.year);
      await this.audit.record(m, {
        action: 'cluster_division.create',
        entityType: 'cluster_decision',
        entityId: decision.id,
        after: { year: dto.year, assignments: dto.assignments, leftOut: report.leftOut.map((x) => x.unit.id) },
        reason: dto.reason,
        organizerId: organizer.id,
      });
      return report;
    });
  }

  private async requireOrganizer(m: EntityManager, p: Principal, organizerId: string): Promise<Unit> {
    const organizer = await this.units.find(m, organizerId);
    if (!organizer || organizer.kind !== 'ORGANIZER' || !this.access.actsFor(p, organizerId)) throw AppException.notFound('cơ quan tổ chức', 'organizerId');
    return organizer;
  }

  /** Who organises the year in place of an organiser that ended before its end. */
  private async successorName(m: EntityManager, organizer: Unit, year: number): Promise<string | null> {
    return (await this.units.successorNow(m, organizer.id, `${year}-12-31`))?.name ?? null;
  }

  private async build(m: EntityManager, organizer: Unit, year: number): Promise<DivisionReportView> {
    const notice = organizerYearProblem(organizer, year, await this.successorName(m, organizer, year));
    const lineage = [organizer.id, ...(await this.units.predecessorIds(m, organizer.id))];
    const own = (await m.find(Cluster, { where: { organizerId: organizer.id }, order: { number: 'ASC' } })) as Cluster[];
    const clusterNames = new Map((await m.find(Cluster, { where: { organizerId: In(lineage) } })).map((c) => [c.id, c.name]));
    const rows = await m.find(Membership, { where: { organizerId: In(lineage) }, relations: { unit: true }, order: { year: 'ASC' } });
    const thisYear = rows.filter((r) => r.year === year && r.organizerId === organizer.id && !r.leftOn);
    const assigned = new Set(thisYear.map((r) => r.unitId));

    // Expected: what became of every unit divided before (the latest membership per unit), and the units under the organiser.
    const candidates = new Map<string, { unit: Unit; previousCluster: string | null; previousUnit: string | null }>();
    const latest = new Map<string, Membership>();
    // An organiser that did not exist at the year's end divides no one that year (its successor or predecessor does).
    if (!notice) for (const r of rows) if (r.year < year) latest.set(r.unitId, r);
    // In year order, so that a unit's latest cluster is the one reported.
    for (const r of [...latest.values()].sort((a, b) => a.year - b.year)) {
      const now = (await this.units.successorChain(m, r.unitId)).find((u) => isActiveAtYearEnd(u, year));
      if (now) candidates.set(now.id, { unit: now, previousCluster: `${clusterNames.get(r.clusterId) ?? ''} (năm ${r.year})`, previousUnit: now.id === r.unitId ? null : r.unit!.shortName });
    }
    const children = notice ? [] : await m.find(Unit, { where: { parentId: In(lineage), kind: 'MEMBER' } });
    for (const u of children) if (isActiveAtYearEnd(u, year) && !candidates.has(u.id)) candidates.set(u.id, { unit: u, previousCluster: null, previousUnit: null });

    const leftOut: DivisionUnitView[] = [...candidates.values()]
      .filter((c) => !assigned.has(c.unit.id))
      .sort((a, b) => compareVi(a.unit.name, b.unit.name))
      .map((c) => ({ unit: unitView(c.unit), previousCluster: c.previousCluster, previousUnit: c.previousUnit }));
    const ended = [];
    for (const r of thisYear.filter((x) => !isActiveAtYearEnd(x.unit!, year))) {
      const chain = await this.units.successorChain(m, r.unitId);
      const successor = chain.slice(1).find((u) => isActiveAtYearEnd(u, year)) ?? null;
      ended.push({ unit: unitView(r.unit!), clusterName: clusterNames.get(r.clusterId) ?? '', successorName: successor?.name ?? null });
    }
    return {
      organizerId: organizer.id,
      organizerName: organizer.name,
      year,
      notice,
      clusters: own.map((c) => ({
        clusterId: c.id,
        name: c.name,
        number: c.number,
        members: thisYear
          .filter((r) => r.clusterId === c.id)
          .map((r) => r.unit!)
          .sort((a, b) => compareVi(a.name, b.name))
          .map(unitView),
      })),
      leftOut,
      ended,
      complete: leftOut.length === 0 && ended.length === 0,
    };
  }
}
