import type { ClusterHistoryView, HistoryUnitRef, UnitHistoryView } from '../../reports/history.dto';
import { dateVi, pointsVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, formMessage, layout } from './layout';
import type { UnitPage, UnitQueryDto, UnitView } from '../../units/units.dto';
import { clusterHref, yearHref } from './clusters.view';
import { unitHref } from './division.view';
import { Role } from '../../common/auth/roles';
import { addDays, todayInVietnam } from '../../common/time';
import { unitTrendChart } from './unit-trend-chart';

const period = (from: string | null, to: string | null) => `${from ? dateVi(from) : '…'} – ${to ? dateVi(to) : 'nay'}`;

/** A unit as history names it, with what it is now ("nay là …"). */
const unitName = (u: HistoryUnitRef, link = true): Html =>
  html`${link && u.opens ? html`<a href="${unitHref(u.id)}">${u.name}</a>` : u.name}${u.nowName
    ? html` <small class="muted">(${u.nowName === u.name ? `đến ${u.activeTo ? dateVi(u.activeTo) : '…'}; nay là đơn vị cùng tên sau sắp xếp` : `nay là ${u.nowName}`})</small>`
    : ''}`;

/** Links to the previous and next pages of a list, keeping its filter. */
function pager(page: UnitPage, q: UnitQueryDto): Html {
  const at = (offset: number) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, offset })) if (v !== undefined && v !== '' && !(k === 'offset' && v === 0)) s.set(k, String(v));
    return `/don-vi?${s.toString()}`;
  };
  const next = page.offset + page.limit;
  if (page.offset === 0 && next >= page.total) return html``;
  return html`<nav class="actions" aria-label="Các trang của danh sách">${page.offset > 0 ? html`<a href="${at(Math.max(0, page.offset - page.limit))}" rel="prev">← Trang trước</a>` : ''}${next < page.total ? html`<a href="${at(next)}" rel="next">Trang sau →</a>` : ''}</nav>`;
}

/** The units found; `createForm`: the administrators' form creating a unit, under the list. */
export function unitListPage(frame: PageFrame, page: UnitPage, q: UnitQueryDto, createForm: Html | null = null): Html {
  return layout(
    { ...frame, title: 'Đơn vị', crumbs: [['Tổng quan', '/'], ['Đơn vị']] },
    html`<h1>Đơn vị</h1>
<form method="get" action="/don-vi" class="card">
  <div class="grid2">
    <div class="field"><label for="q">Tìm theo tên, mã hoặc tỉnh (không cần dấu)</label><input id="q" name="q" value="${q.q ?? ''}" placeholder="ví dụ: dak lak"></div>
    <div class="field"><label for="kind">Loại đơn vị</label><select id="kind" name="kind"><option value="">Mọi loại</option><option value="MEMBER" ${q.kind === 'MEMBER' ? 'selected' : ''}>Đơn vị thành viên</option><option value="ORGANIZER" ${q.kind === 'ORGANIZER' ? 'selected' : ''}>Cơ quan tổ chức cụm</option></select></div>
  </div>
  <div class="actions"><button type="submit" class="secondary">Tìm</button><a href="/don-vi">Bỏ lọc</a></div>
</form>
<p class="muted">${page.total} đơn vị${page.total > page.items.length ? (page.items.length ? `; hiển thị từ ${page.offset + 1} đến ${page.offset + page.items.length}` : '; trang này không còn đơn vị nào') : ''}.${createForm ? html` <a href="#tao-don-vi">Tạo đơn vị mới</a>` : ''}</p>
<div class="table-wrap"><table>
  <thead><tr><th scope="col">Đơn vị</th><th scope="col">Mã</th><th scope="col">Hoạt động</th></tr></thead>
  <tbody>${page.items.map((u) => html`<tr><th scope="row"><a href="${unitHref(u.id)}">${u.name}</a></th><td><code>${u.code}</code></td><td>${period(u.activeFrom, u.activeTo)}</td></tr>`)}</tbody>
</table></div>
${pager(page, q)}
${createForm ?? ''}`,
  );
}

