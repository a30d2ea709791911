import type { ClusterView, MemberView, YearView } from '../../clusters/clusters.dto';
import type { PreviewView, TermView } from '../../leadership/leadership.dto';
import { PHASE_KEYS, PHASE_LABELS } from '../../clusters/phases.rules';
import { clusterTag } from '../../common/cluster-label';
import { dateVi } from '../format';
import { YearQuotas, quotasSection } from './quotas.view';
import { Html, html } from '../html';
import type { RegulationView } from '../../awards/regulations/regulations.dto';
import { PageFrame, formMessage, layout } from './layout';

export const clusterHref = (id: string) => `/cum/${id}`;
export const yearHref = (id: string, year: number) => `/cum/${id}/nam/${year}`;

export function clusterListPage(frame: PageFrame, clusters: ClusterView[]): Html {
  return layout(
    { ...frame, title: 'Cụm thi đua', crumbs: [['Tổng quan', '/'], ['Cụm thi đua']] },
    html`<h1>Cụm thi đua</h1>
${clusters.length === 0
  ? html`<p class="muted">Bạn chưa được phân công cụm thi đua nào.</p>`
  : html`<div class="table-wrap"><table>
  <caption class="muted" style="text-align:left;padding:6px 8px">${clusters.length} cụm trong phạm vi của bạn</caption>
  <thead><tr><th scope="col">Số</th><th scope="col">Tên cụm</th><th scope="col">Cơ quan tổ chức</th></tr></thead>
  <tbody>${clusters.map((c) => html`<tr><td>${c.number}</td><td><a href="${clusterHref(c.id)}">${c.name}</a></td><td>${c.organizerName}</td></tr>`)}</tbody>
</table></div>`}`,
  );
}

export interface ClusterPageData {
  cluster: ClusterView;
  years: YearView[];
  year: number;
  members: MemberView[];
  terms: TermView[];
  preview: PreviewView | null;
  previewError: string | null;
  regulations: RegulationView[];
  /** Whether the caller may record the cluster's regulation (its secretariat of the year, or the organiser). */
  canRecordRegulation: boolean;
  /** The cluster this one continues (before the reorganisation), if the caller may read it. */
  predecessor: ClusterView | null;
  /** The clusters that continue this one (after the reorganisation) that the caller may read. */
  successors: ClusterView[];
  /** The year a new emulation year would open by default, when the caller may open it (else null). */
  openableYear: number | null;
}

const pct = (bp: number) => String(bp / 100).replace('.', ',');

