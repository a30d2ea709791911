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
    // The facts are read with the clusters (one round trip on PostgreSQL): they are asked by the ids.
    const [clusters, readFacts, facts] = await Promise.all([this.load(m, ids, known), this.facts(m, p, Permission.ClusterRead, ids), permission === Permission.ClusterRead ? null : this.facts(m, p, permission, ids, year)]);
    if (clusters.length !== new Set(ids).size) throw AppException.notFound('cụm thi đua');
    const readable = decideAll(p, Permission.ClusterRead, clusters, readFacts);
    if (clusters.some((c) => !readable.get(c.id)!.allowed)) throw AppException.notFound('cụm thi đua');
    if (facts) {
      const decisions = decideAll(p, permission, clusters, facts, year);
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
    const [clusters, readFacts, facts] = await Promise.all([this.load(m, ids, known), this.facts(m, p, Permission.ClusterRead, ids), permission === Permission.ClusterRead ? null : this.facts(m, p, permission, ids, year)]);
    const readable = decideAll(p, Permission.ClusterRead, clusters, readFacts);
    const visible = [...readable.values()].filter((d) => d.allowed).map((d) => d.cluster);
    if (!facts) return new Set(visible.map((c) => c.id));
    const decisions = decideAll(p, permission, visible, facts, year);
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

  /**
   * Starts reading the facts the policy asks for `permission` on the clusters `ids` (for `year`): one query per kind
   * of fact, whatever the number of ids, sent in the turn it is called (read with the clusters themselves).
   */
  private async facts(m: EntityManager, p: Principal, permission: Permission, ids: string[], year?: number): Promise<Facts> {
    const scope = scopeOf(p.role, permission);
    const unique = [...new Set(ids)];
    const assigned = unique.filter((id) => p.clusterIds.includes(id));
    // A secretariat's facts: the term managing the year (awards: the next year's, then the year's).
    const years = scope === 'yearSecretariat' || (scope === 'awardsSecretariat' && year === undefined) ? [year] : scope === 'awardsSecretariat' ? [year! + 1, year!] : [];
    const [member, ...terms] = await Promise.all([
      scope === 'member' && p.unitIds.length && unique.length ? this.repo.memberClusterIds(m, p.unitIds, unique) : new Set<string>(),
      ...years.map((y) => (y === undefined || !assigned.length ? new Map<string, LeadershipTerm>() : this.repo.managingTerms(m, assigned, y))),
    ]);
    return { member, terms: new Map(years.map((y, i) => [y, terms[i]])) };
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

/** What the policy reads: the clusters the caller's units are members of, the terms managing a year (by year). */
type Facts = { member: Set<string>; terms: Map<number | undefined, Map<string, LeadershipTerm>> };

/** The policy's answer for each cluster, on the facts read. */
function decideAll(p: Principal, permission: Permission, clusters: Cluster[], facts: Facts, year?: number): Map<string, Decision> {
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
    case 'member':
      return answer((c) => facts.member.has(c.id));
    case 'yearSecretariat':
      return yearSecretariat(p, clusters, year, facts);
    case 'awardsSecretariat': {
      if (year === undefined) return yearSecretariat(p, clusters, year, facts);
      const [next, same] = [yearSecretariat(p, clusters, year + 1, facts), yearSecretariat(p, clusters, year, facts)];
      return new Map(clusters.map((c) => [c.id, next.get(c.id)!.allowed ? next.get(c.id)! : same.get(c.id)!]));
    }
  }
}

/**
 * A secretariat's write access follows the year's chair unit (hand-over): the officers of the chair unit of
 * `year` manage it; while no term is recorded for `year`, the secretariat of the latest earlier term keeps it
 * (or, with no term at all, the secretaries assigned to the cluster).
 */
function yearSecretariat(p: Principal, clusters: Cluster[], year: number | undefined, facts: Facts): Map<string, Decision> {
  const managers = facts.terms.get(year) ?? new Map<string, LeadershipTerm>();
  return new Map(
    clusters.map((c): [string, Decision] => {
      if (!p.clusterIds.includes(c.id)) return [c.id, { allowed: false, cluster: c }];
      const manager = managers.get(c.id);
      if (year === undefined || !manager || p.unitIds.includes(manager.chairUnitId)) return [c.id, { allowed: true, cluster: c }];
      return [c.id, { allowed: false, cluster: c, handOver: { year, manager } }];
    }),
  );
}