export function unitHistoryPage(frame: PageFrame, h: UnitHistoryView, successors: UnitView[] | null = null): Html {
  const u = h.unit;
  return layout(
    { ...frame, title: u.name, crumbs: [['Tổng quan', '/'], ['Đơn vị'], [u.shortName]] },
    html`<h1>${u.name}</h1>
<p class="muted">Mã ${u.code} · hoạt động ${period(u.activeFrom, u.activeTo)}${u.province ? ` · ${u.province}` : ''}${frame.principal?.role === Role.Admin ? html` · <a href="${unitHref(u.id)}/sua">Sửa thông tin đơn vị</a>` : ''}</p>
${h.successors.length
  ? html`<p class="flash warn" role="status">${!u.activeTo || u.activeTo < todayInVietnam()
    ? html`Đơn vị đã kết thúc hoạt động ngày ${u.activeTo ? dateVi(u.activeTo) : ''}, nay là ${unitName({ ...(h.successors.find((x) => !x.activeTo || x.activeTo >= todayInVietnam()) ?? h.successors[h.successors.length - 1]), nowName: null })}.`
    : html`Đơn vị hoạt động đến hết ngày ${dateVi(u.activeTo)}; từ ngày ${dateVi(addDays(u.activeTo, 1))} sáp nhập vào ${unitName({ ...h.successors[0], nowName: null })} (sáp nhập đã được ghi nhận trước ngày có hiệu lực).`}
    ${u.successionBasis ? html`<br><small>Căn cứ: ${u.successionBasis}.</small>` : ''}${u.note ? html`<br><small>Ghi chú: ${u.note}</small>` : ''}</p>`
  : ''}
<div class="grid2">
<section class="card" aria-labelledby="h-pred"><h2 id="h-pred">Đơn vị tiền thân</h2>
  ${h.predecessors.length
    ? html`<ul>${h.predecessors.map((x) => html`<li>${unitName(x.unit)} — hoạt động đến ${x.unit.activeTo ? dateVi(x.unit.activeTo) : '…'}, ${x.successorName === x.unit.name ? 'hợp nhất thành đơn vị mới cùng tên' : html`sáp nhập vào ${x.successorName}`}${x.basis || x.note ? html`<details><summary>Căn cứ và ghi chú</summary>${x.basis ? html`<p><small>Căn cứ: ${x.basis}.</small></p>` : ''}${x.note ? html`<p><small>Ghi chú: ${x.note}</small></p>` : ''}</details>` : ''}</li>`)}</ul>`
    : html`<p class="muted">Không có đơn vị tiền thân.</p>`}
</section>
<section class="card" aria-labelledby="h-succ"><h2 id="h-succ">Đơn vị kế thừa</h2>
  ${h.successors.length
    ? html`<p class="muted"><small>Lần lượt theo thời gian: mỗi đơn vị tiếp nối đơn vị ngay trước nó.</small></p>
  <ol>${h.successors.map((x, i) => {
    // Each took over from the one before it the day after that one ended.
    const before = i ? h.successors[i - 1] : u;
    const from = before.activeTo ? addDays(before.activeTo, 1) : null;
    return html`<li>${from && from > todayInVietnam() ? `từ ${dateVi(from)}` : period(from, x.activeTo)}: ${unitName({ ...x, nowName: null })}${i ? html` <small class="muted">(tiếp nối ${before.shortName})</small>` : ''}</li>`;
  })}</ol>`
    : html`<p class="muted">Đơn vị đang hoạt động.</p>`}
</section>
</div>
${successors
  ? html`<section class="card" aria-labelledby="h-merge"><h2 id="h-merge">Ghi nhận sáp nhập</h2>
  <p class="muted"><small>Đơn vị kết thúc hoạt động vào ngày trước ngày sáp nhập; trong các năm đơn vị không hoạt động đến cuối năm, chỗ của đơn vị trong cụm chuyển cho đơn vị kế thừa; lịch sử của đơn vị giữ nguyên tên cũ.</small></p>
  <form data-api="/api/units/${u.id}/merge" data-method="POST" data-success="Đã ghi nhận sáp nhập." data-confirm="Ghi nhận ${u.name} sáp nhập vào đơn vị đã chọn?" novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${u.version}">
    <div class="field"><label for="gop-vao">Sáp nhập vào đơn vị (đơn vị kế thừa)</label><select id="gop-vao" name="successorId">${successors.map((s) => html`<option value="${s.id}">${s.name}</option>`)}</select></div>
    <div class="field"><label for="gop-ngay">Ngày sáp nhập có hiệu lực</label><input id="gop-ngay" name="effectiveOn" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" required></div>
    <div class="field"><label for="gop-can-cu">Căn cứ pháp lý (số, ngày, tên văn bản, điều khoản)</label><textarea id="gop-can-cu" name="basis" required></textarea></div>
    <div class="field"><label for="gop-ghi-chu">Ghi chú, giả định</label><textarea id="gop-ghi-chu" name="note" data-type="nullable"></textarea></div>
    <div class="field"><label for="gop-ly-do">Lý do ghi nhận</label><input id="gop-ly-do" name="reason" required></div>
    <div class="actions"><button type="submit">Ghi nhận sáp nhập</button></div>
  </form>
</section>`
  : ''}
<section class="card" aria-labelledby="h-trend"><h2 id="h-trend">Điểm thi đua qua các năm</h2>
  ${unitTrendChart(h.scores, u.id)}
</section>
<section class="card" aria-labelledby="h-awards"><h2 id="h-awards">Lịch sử khen thưởng</h2>
  ${h.awards.length
    ? html`<div class="table-wrap"><table class="cards">
      <thead><tr><th scope="col">Năm</th><th scope="col">Đơn vị được khen</th><th scope="col">Danh hiệu, hình thức khen thưởng</th><th scope="col">Quyết định</th><th scope="col">Cụm</th></tr></thead>
      <tbody>${h.awards.map((a) => html`<tr><td data-label="Năm">${a.year}</td><td data-label="Đơn vị được khen">${unitName(a.unit)}</td><td data-label="Danh hiệu">${a.awardLabel}</td><td data-label="Quyết định">${a.decisionNumber}<br><small class="muted">ngày ${dateVi(a.decisionDate)}</small></td><td data-label="Cụm">${a.clusterName}<br><small class="muted">${a.organizerName}</small></td></tr>`)}</tbody>
    </table></div>`
    : html`<p class="muted">Chưa có khen thưởng được ghi nhận.</p>`}
  <p><a data-download href="/api/units/${u.id}/history.xlsx">Tải lịch sử khen thưởng (Excel)</a></p>
</section>
<section class="card" aria-labelledby="h-member"><h2 id="h-member">Tham gia cụm thi đua</h2>
  ${h.memberships.length
    ? html`<div class="table-wrap"><table class="cards">
      <thead><tr><th scope="col">Năm</th><th scope="col">Cụm</th><th scope="col">Đơn vị thành viên</th><th scope="col">Kết quả chấm điểm</th></tr></thead>
      <tbody>${h.memberships.map((ms) => {
        const score = h.scores.find((x) => x.year === ms.year && x.unit.id === ms.unit.id);
        return html`<tr><th scope="row">Năm ${ms.year}</th><td data-label="Cụm">${ms.opened ? html`<a href="${yearHref(ms.clusterId, ms.year)}">${ms.clusterName}</a>` : html`<a href="${clusterHref(ms.clusterId)}">${ms.clusterName}</a>`}<br><small class="muted">${ms.organizerName}</small></td><td data-label="Đơn vị thành viên">${ms.unit.name}${ms.leftOn ? html`<br><small class="muted">rời cụm ngày ${dateVi(ms.leftOn)} (sáp nhập)</small>` : ''}</td>
        <td data-label="Kết quả chấm điểm">${score ? html`${pointsVi(score.total)} điểm<br><small class="muted">${score.rank ? `hạng ${score.rank}/${score.units}` : 'chưa xếp hạng'}</small>` : html`<span class="muted">chưa công bố</span>`}</td></tr>`;
      })}</tbody>
    </table></div>`
    : html`<p class="muted">Chưa tham gia cụm nào trong phạm vi xem của bạn.</p>`}
</section>`,
  );
}

