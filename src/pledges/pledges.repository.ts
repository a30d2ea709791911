import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { nowIso } from '../common/time';
import { updateVersioned } from '../database/unit-of-work';
import { PledgeSignature } from './pledge-signature.entity';
import { Pledge } from './pledge.entity';

/** Pledges and their signatures: lookups, the active signatures, the writes (the pledge's through updateVersioned). */
@Injectable()
export class PledgesRepository {
  /** A cluster-year's pledge, or null. */
  find(m: EntityManager, clusterId: string, year: number): Promise<Pledge | null> {
    return m.findOne(Pledge, { where: { clusterId, year } });
  }

  exists(m: EntityManager, clusterId: string, year: number): Promise<boolean> {
    return m.exists(Pledge, { where: { clusterId, year } });
  }

  /** The pledge being signed (status OPEN) on this criteria set, or null. */
  openOnCriteriaSet(m: EntityManager, criteriaSetId: string): Promise<Pledge | null> {
    return m.findOne(Pledge, { where: { criteriaSetId, status: 'OPEN' } });
  }

  async insert(m: EntityManager, pledge: Pledge): Promise<void> {
    await m.insert(Pledge, pledge);
  }

  /** The optimistic update (stamping updatedAt); answers the pledge as written. */
  update(m: EntityManager, current: Pledge, expectedVersion: number, changes: Partial<Pledge>): Promise<Pledge> {
    return updateVersioned(m, Pledge, current, expectedVersion, { ...changes, updatedAt: nowIso() }, 'bản giao ước');
  }

  /** The pledge's signatures not withdrawn. */
  activeSignatures(m: EntityManager, pledgeId: string): Promise<PledgeSignature[]> {
    return m.find(PledgeSignature, { where: { pledgeId, withdrawnAt: IsNull() } });
  }

  countActiveSignatures(m: EntityManager, pledgeId: string): Promise<number> {
    return m.count(PledgeSignature, { where: { pledgeId, withdrawnAt: IsNull() } });
  }

  /** The unit's signature not withdrawn, or null. */
  activeSignatureOf(m: EntityManager, pledgeId: string, unitId: string): Promise<PledgeSignature | null> {
    return m.findOne(PledgeSignature, { where: { pledgeId, unitId, withdrawnAt: IsNull() } });
  }

  hasActiveSignature(m: EntityManager, pledgeId: string, unitId: string): Promise<boolean> {
    return m.exists(PledgeSignature, { where: { pledgeId, unitId, withdrawnAt: IsNull() } });
  }

  async insertSignature(m: EntityManager, signature: PledgeSignature): Promise<void> {
    await m.insert(PledgeSignature, signature);
  }

  /** Withdraws one signature now, with its reason. */
  async withdrawSignature(m: EntityManager, signatureId: string, reason: string): Promise<void> {
    await m.update(PledgeSignature, { id: signatureId }, { withdrawnAt: nowIso(), withdrawnReason: reason });
  }

  /** Withdraws every active signature of the pledge now, with one reason. */
  async withdrawActiveSignatures(m: EntityManager, pledgeId: string, reason: string): Promise<void> {
    await m.update(PledgeSignature, { pledgeId, withdrawnAt: IsNull() }, { withdrawnAt: nowIso(), withdrawnReason: reason });
  }
}
