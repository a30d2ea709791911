import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/user.entity';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { nowIso } from '../common/time';
import { executeRaw, rawQuery } from '../database/raw-sql';
import { UnitOfWork, updateVersioned } from '../database/unit-of-work';
import type { EmailSettingsView, NotificationList, NotificationView } from './notifications.dto';

interface Row {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  due_on: string | null;
  created_at: string;
  read_at: string | null;
}

/** A person's notifications (their own only) and their e-mail settings. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(p: Principal, q: { unreadOnly?: boolean; limit?: number }): Promise<NotificationList> {
    return this.uow.read(async (m) => {
      const rows = await rawQuery<Row>(m, `SELECT id, kind, subject, body, link, due_on, created_at, read_at FROM notifications WHERE user_id = ?${q.unreadOnly ? ' AND read_at IS NULL' : ''} ORDER BY created_at DESC, id LIMIT ?`, [p.userId, q.limit ?? 50]);
      const [count] = await rawQuery<{ n: number | string }>(m, 'SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL', [p.userId]);
      return { items: rows.map(view), unread: Number(count.n) };
    });
  }

  /** Marks one of the caller's notifications read (another's answers 404); reading twice changes nothing. */
  markRead(p: Principal, id: string): Promise<NotificationView> {
    return this.uow.write(async (m) => {
      const [row] = await rawQuery<Row>(m, 'SELECT id, kind, subject, body, link, due_on, created_at, read_at FROM notifications WHERE id = ? AND user_id = ?', [id, p.userId]);
      if (!row) throw AppException.notFound('thông báo');
      if (row.read_at) return view(row);
      const now = nowIso();
      await executeRaw(m, 'UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL', [now, id]);
      return view({ ...row, read_at: now });
    });
  }

  /** Marks every unread notification of the caller read; answers how many. */
  markAllRead(p: Principal): Promise<{ marked: number }> {
    return this.uow.write(async (m) => ({ marked: await executeRaw(m, 'UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL', [nowIso(), p.userId]) }));
  }

  settings(p: Principal): Promise<EmailSettingsView> {
    return this.uow.read(async (m) => settingsOf(await this.me(m, p)));
  }

  /** The person's own e-mail address and whether they want e-mail (audited; 409 on a stale version). */
  updateSettings(p: Principal, dto: { version: number; email?: string | null; emailNotifications?: boolean }): Promise<EmailSettingsView> {
    return this.uow.write(async (m) => {
      const current = await this.me(m, p);
      const before = settingsOf(current);
      const updated = await updateVersioned(m, User, current, dto.version, { email: dto.email !== undefined ? (dto.email?.trim() || null) : before.email, emailNotifications: dto.emailNotifications ?? before.emailNotifications, updatedAt: nowIso() }, 'tài khoản');
      const after = settingsOf(updated);
      await this.audit.record(m, { action: 'user.email_settings', entityType: 'user', entityId: p.userId, before, after, reason: after.emailNotifications ? null : 'Người dùng tắt thư nhắc việc' });
      return after;
    });
  }

  private async me(m: Parameters<Parameters<UnitOfWork['read']>[0]>[0], p: Principal): Promise<User> {
    const user = await m.findOneBy(User, { id: p.userId });
    if (!user) throw AppException.notFound('tài khoản');
    return user;
  }
}

function view(r: Row): NotificationView {
  return { id: r.id, kind: r.kind, subject: r.subject, body: r.body, link: r.link, dueOn: r.due_on, createdAt: r.created_at, readAt: r.read_at };
}

function settingsOf(u: User): EmailSettingsView {
  return { email: u.email ?? null, emailNotifications: u.emailNotifications === undefined ? true : Boolean(u.emailNotifications), version: u.version };
}
