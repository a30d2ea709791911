import type { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/roles';
import type { ClusterView } from '../../clusters/clusters.dto';
import type { CriteriaSetView, CriterionView } from '../../criteria/criteria.dto';
import type { PledgeView } from '../../pledges/pledges.dto';
import { dateTimeVi, dateVi, pointsVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';
import { clusterHref, yearHref } from './clusters.view';

function criteriaTable(set: CriteriaSetView | null): Html {
  if (!set) return html`<p class="muted">Năm này chưa có bộ tiêu chí.</p>`;
  const row = (c: CriterionView, depth: number): Html =>
    html`<tr><td data-label="Mã">${c.code}</td><td data-label="Tiêu chí"><div style="padding-left:${depth * 16}px">${c.text}</div></td><td data-label="Loại">${c.kindLabel}</td><td class="num" data-label="Điểm tối đa">${pointsVi(c.maxPoints)}</td></tr>${c.children.map((k) => row(k, depth + 1))}`;
  return html`<div class="table-wrap"><table class="cards">
  <caption class="muted" style="text-align:left;padding:6px 8px">${set.title} (phiên bản ${set.versionNo}; tổng ${pointsVi(set.totalPoints)} điểm)</caption>
  <thead><tr><th scope="col">Mã</th><th scope="col">Tiêu chí</th><th scope="col">Loại</th><th scope="col" class="num">Điểm tối đa</th></tr></thead>
  <tbody>${set.items.map((c) => row(c, 0))}</tbody></table></div>`;
}

export function pledgePage(frame: PageFrame & { principal: Principal }, cluster: ClusterView, year: number, pledge: PledgeView | null, criteria: CriteriaSetView | null, canManage: boolean): Html {
  const p = frame.principal;
  const base = `/api/clusters/${cluster.id}/years/${year}/pledge`;
  // The caller's own unit, or the units it took over that are members of the year (a successor signs for each).
  const toSign = (pledge?.signatories ?? []).filter((s) => p.unitIds.includes(s.unit.id) && !s.signed);
  const tone = pledge?.status === 'COMPLETE' ? 'ok' : pledge?.status === 'OPEN' ? 'warn' : 'info';
  return layout(
    { ...frame, title: `Giao ước thi đua năm ${year}`, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Giao ước thi đua']] },
    html`<h1>Giao ước thi đua năm ${year}</h1>
${!pledge
  ? html`<div class="card"><p>Chưa có bản giao ước thi đua năm ${year}.</p>
     ${canManage
       ? html`<form data-api="${base}" data-method="POST" data-success="Đã tạo dự thảo bản giao ước." novalidate>${formMessage}
          <label for="title">Tiêu đề</label><input id="title" name="title" data-type="optional" value="Bản giao ước thi đua năm ${year}">
          <label for="template">Mẫu bộ tiêu chí (khi năm chưa có bộ tiêu chí)</label><input id="template" name="template" data-type="optional" value="${criteria ? '' : 'CUM6-2020'}">
          <div class="actions"><button type="submit">Tạo dự thảo giao ước</button></div></form>`
       : ''}</div>`
  : html`<section class="card" aria-labelledby="h-info">
  <h2 id="h-info">${pledge.title}</h2>
  <p>${badge(pledge.statusLabel, tone)} · Đã ký ${pledge.signedCount}/${pledge.memberCount} đơn vị${pledge.documentNumber ? html` · Số ${pledge.documentNumber}` : ''}</p>
  <p>${pledge.signingPlace}, ngày ${dateVi(pledge.signingDate)}</p>
  ${pledge.theme ? html`<p><strong>Chủ đề:</strong> ${pledge.theme}</p>` : ''}
  ${pledge.legalBases.length ? html`<h3>Căn cứ</h3><ul>${pledge.legalBases.map((b) => html`<li>${b}</li>`)}</ul>` : ''}
  <h3>Mục đích, yêu cầu</h3><p style="white-space:pre-line">${pledge.purpose}</p>
  <h3>Tổ chức thực hiện</h3><p style="white-space:pre-line">${pledge.implementation}</p>
  <div class="actions">
    <a class="button secondary" data-download href="${base}/pdf">Tải bản giao ước (PDF có chữ ký số)</a>
    ${canManage && pledge.status === 'DRAFT'
      ? html`<form data-api="${base}/open" data-method="POST" data-success="Đã mở ký giao ước." class="inline">${formMessage}<input type="hidden" name="version" data-type="int" value="${pledge.version}"><button type="submit">Mở cho các đơn vị ký</button></form>`
      : ''}
  </div>
</section>
${p.role === Role.UnitOfficer && pledge.status === 'OPEN'
  ? toSign.map(
      (s, i) => html`<section class="card" aria-labelledby="h-sign-${i}"><h2 id="h-sign-${i}">Ký giao ước cho đơn vị ${s.unit.name}</h2>
     ${s.unit.id !== p.unitId ? html`<p class="muted"><small>Đơn vị của bạn kế thừa đơn vị này sau sáp nhập và ký thay cho đơn vị.</small></p>` : ''}
     <form data-api="${base}/signatures" data-method="POST" data-success="Đơn vị của bạn đã ký giao ước." novalidate>${formMessage}
       <input type="hidden" name="unitId" value="${s.unit.id}">
       <div class="field"><label for="signerName-${i}">Họ tên người ký</label><input id="signerName-${i}" name="signerName" autocomplete="name" required></div>
       <div class="field"><label for="signerTitle-${i}">Chức danh</label><input id="signerTitle-${i}" name="signerTitle" value="Giám đốc" required></div>
       <div class="actions"><button type="submit">Ký giao ước</button></div>
     </form></section>`,
    )
  : ''}
<section class="card" aria-labelledby="h-signers"><h2 id="h-signers">Các đơn vị ký</h2>
  <div class="table-wrap"><table>
  <thead><tr><th scope="col">Đơn vị</th><th scope="col">Vai trò</th><th scope="col">Trạng thái</th><th scope="col">Người ký</th><th scope="col">Thời điểm</th></tr></thead>
  <tbody>${pledge.signatories.map((s) => html`<tr><th scope="row">${s.unit.name}</th><td>${s.mark ?? ''}</td><td>${s.signed ? badge('Đã ký', 'ok') : badge('Chưa ký', 'warn')}</td><td>${s.signerName ?? ''}${s.signerTitle ? html`<br><small class="muted">${s.signerTitle}</small>` : ''}</td><td>${dateTimeVi(s.signedAt)}</td></tr>`)}</tbody>
  </table></div>
</section>`}
<section class="card" aria-labelledby="h-crit"><h2 id="h-crit">Tiêu chí thi đua</h2>${criteriaTable(criteria)}${criteria ? html`<p><a data-download href="/api/clusters/${cluster.id}/years/${year}/criteria/export">Tải bộ tiêu chí (Excel)</a></p>` : ''}</section>`,
  );
}
