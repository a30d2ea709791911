import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { findOneRaw } from '../database/raw-sql';
import { Cluster } from '../clusters/cluster.entity';
import { Membership } from '../clusters/membership.entity';
import { LeadershipTerm } from '../leadership/leadership-term.entity';
import { Unit } from '../units/unit.entity';
import type { Principal } from './principal';
import { Role } from './roles';

/**
 * What a caller may do with one cluster:
 * - read: see it (unit officers of its members, any year);
 * - year: also run its emulation years (its secretariat);
 * - organize: also change its structure and membership (the organiser's staff, admins).
 */
export type ClusterAccess = 'read' | 'year' | 'organize';
const RANK: Record<ClusterAccess, number> = { read: 1, year: 2, organize: 3 };

/** Object-level authorisation, checked by services on every object a request touches. */
@Injectable()
export class AccessService {
  async clusterAccess(m: EntityManager, p: Principal, cluster: Cluster): Promise<ClusterAccess | null> {
    switch (p.role) {
      case Role.Admin:
        return 'organize';
      case Role.MinistryReviewer:
        return cluster.organizerId === p.organizerId ? 'organize' : null;
      case Role.ClusterSecretary:
        return p.clusterIds.includes(cluster.id) ? 'year' : null;
      case Role.UnitOfficer: {
        if (!p.unitId) return null;
        const member = await m.exists(Membership, { where: { clusterId: cluster.id, unitId: p.unitId } });
        return member ? 'read' : null;
      }
    }
  }

  /**
   * Loads a cluster the caller may act on at `need`. Out of scope answers 404 (existence is not revealed);
   * in scope but not allowed answers 403.
   */
  async requireCluster(m: EntityManager, p: Principal, clusterId: string, need: ClusterAccess): Promise<Cluster> {
    const cluster = await findOneRaw(m, Cluster, { id: clusterId });
    if (!cluster) throw AppException.notFound('cụm thi đua');
    return this.checkCluster(m, p, cluster, need);
  }

  /** The access check of requireCluster for a cluster already loaded. */
  async checkCluster(m: EntityManager, p: Principal, cluster: Cluster, need: ClusterAccess): Promise<Cluster> {
    const access = await this.clusterAccess(m, p, cluster);
    if (!access) throw AppException.notFound('cụm thi đua');
    if (RANK[access] < RANK[need]) throw AppException.forbidden();
    return cluster;
  }

  /**
   * Like requireCluster, for the data of one emulation year. A secretariat's write access follows the
   * year's chair unit (hand-over): the officers of the chair unit of `year` manage it; while no term is
   * recorded for `year`, the secretariat of the latest earlier term keeps it (or, with no term at all,
   * the secretaries assigned to the cluster). History stays readable.
   */
  async requireClusterYear(m: EntityManager, p: Principal, clusterId: string, year: number, need: ClusterAccess, known?: Cluster): Promise<Cluster> {
    const cluster = known ? await this.checkCluster(m, p, known, need) : await this.requireCluster(m, p, clusterId, need);
    if (need === 'read' || p.role !== Role.ClusterSecretary) return cluster;
    const manager = await this.managingTerm(m, clusterId, year);
    if (!manager || manager.chairUnitId === p.unitId) return cluster;
    const chair = await m.findOne(Unit, { where: { id: manager.chairUnitId } });
    throw AppException.forbidden(
      manager.year === year
        ? `Năm ${year} do ${chair?.shortName ?? 'đơn vị khác'} làm Cụm trưởng: chỉ thư ký cụm của đơn vị Cụm trưởng được thay đổi dữ liệu năm này.`
        : `Dữ liệu năm ${year} do thư ký cụm của ${chair?.shortName ?? 'đơn vị khác'} (Cụm trưởng năm ${manager.year}) quản lý.`,
    );
  }

  /** The term whose secretariat manages `year`: that year's, else the latest earlier one. */
  async managingTerm(m: EntityManager, clusterId: string, year: number): Promise<LeadershipTerm | null> {
    return m
      .createQueryBuilder(LeadershipTerm, 't')
      .where('t.clusterId = :clusterId AND t.year <= :year', { clusterId, year })
      .orderBy('t.year', 'DESC')
      .getOne();
  }

  /** Whether the caller acts for this organiser (admins act for all). */
  canOrganize(p: Principal, organizerId: string): boolean {
    return p.role === Role.Admin || (p.role === Role.MinistryReviewer && p.organizerId === organizerId);
  }

  /** Restricts a cluster query (alias of Cluster) to the clusters the caller may read. */
  scopeClusters<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, p: Principal): SelectQueryBuilder<T> {
    switch (p.role) {
      case Role.Admin:
        return qb;
      case Role.MinistryReviewer:
        return qb.andWhere(`${alias}.organizerId = :scopeOrg`, { scopeOrg: p.organizerId ?? '' });
      case Role.ClusterSecretary:
        return p.clusterIds.length
          ? qb.andWhere(`${alias}.id IN (:...scopeClusters)`, { scopeClusters: p.clusterIds })
          : qb.andWhere('1 = 0');
      case Role.UnitOfficer:
        return qb.andWhere(`${alias}.id IN (SELECT sm.cluster_id FROM memberships sm WHERE sm.unit_id = :scopeUnit)`, {
          scopeUnit: p.unitId ?? '',
        });
    }
  }

  /** Restricts a unit query (alias of Unit) to the units the caller may see. */
  scopeUnits<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, p: Principal): SelectQueryBuilder<T> {
    const id = `${alias}.id`;
    switch (p.role) {
      case Role.Admin:
        return qb;
      case Role.MinistryReviewer:
        return qb.andWhere(
          new Brackets((w) =>
            w
              .where(`${id} = :scopeOrg`)
              .orWhere(`${alias}.parentId = :scopeOrg`)
              .orWhere(`${id} IN (SELECT sm.unit_id FROM memberships sm WHERE sm.organizer_id = :scopeOrg)`),
          ),
          { scopeOrg: p.organizerId ?? '' },
        );
      case Role.ClusterSecretary:
        if (!p.clusterIds.length) return qb.andWhere(`${id} = :scopeOwnUnit`, { scopeOwnUnit: p.unitId ?? '' });
        return qb.andWhere(
          new Brackets((w) =>
            w
              .where(`${id} = :scopeOwnUnit`)
              .orWhere(`${id} IN (SELECT sm.unit_id FROM memberships sm WHERE sm.cluster_id IN (:...scopeClusters))`)
              .orWhere(`${id} IN (SELECT sc.organizer_id FROM clusters sc WHERE sc.id IN (:...scopeClusters))`),
          ),
          { scopeOwnUnit: p.unitId ?? '', scopeClusters: p.clusterIds },
        );
      case Role.UnitOfficer:
        return qb.andWhere(
          new Brackets((w) =>
            w
              .where(`${id} = :scopeUnit`)
              .orWhere(
                `${id} IN (SELECT sm2.unit_id FROM memberships sm2 WHERE sm2.cluster_id IN (SELECT sm.cluster_id FROM memberships sm WHERE sm.unit_id = :scopeUnit))`,
              )
              .orWhere(`${id} IN (SELECT sm3.organizer_id FROM memberships sm3 WHERE sm3.unit_id = :scopeUnit)`),
          ),
          { scopeUnit: p.unitId ?? '' },
        );
    }
  }
}
