import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { executeRaw, rawQuery } from '../database/raw-sql';
import type { AuditAnchor, AuditContent } from './audit-chain';
import { AuditEntry } from './audit-entry.entity';

/** Any PostgreSQL advisory-lock key: serialises appends so the chain stays linear. */
const PG_AUDIT_LOCK_KEY = 7_346_001;

const ENTRY_COLUMNS = 'occurred_at, actor_id, actor_username, action, entity_type, entity_id, "before", "after", reason, request_id, organizer_id, cluster_id, prev_hash, hash';
const entryValues = (e: AuditContent & { hash: string }) => [e.occurredAt, e.actorId, e.actorUsername, e.action, e.entityType, e.entityId, e.before, e.after, e.reason, e.requestId, e.organizerId, e.clusterId, e.prevHash, e.hash];

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

/**
 * The audit trail's tables (audit_entries, and audit_anchor, its signed head): the append's statements, the
 * chain's lock, the reads for searching and verifying. The hashing and signing stay with AuditService.
 */
@Injectable()
export class AuditRepository {
  /** Serialises appends until the transaction ends: PostgreSQL's advisory lock (SQLite's writes are serialised already). */
  async lockChain(m: EntityManager): Promise<void> {
    if (m.connection.options.type !== 'better-sqlite3') await m.query('SELECT pg_advisory_xact_lock($1)', [PG_AUDIT_LOCK_KEY]);
  }

  /**
   * Takes the chain's lock (PostgreSQL's advisory lock, to the commit; SQLite's writes are serialised already), then
   * reads the last entry's seq and hash (null when the trail is empty) and where the signed head's keying starts
   * (null: no head yet). On PostgreSQL in one round trip: the lock and the read are two statements of one simple
   * query (the read takes its snapshot after the lock), and the read also draws the next entry's seq, so that the
   * entry and the head move together in one statement (`append`).
   */
  async lockedHead(m: EntityManager): Promise<{ last: { seq: number; hash: string } | null; keyedFromSeq: number | null; nextSeq: number | null }> {
    const postgres = m.connection.options.type === 'postgres';
    const sql = `SELECT e.seq, e.hash, (SELECT keyed_from_seq FROM audit_anchor WHERE id = 1) AS keyed_from_seq${postgres ? ", nextval(pg_get_serial_sequence('audit_entries', 'seq')) AS next_seq" : ''}
       FROM (SELECT 1 AS one) x LEFT JOIN (SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1) e ON 1 = 1`;
    type Row = { seq: number | string | null; hash: string | null; keyed_from_seq: number | string | null; next_seq?: number | string };
    let row: Row | undefined;
    if (postgres) {
      const client = (await m.queryRunner!.connect()) as { query(text: string): Promise<Array<{ rows: Row[] }>> };
      const results = await client.query(`SELECT pg_advisory_xact_lock(${PG_AUDIT_LOCK_KEY}); ${sql}`);
      row = results[1].rows[0];
    } else {
      [row] = await rawQuery<Row>(m, sql);
    }
    return {
      last: row?.seq != null && row.hash != null ? { seq: Number(row.seq), hash: row.hash } : null,
      keyedFromSeq: row?.keyed_from_seq != null ? Number(row.keyed_from_seq) : null,
      nextSeq: row?.next_seq != null ? Number(row.next_seq) : null,
    };
  }

  /**
   * Appends an entry and moves the signed head to it (there is one already): with its seq drawn beforehand
   * (PostgreSQL, `lockedHead`) in one statement; else the insert, then the head. Answers the entry's seq.
   */
  async append(m: EntityManager, entry: AuditContent & { hash: string }, seq: number | null, head: (seq: number) => { anchor: AuditAnchor; mac: string }): Promise<number> {
    if (seq === null) {
      const inserted = await this.insert(m, entry);
      const { anchor, mac } = head(inserted);
      await this.moveAnchor(m, anchor, mac, entry.occurredAt);
      return inserted;
    }
    const { anchor, mac } = head(seq);
    await executeRaw(
      m,
      `WITH e AS (INSERT INTO audit_entries (seq, ${ENTRY_COLUMNS}) VALUES (?, ${ENTRY_COLUMNS.split(',').map(() => '?').join(', ')}))
       UPDATE audit_anchor SET head_seq = ?, head_hash = ?, mac = ?, updated_at = ? WHERE id = 1`,
      [seq, ...entryValues(entry), anchor.headSeq, anchor.headHash, mac, entry.occurredAt],
    );
    return seq;
  }

  /** The last entry's seq and hash, or null when the trail is empty. */
  async last(m: EntityManager): Promise<{ seq: number; hash: string } | null> {
    // Raw statements: every write of the application passes here, so it must cost little.
    const [row] = await rawQuery<{ seq: number | string; hash: string }>(m, 'SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  /** Appends an entry; answers its seq. */
  async insert(m: EntityManager, entry: AuditContent & { hash: string }): Promise<number> {
    const [row] = await rawQuery<{ seq: number | string }>(m, `INSERT INTO audit_entries (${ENTRY_COLUMNS}) VALUES (${ENTRY_COLUMNS.split(',').map(() => '?').join(', ')}) RETURNING seq`, entryValues(entry));
    return Number(row.seq);
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
