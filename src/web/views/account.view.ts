import type { ClusterView } from '../../clusters/clusters.dto';
import type { UserView } from '../../auth/users.dto';
import { ALL_ROLES, MFA_REQUIRED_ROLES, ROLE_LABELS } from '../../common/auth/roles';
import { clusterTag } from '../../common/cluster-label';
import type { UnitView } from '../../units/units.dto';
import { dateTimeVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';

export interface AccountPageData {
  user: UserView;
  /** Every unit and organiser (the selects offer the active ones, and the account's own even when it ended). */
  units: UnitView[];
  clusters: ClusterView[];
}

export const accountHref = (id: string): string => `/tai-khoan/${id}`;

/** One account (administrators): what it is, its name, role and scope, its password, lock, and its second factor. */
export function accountPage(frame: PageFrame, { user: u, units, clusters }: AccountPageData): Html {
  const byId = new Map(units.map((x) => [x.id, x]));
  const nameOf = (id: string | null) => (id ? (byId.get(id)?.name ?? id) : null);
  const offered = (kind: UnitView['kind'], current: string | null) => units.filter((x) => x.kind === kind && (!x.activeTo || x.id === current));
  const clusterLabel = (c: ClusterView) => clusterTag(c.name, c.organizerName);
  const mine = clusters.filter((c) => u.clusterIds.includes(c.id));
  const mfaRequired = MFA_REQUIRED_ROLES.includes(u.role);
  return layout(
    { ...frame, title: `Tài khoản ${u.username}`, crumbs: [['Tổng quan', '/'], ['Tài khoản', '/tai-khoan'], [u.username]] },
    html`<h1>Tài khoản ${u.username}</h1>
<section class="card" aria-labelledby="h-info"><h2 id="h-info">Thông tin tài khoản</h2>
  <dl class="record">
    <dt>Họ tên</dt><dd>${u.fullName}</dd>
    <dt>Vai trò</dt><dd>${u.roleLabel}</dd>
    <dt>Đơn vị</dt><dd>${nameOf(u.unitId) ?? 'Không'}</dd>
    <dt>Cơ quan tổ chức</dt><dd>${nameOf(u.organizerId) ?? 'Không'}</dd>
    <dt>Cụm phụ trách</dt><dd>${mine.length ? html`<ul class="tasks">${mine.map((c) => html`<li>${clusterLabel(c)}</li>`)}</ul>` : 'Không'}</dd>
    ${u.chairedClusters.length
      ? html`<dt>Cụm theo nhiệm kỳ Cụm trưởng</dt><dd data-testid="chaired-clusters"><ul class="tasks">${u.chairedClusters.map((x) => html`<li>${x.label}: năm ${x.years.join(', ')}</li>`)}</ul><small class="muted">Thư ký của đơn vị Cụm trưởng quản lý năm đó của cụm: quyền này theo nhiệm kỳ Cụm trưởng (trang Cụm trưởng, Cụm phó của cụm), không gỡ được ở tài khoản.</small></dd>`
      : ''}
    <dt>Trạng thái</dt><dd>${u.active ? badge('Đang hoạt động', 'ok') : badge('Đã khóa', 'warn')}</dd>
    <dt>Xác thực hai lớp</dt><dd>${u.mfaEnabledAt
      ? html`${badge('Đã bật', 'ok')} <small class="muted">từ ${dateTimeVi(u.mfaEnabledAt)}</small>`
      : html`${badge('Chưa bật', mfaRequired ? 'warn' : 'info')}${mfaRequired ? html` <small class="muted">bắt buộc với vai trò này: người dùng phải đăng ký ở lần đăng nhập tới</small>` : ''}`}</dd>
    <dt>Tạo lúc</dt><dd>${dateTimeVi(u.createdAt)}</dd>
    <dt>Cập nhật lần cuối</dt><dd>${dateTimeVi(u.updatedAt)}</dd>
  </dl>
  <p><a href="/nhat-ky?entityType=user&amp;entityId=${u.id}">Nhật ký của tài khoản</a></p>
</section>
<section class="card" aria-labelledby="h-scope"><h2 id="h-scope">Họ tên, vai trò và phạm vi</h2>
  <p class="muted"><small>Cán bộ đơn vị thuộc một đơn vị thành viên; thư ký cụm được giao ít nhất một cụm; cán bộ thẩm định thuộc một cơ quan tổ chức cụm; quản trị hệ thống không gắn với cơ quan tổ chức hay cụm.</small></p>
  <form data-api="/api/users/${u.id}" data-method="PATCH" data-success="Đã lưu họ tên, vai trò và phạm vi của tài khoản ${u.username}." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${u.version}">
    <div class="grid2">
      <div class="field"><label for="tk-fullname">Họ tên</label><input id="tk-fullname" name="fullName" value="${u.fullName}" required></div>
      <div class="field"><label for="tk-role">Vai trò</label><select id="tk-role" name="role">${ALL_ROLES.map((r) => html`<option value="${r}" ${u.role === r ? 'selected' : ''}>${ROLE_LABELS[r]}</option>`)}</select></div>
      <div class="field"><label for="tk-unit">Đơn vị (cán bộ đơn vị, thư ký cụm)</label><select id="tk-unit" name="unitId" data-type="nullable"><option value="">Không</option>${offered('MEMBER', u.unitId).map((x) => html`<option value="${x.id}" ${u.unitId === x.id ? 'selected' : ''}>${x.name}</option>`)}</select></div>
      <div class="field"><label for="tk-org">Cơ quan tổ chức (cán bộ thẩm định)</label><select id="tk-org" name="organizerId" data-type="nullable"><option value="">Không</option>${offered('ORGANIZER', u.organizerId).map((x) => html`<option value="${x.id}" ${u.organizerId === x.id ? 'selected' : ''}>${x.name}</option>`)}</select></div>
    </div>
    <fieldset class="checks field"><legend>Cụm phụ trách (thư ký cụm)</legend><div class="check-list">
      ${clusters.map((c, i) => html`<div class="check-row"><input type="checkbox" id="tk-cum-${i}" name="clusterIds" data-type="values" value="${c.id}" ${u.clusterIds.includes(c.id) ? 'checked' : ''}><label for="tk-cum-${i}">${clusterLabel(c)}</label></div>`)}
    </div></fieldset>
    <div class="field"><label for="tk-scope-reason">Lý do thay đổi</label><input id="tk-scope-reason" name="reason" required></div>
    <div class="actions"><button type="submit">Lưu thay đổi</button></div>
  </form>
</section>
<div class="grid2">
<section class="card" aria-labelledby="h-password"><h2 id="h-password">Đặt lại mật khẩu</h2>
  <form data-api="/api/users/${u.id}/password" data-method="POST" data-success="Đã đặt lại mật khẩu của ${u.username}; mọi phiên đăng nhập của tài khoản đã kết thúc." novalidate>${formMessage}
    <div class="field"><label for="tk-new-password">Mật khẩu mới</label><input id="tk-new-password" name="newPassword" type="password" autocomplete="new-password" required>
      <small class="muted hint">Ít nhất 12 ký tự (nên là một cụm từ dễ nhớ), không phải mật khẩu phổ biến, không dựa trên tên đăng nhập.</small></div>
    <div class="field"><label for="tk-new-password-again">Nhập lại mật khẩu mới</label><input id="tk-new-password-again" name="newPasswordAgain" type="password" autocomplete="new-password" data-skip data-same-as="newPassword" required></div>
    <div class="field"><label for="tk-password-reason">Lý do đặt lại mật khẩu</label><input id="tk-password-reason" name="reason" required></div>
    <p class="muted"><small>Mọi phiên đăng nhập của tài khoản kết thúc. Báo mật khẩu mới cho người dùng qua kênh an toàn và đề nghị họ đổi ngay.</small></p>
    <div class="actions"><button type="submit">Đặt lại mật khẩu</button></div>
  </form>
</section>
<section class="card" aria-labelledby="h-lock"><h2 id="h-lock">${u.active ? 'Khóa tài khoản' : 'Mở khóa tài khoản'}</h2>
  <form data-api="/api/users/${u.id}" data-method="PATCH" data-success="${u.active ? `Đã khóa tài khoản ${u.username}.` : `Đã mở khóa tài khoản ${u.username}.`}" ${u.active ? html`data-confirm="Khóa tài khoản ${u.username}? Mọi phiên đăng nhập của tài khoản kết thúc ngay."` : ''} novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${u.version}"><input type="hidden" name="active" data-type="bool" value="${u.active ? 'false' : 'true'}">
    <p class="muted"><small>${u.active ? 'Tài khoản bị khóa không đăng nhập được; các phiên đang mở kết thúc ngay. Lịch sử thao tác được giữ nguyên.' : 'Tài khoản đang bị khóa: mở khóa để người dùng đăng nhập lại bằng mật khẩu hiện có.'}</small></p>
    <div class="field"><label for="tk-lock-reason">${u.active ? 'Lý do khóa' : 'Lý do mở khóa'}</label><input id="tk-lock-reason" name="reason" required></div>
    <div class="actions"><button type="submit" class="secondary">${u.active ? 'Khóa tài khoản' : 'Mở khóa tài khoản'}</button></div>
  </form>
</section>
<section class="card" aria-labelledby="h-mail"><h2 id="h-mail">Thư nhắc việc</h2>
  <form data-api="/api/users/${u.id}" data-method="PATCH" data-success="Đã lưu địa chỉ thư của ${u.username}." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${u.version}">
    <div class="field"><label for="tk-email">Địa chỉ thư điện tử</label><input id="tk-email" name="email" type="email" data-type="nullable" value="${u.email ?? ''}"></div>
    <div class="check-row field"><input type="checkbox" id="tk-email-on" name="emailNotifications" ${u.emailNotifications ? 'checked' : ''}><label for="tk-email-on">Gửi thư nhắc việc tới địa chỉ này</label></div>
    <div class="field"><label for="tk-mail-reason">Lý do đổi cài đặt thư</label><input id="tk-mail-reason" name="reason" required></div>
    <div class="actions"><button type="submit" class="secondary">Lưu địa chỉ thư</button></div>
  </form>
</section>
<section class="card" aria-labelledby="h-mfa"><h2 id="h-mfa">Xác thực hai lớp</h2>
  ${u.mfaEnabledAt
    ? html`<form data-api="/api/users/${u.id}/mfa/reset" data-method="POST" data-success="Đã đặt lại xác thực hai lớp của ${u.username}." data-confirm="Đặt lại xác thực hai lớp của ${u.username}? Người dùng phải đăng ký lại ứng dụng xác thực." novalidate>${formMessage}
    <p class="muted"><small>Khi người dùng mất điện thoại và mã khôi phục: ứng dụng xác thực, mã khôi phục và các trình duyệt được ghi nhớ bị xóa, mọi phiên đăng nhập kết thúc; người dùng đăng ký lại ở lần đăng nhập tới.</small></p>
    <div class="field"><label for="tk-mfa-reason">Lý do đặt lại xác thực hai lớp</label><input id="tk-mfa-reason" name="reason" required></div>
    <div class="actions"><button type="submit" class="secondary">Đặt lại xác thực hai lớp</button></div>
  </form>`
    : html`<p class="muted">Tài khoản chưa bật xác thực hai lớp${mfaRequired ? ' (bắt buộc với vai trò này)' : ''}: không có gì để đặt lại. Người dùng tự đăng ký ở trang "Xác thực hai lớp".</p>`}
</section>
</div>`,
  );
}
