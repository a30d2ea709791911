import type { ClusterView } from '../../clusters/clusters.dto';
import { PHASE_LABELS, type ScoringWindow, windowSentence } from '../../clusters/phases.rules';
import { todayInVietnam } from '../../common/time';
import type { SheetView } from '../../scoring/scoring.dto';
import type { UnitRefView } from '../../units/unit-ref';
import { dateTimeVi, dateVi, pointsVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';
import { clusterHref, yearHref } from './clusters.view';

/** What the secretariat's page of the members' sheets shows. */
export interface MemberSheets {
  /** The members' self and peer sheets. */
  sheets: SheetView[];
  /** The year's members, in the cluster's order (the sheets are grouped by the unit that scores). */
  units: UnitRefView[];
  /** The members that still owe sheets, with what (empty once published). */
  late: Array<{ id: string; name: string; owes: string[] }>;
  window: ScoringWindow;
  closesOn: string | null;
  published: boolean;
  /** May return sheets and remind (the year's secretariat, the organiser). */
  canManage: boolean;
  /** When the secretariat last reminded the late units, or null. */
  lastReminder: string | null;
}

const statusBadge = (s: SheetView) => badge(s.statusLabel, s.status === 'SUBMITTED' || s.status === 'LOCKED' ? 'ok' : s.status === 'RETURNED' ? 'bad' : 'info');

/** What to change on the year page to let the members hand in: the window's end once it has passed, its start before. */
const extendAdvice = (d: MemberSheets, wish: string) =>
  d.closesOn && d.closesOn < todayInVietnam() ? `${wish}, gia hạn "${PHASE_LABELS.scoringClosesOn}" ở trang năm thi đua trước.` : `${wish}, chờ đến "${PHASE_LABELS.scoringOpensOn}" hoặc sửa mốc này ở trang năm thi đua.`;

/** A sheet's entries, read-only, and the form that returns it when it may be returned. */
function sheetDetails(base: string, s: SheetView, d: MemberSheets): Html {
  const canReturn = d.canManage && s.status === 'SUBMITTED' && d.window.open;
  // The criterion's text under its code (a phone cannot hover), with its maximum.
  const entries = html`<table class="entries"><thead><tr><th scope="col">Tiêu chí</th><th scope="col" class="num">Điểm</th></tr></thead><tbody>${s.entries.map(
    (e) => html`<tr><th scope="row">${e.code} <small class="muted">(${e.kind === 'PENALTY' ? 'trừ tối đa' : 'tối đa'} ${pointsVi(e.maxPoints)})</small>${e.achieved != null ? html` <small class="muted">(kết quả ${pointsVi(e.achieved)})</small>` : ''}<br><small class="muted criterion-text">${e.text}</small></th><td class="num">${e.notApplicable ? html`<span class="muted">Không áp dụng</span>` : e.points == null ? html`<span class="muted">chưa chấm</span>` : pointsVi(e.points)}</td></tr>`,
  )}</tbody></table>`;
  const why = !d.canManage || s.status !== 'SUBMITTED' || d.window.open ? '' : `${windowSentence(d.window)} ${extendAdvice(d, 'Muốn trả lại phiếu để đơn vị sửa')}`;
  return html`<details><summary>Xem phiếu${canReturn ? ', trả lại' : ''}</summary>
    ${entries}
    ${s.returnReason ? html`<p class="muted">Lý do trả lại: ${s.returnReason}</p>` : ''}
    ${why ? html`<p class="muted"><small>${why}</small></p>` : ''}
    ${canReturn
      ? html`<form data-api="${base}/sheets/${s.id}/return" data-method="POST" data-success="Đã trả lại phiếu; đơn vị chấm được báo để sửa và nộp lại." novalidate>${formMessage}
      <input type="hidden" name="version" data-type="int" value="${s.version}">
      <label for="reason-${s.id}">Lý do trả lại</label><textarea id="reason-${s.id}" name="reason" rows="2" required></textarea>
      <div class="actions"><button type="submit" class="secondary">Trả lại phiếu cho ${s.scorer?.shortName ?? 'đơn vị chấm'}</button></div></form>`
      : ''}
  </details>`;
}

/** The members that still owe sheets, and the reminder the secretariat sends them. */
function lateSection(base: string, year: number, d: MemberSheets): Html {
  if (!d.late.length) return html`<p class="flash ok" role="status">Mọi đơn vị đã nộp đủ phiếu tự chấm và chấm chéo được phân công.</p>`;
  return html`<section class="card" aria-labelledby="h-late"><h2 id="h-late">Đơn vị còn phiếu chưa nộp (${d.late.length})</h2>
  <ul>${d.late.map((u) => html`<li><strong>${u.name}</strong>: ${u.owes.join('; ')}.</li>`)}</ul>
  ${d.lastReminder ? html`<p data-testid="last-reminder">Lần nhắc gần nhất của thư ký cụm: <strong>${dateTimeVi(d.lastReminder)}</strong>.</p>` : ''}
  ${d.canManage && !d.window.open ? html`<p class="muted"><small>Ngoài thời gian chấm điểm các đơn vị không nộp được phiếu, nên không gửi nhắc. ${extendAdvice(d, 'Muốn cho các đơn vị nộp')}</small></p>` : ''}
  ${d.canManage && d.window.open
    ? html`<form data-api="${base}/remind" data-method="POST" data-success="Đã nhắc các đơn vị còn phiếu chưa nộp (trong hệ thống và qua thư điện tử)." novalidate>${formMessage}
    <p class="muted"><small>Mỗi đơn vị được báo các phiếu nó còn phải nộp${d.closesOn ? ` và hạn chấm điểm ${dateVi(d.closesOn)}` : ''}; nhắc nhiều lần trong một ngày chỉ gửi một lần. Hệ thống cũng tự nhắc trước hạn 7 ngày, 3 ngày và đúng ngày hết hạn.</small></p>
    <div class="field"><label for="remind-message">Lời nhắn kèm theo (không bắt buộc)</label><textarea id="remind-message" name="message" rows="2" data-type="optional" maxlength="1000"></textarea></div>
    <div class="actions"><button type="submit">Nhắc các đơn vị này nộp phiếu năm ${year}</button></div></form>`
    : ''}
</section>`;
}

/** The secretariat's view of the members' sheets: who owes what, each sheet's state, read and returned with a reason. */
export function memberSheetsPage(frame: PageFrame, cluster: ClusterView, year: number, d: MemberSheets): Html {
  const base = `/api/clusters/${cluster.id}/years/${year}/scoring`;
  const order = new Map(d.units.map((u, i) => [u.id, i]));
  const rank = (s: SheetView) => order.get(s.scorer?.id ?? '') ?? d.units.length;
  const sheets = [...d.sheets].sort((a, b) => rank(a) - rank(b) || (a.kind === b.kind ? 0 : a.kind === 'SELF' ? -1 : 1) || a.target.name.localeCompare(b.target.name, 'vi'));
  return layout(
    {
      ...frame,
      title: `Phiếu chấm của các đơn vị năm ${year}`,
      crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Phiếu chấm của các đơn vị']],
    },
    html`<h1>Phiếu chấm của các đơn vị năm ${year}</h1>
<p>${d.published
      ? html`${badge('Đã công bố', 'ok')} Kết quả đã công bố: các phiếu đã khóa, chỉ để xem.`
      : d.window.open
        ? html`Các đơn vị đang chấm điểm${d.closesOn ? html` đến <strong>${dateVi(d.closesOn)}</strong>` : ''}.`
        : windowSentence(d.window)} Điểm cụm thống nhất nhập ở trang <a href="${yearHref(cluster.id, year)}/cham-diem">Chấm điểm</a>; chốt, công bố ở trang <a href="${yearHref(cluster.id, year)}/xep-hang">Kết quả xếp hạng</a>.</p>
${d.published ? '' : lateSection(base, year, d)}
<section class="card" aria-labelledby="h-sheets"><h2 id="h-sheets">Các phiếu đơn vị đã lập (${sheets.length})</h2>
  <p class="muted"><small>Phiếu tự chấm và chấm chéo do các đơn vị thành viên lập, theo đơn vị chấm. Phiếu đã nộp có thể trả lại cho đơn vị chấm kèm lý do trong thời hạn chấm điểm; đơn vị được báo, sửa và nộp lại.</small></p>
  ${sheets.length
    ? html`<div class="table-wrap"><table class="cards">
    <thead><tr><th scope="col">Đơn vị chấm</th><th scope="col">Loại phiếu</th><th scope="col">Đơn vị được chấm</th><th scope="col" class="num">Tổng điểm</th><th scope="col">Trạng thái</th><th scope="col">Nộp lúc</th><th scope="col">Chi tiết</th></tr></thead>
    <tbody>${sheets.map(
      (s) => html`<tr data-sheet="${s.id}">
        <th scope="row">${s.scorer?.name ?? '—'}</th>
        <td data-label="Loại phiếu">${s.kindLabel}</td>
        <td data-label="Đơn vị được chấm">${s.target.name}</td>
        <td class="num" data-label="Tổng điểm">${pointsVi(s.totals.total)}</td>
        <td data-label="Trạng thái">${statusBadge(s)}</td>
        <td data-label="Nộp lúc">${s.status === 'RETURNED' ? html`<span class="muted">đã trả lại, chờ nộp lại</span>` : s.submittedAt ? dateTimeVi(s.submittedAt) : html`<span class="muted">chưa nộp</span>`}</td>
        <td data-label="Chi tiết" class="wide">${sheetDetails(base, s, d)}</td>
      </tr>`,
    )}</tbody></table></div>`
    : html`<p class="muted">Chưa đơn vị nào lập phiếu tự chấm hoặc chấm chéo năm ${year}.</p>`}
</section>`,
  );
}
