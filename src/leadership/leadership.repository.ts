import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateVersioned } from '../database/unit-of-work';
import { LeadershipTerm } from './leadership-term.entity';
import { RotationPolicy } from './rotation-policy.entity';

/** Nhiệm kỳ Cụm trưởng / Cụm phó and each cluster's agreed rotation order: lookups and the writes. */
@Injectable()
export class LeadershipRepository {
  /** A cluster's terms by year, in the order asked. */
  terms(m: EntityManager, clusterId: string, order: 'ASC' | 'DESC'): Promise<LeadershipTerm[]> {
    return m.find(LeadershipTerm, { where: { clusterId }, order: { year: order } });
  }

  /** The term of a cluster-year, or null. */
  term(m: EntityManager, clusterId: string, year: number): Promise<LeadershipTerm | null> {
    return m.findOne(LeadershipTerm, { where: { clusterId, year } });
  }

  /** The cluster's term of the latest year, or null. */
  latestTerm(m: EntityManager, clusterId: string): Promise<LeadershipTerm | null> {
    return m.findOne(LeadershipTerm, { where: { clusterId }, order: { year: 'DESC' } });
  }

  termExists(m: EntityManager, clusterId: string, year: number): Promise<boolean> {
    return m.exists(LeadershipTerm, { where: { clusterId, year } });
  }

  async insertTerm(m: EntityManager, term: LeadershipTerm): Promise<void> {
    await m.insert(LeadershipTerm, term);
  }

  /** The optimistic update of a term (409 when the client's version is not the stored one). */
  updateTerm(m: EntityManager, current: LeadershipTerm, expectedVersion: number, changes: Partial<LeadershipTerm>): Promise<LeadershipTerm> {
    return updateVersioned(m, LeadershipTerm, current, expectedVersion, changes, 'nhiệm kỳ');
  }

  /** The cluster's agreed rotation order, or null when none was agreed. */
  policy(m: EntityManager, clusterId: string): Promise<RotationPolicy | null> {
    return m.findOne(RotationPolicy, { where: { clusterId } });
  }

  async insertPolicy(m: EntityManager, policy: RotationPolicy): Promise<void> {
    await m.insert(RotationPolicy, policy);
  }

  /** The optimistic update of the rotation order (409 when the client's version is not the stored one). */
  updatePolicy(m: EntityManager, current: RotationPolicy, expectedVersion: number, changes: Partial<RotationPolicy>): Promise<RotationPolicy> {
    return updateVersioned(m, RotationPolicy, current, expectedVersion, changes, 'thứ tự luân phiên');
  }
}
