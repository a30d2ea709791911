import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { EnumField, IntField, ReasonField } from '../common/validation/fields';
import { nowIso } from '../common/time';
import { executeRaw, rawQuery } from '../database/raw-sql';
import { UnitOfWork } from '../database/unit-of-work';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'unknown', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: 'Chờ gửi',
  sending: 'Đang gửi',
  sent: 'Đã gửi',
  failed: 'Gửi thất bại',
  unknown: 'Không rõ đã gửi chưa',
  cancelled: 'Đã hủy',
};

export class OutboxQueryDto {
  @EnumField(OUTBOX_STATUSES, { presence: 'optional', query: true, description: 'Trạng thái thư; mặc định: thư cần xem (failed và unknown).' }) status?: OutboxStatus;
  @IntField({ presence: 'optional', min: 1, max: 500, query: true, description: 'Số thư tối đa (mới nhất trước; mặc định 100).' }) limit?: number;
}

export class ResendMailDto {
  @ReasonField() reason: string;
}

export class OutboxMailView {
  @ApiProperty() id: string;
  @ApiProperty() recipient: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'Nội dung thư (văn bản thuần).' }) text: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ description: 'Số lần đã thử gửi.' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'Lỗi của lần gửi gần nhất (máy chủ thư trả lời).' }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;
}

export class OutboxView {
  @ApiProperty({ description: 'Số thư theo trạng thái.' }) counts: Record<OutboxStatus, number>;
  @ApiProperty({ nullable: true, type: String, enum: OUTBOX_STATUSES, description: 'Trạng thái đang lọc; null: thư cần xem (failed và unknown).' }) status: OutboxStatus | null;
  @ApiProperty({ type: [OutboxMailView] }) items: OutboxMailView[];
}

interface Row {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  status: OutboxStatus;
  attempts: number | string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/**
 * The e-mail outbox as the administrator sees it: how many mails in each state, the ones to look at (given up,
 * 'failed', or of unknown fate, 'unknown'), and sending one of those again on purpose, with a reason (audited). The
 * sender never sends a mail twice by itself (at most once); the administrator may, after checking with the recipient.
 */
@Injectable()
export class OutboxAdmin {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(q: OutboxQueryDto): Promise<OutboxView> {
    return this.uow.read(async (m) => {
      const counted = await rawQuery<{ status: OutboxStatus; n: number | string }>(m, 'SELECT status, count(*) AS n FROM email_outbox GROUP BY status');
      const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, Number(counted.find((c) => c.status === s)?.n ?? 0)])) as Record<OutboxStatus, number>;
      const statuses: readonly OutboxStatus[] = q.status ? [q.status] : ['failed', 'unknown'];
      const rows = await rawQuery<Row>(
        m,
        `SELECT id, recipient, subject, text, status, attempts, last_error, created_at, sent_at FROM email_outbox WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY created_at DESC, id LIMIT ${q.limit ?? 100}`,
        [...statuses],
      );
      return { counts, status: q.status ?? null, items: rows.map(view) };
    });
  }

  /** A failed mail, or one of unknown fate, back to the queue: sent at the sender's next round (its attempts start over). */
  resend(p: Principal, id: string, dto: ResendMailDto): Promise<OutboxMailView> {
    return this.uow.write(async (m) => {
      const [row] = await rawQuery<Row>(m, 'SELECT id, recipient, subject, text, status, attempts, last_error, created_at, sent_at FROM email_outbox WHERE id = ?', [id]);
      if (!row) throw AppException.notFound('thư');
      if (row.status !== 'failed' && row.status !== 'unknown') {
        throw new AppException(ErrorCode.IllegalTransition, `Chỉ gửi lại được thư gửi thất bại hoặc không rõ đã gửi chưa; thư này đang ở trạng thái "${OUTBOX_STATUS_LABELS[row.status]}".`);
      }
      const changed = await executeRaw(m, "UPDATE email_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, claimed_at = NULL, claimed_by = NULL WHERE id = ? AND status = ?", [nowIso(), id, row.status]);
      if (!changed) throw new AppException(ErrorCode.VersionConflict, 'Thư vừa được người khác xử lý: tải lại trang.');
      await this.audit.record(m, { action: 'email.resend', entityType: 'email_outbox', entityId: id, before: { status: row.status, attempts: Number(row.attempts), lastError: row.last_error }, after: { status: 'pending', recipient: row.recipient, subject: row.subject }, reason: dto.reason });
      return view({ ...row, status: 'pending', attempts: 0 });
    });
  }
}

const view = (r: Row): OutboxMailView => ({
  id: r.id,
  recipient: r.recipient,
  subject: r.subject,
  text: r.text,
  status: r.status,
  statusLabel: OUTBOX_STATUS_LABELS[r.status] ?? r.status,
  attempts: Number(r.attempts),
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});
