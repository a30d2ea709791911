import type { EmailSettingsView, NotificationList, NotificationView } from '../../notifications/notifications.dto';
import { dateTimeVi, dateVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';

export const MY_ACCOUNT_HREF = '/tai-khoan-cua-toi';

function item(n: NotificationView): Html {
  return html`<li class="notice${n.readAt ? '' : ' unread'}" data-notification="${n.id}">
  <strong>${n.link ? html`<a href="${n.link}">${n.subject}</a>` : n.subject}</strong>${n.readAt ? '' : html` ${badge('Chưa đọc', 'warn')}`}
  <br><span>${n.body}</span>
  <br><small class="muted">${dateTimeVi(n.createdAt)}${n.dueOn ? ` · hạn ${dateVi(n.dueOn)}` : ''}</small>
  ${n.readAt ? '' : html`<form data-api="/api/notifications/${n.id}/read" data-method="POST" data-success="Đã đánh dấu thông báo là đã đọc." class="inline" novalidate>${formMessage}<button type="submit" class="link">Đánh dấu đã đọc</button></form>`}
</li>`;
}

/** The notifications card of a dashboard: the latest, the unread count, marking read. */
export function notificationsCard(list: NotificationList, limit = 8): Html {
  const shown = list.items.slice(0, limit);
  return html`<section class="card" aria-labelledby="h-notices"><h2 id="h-notices">Thông báo <span class="badge ${list.unread ? 'warn' : 'ok'}" data-role="unread-count">${list.unread} chưa đọc</span></h2>
  ${shown.length ? html`<ul class="tasks notices">${shown.map(item)}</ul>` : html`<p class="muted">Chưa có thông báo nào.</p>`}
  <div class="actions">
    ${list.unread ? html`<form data-api="/api/notifications/read-all" data-method="POST" data-success="Đã đánh dấu mọi thông báo là đã đọc." class="inline" novalidate>${formMessage}<button type="submit" class="secondary">Đánh dấu tất cả đã đọc</button></form>` : ''}
    <a href="${MY_ACCOUNT_HREF}">Mọi thông báo và cài đặt thư nhắc việc</a>
  </div>
</section>`;
}

/** Tài khoản của tôi: the person's e-mail address, whether they want e-mail, and all their notifications. */
export function myAccountPage(frame: PageFrame, settings: EmailSettingsView, list: NotificationList): Html {
  return layout(
    { ...frame, title: 'Tài khoản của tôi', crumbs: [['Tổng quan', '/'], ['Tài khoản của tôi']] },
    html`<h1>Tài khoản của tôi</h1>
<section class="card" aria-labelledby="h-security"><h2 id="h-security">Đăng nhập và bảo mật</h2>
  <ul><li><a href="/doi-mat-khau">Đổi mật khẩu</a></li><li><a href="/xac-thuc-hai-lop">Xác thực hai lớp</a></li></ul>
</section>
<section class="card" aria-labelledby="h-mail"><h2 id="h-mail">Thư nhắc việc</h2>
  <p class="muted"><small>Hệ thống nhắc các mốc của năm thi đua (7 ngày và 3 ngày trước hạn, đúng ngày hạn, khi quá hạn) và các việc cần xử lý. Thông báo luôn hiện trong hệ thống; thư chỉ được gửi khi có địa chỉ thư và bạn bật nhận thư.</small></p>
  <p>Hiện tại: ${settings.email && settings.emailNotifications ? badge(`Đang nhận thư tại ${settings.email}`, 'ok') : badge(settings.email ? 'Đã tắt thư nhắc việc' : 'Chưa có địa chỉ thư', 'info')}</p>
  <form data-api="/api/notifications/email-settings" data-method="PATCH" data-success="Đã lưu cài đặt thư nhắc việc." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${settings.version}">
    <div class="field"><label for="tk-email">Địa chỉ thư điện tử</label><input id="tk-email" name="email" type="email" data-type="nullable" autocomplete="email" value="${settings.email ?? ''}" placeholder="ten.canbo@donvi.gov.vn"></div>
    <div class="check-row field"><input type="checkbox" id="tk-email-on" name="emailNotifications" ${settings.emailNotifications ? 'checked' : ''}><label for="tk-email-on">Nhận thư nhắc việc qua thư điện tử</label></div>
    <div class="actions"><button type="submit">Lưu cài đặt thư</button></div>
  </form>
</section>
${notificationsCard(list, 200)}`,
  );
}
