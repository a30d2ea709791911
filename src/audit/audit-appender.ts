import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SERVER_KEYS } from '../config/config.tokens';
import type { ServerKeys } from '../config/secrets';
import { nowIso } from '../common/time';
import { CommitTail } from '../database/postgres-transaction';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditAnchor, AuditContent, GENESIS_HASH, anchorMac, auditHash } from './audit-chain';
import { AuditRepository, ChainHead, ChainRow } from './audit.repository';

/** An entry before its place in the chain is known: everything but its link to the one before. */
export type PendingEntry = Omit<AuditContent, 'prevHash'>;

type TransactionData = { audit?: { pending: PendingEntry[]; built?: ChainHead } };

const auditData = (m: EntityManager): TransactionData | undefined => m.queryRunner?.data as TransactionData | undefined;

/**
 * Appends entries to the audit chain, in the transaction of the change they record.
 *
 * PostgreSQL, inside UnitOfWork.write: the entries wait for the commit and go with it in one round trip (CommitTail),
 * linked to the head as this instance last built or read it. The database moves the signed head only if it is still
 * there; when another transaction moved it first, the entries are linked again to the head read under its row lock.
 * So the chain's lock is held while the server runs the commit's statements, not across round trips.
 * SQLite (and PostgreSQL outside UnitOfWork.write): appended at once, after the head read under lock.
 */
@Injectable()
export class AuditAppender implements CommitTail, OnModuleInit {
  /** The chain's head as this instance last built or read it; null: unknown. Only a guess: the database checks it. */
  private head: ChainHead | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(SERVER_KEYS) private readonly keys: ServerKeys,
    private readonly trail: AuditRepository,
  ) {}

  onModuleInit(): void {
    if (!this.uow.isSqlite) this.uow.setCommitTail(this);
  }

  /** Appends the entry inside `m`'s transaction: the change and its record commit together or not at all. */
  async append(m: EntityManager, entry: PendingEntry): Promise<void> {
    if (!m.queryRunner) throw new Error('An audit entry is appended inside the transaction of the change it records');
    const deferred = auditData(m)?.audit;
    if (deferred) {
      deferred.pending.push(entry);
      return;
    }
    const head = (await this.trail.head(m, true)) ?? (await this.ensureAnchor(m));
    const { to, mac, rows } = this.link(head, [entry]);
    if (this.uow.isSqlite) await this.trail.appendRows(m, to, mac, rows);
    else for (const sql of this.trail.appendStatements(head, to, mac, rows)) await m.query(sql);
  }

  /**
   * The signed head, created where there is none (a database from before the chain was keyed: entries from then on
   * are keyed), under the chain's lock (the locked head read takes it).
   */
  async ensureAnchor(m: EntityManager): Promise<ChainHead> {
    const existing = await this.trail.head(m, true);
    if (existing) return existing;
    const last = await this.trail.last(m);
    const anchor: AuditAnchor = { keyedFromSeq: last ? last.seq + 1 : 1, headSeq: last ? last.seq : 0, headHash: last?.hash ?? GENESIS_HASH };
    await this.trail.insertAnchor(m, anchor, anchorMac(anchor, this.keys.audit), nowIso());
    return { keyedFromSeq: anchor.keyedFromSeq, seq: anchor.headSeq, hash: anchor.headHash };
  }

  begin(m: EntityManager): void {
    (m.queryRunner!.data as TransactionData).audit = { pending: [] };
  }

  async statements(m: EntityManager, locked: boolean): Promise<{ opening: string[]; closing: string[] }> {
    const audit = auditData(m)?.audit;
    if (!audit?.pending.length) return { opening: [], closing: [] };
    const head = (!locked && this.head) || (await this.trail.head(m, locked)) || (await this.ensureAnchor(m));
    const { to, mac, rows } = this.link(head, audit.pending);
    const closing = this.trail.appendStatements(head, to, mac, rows);
    audit.built = this.head = to;
    // The head this commit moves to, announced first: a commit built on it waits for this one's end (migration
    // 1767200000000) instead of polling.
    return { opening: [this.trail.announceStatement(to)], closing };
  }

  isConflict(error: unknown): boolean {
    return (error as { code?: unknown } | null)?.code === 'TD001';
  }

  settle(m: EntityManager, committed: boolean): void {
    const audit = auditData(m)?.audit;
    // A head built on and not committed is wrong for whoever builds on it next: read it again then.
    if (audit?.built && !committed) this.head = null;
    if (audit) audit.built = undefined;
  }

  /** The entries linked after `head`, each hashed with the key, and the signed head that follows them. */
  private link(head: ChainHead, pending: PendingEntry[]): { to: ChainHead; mac: string; rows: ChainRow[] } {
    let { seq, hash } = head;
    const rows = pending.map((entry) => {
      const content: AuditContent = { ...entry, prevHash: hash };
      hash = auditHash(content, this.keys.audit);
      return { ...content, seq: ++seq, hash };
    });
    const to = { keyedFromSeq: head.keyedFromSeq, seq, hash };
    return { to, mac: anchorMac({ keyedFromSeq: to.keyedFromSeq, headSeq: seq, headHash: hash }, this.keys.audit), rows };
  }
}
