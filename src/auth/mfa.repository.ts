import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { nowIso } from '../common/time';
import { MfaRecoveryCode } from './mfa-recovery-code.entity';
import { User } from './user.entity';

/**
 * The second factor's queries: an account's TOTP columns (secret, enrolment, last accepted step; written
 * without moving the account's version) and its recovery codes.
 */
@Injectable()
export class MfaRepository {
  /** How many of the account's recovery codes are still unused. */
  unusedCodeCount(m: EntityManager, userId: string): Promise<number> {
    return m.count(MfaRecoveryCode, { where: { userId, usedAt: IsNull() } });
  }

  /** The account's unused recovery code with this hash, or null. */
  findUnusedCode(m: EntityManager, userId: string, codeHash: string): Promise<MfaRecoveryCode | null> {
    return m.findOne(MfaRecoveryCode, { where: { userId, codeHash, usedAt: IsNull() } });
  }

  /** Marks a recovery code used; false when it was used meanwhile (a code is accepted once). */
  async useCode(m: EntityManager, codeId: string): Promise<boolean> {
    const used = await m.createQueryBuilder().update(MfaRecoveryCode).set({ usedAt: nowIso() }).where('id = :id AND used_at IS NULL', { id: codeId }).execute();
    return used.affected === 1;
  }

  /** Replaces the account's recovery codes by codes with these hashes. */
  async replaceCodes(m: EntityManager, userId: string, codeHashes: string[]): Promise<void> {
    await m.delete(MfaRecoveryCode, { userId });
    const now = nowIso();
    for (const codeHash of codeHashes) await m.insert(MfaRecoveryCode, { id: randomUUID(), userId, codeHash, createdAt: now, usedAt: null });
  }

  /** Stores a new secret (encrypted), not yet in force; no step accepted yet. */
  async setPendingSecret(m: EntityManager, userId: string, sealedSecret: string): Promise<void> {
    await m.update(User, { id: userId }, { mfaSecret: sealedSecret, mfaLastStep: null });
  }

  /** Puts the pending secret in force, its first code's step accepted. */
  async enable(m: EntityManager, userId: string, step: number, at: string): Promise<void> {
    await m.update(User, { id: userId }, { mfaEnabledAt: at, mfaLastStep: step, updatedAt: at });
  }

  /** Records the step of a code just accepted. */
  async setLastStep(m: EntityManager, userId: string, step: number): Promise<void> {
    await m.update(User, { id: userId }, { mfaLastStep: step });
  }

  /** Moves the last accepted step forward only; false when this step or a later one was accepted meanwhile. */
  async advanceLastStep(m: EntityManager, userId: string, step: number): Promise<boolean> {
    const moved = await m.createQueryBuilder().update(User).set({ mfaLastStep: step }).where('id = :id AND (mfa_last_step IS NULL OR mfa_last_step < :step)', { id: userId, step }).execute();
    return moved.affected === 1;
  }

  /** Removes the account's second factor: its secret, its enrolment and its recovery codes. */
  async clear(m: EntityManager, userId: string): Promise<void> {
    await m.update(User, { id: userId }, { mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null, updatedAt: nowIso() });
    await m.delete(MfaRecoveryCode, { userId });
  }
}
