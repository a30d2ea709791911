import type { ClusterView } from '../../clusters/clusters.dto';
import type { UserPage, UserQueryDto } from '../../auth/users.dto';
import { ALL_ROLES, ROLE_LABELS, Role } from '../../common/auth/roles';
import { clusterTag } from '../../common/cluster-label';
import type { UnitView } from '../../units/units.dto';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';
import { accountHref } from './account.view';

/** Tài khoản (administrators): who may sign in, as what, for which unit, organiser or cluster; lock, unlock, reset. */
export function accountsPage(frame: PageFrame, page: UserPage, q: UserQueryDto, units: UnitView[], clusters: ClusterView[]): Html {
  const name = new Map(units.map((u) => [u.id, u.shortName]));
  const members = units.filter((u) => u.kind === 'MEMBER' && !u.activeTo);
  const organizers = units.filter((u) => u.kind === 'ORGANIZER' && !u.activeTo);
  return layout(
    { ...frame, title: 'Tài khoản', crumbs: [['Tổng quan', '/'], ['Tài khoản']] },
    html`<h1>Tài khoản</h1>
<form method="get" action="/tai-khoan" class="card">
  <div class="grid2">
    <div class="field"><label for="tk-q">Tìm theo tên đăng nhập hoặc họ tên</label><input id="tk-q" name="q" value="${q.q ?? ''}"></div>
    <div class="field"><label for="tk-role">Vai trò</label><select id="tk-role" name="role"><option value="">Mọi vai trò</option>${ALL_ROLES.map((r) => html`<option value="${r}" ${q.role === r ? 'selected' : ''}>${ROLE_LABELS[r]}</option>`)}</select></div>
  </div>
  <div class="actions"><button type="submit" class="secondary">Tìm</button><a href="/tai-khoan">Bỏ lọc</a></div>
</form>
<p class="muted">${page.total} tài khoản.</p>
<div class="table-wrap"><table class="cards">
  <thead><tr><th scope="col">Tên đăng nhập</th><th scope="col">Họ tên</th><th scope="col">Vai trò</th><th scope="col">Đơn vị, cơ quan</th><th scope="col">Trạng thái</th><th scope="col">Thao tác</th></tr></thead>
  <tbody>${page.items.map(
    (u, i) => html`<tr><th scope="row"><a href="${accountHref(u.id)}">${u.username}</a></th><td data-label="Họ tên">${u.fullName}</td><td data-label="Vai trò">${u.roleLabel}</td><td data-label="Đơn vị, cơ quan">${[u.unitId, u.organizerId].filter((x): x is string => !!x).map((x) => name.get(x) ?? '').join(', ')}</td>
    <td data-label="Trạng thái">${u.active ? badge('Đang hoạt động', 'ok') : badge('Đã khóa', 'warn')}</td>
    <td data-label="Thao tác">${u.id === frame.principal?.userId ? html`<span class="muted"><small>Tài khoản của bạn: không tự khóa được.</small></span>` : html`<form data-api="/api/users/${u.id}" data-method="PATCH" data-success="${u.active ? `Đã khóa tài khoản ${u.username}.` : `Đã mở khóa tài khoản ${u.username}.`}" class="inline" novalidate>${formMessage}
        <input type="hidden" name="version" data-type="int" value="${u.version}"><input type="hidden" name="active" data-type="bool" value="${u.active ? 'false' : 'true'}">
        <label for="tk-ly-do-${i}">Lý do ${u.active ? 'khóa' : 'mở khóa'} ${u.username}</label><input id="tk-ly-do-${i}" name="reason" required>
        <button type="submit" class="secondary">${u.active ? 'Khóa' : 'Mở khóa'}</button></form>`}</td></tr>`,
  )}</tbody>
</table></div>
<section class="card" aria-labelledby="h-new-user"><h2 id="h-new-user">Tạo tài khoản</h2>
  <form data-api="/api/users" data-method="POST" data-success="Đã tạo tài khoản." novalidate>${formMessage}
    <div class="grid2">
      <div class="field"><label for="nu-username">Tên đăng nhập</label><input id="nu-username" name="username" autocomplete="off" required></div>
      <div class="field"><label for="nu-fullname">Họ tên</label><input id="nu-fullname" name="fullName" required></div>
      <div class="field"><label for="nu-role">Vai trò của tài khoản</label><select id="nu-role" name="role">${ALL_ROLES.map((r) => html`<option value="${r}" ${r === Role.UnitOfficer ? 'selected' : ''}>${ROLE_LABELS[r]}</option>`)}</select></div>
      <div class="field"><label for="nu-unit">Đơn vị (cán bộ đơn vị, thư ký cụm)</label><select id="nu-unit" name="unitId" data-type="nullable"><option value="">Không</option>${members.map((u) => html`<option value="${u.id}">${u.name}</option>`)}</select></div>
      <div class="field"><label for="nu-org">Cơ quan tổ chức (cán bộ thẩm định)</label><select id="nu-org" name="organizerId" data-type="nullable"><option value="">Không</option>${organizers.map((u) => html`<option value="${u.id}">${u.name}</option>`)}</select></div>
      <div class="field"><label for="nu-cluster">Cụm phụ trách (thư ký cụm)</label><select id="nu-cluster" name="clusterIds.0" data-fields="clusterIds" data-type="optional"><option value="">Không</option>${clusters.map((c) => html`<option value="${c.id}">${clusterTag(c.name, c.organizerName)}</option>`)}</select></div>
      <div class="field"><label for="nu-password">Mật khẩu ban đầu (ít nhất 12 ký tự)</label><input id="nu-password" name="password" type="password" autocomplete="new-password" required></div>
      <div class="field"><label for="nu-reason">Lý do tạo tài khoản (ghi vào nhật ký)</label><input id="nu-reason" name="reason" required maxlength="500"></div>
    </div>
    <div class="actions"><button type="submit">Tạo tài khoản</button></div>
  </form>
  <p class="muted"><small>Quản trị và cán bộ thẩm định phải bật xác thực hai lớp ở lần đăng nhập đầu.</small></p>
</section>`,
  );
}
