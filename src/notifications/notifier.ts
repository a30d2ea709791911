import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { nowIso } from '../common/time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { executeRaw, rawQuery } from '../database/raw-sql';

/** One notice to some people: shown in the app, and e-mailed to those who have an address and want e-mail. */
export interface Notice {
  /** What caused it (a reminder stage, a returned proposal…): `reminder.pledge.D7`, `proposal.return`. */
  kind: string;
  subject: string;
  body: string;
  /** The page where the work is done (a path of this site), or null. */
  link: string | null;
  /** The deadline it is about (YYYY-MM-DD), or null. */
  dueOn: string | null;
  /** The same key for the same person is one notice: a reminder's key names its deadline and stage. */
  dedupKey: string;
}

/** Why a mail waiting in the outbox was not sent: what it asked for was done first. */
const SETTLED_MAIL = 'Không gửi: việc thư nhắc đến đã được xử lý trước khi thư được gửi.';

interface Recipient {
  id: string;
  email: string | null;
  email_notifications: boolean | number;
  active: boolean | number;
}

/**
 * Writes notices in the caller's transaction: a row of `notifications` per person (once per dedup key: the unique
 * index makes a second insert, from another instance or a later run, do nothing) and, for a notice inserted now, a
 * row of `email_outbox` when the person is active, has an e-mail address and has not turned e-mail off. The outbox
 * row commits or rolls back with the change that caused it; OutboxSender sends it later.
 */
@Injectable()
export class Notifier {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Answers how many people got the notice now (0 when every one had it already). */
  async notify(m: EntityManager, userIds: Iterable<string>, notice: Notice): Promise<number> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return 0;
    const people = await rawQuery<Recipient>(m, `SELECT id, email, email_notifications, active FROM users WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    const now = nowIso();
    let count = 0;
    for (const person of people) {
      if (!Boolean(person.active)) continue;
      const inserted = await executeRaw(
        m,
        'INSERT INTO notifications (id, user_id, kind, subject, body, link, due_on, dedup_key, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (user_id, dedup_key) DO NOTHING',
        [randomUUID(), person.id, notice.kind, notice.subject.slice(0, 300), notice.body, notice.link, notice.dueOn, notice.dedupKey.slice(0, 200), now],
      );
      if (inserted !== 1) continue;
      count++;
      if (!person.email || !Boolean(person.email_notifications)) continue;
      await executeRaw(
        m,
        `INSERT INTO email_outbox (id, user_id, recipient, subject, text, status, attempts, next_attempt_at, dedup_key, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING`,
        [randomUUID(), person.id, person.email, notice.subject.slice(0, 300), this.mailText(notice), now, `${person.id}:${notice.dedupKey}`.slice(0, 250), now],
      );
    }
    return count;
  }

  /**
   * The work some notices asked for is done (a returned proposal was resent): every person's unread notices whose key
   * starts with one of the prefixes are marked read, and their e-mails not yet sent are cancelled (an outbox key is the
   * person's id, ':' and the notice's key), in the caller's transaction. Answers how many notices.
   */
  async settle(m: EntityManager, keyPrefixes: string[]): Promise<number> {
    let count = 0;
    // A prefix compared as text (no LIKE pattern to escape); a resend is rare, the scan of unread notices is cheap.
    for (const prefix of keyPrefixes) {
      count += await executeRaw(m, 'UPDATE notifications SET read_at = ? WHERE read_at IS NULL AND substr(dedup_key, 1, ?) = ?', [nowIso(), prefix.length, prefix]);
      await executeRaw(m, "UPDATE email_outbox SET status = 'cancelled', last_error = ? WHERE status = 'pending' AND substr(dedup_key, length(user_id) + 2, ?) = ?", [SETTLED_MAIL, prefix.length, prefix]);
    }
    return count;
  }

  /** The e-mail's text: the notice, the page to open, and how to stop the e-mails. */
  private mailText(notice: Notice): string {
    const base = this.config.publicBaseUrl;
    return [
      notice.body,
      '',
      ...(notice.link ? [`Xem và xử lý: ${base}${notice.link}`, ''] : []),
      '—',
      'Thư tự động của hệ thống quản lý thi đua, khen thưởng; vui lòng không trả lời thư này.',
      `Không muốn nhận thư nhắc việc? Tắt ở trang tài khoản của bạn: ${base}/tai-khoan-cua-toi (thông báo trong hệ thống vẫn được giữ).`,
    ].join('\n');
  }
}
