import type { Principal } from '../../auth/principal';
import { Html, html } from '../html';
import { formMessage, layout } from './layout';

export function loginPage(csrf: string, next: string, demo: boolean): Html {
  return layout(
    { title: 'Đăng nhập', csrf },
    html`<div class="card" style="max-width:30rem;margin:24px auto">
  <h1>Đăng nhập</h1>
  <p class="muted">Hệ thống quản lý cụm thi đua và khen thưởng.</p>
  <form data-api="/dang-nhap" data-method="POST" data-busy="Đang đăng nhập…" novalidate>
    ${formMessage}
    <input type="hidden" name="next" value="${next}">
    <div class="field"><label for="username">Tên đăng nhập</label>
      <input id="username" name="username" type="text" autocomplete="username" required autofocus></div>
    <div class="field"><label for="password">Mật khẩu</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required></div>
    <div class="actions"><button type="submit">Đăng nhập</button></div>
  </form>
  ${demo
    ? html`<p class="muted"><small>Dữ liệu minh họa: tài khoản <code>cum6.secretary</code>, <code>gialai</code>, <code>reviewer</code>… (mật khẩu trong README).</small></p>`
    : ''}
</div>`,
  );
}

export function passwordPage(p: Principal, csrf: string): Html {
  return layout(
    { title: 'Đổi mật khẩu', principal: p, csrf, crumbs: [['Tổng quan', '/'], ['Đổi mật khẩu']] },
    html`<div class="card" style="max-width:34rem">
  <h1>Đổi mật khẩu</h1>
  <p class="muted">Sau khi đổi, mọi phiên đăng nhập khác của bạn kết thúc.</p>
  <form data-api="/doi-mat-khau" data-method="POST" data-redirect="/" novalidate>
    ${formMessage}
    <div class="field"><label for="currentPassword">Mật khẩu hiện tại</label>
      <input id="currentPassword" name="currentPassword" type="password" autocomplete="current-password" required></div>
    <div class="field"><label for="newPassword">Mật khẩu mới</label>
      <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required aria-describedby="pw-hint">
      <small id="pw-hint" class="muted">Ít nhất 8 ký tự, có cả chữ và số.</small></div>
    <div class="actions"><button type="submit">Đổi mật khẩu</button></div>
  </form>
</div>`,
  );
}

export function errorPage(status: number, message: string, code: string, p: Principal | null, requestId?: string): Html {
  const title = status === 403 ? 'Không có quyền truy cập' : status === 404 ? 'Không tìm thấy trang' : status >= 500 ? 'Lỗi hệ thống' : 'Không thực hiện được';
  return layout(
    { title, principal: p },
    html`<div class="card" role="alert">
  <h1>${title}</h1>
  <p>${message}</p>
  <p class="muted"><small>Mã lỗi ${code}${requestId ? html` · mã yêu cầu ${requestId}` : ''}</small></p>
  <p><a href="/">Về trang tổng quan</a></p>
</div>`,
  );
}
