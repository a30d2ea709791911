import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { numbered } from '../database/raw-sql';

/**
 * Plain queries through the transaction's own connection (no read memo: counts must be exact). "?" placeholders,
 * numbered for PostgreSQL.
 */
function sql<T>(m: EntityManager, text: string, params: unknown[]): Promise<T[]> {
  return m.query(m.connection.options.type === 'postgres' ? numbered(text) : text, params) as Promise<T[]>;
}

/** The login throttle's table (login_attempts): every query of it, each inside the caller's transaction. */
@Injectable()
export class LoginAttemptsRepository {
  /** PostgreSQL only: serialises one key's reservations across instances (a transaction-scoped advisory lock). */
  async lockKey(m: EntityManager, key: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`login:${key}`]);
  }

  /** When a key's attempts that count (pending or failed) after `since` were made (ISO times). */
  async countingAttemptTimes(m: EntityManager, key: string, since: string): Promise<string[]> {
    const rows = await sql<{ attempted_at: string; outcome: string }>(
      m,
      `SELECT attempted_at, outcome FROM login_attempts WHERE throttle_key = ? AND attempted_at > ? AND outcome IN ('PENDING', 'FAILED')`,
      [key, since],
    );
    return rows.map((r) => r.attempted_at);
  }

  /** Reserves an attempt of a key, still being checked. */
  async insertPending(m: EntityManager, id: string, key: string, at: string): Promise<void> {
    await sql(m, `INSERT INTO login_attempts (id, throttle_key, attempted_at, outcome) VALUES (?, ?, ?, 'PENDING')`, [id, key, at]);
  }

  async settle(m: EntityManager, id: string, outcome: 'OK' | 'FAILED'): Promise<void> {
    await sql(m, `UPDATE login_attempts SET outcome = ? WHERE id = ?`, [outcome, id]);
  }

  /** Deletes a key's settled attempts (a success clears its failures); pending ones stay. */
  async deleteSettled(m: EntityManager, key: string): Promise<void> {
    await sql(m, `DELETE FROM login_attempts WHERE throttle_key = ? AND outcome <> 'PENDING'`, [key]);
  }

  /** Deletes the attempts made before `before`, except these. */
  async deleteOlderThan(m: EntityManager, before: string, exceptIds: string[]): Promise<void> {
    await sql(m, `DELETE FROM login_attempts WHERE attempted_at < ? AND id NOT IN (${exceptIds.map(() => '?').join(', ') || "''"})`, [before, ...exceptIds]);
  }
}
