import { dateVi } from '../format';
import type { Principal } from '../../common/auth/principal';
import { ROLE_LABELS, Role } from '../../common/auth/roles';
import { Html, html } from '../html';
import { SYSTEM_NAME } from '../../common/system-name';

export interface PageFrame {
  title: string;
  principal?: Principal | null;
  csrf?: string;
  /** Breadcrumbs: [label, href] pairs, the last one the current page (no link). */
  crumbs?: Array<[string, string?]>;
  scripts?: string[];
}

interface NavItem {
  href: string;
  label: string;
  roles?: Role[];
}

const NAV: NavItem[] = [
  { href: '/', label: 'Tổng quan' },
  { href: '/cum', label: 'Cụm thi đua' },
  { href: '/tham-dinh', label: 'Thẩm định đề nghị', roles: [Role.Admin, Role.MinistryReviewer] },
  { href: '/tai-khoan', label: 'Tài khoản', roles: [Role.Admin] },
  { href: '/hop-thu-di', label: 'Hộp thư đi', roles: [Role.Admin] },
  { href: '/don-vi', label: 'Đơn vị', roles: [Role.Admin, Role.MinistryReviewer] },
  { href: '/phan-cum', label: 'Phân cụm', roles: [Role.Admin, Role.MinistryReviewer] },
  { href: '/hoi-dong', label: 'Hội đồng TĐKT', roles: [Role.Admin, Role.MinistryReviewer] },
  { href: '/nhat-ky', label: 'Nhật ký', roles: [Role.Admin, Role.MinistryReviewer] },
  { href: '/phap-ly', label: 'Pháp lý' },
  { href: '/xac-thuc', label: 'Xác thực tài liệu' },
];

/**
 * A navigation longer than this (a reviewer's, an administrator's) has a row of its own under the brand and the
 * signed-in user, rather than pushing the user's block alone onto a second row at 1366 px.
 */
const LONG_NAV = 7;

/** The page shell: header with the signed-in user, navigation by role, breadcrumbs, and the content. */
export function layout(frame: PageFrame, body: Html): Html {
  const p = frame.principal;
  const nav = p
    ? [
        ...NAV.filter((n) => !n.roles || n.roles.includes(p.role)).slice(0, 2),
        // A member unit's own history (and its predecessors'), under the names they had.
        ...(p.unitId && (p.role === Role.UnitOfficer || p.role === Role.ClusterSecretary) ? [{ href: `/don-vi/${p.unitId}`, label: 'Đơn vị của tôi' }] : []),
        ...NAV.filter((n) => !n.roles || n.roles.includes(p.role)).slice(2),
      ]
    : [{ href: '/xac-thuc', label: 'Xác thực tài liệu' }];
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${frame.csrf ? html`<meta name="csrf-token" content="${frame.csrf}">` : ''}
<title>${frame.title} · Thi đua – Khen thưởng</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/app.js" defer></script>
<script src="/static/downloads.js" defer></script>
<script src="/static/form-results.js" defer></script>
${(frame.scripts ?? []).map((s) => html`<script src="/static/${s}" defer></script>`)}
</head>
<body>
<a class="skip" href="#noi-dung">Bỏ qua đến nội dung chính</a>
<header class="top${nav.length > LONG_NAV ? ' long-nav' : ''}">
  <a class="brand" href="/">Thi đua – Khen thưởng</a>
  <nav aria-label="Điều hướng chính"><ul>
    ${nav.map((n) => html`<li><a href="${n.href}">${n.label}</a></li>`)}
  </ul></nav>
  ${p
    ? html`<div class="who">
        <span><strong>${p.fullName}</strong><br><small>${ROLE_LABELS[p.role]}</small></span>
        <a href="/tai-khoan-cua-toi">Tài khoản của tôi</a>
        <form data-api="/dang-xuat" data-method="POST" data-redirect="/dang-nhap" class="inline"><button type="submit" class="link">Đăng xuất</button></form>
      </div>`
    : html`<div class="who"><a href="/dang-nhap">Đăng nhập</a></div>`}
</header>
${frame.crumbs?.length
  ? html`<nav class="crumbs" aria-label="Vị trí"><ol>${frame.crumbs.map(([label, href]) => (href ? html`<li><a href="${href}">${label}</a></li>` : html`<li aria-current="page">${label}</li>`))}</ol></nav>`
  : ''}
<main id="noi-dung" tabindex="-1">
${p?.unitEndedOn && p.unitId && frame.crumbs?.length
  ? html`<p class="muted ended-note"><small>Đơn vị của tài khoản đã kết thúc hoạt động ngày ${dateVi(p.unitEndedOn)}: tài khoản chỉ xem lịch sử, việc mới do đơn vị kế thừa thực hiện. <a href="/don-vi/${p.unitId}">Lịch sử đơn vị và đơn vị kế thừa</a></small></p>`
  : ''}
<div class="flash" role="status" aria-live="polite" data-role="flash"></div>
${body}
</main>
<footer class="foot">${SYSTEM_NAME} · Giờ Việt Nam (UTC+7)</footer>
</body>
</html>`;
}

/** A labelled status badge. */
export function badge(label: string, tone: 'ok' | 'warn' | 'bad' | 'info' = 'info'): Html {
  return html`<span class="badge ${tone}">${label}</span>`;
}

/** The message area of a form: errors without a field of their own show here. */
export const formMessage = html`<div class="form-message" role="alert" data-role="form-message" hidden></div>`;
