import type { Principal } from '../../common/auth/principal';
import { Html, html } from '../html';
import type { MfaStatus } from '../../auth/mfa.service';
import { formatDateTimeVi } from '../../common/time';
import { badge, formMessage, layout } from './layout';

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
    <div class="field" data-mfa hidden><label for="code">Mã xác thực</label>
      <input id="code" name="code" type="text" data-type="optional" inputmode="numeric" autocomplete="one-time-code" maxlength="20" aria-describedby="code-hint">
      <small id="code-hint" class="muted">Mã 6 số trong ứng dụng xác thực (hoặc một mã khôi phục).</small></div>
    <div class="field" data-mfa hidden><label><input name="rememberDevice" type="checkbox"> Ghi nhớ thiết bị này 30 ngày</label></div>
    <div class="actions"><button type="submit">Đăng nhập</button></div>
  </form>
  ${demo
    ? html`<p class="muted" data-testid="demo-accounts"><small>Dữ liệu minh họa: tài khoản <code>cum6.secretary</code> (thư ký cụm), <code>skhcn.daklak</code> (đơn vị thành viên), <code>reviewer</code> (thẩm định của Bộ, cần mã xác thực)… Mật khẩu và cách lấy mã xác thực ghi trong tệp README của phần mềm.</small></p>`
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
      <small id="pw-hint" class="muted">Ít nhất 12 ký tự (nên dùng một cụm từ dễ nhớ); không dùng mật khẩu phổ biến hoặc đã bị lộ.</small></div>
    <div class="actions"><button type="submit">Đổi mật khẩu</button></div>
  </form>
</div>`,
  );
}

export function mfaPage(p: Principal, csrf: string, status: MfaStatus): Html {
  const required = status.required && !status.enabled;
  return layout(
    { title: 'Xác thực hai lớp', principal: p, csrf, crumbs: [['Tổng quan', '/'], ['Xác thực hai lớp']] },
    html`<div class="card" style="max-width:40rem">
  <h1>Xác thực hai lớp</h1>
  ${required ? html`<p class="flash warn" role="alert">Tài khoản quản trị và thẩm định bắt buộc dùng xác thực hai lớp: hãy đăng ký trước khi làm việc.</p>` : ''}
  ${status.enabled
    ? html`<p>${badge('Đang bật', 'ok')} từ ${formatDateTimeVi(status.enabledAt!)}. Còn ${status.recoveryCodesLeft} mã khôi phục chưa dùng.</p>
  <form data-api="/api/auth/mfa/recovery-codes" data-method="POST" data-on-success="showRecoveryCodes" novalidate>
    ${formMessage}
    <div class="field"><label for="regen-code">Mã xác thực hiện tại</label>
      <input id="regen-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required></div>
    <div class="actions"><button type="submit" class="secondary">Tạo lại mã khôi phục</button></div>
  </form>`
    : html`<p>Mỗi lần đăng nhập, ngoài mật khẩu bạn nhập thêm mã 6 số do ứng dụng xác thực trên điện thoại tạo ra
  (ví dụ Google Authenticator, Microsoft Authenticator, FreeOTP).</p>
  <ol>
    <li>Bấm <strong>Đăng ký</strong>, rồi quét mã QR bằng ứng dụng (hoặc nhập khóa bí mật).</li>
    <li>Nhập mã 6 số ứng dụng hiện ra rồi bấm <strong>Bật xác thực hai lớp</strong>.</li>
    <li>Cất giữ các mã khôi phục ở nơi an toàn: mỗi mã dùng thay mã 6 số một lần khi mất điện thoại.</li>
  </ol>
  <form data-api="/api/auth/mfa/setup" data-method="POST" data-on-success="showMfaSetup" novalidate>
    ${formMessage}
    <div class="actions"><button type="submit" class="secondary">Đăng ký</button></div>
  </form>
  <div data-role="mfa-setup" hidden>
    <div data-role="mfa-qr" class="qr"></div>
    <p>Khóa bí mật: <code data-role="mfa-secret"></code></p>
  </div>
  <form data-api="/api/auth/mfa/enable" data-method="POST" data-on-success="showRecoveryCodes" novalidate>
    ${formMessage}
    <div class="field"><label for="enable-code">Mã xác thực</label>
      <input id="enable-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required></div>
    <div class="actions"><button type="submit">Bật xác thực hai lớp</button></div>
  </form>`}
  <section data-role="recovery-codes" hidden aria-live="polite">
    <h2>Mã khôi phục</h2>
    <p>Mỗi mã dùng được một lần. Hãy lưu lại ngay: mã chỉ hiện lần này.</p>
    <ul class="codes"></ul>
    <p><a href="/">Về trang tổng quan</a></p>
  </section>
</div>`,
  );
}

/**
 * A page that could not be shown: what went wrong in words; a server fault also gives the request's reference to
 * quote (the machine code is for the API); `retry`: the same page without the address's wrong filters.
 */
export function errorPage(status: number, message: string, p: Principal | null, requestId?: string, retry?: string, csrf?: string): Html {
  const title = status === 403 ? 'Không có quyền truy cập' : status === 404 ? 'Không tìm thấy trang' : status >= 500 ? 'Lỗi hệ thống' : 'Không thực hiện được';
  return layout(
    { title, principal: p, csrf },
    html`<div class="card" role="alert">
  <h1>${title}</h1>
  <p>${message}</p>
  ${status >= 500 && requestId ? html`<p class="muted"><small>Khi báo quản trị hệ thống, xin ghi mã tra cứu ${requestId}.</small></p>` : ''}
  <p>${retry ? html`<a href="${retry}">Mở lại trang, bỏ bộ lọc sai</a> · ` : ''}<a href="/">Về trang tổng quan</a></p>
</div>`,
  );
}
