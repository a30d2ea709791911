import { Injectable } from '@nestjs/common';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import type { Cluster } from '../clusters/cluster.entity';
import type { LeadershipTerm } from '../leadership/leadership-term.entity';
import { AccessRepository } from './access.repository';
import { Permission, Scope, scopeOf } from './access.policy';
import type { Principal } from '../common/auth/principal';

/** The policy's answer about one cluster; a refusal by hand-over carries the term that manages the year. */
type Decision = { allowed: true; cluster: Cluster } | { allowed: false; cluster: Cluster; handOver?: { year: number; manager: LeadershipTerm } };

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
    return (await this.requireAll(m, p, permission, [clusterId], year, known ? [known] : []))[0];
  }

  /**
   * Loads the clusters `ids` (in that order), all of which the caller must hold `permission` on (for `year`): one
   * query per kind of fact whatever the number of ids. Any outside read scope answers 404, any readable but not
   * permitted 403 (with the reason of the first).
   */
  async requireAll(m: EntityManager, p: Principal, permission: Permission, ids: string[], year?: number, known: Cluster[] = []): Promise<Cluster[]> {
    const clusters = await this.load(m, ids, known);
    if (clusters.length !== new Set(ids).size) throw AppException.notFound('cụm thi đua');
    const readable = await this.decideAll(m, p, Permission.ClusterRead, clusters);
    if (clusters.some((c) => !readable.get(c.id)!.allowed)) throw AppException.notFound('cụm thi đua');
    if (permission !== Permission.ClusterRead) {
      const decisions = await this.decideAll(m, p, permission, clusters, year);
      const denied = clusters.map((c) => decisions.get(c.id)!).find((d) => !d.allowed);
      if (denied && !denied.allowed) throw AppException.forbidden(await this.reason(m, denied));
    }
    const byId = new Map(clusters.map((c) => [c.id, c]));
    return ids.map((id) => byId.get(id)!);
  }

  /** Whether the caller holds `permission` on the cluster (and year): what pages ask to show a control. */
  async can(m: EntityManager, p: Principal, permission: Permission, clusterId: string, year?: number, known?: Cluster): Promise<boolean> {
    return (await this.permitted(m, p, permission, [clusterId], year, known ? [known] : [])).has(clusterId);
  }

  /** Of the clusters `ids`, those on which the caller holds `permission` (for `year`), checked in bulk. */
  async permitted(m: EntityManager, p: Principal, permission: Permission, ids: string[], year?: number, known: Cluster[] = []): Promise<Set<string>> {
    const readable = await this.decideAll(m, p, Permission.ClusterRead, await this.load(m, ids, known));
    const visible = [...readable.values()].filter((d) => d.allowed).map((d) => d.cluster);
    if (permission === Permission.ClusterRead) return new Set(visible.map((c) => c.id));
    const decisions = await this.decideAll(m, p, permission, visible, year);
    return new Set([...decisions.values()].filter((d) => d.allowed).map((d) => d.cluster.id));
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
    return scope === 'all' || (scope === 'organizer' && p.organizerIds.includes(organizerId));
  }

  private async load(m: EntityManager, ids: string[], known: Cluster[]): Promise<Cluster[]> {
    const missing = [...new Set(ids)].filter((id) => !known.some((c) => c.id === id));
    return [...known.filter((c) => ids.includes(c.id)), ...(missing.length ? await this.repo.clusters(m, missing) : [])];
  }

  /** The policy's answer for each cluster, with the facts of all of them read at once. */
  private async decideAll(m: EntityManager, p: Principal, permission: Permission, clusters: Cluster[], year?: number): Promise<Map<string, Decision>> {
    const scope: Scope | null = scopeOf(p.role, permission);
    const answer = (allowed: (c: Cluster) => boolean) => new Map(clusters.map((c): [string, Decision] => [c.id, allowed(c) ? { allowed: true, cluster: c } : { allowed: false, cluster: c }]));
    switch (scope) {
      case null:
        return answer(() => false);
      case 'all':
        return answer(() => true);
      case 'organizer':
        return answer((c) => p.organizerIds.includes(c.organizerId));
      case 'assigned':
        return answer((c) => p.clusterIds.includes(c.id));
      case 'member': {
        const member = p.unitIds.length && clusters.length ? await this.repo.memberClusterIds(m, p.unitIds, clusters.map((c) => c.id)) : new Set<string>();
        return answer((c) => member.has(c.id));
      }
      case 'yearSecretariat':
        return this.yearSecretariat(m, p, clusters, year);
      case 'awardsSecretariat': {
        if (year === undefined) return this.yearSecretariat(m, p, clusters, year);
        const [next, same] = await Promise.all([this.yearSecretariat(m, p, clusters, year + 1), this.yearSecretariat(m, p, clusters, year)]);
        return new Map(clusters.map((c) => [c.id, next.get(c.id)!.allowed ? next.get(c.id)! : same.get(c.id)!]));
      }
    }
  }

  /**
   * A secretariat's write access follows the year's chair unit (hand-over): the officers of the chair unit of
   * `year` manage it; while no term is recorded for `year`, the secretariat of the latest earlier term keeps it
   * (or, with no term at all, the secretaries assigned to the cluster).
   */
  private async yearSecretariat(m: EntityManager, p: Principal, clusters: Cluster[], year: number | undefined): Promise<Map<string, Decision>> {
    const assigned = clusters.filter((c) => p.clusterIds.includes(c.id));
    const managers = year === undefined || !assigned.length ? new Map<string, LeadershipTerm>() : await this.repo.managingTerms(m, assigned.map((c) => c.id), year);
    return new Map(
      clusters.map((c): [string, Decision] => {
        if (!p.clusterIds.includes(c.id)) return [c.id, { allowed: false, cluster: c }];
        const manager = managers.get(c.id);
        if (year === undefined || !manager || p.unitIds.includes(manager.chairUnitId)) return [c.id, { allowed: true, cluster: c }];
        return [c.id, { allowed: false, cluster: c, handOver: { year, manager } }];
      }),
    );
  }

  /** Why a secretariat may not change a year: the unit whose secretariat manages it. */
  private async reason(m: EntityManager, d: Decision): Promise<string | undefined> {
    if (d.allowed || !d.handOver) return undefined;
    const { year, manager } = d.handOver;
    const chair = (await this.repo.unitName(m, manager.chairUnitId)) ?? 'đơn vị khác';
    return manager.year === year
      ? `Năm ${year} do ${chair} làm Cụm trưởng: chỉ thư ký cụm của đơn vị Cụm trưởng được thay đổi dữ liệu năm này.`
      : `Dữ liệu năm ${year} do thư ký cụm của ${chair} (Cụm trưởng năm ${manager.year}) quản lý.`;
  }
}