function regulationSection(d: ClusterPageData): Html {
  return html`<section class="card" aria-labelledby="h-reg">
  <h2 id="h-reg">Quy chế hoạt động của cụm</h2>
  ${d.regulations.length
    ? html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">Áp dụng từ</th><th scope="col">Quy chế</th><th scope="col">Cờ thi đua</th><th scope="col">Bằng khen</th><th scope="col">Số có mặt tối thiểu</th></tr></thead>
      <tbody>${d.regulations.map((r) => html`<tr><td>${dateVi(r.effectiveFrom)}</td><td>${r.title}${r.rotationRule ? html`<br><small class="muted">${r.rotationRule}</small>` : ''}</td><td>${r.flagRequirement}</td><td>${r.meritRequirement}</td><td>${r.quorum === null ? 'Không quy định' : `${pct(r.quorum)}% thành viên`}</td></tr>`)}</tbody>
    </table></div>`
    : html`<p class="muted">Chưa ghi nhận quy chế: bình xét dùng mức mặc định của hệ thống.</p>`}
  <p class="muted"><small>Quy chế áp dụng cho các hội nghị bình xét họp từ ngày áp dụng trở đi; ghi nhận trước hội nghị. Không áp dụng ngược cho hội nghị đã có đề nghị khen thưởng. Thư ký của năm có ngày áp dụng ghi nhận quy chế.</small></p>
  ${d.canRecordRegulation
    ? html`<details><summary>Ghi nhận quy chế (một phiên bản)</summary>
    <form data-api="/api/clusters/${d.cluster.id}/regulations" data-method="POST" data-success="Đã ghi nhận quy chế hoạt động." novalidate>${formMessage}
      <div class="field"><label for="reg-title">Tên quy chế (như được trích dẫn)</label><input id="reg-title" name="title" required></div>
      <div class="field"><label for="reg-adopted">Ngày thông qua</label><input id="reg-adopted" name="adoptedOn" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" required></div>
      <div class="field"><label for="reg-from">Áp dụng từ ngày</label><input id="reg-from" name="effectiveFrom" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" required></div>
      <div class="field"><label for="reg-flag">Tỷ lệ đồng ý cho Cờ thi đua (phần vạn, 8000 = 80%)</label><input id="reg-flag" name="flagShare" data-type="int" inputmode="numeric" value="8000" required></div>
      <div class="field"><label><input type="checkbox" name="flagStrictlyAbove"> Cờ thi đua: phải vượt tỷ lệ (trên), không chỉ đạt</label></div>
      <div class="field"><label for="reg-merit">Tỷ lệ đồng ý cho Bằng khen (phần vạn)</label><input id="reg-merit" name="meritShare" data-type="int" inputmode="numeric" value="5000" required></div>
      <div class="field"><label><input type="checkbox" name="meritStrictlyAbove" checked> Bằng khen: phải vượt tỷ lệ (trên), không chỉ đạt</label></div>
      <div class="field"><label for="reg-quorum">Tỷ lệ thành viên có mặt tối thiểu (phần vạn tổng số thành viên, 6667 ≈ hai phần ba; để trống nếu quy chế không quy định)</label><input id="reg-quorum" name="quorum" data-type="int" inputmode="numeric"></div>
      <div class="field"><label><input type="checkbox" name="writtenOpinionsCounted"> Quy chế quy định tính ý kiến bằng văn bản của thành viên vắng mặt vào kết quả bỏ phiếu kín</label></div>
      <div class="field"><label for="reg-rotation">Quy định luân phiên Cụm trưởng, Cụm phó</label><textarea id="reg-rotation" name="rotationRule" data-type="optional"></textarea></div>
      <div class="actions"><button type="submit">Ghi nhận quy chế</button></div>
    </form></details>`
    : ''}
</section>`;
}

export function clusterPage(frame: PageFrame, d: ClusterPageData): Html {
  const c = d.cluster;
  const term = d.terms.find((t) => t.year === d.year);
  return layout(
    { ...frame, title: c.name, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [c.name]] },
    html`<h1>${c.name}</h1>
<p class="muted">${c.organizerName} · Ký hiệu văn bản: ${c.documentCode}${d.predecessor ? html` · Tiếp nối <a href="${clusterHref(d.predecessor.id)}">${clusterTag(d.predecessor.name, d.predecessor.organizerName)}</a>` : ''}${d.successors.map((s) => html` · Được tiếp nối bởi <a href="${clusterHref(s.id)}">${clusterTag(s.name, s.organizerName)}</a>`)} · <a href="${clusterHref(c.id)}/lich-su">Lịch sử qua các năm</a></p>
${d.years.length
  ? html`<form method="get" action="${clusterHref(c.id)}" class="card">
  <label for="nam">Năm thi đua</label>
  <div class="actions">
    <select id="nam" name="nam">${d.years.map((y) => html`<option value="${y.year}" ${y.year === d.year ? 'selected' : ''}>${y.year}</option>`)}</select>
    <button type="submit" class="secondary">Xem</button>
    <a class="button" href="${yearHref(c.id, d.year)}">Công việc năm ${d.year}</a>
  </div>
</form>`
  : html`<p class="card muted" role="status">Cụm chưa mở năm thi đua nào trên hệ thống${d.openableYear !== null ? html`; mở năm ở mục <a href="#h-open">Mở năm thi đua</a> cuối trang` : ''}.</p>`}
<div class="grid2">
<section class="card" aria-labelledby="h-members">
  <h2 id="h-members">Thành viên năm ${d.year} (${d.members.length})</h2>
  ${d.members.length
    ? html`<ol>${d.members.map((m) => html`<li><a href="/don-vi/${m.unit.id}">${m.unit.name}</a>${term?.chair.id === m.unit.id ? html` <span class="badge ok">Cụm trưởng</span>` : ''}${term?.viceChair?.id === m.unit.id ? html` <span class="badge info">Cụm phó</span>` : ''}${m.leftOn ? html` <small class="muted">(rời cụm ngày ${dateVi(m.leftOn)}: sáp nhập)</small>` : ''}</li>`)}</ol>
       <p class="muted"><small>Theo quyết định phân cụm ${d.members[0]?.decisionNumber ?? '(chưa ghi số)'}</small></p>`
    : html`<p class="muted">Năm ${d.year} chưa có thành viên.</p>`}
