import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, SERVER_KEYS } from '../config/config.tokens';
import type { ServerKeys } from '../config/secrets';
import { EntityManager } from 'typeorm';
import { currentActor, currentRequestId } from '../common/request-context';
import { nowIso, addDays, formatDateVi } from '../common/time';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { JobScheduler } from '../database/job-scheduler';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditEntry } from './audit-entry.entity';
import { AuditRepository } from './audit.repository';
import { AuditAppender } from './audit-appender';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import type { AuditEntryView, AuditPage, AuditQueryDto } from './audit.dto';
import { ChainCheck, GENESIS_HASH, anchorMac, canonicalJson, checkChainBatch, checkpointMac } from './audit-chain';

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

/** Fields never written to the audit log. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'newPassword', 'currentPassword']);

function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const cleaned = JSON.parse(JSON.stringify(value, (key, v) => (SECRET_FIELDS.has(key) ? undefined : v)));
  return canonicalJson(cleaned);
}

@Injectable()
export class AuditService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(SERVER_KEYS) private readonly keys: ServerKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly trail: AuditRepository,
    private readonly jobs: JobScheduler,
    private readonly appender: AuditAppender,
  ) {}

  /** The checkpoint every CHECKPOINT_EVERY_MS is a scheduled job: one instance writes it per period. */
  onModuleInit(): void {
    this.jobs.register({ name: 'audit-checkpoint', everyMs: CHECKPOINT_EVERY_MS, run: async (m) => ((await this.checkpoint(m)) ? 'checkpoint written' : 'head unchanged') });
  }

  private get checkpointFile(): string {
    return join(this.config.dataDir, 'audit-checkpoints.jsonl');
  }

  /**
   * A database from before the chain was keyed gets its anchor: entries from then on are keyed. A first
   * checkpoint is written; then one every CHECKPOINT_EVERY_MS by the scheduled job (onModuleInit).
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.uow.write((m) => this.appender.ensureAnchor(m));
    await this.checkpoint();
  }

  /** The last checkpoint at stop: before any module closes (the database closes on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.checkpoint().catch((error: unknown) => this.logger.error(`The audit checkpoint at stop failed: ${String(error)}`));
  }

  /**
   * Appends the signed head to the checkpoint file outside the database (when it moved since the last one);
   * true when it wrote one. `m`: inside a transaction already (the scheduled job's).
   */
  async checkpoint(m?: EntityManager): Promise<boolean> {
    const anchor = m ? await this.trail.anchor(m) : await this.uow.read((r) => this.trail.anchor(r));
    if (!anchor || anchor.headSeq === 0) return false;
    const last = this.readCheckpoints().at(-1);
    if (last && last.seq === anchor.headSeq && last.hash === anchor.headHash) return false;
    const at = nowIso();
    appendFileSync(this.checkpointFile, `${JSON.stringify({ seq: anchor.headSeq, hash: anchor.headHash, at, mac: checkpointMac(anchor.headSeq, anchor.headHash, at, this.keys.audit) })}\n`, { mode: 0o600 });
    return true;
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

  /** A page of the trail, newest first. Admins see everything; a reviewer sees their organiser's clusters. */
  list(p: Principal, q: AuditQueryDto): Promise<AuditPage> {
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    if (q.from && q.to && q.to < q.from) throw AppException.field(ErrorCode.ValidationFailed, 'to', `"Đến ngày" không được trước "Từ ngày" (${formatDateVi(q.from)}).`);
    return this.uow.read(async (m) => {
      const [rows, total] = await this.trail.search(m, {
        organizerIds: p.role !== Role.Admin ? (p.organizerIds.length ? p.organizerIds : ['']) : undefined,
        entityType: q.entityType,
        entityId: q.entityId,
        action: q.action,
        actor: q.actor,
        clusterId: q.clusterId,
        from: q.from,
        before: q.to ? nextDay(q.to) : undefined,
        limit,
        offset,
      });
      return { items: rows.map(entryView), total, limit, offset };
    });
  }

  /**
   * Records a change inside the caller's transaction: the change and its record commit together or not at all (on
   * PostgreSQL the entry is appended with the commit: AuditAppender).
   */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    const actor = currentActor();
    await this.appender.append(manager, {
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
    });
  }

  /**
   * Recomputes the whole chain, then holds it against its signed head (in the database) and the checkpoints
   * (outside it): reports the first entry that was changed, removed or inserted, a tail cut off, or a chain
   * rewritten without the key.
   */
  async verify(): Promise<ChainCheck> {
    const batchSize = 2000;
    const first = await this.uow.read((m) => this.trail.anchor(m));
    const keying = first ? { key: this.keys.audit, fromSeq: first.keyedFromSeq } : undefined;
    let afterSeq = 0;
    let previous = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const batch = await this.uow.read((m) => this.trail.batchAfter(m, afterSeq, batchSize));
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
    const anchor = await this.uow.read((m) => this.trail.anchor(m));
    if (!anchor || anchorMac(anchor, this.keys.audit) !== anchor.mac) {
      if (!anchor && checked === 0) return { ok: true, checked };
      return { ok: false, checked, brokenAtSeq: anchor?.keyedFromSeq ?? 1, problem: 'anchor' };
    }
    if (anchor.keyedFromSeq !== first?.keyedFromSeq) return { ok: false, checked, brokenAtSeq: anchor.keyedFromSeq, problem: 'anchor' };
    if (anchor.headSeq > afterSeq) {
      // Appended after the walk, or cut off: walk on from where we stopped; what is missing is the tail.
      const rest = await this.uow.read((m) => this.trail.range(m, afterSeq, anchor.headSeq));
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
      const entry = await this.uow.read((m) => this.trail.bySeq(m, c.seq));
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

const nextDay = (date: string): string => addDays(date, 1);
