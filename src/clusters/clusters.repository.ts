import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { Principal } from '../common/auth/principal';
import { updateVersioned } from '../database/unit-of-work';
import { ClusterDecision } from './cluster-decision.entity';
import { Cluster } from './cluster.entity';

/** Clusters and the organisers' cluster-division decisions: lookups, the lists, and the writes. */
@Injectable()
export class ClustersRepository {
  constructor(private readonly access: AccessService) {}

  /** The clusters the caller may read, by organiser then number (of one organiser if given). */
  list(m: EntityManager, p: Principal, organizerId?: string): Promise<Cluster[]> {
    const qb = m.createQueryBuilder(Cluster, 'c').orderBy('c.organizerId').addOrderBy('c.number');
    this.access.scopeClusters(qb, 'c', p);
    if (organizerId) qb.andWhere('c.organizerId = :org', { org: organizerId });
    return qb.getMany();
  }

  find(m: EntityManager, id: string): Promise<Cluster | null> {
    return m.findOne(Cluster, { where: { id } });
  }

  /** A cluster that a stored row refers to (its foreign key): throws when it does not exist. */
  findReferenced(m: EntityManager, id: string): Promise<Cluster> {
    return m.findOneOrFail(Cluster, { where: { id } });
  }

  /** The clusters with these ids (which may repeat), in no particular order. */
  byIds(m: EntityManager, ids: string[]): Promise<Cluster[]> {
    return ids.length ? m.findBy(Cluster, ids.map((id) => ({ id }))) : Promise.resolve([]);
  }

  /** Whether the organiser already has a cluster with this number. */
  numberTaken(m: EntityManager, organizerId: string, number: number): Promise<boolean> {
    return m.exists(Cluster, { where: { organizerId, number } });
  }

  async insert(m: EntityManager, cluster: Cluster): Promise<void> {
    await m.insert(Cluster, cluster);
  }

  /** The optimistic update of a cluster (409 when the client's version is not the stored one). */
  update(m: EntityManager, current: Cluster, expectedVersion: number, changes: Partial<Cluster>): Promise<Cluster> {
    return updateVersioned(m, Cluster, current, expectedVersion, changes, 'cụm thi đua');
  }

  /** Decisions, the latest signed first: of `scopeOrganizerIds` only when given (the caller's scope), of `organizerId` when given. */
  decisions(m: EntityManager, q: { scopeOrganizerIds?: string[]; organizerId?: string }): Promise<ClusterDecision[]> {
    const qb = m.createQueryBuilder(ClusterDecision, 'd').orderBy('d.signedOn', 'DESC');
    if (q.scopeOrganizerIds !== undefined) qb.andWhere('d.organizerId IN (:...scopeOrgs)', { scopeOrgs: q.scopeOrganizerIds });
    if (q.organizerId) qb.andWhere('d.organizerId = :org', { org: q.organizerId });
    return qb.getMany();
  }

  decision(m: EntityManager, id: string): Promise<ClusterDecision | null> {
    return m.findOne(ClusterDecision, { where: { id } });
  }

  /** Whether the organiser already recorded a decision with this number. */
  decisionNumberTaken(m: EntityManager, organizerId: string, number: string): Promise<boolean> {
    return m.exists(ClusterDecision, { where: { organizerId, number } });
  }

  async insertDecision(m: EntityManager, decision: ClusterDecision): Promise<void> {
    await m.insert(ClusterDecision, decision);
  }
}
