import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { executeRaw, rawQuery } from '../database/raw-sql';
import { pgLiteral } from '../database/sql-literal';
import type { AuditAnchor, AuditContent } from './audit-chain';
import { AuditEntry } from './audit-entry.entity';

/** Any PostgreSQL advisory-lock key: serialises the appends (inside thidua_move_audit_head) and the anchor's creation. */
const PG_AUDIT_LOCK_KEY = 7_346_001;
/** The other key space (two integers) of PostgreSQL advisory locks: (this, seq) announces a commit moving the head to seq. */
const PG_AUDIT_ANNOUNCE_LOCK_KEY = 7_346_002;

const ENTRY_COLUMNS = 'occurred_at, actor_id, actor_username, action, entity_type, entity_id, "before", "after", reason, request_id, organizer_id, cluster_id, prev_hash, hash';
const entryValues = (e: AuditContent & { hash: string }) => [e.occurredAt, e.actorId, e.actorUsername, e.action, e.entityType, e.entityId, e.before, e.after, e.reason, e.requestId, e.organizerId, e.clusterId, e.prevHash, e.hash];

/** The chain's last entry as its signed anchor holds it, and where the keyed (HMAC) entries start. */
export interface ChainHead {
  keyedFromSeq: number;
  seq: number;
  hash: string;
}

/** An entry with its place in the chain. */
export type ChainRow = AuditContent & { seq: number; hash: string };

/** Filters of a search of the trail; `before` is exclusive. */
export interface AuditSearch {
  /** Only the entries of this organiser's clusters (a reviewer's scope); every entry when undefined. */
  organizerIds?: string[];
  entityType?: string;
  entityId?: string;
  action?: string;
  actor?: string;
  clusterId?: string;
  from?: string;
  before?: string;
  limit: number;
  offset: number;
}

/** The last change recorded for an entity: who made it (with their full name if known) and when. */
export interface LastChange {
  actorUsername: string;
  fullName: string | null;
  occurredAt: string;
}

/** One recorded step of an entity's life, with the reason its author gave. */
export interface EntityStep extends LastChange {
  action: string;
  reason: string | null;
}

/**
 * The audit trail's tables (audit_entries, and audit_anchor, its signed head): the append's statements, the
 * chain's lock, the reads for searching and verifying. The hashing and signing stay with AuditService.
 */
@Injectable()
export class AuditRepository {
  /** Serialises appends and the anchor's creation until the transaction ends: PostgreSQL's advisory lock (SQLite's writes are serialised already). */
  async lockChain(m: EntityManager): Promise<void> {
    if (m.connection.options.type !== 'better-sqlite3') await m.query('SELECT pg_advisory_xact_lock($1)', [PG_AUDIT_LOCK_KEY]);
  }

  /**
   * The chain's head as its signed anchor holds it (null: no anchor yet). `forUpdate` on PostgreSQL: under the chain's
   * advisory lock and the anchor row's lock, to the commit (every append takes both: this serialises them). SQLite's
   * writes are serialised.
   */
  async head(m: EntityManager, forUpdate: boolean): Promise<ChainHead | null> {
    const lock = forUpdate && m.connection.options.type === 'postgres' ? ' FOR UPDATE' : '';
    // The advisory lock first, as thidua_move_audit_head takes it (migration 1767000000000): the same order of locks.
    if (lock) await this.lockChain(m);
    const [row] = await rawQuery<{ keyed_from_seq: number | string; head_seq: number | string; head_hash: string }>(m, `SELECT keyed_from_seq, head_seq, head_hash FROM audit_anchor WHERE id = 1${lock}`);
    return row ? { keyedFromSeq: Number(row.keyed_from_seq), seq: Number(row.head_seq), hash: row.head_hash } : null;
  }

  /**
   * PostgreSQL: the append as SQL text (literals inlined, to go with the COMMIT in one simple query): the anchor moves
   * from `from` to `to` only if it is still at `from` (else SQLSTATE TD001, see migration AuditHeadMove), then the
   * entries go in, their seq following the head's.
   */
  appendStatements(from: ChainHead, to: ChainHead, mac: string, rows: ChainRow[]): string[] {
    const moved = [from.seq, from.hash, to.seq, to.hash, mac, rows[rows.length - 1].occurredAt].map(pgLiteral).join(', ');
    return [
      `SELECT thidua_move_audit_head(${moved})`,
      `INSERT INTO audit_entries (seq, ${ENTRY_COLUMNS}) VALUES ${rows.map((r) => `(${[r.seq, ...entryValues(r)].map(pgLiteral).join(', ')})`).join(', ')}`,
    ];
  }

  /**
   * PostgreSQL: a commit announces the head it will move to (the advisory lock 7346002, that seq, if free; never
   * waits): a commit built on that head waits for this one's end in thidua_move_audit_head (migration 1767200000000).
   */
  announceStatement(to: ChainHead): string {
    return `SELECT pg_try_advisory_xact_lock(${PG_AUDIT_ANNOUNCE_LOCK_KEY}, ${pgLiteral(to.seq)})`;
  }

