import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { LoginAttemptsRepository } from './login-attempts.repository';

/**
 * The login throttle's rule, pure: seconds until a key may try again, given the times (ms) of its attempts
 * that count (failed, or still being checked) inside the window; 0 when it is not blocked.
 */
export function retryAfterSeconds(attemptTimes: number[], limit: number, windowMs: number, now: number): number {
  const recent = attemptTimes.filter((t) => t > now - windowMs).sort((a, b) => a - b);
  if (recent.length < limit) return 0;
  const unblockAt = recent[recent.length - limit] + windowMs;
  return Math.max(1, Math.ceil((unblockAt - now) / 1000));
}

/** A key with its own limit: the account, the client address, or a device the account signed in from before. */
export interface ThrottleKey {
  key: string;
  limit: number;
}

/**
 * Login attempts, kept in the database so that every process and instance sees the same counts.
 * An attempt is reserved (PENDING) before the password is checked, in a transaction that first counts the
 * key's failed and pending attempts: a burst of concurrent guesses cannot all pass the check before any of
 * them is counted. The check is settled afterwards (FAILED, or OK which clears the key's failures); until
 * then it counts like a failure, so a check whose process died counts as one.
 */
export class LoginAttempts {
  constructor(
    private readonly repository: LoginAttemptsRepository,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves one attempt for every key, or returns the seconds to wait (nothing reserved then). */
  async reserve(m: EntityManager, keys: ThrottleKey[], isPostgres: boolean): Promise<{ ids: string[] } | { wait: number }> {
    const now = this.now();
    const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
    // Across instances on PostgreSQL: one key's reservations are serialised (locks taken in one order).
    if (isPostgres) for (const k of sorted) await this.repository.lockKey(m, k.key);
    const since = new Date(now - this.windowMs).toISOString();
    let wait = 0;
    for (const k of sorted) {
      const times = await this.repository.countingAttemptTimes(m, k.key, since);
      wait = Math.max(wait, retryAfterSeconds(times.map((t) => Date.parse(t)), k.limit, this.windowMs, now));
    }
    if (wait > 0) return { wait };
    const at = new Date(now).toISOString();
    const ids: string[] = [];
    for (const k of sorted) {
      const id = randomUUID();
      ids.push(id);
      await this.repository.insertPending(m, id, k.key, at);
    }
    return { ids };
  }

  /** Settles reserved attempts. Success clears the failures of `clearKeys` (the account, the device). */
  async settle(m: EntityManager, ids: string[], ok: boolean, clearKeys: string[] = []): Promise<void> {
    for (const id of ids) await this.repository.settle(m, id, ok ? 'OK' : 'FAILED');
    if (ok) for (const key of clearKeys) await this.repository.deleteSettled(m, key);
    // Housekeeping: attempts that can no longer count.
    const stale = new Date(this.now() - this.windowMs * 2).toISOString();
    await this.repository.deleteOlderThan(m, stale, ids);
  }
}