export function clusterHistoryPage(frame: PageFrame, h: ClusterHistoryView): Html {
  return layout(
    { ...frame, title: `Lịch sử ${h.name}`, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [h.name, clusterHref(h.clusterId)], ['Lịch sử']] },
    html`<h1>${h.name}: ${h.from}–${h.to}</h1>
<p class="muted">${h.organizerName}. Mỗi năm ghi cụm của năm đó (kể cả cụm tiền thân trước sắp xếp), các thành viên dưới tên lúc đó, Cụm trưởng, kết quả xếp hạng đã công bố và khen thưởng.</p>
<form method="get" action="${clusterHref(h.clusterId)}/lich-su" class="card">
  <div class="grid2">
    <div class="field"><label for="tu-nam">Từ năm</label><input id="tu-nam" name="from" value="${h.from}" inputmode="numeric"></div>
    <div class="field"><label for="den-nam">Đến năm</label><input id="den-nam" name="to" value="${h.to}" inputmode="numeric"></div>
  </div>
  <div class="actions"><button type="submit" class="secondary">Xem</button> <a data-download href="/api/clusters/${h.clusterId}/history.xlsx?from=${h.from}&amp;to=${h.to}">Tải Excel</a></div>
</form>
${withoutMembersGrouped(h.years).map((y) =>
  'until' in y
    ? html`<section class="card" aria-labelledby="h-y${y.year}"><h2 id="h-y${y.year}">${y.until === y.year ? `Năm ${y.year}` : `Năm ${y.year}–${y.until}`}</h2><p class="muted">Cụm chưa có thành viên trên hệ thống trong ${y.until === y.year ? 'năm này' : 'các năm này'}.</p></section>`
    : html`<section class="card" aria-labelledby="h-y${y.year}"><h2 id="h-y${y.year}">Năm ${y.year}${y.clusterName ? html` <small class="muted">— ${y.clusterName}, ${y.organizerName}</small>` : ''}</h2>
  ${!y.readable
      ? html`<p class="muted">Cụm của năm này ngoài phạm vi xem của tài khoản.</p>`
      : html`${y.chairName ? html`<p>Cụm trưởng: ${y.chairName}${y.viceChairName ? html`; Cụm phó: ${y.viceChairName}` : ''}.</p>` : ''}
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">Đơn vị thành viên</th><th scope="col">Xếp hạng</th><th scope="col">Điểm</th><th scope="col">Khen thưởng</th></tr></thead>
      <tbody>${y.members.map((u) => {
        const r = y.ranking.find((x) => x.unit.id === u.id);
        const awards = y.awards.filter((a) => a.unit.id === u.id);
        return html`<tr><th scope="row">${unitName(u)}</th><td>${r?.rank ?? (y.published ? 'Chưa xếp hạng' : html`<span class="muted">chưa công bố</span>`)}</td><td>${r?.total != null ? pointsVi(r.total) : '—'}</td><td class="wide">${awards.length ? awards.map((a) => html`${a.awardLabel} <small class="muted">(QĐ ${a.decisionNumber})</small> `) : '—'}</td></tr>`;
      })}</tbody>
    </table></div>
    ${y.opened ? html`<p><a href="${yearHref(y.clusterId!, y.year)}">Công việc năm ${y.year}</a></p>` : html`<p class="muted"><small>Năm thi đua chưa được mở trên hệ thống (chỉ có danh sách thành viên).</small></p>`}`}
</section>`,
)}`,
  );
}

/** Years in a row without members (before the cluster was formed, or entered) are said once, as a span of years. */
function withoutMembersGrouped(years: ClusterHistoryView['years']): Array<ClusterHistoryView['years'][number] | { year: number; until: number }> {
  const out: Array<ClusterHistoryView['years'][number] | { year: number; until: number }> = [];
  for (const y of years) {
    const last = out[out.length - 1];
    if (y.clusterId) out.push(y);
    else if (last && 'until' in last && Math.abs(y.year - last.until) === 1) last.until = y.year;
    else out.push({ year: y.year, until: y.year });
  }
  // Spans read from the earlier year to the later, whichever order the years come in.
  return out.map((y) => ('until' in y && y.until < y.year ? { year: y.until, until: y.year } : y));
}
