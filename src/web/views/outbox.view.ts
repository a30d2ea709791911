import { OUTBOX_STATUSES, OUTBOX_STATUS_LABELS, type OutboxView } from '../../notifications/outbox-admin';
import { dateTimeVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';

export const OUTBOX_HREF = '/hop-thu-di';

/**
 * Hộp thư đi (administrators): how many reminder e-mails in each state, and the ones to look at — given up by the
 * mail server, or of unknown fate after an interrupted send — each with its error and a "send again" form (reason).
 */
export function outboxPage(frame: PageFrame, box: OutboxView, smtpConfigured: boolean): Html {
  const shown = box.status ? OUTBOX_STATUS_LABELS[box.status].toLowerCase() : 'cần xem (gửi thất bại, không rõ đã gửi chưa)';
  return layout(
    { ...frame, title: 'Hộp thư đi', crumbs: [['Tổng quan', '/'], ['Hộp thư đi']] },
    html`<h1>Hộp thư đi</h1>
${smtpConfigured ? '' : html`<p class="flash warn" role="status">Chưa đặt máy chủ thư (SMTP_URL): thư nhắc việc được giữ ở trạng thái chờ gửi, không thư nào được gửi đi.</p>`}
<section class="card" aria-labelledby="h-counts"><h2 id="h-counts">Thư theo trạng thái</h2>
  <ul class="counts">${OUTBOX_STATUSES.map((s) => html`<li><a href="${OUTBOX_HREF}?status=${s}">${OUTBOX_STATUS_LABELS[s]}</a>: <strong data-status="${s}">${box.counts[s]}</strong></li>`)}</ul>
  <p class="muted"><small>Mỗi thư được gửi nhiều nhất một lần: thư mà máy chủ thư từ chối hẳn ("gửi thất bại") hoặc bị gián đoạn khi đang gửi ("không rõ đã gửi chưa") không được gửi lại tự động. Hỏi người nhận trước khi gửi lại một thư "không rõ đã gửi chưa".</small></p>
</section>
<section class="card" aria-labelledby="h-mails"><h2 id="h-mails">Thư ${shown}</h2>
  ${box.status ? html`<p><a href="${OUTBOX_HREF}">Về các thư cần xem</a></p>` : ''}
  ${box.items.length
    ? html`<div class="table-wrap"><table class="cards">
  <thead><tr><th scope="col">Người nhận</th><th scope="col">Tiêu đề</th><th scope="col">Trạng thái</th><th scope="col">Lần thử</th><th scope="col">Lỗi gần nhất</th><th scope="col">Tạo lúc</th><th scope="col">Thao tác</th></tr></thead>
  <tbody>${box.items.map(
    (m, i) => html`<tr data-mail="${m.id}"><th scope="row">${m.recipient}</th><td data-label="Tiêu đề">${m.subject}<details><summary>Nội dung thư</summary><pre class="mail-text">${m.text}</pre></details></td><td data-label="Trạng thái">${badge(m.statusLabel, m.status === 'sent' ? 'ok' : m.status === 'failed' || m.status === 'unknown' ? 'warn' : 'info')}</td><td data-label="Lần thử">${m.attempts}</td><td data-label="Lỗi gần nhất">${m.lastError ?? ''}</td><td data-label="Tạo lúc">${dateTimeVi(m.createdAt)}</td>
    <td data-label="Thao tác">${m.status === 'failed' || m.status === 'unknown'
      ? html`<form data-api="/api/email-outbox/${m.id}/resend" data-method="POST" data-success="Đã đưa thư vào hàng chờ gửi." class="inline" novalidate>${formMessage}
        <label for="ht-ly-do-${i}">Lý do gửi lại thư tới ${m.recipient}</label><input id="ht-ly-do-${i}" name="reason" required>
        <button type="submit" class="secondary">Gửi lại</button></form>`
      : ''}</td></tr>`,
  )}</tbody>
</table></div>`
    : html`<p class="muted">Không có thư nào.</p>`}
</section>`,
  );
}