</section>
<section class="card" aria-labelledby="h-lead">
  <h2 id="h-lead">Cụm trưởng, cụm phó qua các năm</h2>
  <p><a data-download href="/api/clusters/${c.id}/leadership/export">Tải lịch sử Cụm trưởng, Cụm phó (Excel)</a></p>
  <div class="table-wrap"><table class="cards">
    <thead><tr><th scope="col">Năm</th><th scope="col">Cụm trưởng</th><th scope="col">Cụm phó</th><th scope="col">Cách chọn</th></tr></thead>
    <tbody>${d.terms.map((t) => html`<tr><td data-label="Năm">${t.year}</td><td data-label="Cụm trưởng">${t.chair.shortName}</td><td data-label="Cụm phó">${t.viceChair?.shortName ?? '—'}</td><td data-label="Cách chọn">${t.methodLabel}${t.decisionNumber ? html`<br><small class="muted">QĐ ${t.decisionNumber}${t.decisionDate ? ` ngày ${dateVi(t.decisionDate)}` : ''}</small>` : ''}</td></tr>`)}</tbody>
  </table></div>
</section>
</div>
<section class="card" aria-labelledby="h-rot">
  <h2 id="h-rot">Dự kiến luân phiên</h2>
  ${d.preview
    ? html`<div class="table-wrap"><table class="cards">
      <thead><tr><th scope="col">Năm</th><th scope="col">Cụm trưởng</th><th scope="col">Cụm phó</th><th scope="col">Căn cứ</th></tr></thead>
      <tbody>${d.preview.steps.map((s) => html`<tr><td data-label="Năm">${s.year}</td><td data-label="Cụm trưởng">${s.chair.shortName}</td><td data-label="Cụm phó">${s.viceChair?.shortName ?? '—'}</td><td data-label="Căn cứ"><ul class="reasons">${s.reasons.map((r) => html`<li>${r}</li>`)}</ul></td></tr>`)}</tbody>
    </table></div>`
    : html`<p class="muted">${d.previewError ?? 'Chưa có quy tắc luân phiên.'}</p>`}
</section>
${d.openableYear !== null
  ? html`<section class="card" aria-labelledby="h-open"><h2 id="h-open">Mở năm thi đua</h2>
  <p class="muted"><small>Mở được mọi năm cụm có thành viên theo quyết định phân cụm; năm đã qua được mở để nhập lại dữ liệu (ghi rõ là nhập lại). Các mốc thời gian đặt ở trang của năm.</small></p>
  <form data-api="/api/clusters/${c.id}/years" data-method="POST" data-success="Đã mở năm thi đua." novalidate>${formMessage}
    <div class="field"><label for="mo-nam">Năm thi đua</label><input id="mo-nam" name="year" data-type="int" inputmode="numeric" value="${d.openableYear}" required></div>
    <div class="field"><label for="mo-ly-do">Lý do</label><input id="mo-ly-do" name="reason" data-type="optional" placeholder="ví dụ: Kế hoạch thi đua năm ${d.openableYear}"></div>
    <div class="actions"><button type="submit">Mở năm thi đua</button></div>
  </form>
</section>`
  : ''}
