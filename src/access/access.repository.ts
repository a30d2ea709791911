import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Cluster } from '../clusters/cluster.entity';
import { findOneRaw, findRaw, rawQuery } from '../database/raw-sql';
import type { LeadershipTerm } from '../leadership/leadership-term.entity';
import type { Unit } from '../units/unit.entity';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';

/**
 * The queries behind the access policy, all in one place: scope of clusters and units, the managing term.
 * Below the features it serves, it names their tables (the entities are imported as types only), so that
 * clusters, units and leadership can depend on it without it depending on them at run time.
 */
@Injectable()
export class AccessRepository {
  /** Clusters by id (one id: a prepared statement, as every request about a cluster starts here). */
  async clusters(m: EntityManager, ids: string[]): Promise<Cluster[]> {
    if (ids.length === 1) {
      const one = await findOneRaw(m, m.connection.getMetadata('clusters').target as new () => Cluster, { id: ids[0] });
      return one ? [one] : [];
    }
    return ids.length ? m.find<Cluster>('clusters', { where: { id: In(ids) } }) : [];
  }

  /** Of these clusters, those one of the units (a unit and its predecessors) is a member of (in any year). */
  async memberClusterIds(m: EntityManager, unitIds: string[], clusterIds: string[]): Promise<Set<string>> {
    if (!clusterIds.length || !unitIds.length) return new Set();
    // A request about one cluster: a prepared statement (read with the cluster: rawQuery's batch).
    const rows = clusterIds.length === 1 && unitIds.length <= 16
      ? await rawQuery<{ clusterId: string }>(m, `SELECT DISTINCT cluster_id AS "clusterId" FROM memberships WHERE unit_id IN (${unitIds.map(() => '?').join(', ')}) AND cluster_id = ?`, [...unitIds, clusterIds[0]])
      : await m.createQueryBuilder('memberships', 'ms').select('DISTINCT ms.clusterId', 'clusterId').where('ms.unitId IN (:...unitIds) AND ms.clusterId IN (:...clusterIds)', { unitIds, clusterIds }).getRawMany<{ clusterId: string }>();
    return new Set(rows.map((r) => r.clusterId));
  }

  /** For each cluster, the term whose secretariat manages `year`: that year's, else the latest earlier one (none: absent). */
  async managingTerms(m: EntityManager, clusterIds: string[], year: number): Promise<Map<string, LeadershipTerm>> {
    const terms =
      clusterIds.length === 1
        ? await findRaw(m, m.connection.getMetadata('leadership_terms').target as new () => LeadershipTerm, 'cluster_id = ? AND year = (SELECT MAX(t2.year) FROM leadership_terms t2 WHERE t2.cluster_id = ? AND t2.year <= ?)', [clusterIds[0], clusterIds[0], year])
        : await m
            .createQueryBuilder<LeadershipTerm>('leadership_terms', 't')
            .where('t.clusterId IN (:...clusterIds) AND t.year <= :year', { clusterIds, year })
            .andWhere('t.year = (SELECT MAX(t2.year) FROM leadership_terms t2 WHERE t2.cluster_id = t.cluster_id AND t2.year <= :year)', { year })
            .getMany();
    return new Map(terms.map((t) => [t.clusterId, t]));
  }

  unitName(m: EntityManager, unitId: string): Promise<string | undefined> {
    return m.findOne<Unit>('units', { where: { id: unitId } }).then((u) => u?.shortName);
  }

  /** Restricts a cluster query (alias of Cluster) to the clusters the caller may read. */
  scopeClusters<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, p: Principal): SelectQueryBuilder<T> {
    switch (p.role) {
      case Role.Admin:
        return qb;
      case Role.MinistryReviewer:
        return qb.andWhere(`${alias}.organizerId IN (:...scopeOrgs)`, { scopeOrgs: orgs(p) });
      case Role.ClusterSecretary:
        return p.clusterIds.length ? qb.andWhere(`${alias}.id IN (:...scopeClusters)`, { scopeClusters: p.clusterIds }) : qb.andWhere('1 = 0');
      case Role.UnitOfficer:
        return qb.andWhere(`${alias}.id IN (SELECT sm.cluster_id FROM memberships sm WHERE sm.unit_id IN (:...scopeUnits))`, { scopeUnits: units(p) });
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
              .where(`${id} IN (:...scopeOrgs)`)
              .orWhere(`${alias}.parentId IN (:...scopeOrgs)`)
              .orWhere(`${id} IN (SELECT sm.unit_id FROM memberships sm WHERE sm.organizer_id IN (:...scopeOrgs))`)
              .orWhere(`${alias}.successorId IS NOT NULL AND ${alias}.successorId IN (SELECT sm4.unit_id FROM memberships sm4 WHERE sm4.organizer_id IN (:...scopeOrgs))`),
          ),
          { scopeOrgs: orgs(p) },
        );
      case Role.ClusterSecretary:
        if (!p.clusterIds.length) return qb.andWhere(`${id} IN (:...scopeOwnUnits)`, { scopeOwnUnits: units(p) });
        return qb.andWhere(
          new Brackets((w) =>
            w
              .where(`${id} IN (:...scopeOwnUnits)`)
              .orWhere(`${id} IN (SELECT sm.unit_id FROM memberships sm WHERE sm.cluster_id IN (:...scopeClusters))`)
              .orWhere(`${id} IN (SELECT sc.organizer_id FROM clusters sc WHERE sc.id IN (:...scopeClusters))`),
          ),
          { scopeOwnUnits: units(p), scopeClusters: p.clusterIds },
        );
      case Role.UnitOfficer:
        return qb.andWhere(
          new Brackets((w) =>
            w
              .where(`${id} IN (:...scopeUnits)`)
              .orWhere(`${id} IN (SELECT sm2.unit_id FROM memberships sm2 WHERE sm2.cluster_id IN (SELECT sm.cluster_id FROM memberships sm WHERE sm.unit_id IN (:...scopeUnits)))`)
              .orWhere(`${id} IN (SELECT sm3.organizer_id FROM memberships sm3 WHERE sm3.unit_id IN (:...scopeUnits))`)
              .orWhere(`${id} IN (SELECT uo.successor_id FROM units uo WHERE uo.id IN (SELECT sm5.organizer_id FROM memberships sm5 WHERE sm5.unit_id IN (:...scopeUnits)))`),
          ),
          { scopeUnits: units(p) },
        );
    }
  }
}

/** Never an empty IN list: a principal without units or organisers matches nothing. */
const units = (p: Principal): string[] => (p.unitIds.length ? p.unitIds : ['']);
const orgs = (p: Principal): string[] => (p.organizerIds.length ? p.organizerIds : ['']);
