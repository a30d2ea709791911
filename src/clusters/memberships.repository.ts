import { Injectable } from '@nestjs/common';
import { requireVersion } from '../database/unit-of-work';
import { EntityManager, IsNull } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ClusterYearRevisions } from '../database/cluster-year-revisions';
import { compareVi } from '../common/text';
import type { Unit } from '../units/unit.entity';
import { Membership } from './membership.entity';

/** Memberships per year: their queries, and the writes, which move the cluster-year's revision. */
@Injectable()
export class MembershipsRepository {
  constructor(private readonly revisions: ClusterYearRevisions) {}

  /** A cluster's memberships with their units and decisions, the latest year first (of one year if given). */
  list(m: EntityManager, clusterId: string, year?: number): Promise<Membership[]> {
    const qb = m
      .createQueryBuilder(Membership, 'ms')
      .innerJoinAndSelect('ms.unit', 'u')
      .leftJoinAndSelect('ms.decision', 'd')
      .where('ms.clusterId = :clusterId', { clusterId })
      .orderBy('ms.year', 'DESC');
    if (year !== undefined) qb.andWhere('ms.year = :year', { year });
    return qb.getMany();
  }

  /** A cluster's current memberships without their units, of one year if given (in no particular order). */
  inCluster(m: EntityManager, clusterId: string, year?: number): Promise<Membership[]> {
    return m.find(Membership, { where: year === undefined ? { clusterId, leftOn: IsNull() } : { clusterId, year, leftOn: IsNull() } });
  }

  /**
   * A cluster's members of a year with their units (in no particular order): those that stay to the end of the year. A
   * member that merged into another unit mid-year has left (its record stays, listed by `list`).
   */
  withUnits(m: EntityManager, clusterId: string, year: number): Promise<Membership[]> {
    return m.find(Membership, { where: { clusterId, year, leftOn: IsNull() }, relations: { unit: true } });
  }

  /** The member units of a cluster-year in Vietnamese alphabetical order. */
  async members(m: EntityManager, clusterId: string, year: number): Promise<Unit[]> {
    return (await this.withUnits(m, clusterId, year)).map((r) => r.unit!).sort((a, b) => compareVi(a.name, b.name));
  }

  /** Whether the unit is a member of the cluster in the year. */
  isMember(m: EntityManager, clusterId: string, year: number, unitId: string): Promise<boolean> {
    return m.exists(Membership, { where: { clusterId, year, unitId, leftOn: IsNull() } });
  }

  /** How many members a cluster has in a year. */
  count(m: EntityManager, clusterId: string, year: number): Promise<number> {
    return m.count(Membership, { where: { clusterId, year, leftOn: IsNull() } });
  }

  /** Whether a cluster has any member in a year. */
  anyInYear(m: EntityManager, clusterId: string, year: number): Promise<boolean> {
    return m.exists(Membership, { where: { clusterId, year, leftOn: IsNull() } });
  }

  find(m: EntityManager, clusterId: string, membershipId: string): Promise<Membership | null> {
    return m.findOne(Membership, { where: { id: membershipId, clusterId } });
  }

  /** The unit's membership in a cluster of this organiser in this year, if any. */
  ofUnitInYear(m: EntityManager, organizerId: string, unitId: string, year: number): Promise<Membership | null> {
    return m.findOne(Membership, { where: { organizerId, unitId, year } });
  }

  async insert(m: EntityManager, membership: Membership): Promise<void> {
    await m.insert(Membership, membership);
    await this.revisions.bump(m, membership.clusterId, membership.year);
  }

  /** Deletes a membership at the version the client read (else 409). */
  async delete(m: EntityManager, membership: Membership, expectedVersion: number): Promise<void> {
    requireVersion(membership.version, expectedVersion);
    const deleted = await m.delete(Membership, { id: membership.id, version: expectedVersion });
    if (deleted.affected !== 1) throw AppException.stale(membership.version);
    await this.revisions.bump(m, membership.clusterId, membership.year);
  }
}