${regulationSection(d)}`,
  );
}

/** Where a cluster-year stands, on one page (the year's board). */
export interface YearBoard {
  today: string;
  members: Array<{ id: string; name: string; shortName: string }>;
  pledge: { statusLabel: string; signedCount: number; memberCount: number; unsigned: string[] } | null;
  /** Per member: the status of its self, cluster and peer sheets (peer: submitted of all). */
  sheets: Array<{ unit: string; self: string | null; cluster: string | null; peers: { submitted: number; total: number } }>;
  /** The caller follows the members' sheets (the secretariat, the organiser's side): the table links to that page. */
  followUp: boolean;
  /**
   * A member before publication sees only the sheets it scores: the table then holds its own units, and "peers" counts
   * the peer sheets it has handed in of those it is assigned (not those others made of it).
   */
  ownOnly: boolean;
  published: boolean;
  ranking: Array<{ rank: number | null; unit: string; total: number | null }>;
  meeting: { heldOn: string; place: string } | null;
  proposals: Array<{ award: string; unit: string; status: string }>;
  next: string;
}

const daysLeft = (date: string, today: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);

function boardSection(y: YearView, b: YearBoard): Html {
  const upcoming = PHASE_KEYS.filter((k) => y[k] && y[k]! >= b.today).map((k) => [PHASE_LABELS[k], y[k]!] as const);
  return html`<section class="card" aria-labelledby="h-board"><h2 id="h-board">Tình hình năm ${y.year}</h2>
  <p class="flash ${b.next.startsWith('Không') ? 'ok' : 'warn'}" role="status"><strong>Việc tiếp theo:</strong> ${b.next}</p>
  ${upcoming.length ? html`<p>${upcoming.map(([label, date], i) => html`${i ? ' · ' : ''}${label}: <strong>${dateVi(date)}</strong> (còn ${daysLeft(date, b.today)} ngày)`)}</p>` : ''}
  <div class="grid2">
    <div><h3>Giao ước</h3>${b.pledge
      ? html`<p>${b.pledge.statusLabel}: đã ký ${b.pledge.signedCount}/${b.pledge.memberCount}.</p>${b.pledge.unsigned.length ? html`<p class="muted">Chưa ký: ${b.pledge.unsigned.join(', ')}.</p>` : ''}`
      : html`<p class="muted">Chưa có bản giao ước.</p>`}</div>
    <div><h3>Hội nghị bình xét và đề nghị</h3>${b.meeting ? html`<p>Họp ngày ${dateVi(b.meeting.heldOn)} tại ${b.meeting.place}.</p>` : html`<p class="muted">Chưa ghi nhận hội nghị.</p>`}
      ${b.proposals.length ? html`<ul class="plain">${b.proposals.map((x) => html`<li>${x.award} — ${x.unit}: <strong>${x.status}</strong></li>`)}</ul>` : ''}</div>
  </div>
  <h3>${b.ownOnly ? 'Phiếu chấm của đơn vị bạn' : 'Phiếu chấm'}</h3>
  <p class="muted"><small>${b.ownOnly ? 'Trước khi công bố kết quả, đơn vị chỉ xem được các phiếu do mình chấm. ' : ''}Cột "Chấm chéo đã nộp" đếm các phiếu chấm chéo đơn vị đã nộp (với tư cách đơn vị chấm) trên số đơn vị được phân công chấm.</small>${b.followUp ? html` <a href="${yearHref(y.clusterId, y.year)}/phieu-don-vi">Xem từng phiếu, trả lại, nhắc đơn vị chưa nộp</a>` : ''}</p>
  <div class="table-wrap"><table>
    <thead><tr><th scope="col">Đơn vị</th><th scope="col">Tự chấm</th><th scope="col">Chấm chéo đã nộp</th><th scope="col">Điểm cụm</th>${b.published ? html`<th scope="col" class="num">Hạng</th><th scope="col" class="num">Điểm</th>` : ''}</tr></thead>
    <tbody>${b.sheets.map((s) => {
      const r = b.ranking.find((x) => x.unit === s.unit);
      // Once published, a sheet never made was not made ("không lập"): the year's rule may not have needed it.
      const none = b.published ? 'không lập' : 'chưa lập';
      return html`<tr><th scope="row">${s.unit}</th><td>${s.self ?? html`<span class="muted">${none}</span>`}</td><td>${s.peers.total && (s.peers.submitted || !b.published) ? `${s.peers.submitted}/${s.peers.total}` : html`<span class="muted">${s.peers.total ? none : '—'}</span>`}</td><td>${s.cluster ?? html`<span class="muted">${b.ownOnly ? 'chưa công bố' : none}</span>`}</td>${b.published ? html`<td class="num">${r?.rank ?? '—'}</td><td class="num">${r?.total != null ? String(r.total).replace('.', ',') : '—'}</td>` : ''}</tr>`;
    })}</tbody>
  </table></div>
  <p class="muted"><small>${b.published ? 'Kết quả chấm điểm đã công bố.' : 'Kết quả chấm điểm chưa công bố.'}</small></p>
