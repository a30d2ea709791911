import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { currentActor, currentRequestId } from '../common/request-context';
import { nowIso } from '../common/time';
import { rawQuery } from '../database/raw-sql';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditEntry } from './audit-entry.entity';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import type { AuditEntryView, AuditPage, AuditQueryDto } from './audit.dto';
import { AuditContent, ChainCheck, GENESIS_HASH, auditHash, canonicalJson, checkChainBatch } from './audit-chain';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  organizerId?: string | null;
  clusterId?: string | null;
}

/** Any PostgreSQL advisory-lock key: serialises appends so the chain stays linear. */
const PG_AUDIT_LOCK_KEY = 7_346_001;

/** Fields never written to the audit log. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'newPassword', 'currentPassword']);

function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const cleaned = JSON.parse(JSON.stringify(value, (key, v) => (SECRET_FIELDS.has(key) ? undefined : v)));
  return canonicalJson(cleaned);
}

@Injectable()
export class AuditService {
  constructor(private readonly uow: UnitOfWork) {}

  /** A page of the trail, newest first. Admins see everything; a reviewer sees their organiser's clusters. */
  list(p: Principal, q: AuditQueryDto): Promise<AuditPage> {
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    return this.uow.read(async (m) => {
      const qb = m.createQueryBuilder(AuditEntry, 'a').orderBy('a.seq', 'DESC').take(limit).skip(offset);
      if (p.role !== Role.Admin) qb.andWhere('a.organizerId = :scopeOrg', { scopeOrg: p.organizerId ?? '' });
      if (q.entityType) qb.andWhere('a.entityType = :entityType', { entityType: q.entityType });
      if (q.entityId) qb.andWhere('a.entityId = :entityId', { entityId: q.entityId });
      if (q.action) qb.andWhere('a.action = :action', { action: q.action });
      if (q.actor) qb.andWhere('a.actorUsername = :actor', { actor: q.actor });
      if (q.clusterId) qb.andWhere('a.clusterId = :clusterId', { clusterId: q.clusterId });
      if (q.from) qb.andWhere('a.occurredAt >= :from', { from: q.from });
      if (q.to) qb.andWhere('a.occurredAt < :to', { to: nextDay(q.to) });
      const [rows, total] = await qb.getManyAndCount();
      return { items: rows.map(entryView), total, limit, offset };
    });
  }

  /** Appends an entry inside the caller's transaction: the change and its record commit together or not at all. */
  async record(manager: EntityManager, input: AuditInput): Promise<AuditEntry> {
    if (!this.uow.isSqlite) await manager.query('SELECT pg_advisory_xact_lock($1)', [PG_AUDIT_LOCK_KEY]);
    // Raw statements: every write of the application passes here, so it must cost little.
    const [last] = await rawQuery<{ hash: string }>(manager, 'SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
    const actor = currentActor();
    const content: AuditContent = {
      occurredAt: nowIso(),
      actorId: actor.userId,
      actorUsername: actor.username,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      before: snapshot(input.before),
      after: snapshot(input.after),
      reason: input.reason ?? null,
      requestId: currentRequestId() ?? null,
      organizerId: input.organizerId ?? null,
      clusterId: input.clusterId ?? null,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const entry = Object.assign(new AuditEntry(), content, { hash: auditHash(content) });
    const [row] = await rawQuery<{ seq: number | string }>(
      manager,
      `INSERT INTO audit_entries (occurred_at, actor_id, actor_username, action, entity_type, entity_id, "before", "after", reason, request_id, organizer_id, cluster_id, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
      [entry.occurredAt, entry.actorId, entry.actorUsername, entry.action, entry.entityType, entry.entityId, entry.before, entry.after, entry.reason, entry.requestId, entry.organizerId, entry.clusterId, entry.prevHash, entry.hash],
    );
    entry.seq = Number(row.seq);
    return entry;
  }

  /** Recomputes the whole chain; reports the first entry that was changed, removed or inserted. */
  async verify(): Promise<ChainCheck> {
    const batchSize = 2000;
    let afterSeq = 0;
    let previous = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const batch = await this.uow.read((m) =>
        m
          .createQueryBuilder(AuditEntry, 'a')
          .where('a.seq > :afterSeq', { afterSeq })
          .orderBy('a.seq', 'ASC')
          .limit(batchSize)
          .getMany(),
      );
      if (batch.length === 0) return { ok: true, checked };
      const result = checkChainBatch(batch, previous);
      if (result.broken) {
        return { ok: false, checked: checked + batch.findIndex((e) => e.seq === result.broken!.seq), brokenAtSeq: result.broken.seq, problem: result.broken.problem };
      }
      checked += batch.length;
      previous = result.lastHash;
      afterSeq = batch[batch.length - 1].seq;
    }
  }
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

function entryView(a: AuditEntry): AuditEntryView {
  return {
    seq: a.seq,
    occurredAt: a.occurredAt,
    actorId: a.actorId,
    actorUsername: a.actorUsername,
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId,
    before: parse(a.before),
    after: parse(a.after),
    reason: a.reason,
    requestId: a.requestId,
    clusterId: a.clusterId,
    hash: a.hash,
  };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
