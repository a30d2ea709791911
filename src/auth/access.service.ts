import { Injectable } from '@nestjs/common';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { Cluster } from '../clusters/cluster.entity';
import { AccessRepository } from './access.repository';
import { Permission, Scope, scopeOf } from './access.policy';
import type { Principal } from './principal';

type Decision = { allowed: true } | { allowed: false; message?: string };
const ALLOWED: Decision = { allowed: true };
const DENIED: Decision = { allowed: false };

/**
 * Object-level authorisation by the one policy (access.policy.ts): services ask it about every cluster (and
 * year) a request touches. Out of read scope answers 404 (existence is not revealed); readable but not
 * permitted answers 403.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repo: AccessRepository) {}

  /** Loads a cluster on which the caller holds `permission` (for `year`, where the permission is per year). */
  async require(m: EntityManager, p: Principal, permission: Permission, clusterId: string, year?: number, known?: Cluster): Promise<Cluster> {
    const cluster = known ?? (await this.repo.clusters(m, [clusterId]))[0];
    if (!cluster) throw AppException.notFound('cụm thi đua');
    if (!(await this.decide(m, p, Permission.ClusterRead, cluster)).allowed) throw AppException.notFound('cụm thi đua');
    if (permission === Permission.ClusterRead) return cluster;
    const decision = await this.decide(m, p, permission, cluster, year);
    if (!decision.allowed) throw AppException.forbidden(decision.message);
    return cluster;
  }

  /** Whether the caller holds `permission` on the cluster (and year): what pages ask to show a control. */
  async can(m: EntityManager, p: Principal, permission: Permission, clusterId: string, year?: number, known?: Cluster): Promise<boolean> {
    const cluster = known ?? (await this.repo.clusters(m, [clusterId]))[0];
    if (!cluster || !(await this.decide(m, p, Permission.ClusterRead, cluster)).allowed) return false;
    return (await this.decide(m, p, permission, cluster, year)).allowed;
  }

  /** Restricts a cluster query (alias of Cluster) to the clusters the caller may read. */
  scopeClusters<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, p: Principal): SelectQueryBuilder<T> {
    return this.repo.scopeClusters(qb, alias, p);
  }

  /** Restricts a unit query (alias of Unit) to the units the caller may see. */
  scopeUnits<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, p: Principal): SelectQueryBuilder<T> {
    return this.repo.scopeUnits(qb, alias, p);
  }

  /** Whether the caller acts for this organiser (the organiser's own acts, such as its decisions). */
  actsFor(p: Principal, organizerId: string): boolean {
    const scope = scopeOf(p.role, Permission.OrganizerAct);
    return scope === 'all' || (scope === 'organizer' && p.organizerId === organizerId);
  }

  private async decide(m: EntityManager, p: Principal, permission: Permission, cluster: Cluster, year?: number): Promise<Decision> {
    const scope: Scope | null = scopeOf(p.role, permission);
    switch (scope) {
      case null:
        return DENIED;
      case 'all':
        return ALLOWED;
      case 'organizer':
        return cluster.organizerId === p.organizerId ? ALLOWED : DENIED;
      case 'assigned':
        return p.clusterIds.includes(cluster.id) ? ALLOWED : DENIED;
      case 'member':
        return p.unitId && (await this.repo.memberClusterIds(m, p.unitId, [cluster.id])).has(cluster.id) ? ALLOWED : DENIED;
      case 'yearSecretariat':
        return this.yearSecretariat(m, p, cluster, year);
      case 'awardsSecretariat': {
        if (year === undefined) return this.yearSecretariat(m, p, cluster, year);
        const next = await this.yearSecretariat(m, p, cluster, year + 1);
        return next.allowed ? next : this.yearSecretariat(m, p, cluster, year);
      }
    }
  }

  /**
   * A secretariat's write access follows the year's chair unit (hand-over): the officers of the chair unit of
   * `year` manage it; while no term is recorded for `year`, the secretariat of the latest earlier term keeps it
   * (or, with no term at all, the secretaries assigned to the cluster).
   */
  private async yearSecretariat(m: EntityManager, p: Principal, cluster: Cluster, year: number | undefined): Promise<Decision> {
    if (!p.clusterIds.includes(cluster.id)) return DENIED;
    if (year === undefined) return ALLOWED;
    const manager = await this.repo.managingTerm(m, cluster.id, year);
    if (!manager || manager.chairUnitId === p.unitId) return ALLOWED;
    const chair = (await this.repo.unitName(m, manager.chairUnitId)) ?? 'đơn vị khác';
    return {
      allowed: false,
      message:
        manager.year === year
          ? `Năm ${year} do ${chair} làm Cụm trưởng: chỉ thư ký cụm của đơn vị Cụm trưởng được thay đổi dữ liệu năm này.`
          : `Dữ liệu năm ${year} do thư ký cụm của ${chair} (Cụm trưởng năm ${manager.year}) quản lý.`,
    };
  }
}