</section>`;
}

export interface YearTask {
  label: string;
  href: string;
  note?: string;
}

export function yearPage(frame: PageFrame, cluster: ClusterView, y: YearView, tasks: YearTask[], canManage = false, board: YearBoard | null = null, quotas: YearQuotas | null = null): Html {
  const phases = PHASE_KEYS.map((key) => [PHASE_LABELS[key], y[key]] as const);
  return layout(
    { ...frame, title: `${cluster.name} – năm ${y.year}`, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${y.year}`]] },
    html`<h1>${cluster.name} – năm ${y.year}</h1>
<div class="grid2">
<section class="card" aria-labelledby="h-work"><h2 id="h-work">Công việc</h2>
  <ul class="tasks">${tasks.map((t) => html`<li><a href="${t.href}">${t.label}</a>${t.note ? html` <span class="muted">— ${t.note}</span>` : ''}</li>`)}</ul>
</section>
<section class="card" aria-labelledby="h-phases"><h2 id="h-phases">Các mốc thời gian</h2>
  <table><tbody>${phases.map(([label, date]) => html`<tr><th scope="row">${label}</th><td>${date ? dateVi(date) : html`<span class="muted">chưa đặt</span>`}</td></tr>`)}</tbody></table>
  <p class="muted"><small>${y.memberCount} đơn vị thành viên.</small></p>
</section>
</div>
${y.replayNote ? html`<p class="flash warn" role="note">${y.replayNote}</p>` : ''}
${board ? boardSection(y, board) : ''}
${quotas ? quotasSection(cluster.id, y.year, quotas) : ''}
${canManage
  ? html`<section class="card" aria-labelledby="h-edit"><h2 id="h-edit">Thay đổi các mốc thời gian</h2>
  <p class="muted"><small>Thư ký cụm của năm hoặc cơ quan tổ chức thay đổi; mỗi thay đổi ghi lý do vào nhật ký. Để trống một ô để bỏ mốc đó.</small></p>
  <form data-api="/api/clusters/${cluster.id}/years/${y.year}" data-method="PATCH" data-success="Đã cập nhật các mốc thời gian." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${y.version}">
    <div class="grid2">${PHASE_KEYS.map((key) => html`<div class="field"><label for="pha-${key}">${PHASE_LABELS[key]}</label><input id="pha-${key}" name="${key}" data-type="date-vi-nullable" placeholder="dd/mm/yyyy" inputmode="numeric" value="${y[key] ? dateVi(y[key]!) : ''}"></div>`)}</div>
    <div class="field"><label for="pha-ly-do">Lý do thay đổi (bắt buộc)</label><input id="pha-ly-do" name="reason" required></div>
    <div class="actions"><button type="submit">Lưu các mốc thời gian</button></div>
  </form>
</section>`
  : ''}`,
  );
}

/**
 * The page of a year the cluster has members in (a division recorded) but never opened: what it is, the year's pages
 * (they work on its members), and for whoever may open it, the form.
 */
export function yearNotOpenedPage(frame: PageFrame, cluster: ClusterView, year: number, memberCount: number, tasks: YearTask[], canOpen: boolean): Html {
  return layout(
    { ...frame, title: `${cluster.name} – năm ${year}`, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`]] },
    html`<h1>${cluster.name} – năm ${year}</h1>
<p class="flash warn" role="status" data-testid="year-not-opened">Năm thi đua ${year} chưa được mở trên hệ thống: cụm có ${memberCount} đơn vị thành viên theo quyết định phân cụm nhưng chưa có các mốc thời gian của năm.${canOpen ? '' : ' Thư ký cụm hoặc cơ quan tổ chức mở năm.'}</p>
<section class="card" aria-labelledby="h-work"><h2 id="h-work">Công việc</h2>
  <ul class="tasks">${tasks.map((t) => html`<li><a href="${t.href}">${t.label}</a></li>`)}</ul>
</section>
${canOpen
  ? html`<section class="card" aria-labelledby="h-open"><h2 id="h-open">Mở năm thi đua ${year}</h2>
  <form data-api="/api/clusters/${cluster.id}/years" data-method="POST" data-success="Đã mở năm thi đua ${year}." novalidate>${formMessage}
    <input type="hidden" name="year" data-type="int" value="${year}">
    <div class="field"><label for="mo-ly-do">Lý do</label><input id="mo-ly-do" name="reason" data-type="optional" placeholder="ví dụ: Kế hoạch thi đua năm ${year}"></div>
    <div class="actions"><button type="submit">Mở năm thi đua ${year}</button></div>
  </form>
</section>`
  : ''}`,
  );
}