  /** SQLite: the entries with their seq, then the anchor moved to the last one. */
  async appendRows(m: EntityManager, to: ChainHead, mac: string, rows: ChainRow[]): Promise<void> {
    for (const r of rows) {
      await executeRaw(m, `INSERT INTO audit_entries (seq, ${ENTRY_COLUMNS}) VALUES (?, ${ENTRY_COLUMNS.split(',').map(() => '?').join(', ')})`, [r.seq, ...entryValues(r)]);
    }
    await this.moveAnchor(m, { keyedFromSeq: to.keyedFromSeq, headSeq: to.seq, headHash: to.hash }, mac, rows[rows.length - 1].occurredAt);
  }

  /** The last entry's seq and hash, or null when the trail is empty. */
  async last(m: EntityManager): Promise<{ seq: number; hash: string } | null> {
    const [row] = await rawQuery<{ seq: number | string; hash: string }>(m, 'SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  /** The signed head, or null when missing (its mac is not checked here). */
  async anchor(m: EntityManager): Promise<(AuditAnchor & { mac: string }) | null> {
    const [row] = (await m.query('SELECT keyed_from_seq, head_seq, head_hash, mac FROM audit_anchor WHERE id = 1')) as Array<{ keyed_from_seq: number | string; head_seq: number | string; head_hash: string; mac: string }>;
    return row ? { keyedFromSeq: Number(row.keyed_from_seq), headSeq: Number(row.head_seq), headHash: row.head_hash, mac: row.mac } : null;
  }

  /** Writes the signed head where there is none yet. */
  async insertAnchor(m: EntityManager, anchor: AuditAnchor, mac: string, at: string): Promise<void> {
    await executeRaw(m, 'INSERT INTO audit_anchor (id, keyed_from_seq, head_seq, head_hash, mac, updated_at) VALUES (1, ?, ?, ?, ?, ?)', [anchor.keyedFromSeq, anchor.headSeq, anchor.headHash, mac, at]);
  }

  /** Moves the signed head to a new last entry. */
  async moveAnchor(m: EntityManager, head: AuditAnchor, mac: string, at: string): Promise<void> {
    await executeRaw(m, 'UPDATE audit_anchor SET head_seq = ?, head_hash = ?, mac = ?, updated_at = ? WHERE id = 1', [head.headSeq, head.headHash, mac, at]);
  }

  /** A page of the trail, newest first, with the number of entries matching. */
  search(m: EntityManager, q: AuditSearch): Promise<[AuditEntry[], number]> {
    const qb = m.createQueryBuilder(AuditEntry, 'a').orderBy('a.seq', 'DESC').take(q.limit).skip(q.offset);
    if (q.organizerIds !== undefined) qb.andWhere('a.organizerId IN (:...scopeOrgs)', { scopeOrgs: q.organizerIds });
    if (q.entityType) qb.andWhere('a.entityType = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('a.entityId = :entityId', { entityId: q.entityId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.actor) qb.andWhere('a.actorUsername = :actor', { actor: q.actor });
    if (q.clusterId) qb.andWhere('a.clusterId = :clusterId', { clusterId: q.clusterId });
    if (q.from) qb.andWhere('a.occurredAt >= :from', { from: q.from });
    if (q.before) qb.andWhere('a.occurredAt < :to', { to: q.before });
    return qb.getManyAndCount();
  }

  /** At most `limit` entries after `afterSeq`, in seq order. */
  batchAfter(m: EntityManager, afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return m.createQueryBuilder(AuditEntry, 'a').where('a.seq > :afterSeq', { afterSeq }).orderBy('a.seq', 'ASC').limit(limit).getMany();
  }

  /** The entries after `afterSeq` up to `headSeq` (inclusive), in seq order. */
  range(m: EntityManager, afterSeq: number, headSeq: number): Promise<AuditEntry[]> {
    return m.createQueryBuilder(AuditEntry, 'a').where('a.seq > :afterSeq AND a.seq <= :head', { afterSeq, head: headSeq }).orderBy('a.seq', 'ASC').getMany();
  }

  /** One entry by its seq, or null. */
  bySeq(m: EntityManager, seq: number): Promise<AuditEntry | null> {
    return m.findOne(AuditEntry, { where: { seq } });
  }

  /** Every change recorded for an entity, oldest first. */
  async steps(m: EntityManager, entityType: string, entityId: string): Promise<EntityStep[]> {
    const rows = await rawQuery<{ action: string; actor_username: string; full_name: string | null; occurred_at: string; reason: string | null }>(
      m,
      `SELECT a.action, a.actor_username, u.full_name, a.occurred_at, a.reason FROM audit_entries a LEFT JOIN users u ON u.username = a.actor_username
      WHERE a.entity_type = ? AND a.entity_id = ? ORDER BY a.seq`,
      [entityType, entityId],
    );
    return rows.map((r) => ({ action: r.action, actorUsername: r.actor_username, fullName: r.full_name, occurredAt: r.occurred_at, reason: r.reason }));
  }

  /** The last change recorded for an entity, or null. */
  async lastChange(m: EntityManager, entityType: string, entityId: string): Promise<LastChange | null> {
    const [last] = await rawQuery<{ actor_username: string; full_name: string | null; occurred_at: string }>(
      m,
      `SELECT a.actor_username, u.full_name, a.occurred_at FROM audit_entries a LEFT JOIN users u ON u.username = a.actor_username
      WHERE a.entity_type = ? AND a.entity_id = ? ORDER BY a.seq DESC LIMIT 1`,
      [entityType, entityId],
    );
    return last ? { actorUsername: last.actor_username, fullName: last.full_name, occurredAt: last.occurred_at } : null;
  }
}
