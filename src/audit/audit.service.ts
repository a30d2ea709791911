import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, SERVER_KEYS } from '../config/config.tokens';
import type { ServerKeys } from '../config/secrets';
import { EntityManager } from 'typeorm';
import { currentActor, currentRequestId } from '../common/request-context';
import { nowIso } from '../common/time';
import { executeRaw, rawQuery } from '../database/raw-sql';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditEntry } from './audit-entry.entity';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import type { AuditEntryView, AuditPage, AuditQueryDto } from './audit.dto';
import { AuditAnchor, AuditContent, ChainCheck, GENESIS_HASH, anchorMac, auditHash, canonicalJson, checkChainBatch, checkpointMac } from './audit-chain';

/** How often the head is written to the checkpoint file outside the database (also at start, stop and verify). */
const CHECKPOINT_EVERY_MS = 15 * 60_000;

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
export class AuditService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(SERVER_KEYS) private readonly keys: ServerKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get checkpointFile(): string {
    return join(this.config.dataDir, 'audit-checkpoints.jsonl');
  }

  /**
   * A database from before the chain was keyed gets its anchor: entries from then on are keyed. A first
   * checkpoint is written, then one every CHECKPOINT_EVERY_MS.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.uow.write(async (m) => {
      if (!this.uow.isSqlite) await m.query('SELECT pg_advisory_xact_lock($1)', [PG_AUDIT_LOCK_KEY]);
      if (await this.readAnchor(m)) return;
      const [last] = await rawQuery<{ seq: number | string; hash: string }>(m, 'SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
      const anchor: AuditAnchor = { keyedFromSeq: last ? Number(last.seq) + 1 : 1, headSeq: last ? Number(last.seq) : 0, headHash: last?.hash ?? GENESIS_HASH };
      await executeRaw(m, 'INSERT INTO audit_anchor (id, keyed_from_seq, head_seq, head_hash, mac, updated_at) VALUES (1, ?, ?, ?, ?, ?)', [
        anchor.keyedFromSeq, anchor.headSeq, anchor.headHash, anchorMac(anchor, this.keys.audit), nowIso(),
      ]);
    });
    await this.checkpoint();
    this.timer = setInterval(() => void this.checkpoint().catch((e: Error) => this.logger.warn(`Audit checkpoint failed: ${e.message}`)), CHECKPOINT_EVERY_MS);
    this.timer.unref();
  }

  /** The last checkpoint at stop: before any module closes (the database closes on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checkpoint().catch((error: unknown) => this.logger.error(`The audit checkpoint at stop failed: ${String(error)}`));
  }

  /** Appends the signed head to the checkpoint file outside the database (when it moved since the last one). */
  async checkpoint(): Promise<void> {
    const anchor = await this.uow.read((m) => this.readAnchor(m));
    if (!anchor || anchor.headSeq === 0) return;
    const last = this.readCheckpoints().at(-1);
    if (last && last.seq === anchor.headSeq && last.hash === anchor.headHash) return;
    const at = nowIso();
    appendFileSync(this.checkpointFile, `${JSON.stringify({ seq: anchor.headSeq, hash: anchor.headHash, at, mac: checkpointMac(anchor.headSeq, anchor.headHash, at, this.keys.audit) })}\n`, { mode: 0o600 });
  }

  private readCheckpoints(): Array<{ seq: number; hash: string; at: string; mac: string; valid: boolean }> {
    if (!existsSync(this.checkpointFile)) return [];
    return readFileSync(this.checkpointFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        try {
          const c = JSON.parse(line) as { seq: number; hash: string; at: string; mac: string };
          return { ...c, valid: typeof c.seq === 'number' && checkpointMac(c.seq, c.hash, c.at, this.keys.audit) === c.mac };
        } catch {
          return { seq: 0, hash: '', at: '', mac: '', valid: false };
        }
      });
  }

  /** The signed head, or null when missing; a forged one is reported by verify (mac checked there). */
  private async readAnchor(m: EntityManager): Promise<(AuditAnchor & { mac: string }) | null> {
    const [row] = (await m.query('SELECT keyed_from_seq, head_seq, head_hash, mac FROM audit_anchor WHERE id = 1')) as Array<{ keyed_from_seq: number | string; head_seq: number | string; head_hash: string; mac: string }>;
    return row ? { keyedFromSeq: Number(row.keyed_from_seq), headSeq: Number(row.head_seq), headHash: row.head_hash, mac: row.mac } : null;
  }

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
    const entry = Object.assign(new AuditEntry(), content, { hash: auditHash(content, this.keys.audit) });
    const [row] = await rawQuery<{ seq: number | string }>(
      manager,
      `INSERT INTO audit_entries (occurred_at, actor_id, actor_username, action, entity_type, entity_id, "before", "after", reason, request_id, organizer_id, cluster_id, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
      [entry.occurredAt, entry.actorId, entry.actorUsername, entry.action, entry.entityType, entry.entityId, entry.before, entry.after, entry.reason, entry.requestId, entry.organizerId, entry.clusterId, entry.prevHash, entry.hash],
    );
    entry.seq = Number(row.seq);
    // The signed head moves in the same transaction: removing entries at the end no longer goes unseen.
    const anchor = await this.readAnchor(manager);
    const head: AuditAnchor = { keyedFromSeq: anchor?.keyedFromSeq ?? entry.seq, headSeq: entry.seq, headHash: entry.hash };
    const mac = anchorMac(head, this.keys.audit);
    if (anchor) {
      await executeRaw(manager, 'UPDATE audit_anchor SET head_seq = ?, head_hash = ?, mac = ?, updated_at = ? WHERE id = 1', [head.headSeq, head.headHash, mac, entry.occurredAt]);
    } else {
      await executeRaw(manager, 'INSERT INTO audit_anchor (id, keyed_from_seq, head_seq, head_hash, mac, updated_at) VALUES (1, ?, ?, ?, ?, ?)', [head.keyedFromSeq, head.headSeq, head.headHash, mac, entry.occurredAt]);
    }
    return entry;
  }

  /**
   * Recomputes the whole chain, then holds it against its signed head (in the database) and the checkpoints
   * (outside it): reports the first entry that was changed, removed or inserted, a tail cut off, or a chain
   * rewritten without the key.
   */
  async verify(): Promise<ChainCheck> {
    const batchSize = 2000;
    const first = await this.uow.read((m) => this.readAnchor(m));
    const keying = first ? { key: this.keys.audit, fromSeq: first.keyedFromSeq } : undefined;
    let afterSeq = 0;
    let previous = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const batch = await this.uow.read((m) =>
        m.createQueryBuilder(AuditEntry, 'a').where('a.seq > :afterSeq', { afterSeq }).orderBy('a.seq', 'ASC').limit(batchSize).getMany(),
      );
      if (batch.length === 0) break;
      const result = checkChainBatch(batch, previous, keying);
      if (result.broken) {
        return { ok: false, checked: checked + batch.findIndex((e) => e.seq === result.broken!.seq), brokenAtSeq: result.broken.seq, problem: result.broken.problem };
      }
      checked += batch.length;
      previous = result.lastHash;
      afterSeq = batch[batch.length - 1].seq;
    }
    // Read after the walk: the head is written with each entry, so it is at or past the last entry walked.
    const anchor = await this.uow.read((m) => this.readAnchor(m));
    if (!anchor || anchorMac(anchor, this.keys.audit) !== anchor.mac) {
      if (!anchor && checked === 0) return { ok: true, checked };
      return { ok: false, checked, brokenAtSeq: anchor?.keyedFromSeq ?? 1, problem: 'anchor' };
    }
    if (anchor.keyedFromSeq !== first?.keyedFromSeq) return { ok: false, checked, brokenAtSeq: anchor.keyedFromSeq, problem: 'anchor' };
    if (anchor.headSeq > afterSeq) {
      // Appended after the walk, or cut off: walk on from where we stopped; what is missing is the tail.
      const rest = await this.uow.read((m) => m.createQueryBuilder(AuditEntry, 'a').where('a.seq > :afterSeq AND a.seq <= :head', { afterSeq, head: anchor.headSeq }).orderBy('a.seq', 'ASC').getMany());
      const result = checkChainBatch(rest, previous, keying);
      if (result.broken) return { ok: false, checked: checked + rest.findIndex((e) => e.seq === result.broken!.seq), brokenAtSeq: result.broken.seq, problem: result.broken.problem };
      checked += rest.length;
      previous = result.lastHash;
      afterSeq = rest.at(-1)?.seq ?? afterSeq;
      if (afterSeq < anchor.headSeq) return { ok: false, checked, brokenAtSeq: afterSeq + 1, problem: 'truncated' };
    }
    if (anchor.headSeq === afterSeq && anchor.headHash !== previous) return { ok: false, checked, brokenAtSeq: afterSeq, problem: 'anchor' };
    if (anchor.headSeq < afterSeq) return { ok: false, checked, brokenAtSeq: anchor.headSeq + 1, problem: 'anchor' };
    // The checkpoints outside the database: each names an entry that must still be there, unchanged.
    for (const c of this.readCheckpoints()) {
      if (!c.valid) return { ok: false, checked, brokenAtSeq: c.seq || 1, problem: 'checkpoint' };
      if (c.seq > afterSeq) return { ok: false, checked, brokenAtSeq: afterSeq + 1, problem: 'truncated' };
      const entry = await this.uow.read((m) => m.findOne(AuditEntry, { where: { seq: c.seq } }));
      if (!entry || entry.hash !== c.hash) return { ok: false, checked, brokenAtSeq: c.seq, problem: 'checkpoint' };
    }
    await this.checkpoint();
    return { ok: true, checked };
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
