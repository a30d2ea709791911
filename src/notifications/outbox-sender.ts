import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import type { EntityManager } from 'typeorm';
import { nowIso } from '../common/time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { JobScheduler } from '../database/job-scheduler';
import { executeRaw, rawQuery } from '../database/raw-sql';
import { UnitOfWork } from '../database/unit-of-work';

/** Attempts before a mail the server keeps refusing for a while is given up ('failed'). */
export const MAX_ATTEMPTS = 8;
/** A mail claimed longer ago than this whose sending never reported back: 'unknown' (never sent again automatically). */
const STALE_CLAIM_MS = 15 * 60_000;
/** Mails claimed per round. */
const BATCH = 20;

/** Wait before the next attempt: 1, 2, 4… minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/**
 * What a failed send means for the mail. A server's 4xx (or a connection that never got to the message) delivered
 * nothing: try again later; a 5xx refusal is final ('failed'); anything else (the connection dropped while the
 * message was being accepted) may have delivered it: 'unknown', never retried — at most once.
 */
export function failureOutcome(error: unknown): 'retry' | 'failed' | 'unknown' {
  const e = error as { code?: string; responseCode?: number; command?: string };
  if (e.responseCode && e.responseCode >= 500) return 'failed';
  if (e.responseCode && e.responseCode >= 400) return 'retry';
  if (['ECONNECTION', 'ECONNREFUSED', 'EDNS', 'EAUTH', 'ETLS', 'EENVELOPE'].includes(e.code ?? '') || e.command === 'CONN') return 'retry';
  return 'unknown';
}

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  attempts: number | string;
}

/**
 * Sends the outbox by SMTP (nodemailer to SMTP_URL), at most once per mail. Each round first claims due mails in a
 * transaction of its own that commits before anything is sent (status 'sending', attempts + 1; on PostgreSQL the
 * rows are picked FOR UPDATE SKIP LOCKED, so two instances never claim the same mail), then sends them and records
 * each outcome: 'sent', back to 'pending' with a backoff, 'failed', or 'unknown' when it cannot be known whether the
 * server took it. A mail claimed by an instance that died before recording the outcome stays 'sending' and becomes
 * 'unknown' after 15 minutes: it is not sent again (the README explains the choice of at-most-once).
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxSender.name);
  private readonly transport: Transporter | null;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly jobs: JobScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // nodemailer only with SMTP_URL (about 20 ms of a start otherwise).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.transport = config.smtpUrl ? (require('nodemailer') as typeof import('nodemailer')).createTransport(config.smtpUrl, { from: config.mailFrom }) : null;
  }

  onApplicationBootstrap(): void {
    if (!this.transport) {
      this.logger.warn('SMTP_URL chưa được đặt: thư nhắc việc được giữ trong hộp thư đi (email_outbox, trạng thái pending) và không được gửi.');
      return;
    }
    if (!this.config.jobsTickSeconds) return;
    this.timer = setInterval(() => void this.tick(), this.config.jobsTickSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.transport?.close();
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.drain().catch((error: Error) => this.logger.warn(`Gửi thư thất bại: ${error.message}`));
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Sends every mail due now, round after round; answers the counts of this call. */
  async drain(now = Date.now()): Promise<{ sent: number; retry: number; failed: number; unknown: number }> {
    const counts = { sent: 0, retry: 0, failed: 0, unknown: 0 };
    if (!this.transport) return counts;
    await this.uow.write((m) => executeRaw(m, "UPDATE email_outbox SET status = 'unknown', last_error = ? WHERE status = 'sending' AND claimed_at < ?", ['Không rõ đã gửi hay chưa: phiên gửi bị gián đoạn.', new Date(now - STALE_CLAIM_MS).toISOString()]));
    for (;;) {
      const batch = await this.uow.write((m) => this.claim(m, new Date(now).toISOString()));
      if (!batch.length) return counts;
      for (const mail of batch) counts[await this.send(mail)]++;
    }
  }

  private async claim(m: EntityManager, nowIsoString: string): Promise<OutboxRow[]> {
    const lock = this.uow.isSqlite ? '' : ' FOR UPDATE SKIP LOCKED';
    const rows = await rawQuery<OutboxRow>(m, `SELECT id, recipient, subject, text, attempts FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ${BATCH}${lock}`, [nowIsoString]);
    const claimedAt = nowIso();
    for (const r of rows) await executeRaw(m, "UPDATE email_outbox SET status = 'sending', attempts = attempts + 1, claimed_at = ?, claimed_by = ? WHERE id = ? AND status = 'pending'", [claimedAt, this.jobs.instance, r.id]);
    return rows;
  }

  private async send(mail: OutboxRow): Promise<'sent' | 'retry' | 'failed' | 'unknown'> {
    const attempts = Number(mail.attempts) + 1;
    try {
      await this.transport!.sendMail({ from: this.config.mailFrom, to: mail.recipient, subject: mail.subject, text: mail.text, messageId: `<${mail.id}@thidua>`, headers: { 'Auto-Submitted': 'auto-generated' } });
    } catch (error) {
      let outcome = failureOutcome(error);
      if (outcome === 'retry' && attempts >= MAX_ATTEMPTS) outcome = 'failed';
      const message = String((error as Error).message ?? error).slice(0, 500);
      await this.uow.write((m) =>
        outcome === 'retry'
          ? executeRaw(m, "UPDATE email_outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?", [new Date(Date.now() + backoffMs(attempts)).toISOString(), message, mail.id])
          : executeRaw(m, 'UPDATE email_outbox SET status = ?, last_error = ? WHERE id = ?', [outcome, message, mail.id]),
      );
      if (outcome !== 'retry') this.logger.warn(`Thư ${mail.id} tới ${mail.recipient}: ${outcome} (${message})`);
      return outcome;
    }
    await this.uow.write((m) => executeRaw(m, "UPDATE email_outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?", [nowIso(), mail.id]));
    return 'sent';
  }
}
