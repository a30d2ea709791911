import type { ClusterView, DecisionView, DivisionReportView } from '../../clusters/clusters.dto';
import { clusterTag } from '../../common/cluster-label';
import type { UnitView } from '../../units/units.dto';
import { dateVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, formMessage, layout } from './layout';
import { clusterHref } from './clusters.view';

export const unitHref = (id: string) => `/don-vi/${id}`;

export interface DivisionPageData {
  organizers: UnitView[];
  organizer: UnitView;
  year: number;
  decisions: DecisionView[];
  decision: DecisionView | null;
  report: DivisionReportView;
  clusters: ClusterView[];
  /** Clusters of the organisers the selected one succeeded: a new cluster may continue one of them. */
  predecessorClusters: ClusterView[];
}

/** Phân cụm: an organiser's clusters of a year, the units left out, and the forms that record the division. */
export function divisionPage(frame: PageFrame, d: DivisionPageData): Html {
  const r = d.report;
  const assigned = r.clusters.reduce((n, c) => n + c.members.length, 0);
  const applicable = d.decisions.filter((x) => x.effectiveYear <= d.year);
  return layout(
    { ...frame, title: 'Phân cụm thi đua', crumbs: [['Tổng quan', '/'], ['Phân cụm thi đua']] },
    html`<h1>Phân cụm thi đua</h1>
<form method="get" action="/phan-cum" class="card">
  <div class="grid2">
    <div class="field"><label for="co-quan">Cơ quan tổ chức cụm</label>
      <select id="co-quan" name="co-quan">${d.organizers.map((o) => html`<option value="${o.id}" ${o.id === d.organizer.id ? 'selected' : ''}>${o.name}${o.activeTo ? ` (đến ${dateVi(o.activeTo)})` : ''}</option>`)}</select></div>
    <div class="field"><label for="nam">Năm thi đua</label><input id="nam" name="nam" value="${d.year}" inputmode="numeric" required></div>
  </div>
  ${applicable.length
    ? html`<div class="field"><label for="qd">Quyết định phân cụm dùng để ghi nhận</label>
      <select id="qd" name="qd">${applicable.map((x) => html`<option value="${x.id}" ${x.id === d.decision?.id ? 'selected' : ''}>${x.number} ngày ${dateVi(x.signedOn)} (từ năm ${x.effectiveYear})</option>`)}</select></div>`
    : ''}
  <div class="actions"><button type="submit" class="secondary">Xem</button></div>
</form>
<p class="${r.complete ? 'flash ok' : 'flash warn'}" role="status">${r.organizerName}, năm ${d.year}: ${assigned} đơn vị trong ${r.clusters.length} cụm.
  ${r.complete ? 'Mọi đơn vị đang hoạt động thuộc đúng một cụm.' : `Còn ${r.leftOut.length} đơn vị chưa được phân cụm${r.ended.length ? `, ${r.ended.length} thành viên đã kết thúc hoạt động` : ''}.`}</p>
<section class="card" aria-labelledby="h-clusters"><h2 id="h-clusters">Các cụm năm ${d.year}</h2>
  ${r.clusters.length
    ? html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">Cụm</th><th scope="col">Thành viên</th></tr></thead>
      <tbody>${r.clusters.map((c) => html`<tr><th scope="row"><a href="${clusterHref(c.clusterId)}?nam=${d.year}">${c.name}</a></th><td>${c.members.length ? html`<ul class="plain">${c.members.map((u) => html`<li><a href="${unitHref(u.id)}">${u.name}</a></li>`)}</ul>` : html`<span class="muted">chưa có thành viên</span>`}</td></tr>`)}</tbody>
    </table></div>`
    : html`<p class="muted">${r.organizerName} chưa có cụm thi đua: lập cụm ở cuối trang.</p>`}
</section>
<section class="card" aria-labelledby="h-left"><h2 id="h-left">Đơn vị chưa được phân cụm <span class="badge ${r.leftOut.length ? 'warn' : 'ok'}">${r.leftOut.length}</span></h2>
  <p class="muted"><small>Đơn vị đang hoạt động đến cuối năm mà cơ quan (hoặc cơ quan tiền thân) đã phân cụm trước đây, kể cả đơn vị kế thừa sau sáp nhập, và đơn vị trực thuộc cơ quan.</small></p>
  ${r.leftOut.length
    ? html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">Đơn vị</th><th scope="col">Trước đây</th><th scope="col">Phân vào cụm</th></tr></thead>
      <tbody>${r.leftOut.map(
        (x, i) => html`<tr><th scope="row"><a href="${unitHref(x.unit.id)}">${x.unit.name}</a></th>
        <td>${x.previousCluster ?? html`<span class="muted">—</span>`}${x.previousUnit ? html`<br><small class="muted">là ${x.previousUnit}</small>` : ''}</td>
        <td>${d.decision && d.clusters.length
          ? html`<form data-api="/api/cluster-decisions/${d.decision.id}/division" data-method="POST" data-success="Đã phân cụm ${x.unit.shortName}." novalidate>${formMessage}
            <input type="hidden" name="year" data-type="int" value="${d.year}">
            <input type="hidden" name="assignments.0.unitId" value="${x.unit.id}">
            <div class="field"><label for="cum-${i}">Cụm</label><select id="cum-${i}" name="assignments.0.clusterId">${d.clusters.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select></div>
            <div class="field"><label for="ly-do-${i}">Lý do</label><input id="ly-do-${i}" name="reason" value="Phân cụm năm ${d.year} theo quyết định ${d.decision.number}" required></div>
            <div class="actions"><button type="submit">Phân vào cụm</button></div>
          </form>`
          : html`<span class="muted">Cần quyết định phân cụm và ít nhất một cụm.</span>`}</td></tr>`,
      )}</tbody>
    </table></div>`
    : html`<p class="muted">Không có đơn vị nào bị bỏ sót.</p>`}
</section>
${r.ended.length
  ? html`<section class="card" aria-labelledby="h-ended"><h2 id="h-ended">Thành viên đã kết thúc hoạt động trước cuối năm</h2>
    <ul>${r.ended.map((x) => html`<li>${x.unit.name} (${x.clusterName}), kết thúc ${x.unit.activeTo ? dateVi(x.unit.activeTo) : ''}${x.successorName ? html`, đơn vị kế thừa: ${x.successorName}` : ''}</li>`)}</ul>
  </section>`
  : ''}
<div class="grid2">
<section class="card" aria-labelledby="h-decision"><h2 id="h-decision">Ghi nhận quyết định phân cụm</h2>
  <form data-api="/api/cluster-decisions" data-method="POST" data-success="Đã ghi nhận quyết định phân cụm." novalidate>${formMessage}
    <input type="hidden" name="organizerId" value="${d.organizer.id}">
    <div class="field"><label for="qd-so">Số quyết định</label><input id="qd-so" name="number" placeholder="ví dụ 123/QĐ-BKHCN" required></div>
    <div class="field"><label for="qd-ngay">Ngày ký</label><input id="qd-ngay" name="signedOn" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" required></div>
    <div class="field"><label for="qd-nam">Áp dụng từ năm</label><input id="qd-nam" name="effectiveYear" data-type="int" inputmode="numeric" value="${d.year}" required></div>
    <div class="field"><label for="qd-tom-tat">Trích yếu</label><input id="qd-tom-tat" name="summary" data-type="optional"></div>
    <div class="field"><label for="qd-ly-do">Lý do ghi nhận</label><input id="qd-ly-do" name="reason" data-type="optional"></div>
    <div class="actions"><button type="submit">Ghi nhận quyết định</button></div>
  </form>
</section>
<section class="card" aria-labelledby="h-new"><h2 id="h-new">Lập cụm thi đua</h2>
  <form data-api="/api/clusters" data-method="POST" data-success="Đã lập cụm thi đua." novalidate>${formMessage}
    <input type="hidden" name="organizerId" value="${d.organizer.id}">
    <div class="field"><label for="cum-so">Số cụm</label><input id="cum-so" name="number" data-type="int" inputmode="numeric" required></div>
    <div class="field"><label for="cum-ten">Tên cụm</label><input id="cum-ten" name="name" placeholder="Cụm thi đua số …" required></div>
    <div class="field"><label for="cum-kh">Ký hiệu văn bản</label><input id="cum-kh" name="documentCode" placeholder="CTĐ6" required></div>
    ${d.predecessorClusters.length
      ? html`<div class="field"><label for="cum-truoc">Tiếp nối cụm (trước sắp xếp)</label><select id="cum-truoc" name="predecessorId" data-type="nullable"><option value="">Không tiếp nối cụm nào</option>${d.predecessorClusters.map((c) => html`<option value="${c.id}">${clusterTag(c.name, c.organizerName)}</option>`)}</select></div>`
      : ''}
    <div class="field"><label for="cum-ly-do">Lý do</label><input id="cum-ly-do" name="reason" data-type="optional"></div>
    <div class="actions"><button type="submit">Lập cụm</button></div>
  </form>
</section>
</div>`,
  );
}
