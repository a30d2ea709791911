import type { ClusterView } from '../../clusters/clusters.dto';
import type { CriterionView } from '../../criteria/criteria.dto';
import type { RankingView, SheetView } from '../../scoring/scoring.dto';
import type { UnitRefView } from '../../units/unit-ref';
import { SCORER_KIND_LABELS } from '../../scoring/score-sheet.entity';
import type { ScorerKind } from '../../scoring/ranking.rules';
import { dateVi, pointsVi } from '../format';
import { todayInVietnam } from '../../common/time';
import { rankingChart } from './charts';
import { evidenceSection } from './evidence.view';
import type { EvidenceView } from '../../scoring/evidence.service';
import { rankingHeatMap } from './heatmap';
import { Html, html, jsonBlock } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';
import { clusterHref, yearHref } from './clusters.view';

export interface GridColumn {
  code: string;
  text: string;
  max: number;
  kind: CriterionView['kind'];
  /** POINTS, or what the cell takes for a criterion that measures (its achieved value). */
  measure?: CriterionView['measure'];
  factUnit?: string | null;
  /** "Cần minh chứng": a self-score claiming points here is handed in with a file (sheet-completeness.ts). */
  evidenceRequired?: boolean;
}

/** The criteria a sheet scores: leaves of the tree (a criterion with sub-items is scored by its items). */
export function gridColumns(items: CriterionView[]): GridColumn[] {
  const out: GridColumn[] = [];
  const walk = (c: CriterionView) => (c.children.length ? c.children.forEach(walk) : out.push({ code: c.code, text: c.text, max: c.maxPoints, kind: c.kind, measure: c.measure, factUnit: c.factUnit, evidenceRequired: c.evidenceRequired }));
  items.forEach(walk);
  return out;
}

export interface GridRow {
  target: UnitRefView;
  sheet: SheetView | null;
  /** The target unit's targets and not-applicable criteria (for rows without a sheet yet), by criterion code. */
  measures?: Record<string, { target: number | null; notApplicable: string | null }>;
}

const measures = (c: GridColumn) => !!c.measure && c.measure !== 'POINTS';
/** What a cell takes: the points range, or the achieved value of a criterion that measures. */
const rangeText = (c: GridColumn) =>
  c.measure === 'PASS_FAIL'
    ? 'nhập 1 nếu đạt, 0 nếu không đạt'
    : c.measure === 'PER_COUNT'
      ? `nhập số ${c.factUnit ?? 'lần'}, hệ thống tính điểm`
      : c.measure === 'QUANTITATIVE'
        ? `nhập kết quả đạt được${c.factUnit ? ` (${c.factUnit})` : ''}, hệ thống tính điểm theo chỉ tiêu`
        : c.kind === 'PENALTY'
          ? `từ −${pointsVi(c.max)} đến 0`
          : `từ 0 đến ${pointsVi(c.max)}`;

/** One cell of the grid: points, or a measured criterion's achieved value (with its target), or not applicable. */
function gridCell(r: GridRow, c: GridColumn, disabled: boolean): Html {
  const entry = r.sheet?.entries.find((e) => e.code === c.code);
  const notApplicable = entry?.notApplicable ?? r.measures?.[c.code]?.notApplicable;
  if (notApplicable) return html`<td class="num muted" title="${notApplicable}">Không áp dụng</td>`;
  const fact = measures(c);
  const v = fact ? (entry?.achieved ?? null) : (entry?.points ?? null);
  const goal = entry?.target ?? r.measures?.[c.code]?.target ?? null;
  const target = fact && goal != null ? `; chỉ tiêu ${pointsVi(goal)}${c.factUnit ? ` ${c.factUnit}` : ''}` : '';
  return html`<td class="num"><input class="grid-input" inputmode="decimal" name="cell.${r.target.id}.${c.code}" data-code="${c.code}" data-max="${c.max}" data-kind="${c.kind}" ${fact ? html`data-fact="${c.measure}" data-points="${entry?.points ?? ''}"` : ''} value="${v === null ? '' : pointsVi(v)}" aria-label="${r.target.name}, ${c.code} (${rangeText(c)}${target})" ${disabled ? 'disabled' : ''}>${
    fact && entry?.points != null ? html`<small class="muted" data-role="fact-points">${pointsVi(entry.points)} điểm</small>` : ''
  }</td>`;
}

export function gridPage(
  frame: PageFrame,
  cluster: ClusterView,
  year: number,
  kind: ScorerKind,
  kinds: ScorerKind[],
  columns: GridColumn[],
  rows: GridRow[],
  notice: string | null,
  scorers: { chosen: string; options: UnitRefView[] } | null = null,
  deadline: string | null = null,
  evidence: Map<string, EvidenceView[]> | null = null,
  criteriaUnlocked = false,
): Html {
  const base = `/api/clusters/${cluster.id}/years/${year}/scoring`;
  // Read-only when the caller may not write this kind of sheet, or when every sheet is locked.
  const editable = !notice && rows.some((r) => r.sheet?.status !== 'LOCKED');
  const lockedNote = !notice && !editable && rows.length ? 'Các phiếu đã khóa: kết quả đã được chốt.' : null;
  return layout(
    {
      ...frame,
      title: `Chấm điểm năm ${year}`,
      scripts: ['score-grid.js'],
      crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Chấm điểm']],
    },
    html`<h1>Chấm điểm năm ${year}: ${SCORER_KIND_LABELS[kind]}</h1>
${kinds.length > 1 ? html`<nav class="actions" aria-label="Loại phiếu">${kinds.map((k) => (k === kind ? html`<strong>${SCORER_KIND_LABELS[k]}</strong>` : html`<a href="?loai=${k}">${SCORER_KIND_LABELS[k]}</a>`))}</nav>` : ''}
${scorers
  ? html`<form method="get" class="card"><input type="hidden" name="loai" value="${kind}">
    <label for="don-vi">Chấm chéo với tư cách đơn vị (đơn vị của bạn kế thừa các đơn vị này sau sáp nhập)</label>
    <div class="actions"><select id="don-vi" name="don-vi">${scorers.options.map((u) => html`<option value="${u.id}" ${u.id === scorers.chosen ? 'selected' : ''}>${u.name}</option>`)}</select><button type="submit" class="secondary">Chọn</button></div></form>`
  : ''}
${notice || lockedNote ? html`<p class="flash warn">${notice ?? lockedNote}</p>` : ''}
${criteriaUnlocked && editable ? html`<p class="flash warn" data-testid="criteria-unlocked">Bộ tiêu chí năm ${year} chưa khóa (giao ước thi đua chưa được các đơn vị ký đủ): thư ký cụm còn có thể sửa tiêu chí cho đến khi có phiếu chấm đầu tiên được nộp.</p>` : ''}
${deadline && !notice ? html`<p class="muted">Hạn chấm điểm năm ${year}: <strong>${dateVi(deadline)}</strong>.</p>` : ''}
${columns.length === 0 || rows.length === 0
  ? html`<p class="card muted">${columns.length === 0 ? `Năm ${year} chưa có bộ tiêu chí để chấm điểm.` : 'Không có đơn vị nào để bạn chấm với loại phiếu này.'}</p>`
  : html`<form id="score-grid" class="card" novalidate data-base="${base}" data-kind="${kind}" data-scorer="${scorers?.chosen ?? ''}">
  ${formMessage}
  ${editable
    ? html`<p class="muted">Mỗi dòng là một phiếu chấm. Nhập điểm có tối đa hai chữ số thập phân (ví dụ 14,5); điểm trừ ghi số âm. Tổng điểm cập nhật khi nhập.${columns.some(measures) ? ' Tiêu chí định lượng: nhập kết quả đạt được (đạt/không đạt: 1 hoặc 0; số lần: số nguyên), điểm do hệ thống tính khi lưu.' : ''}</p>`
    : html`<p class="muted">Mỗi dòng là một phiếu chấm, chỉ để xem.${rows.some((r) => !r.sheet) ? ' “Không lập phiếu”: không có phiếu loại này trên hệ thống (điểm cuối cùng tính theo cách tính điểm của cụm, xem trang Kết quả xếp hạng).' : ''}</p>`}
  <div class="table-wrap"><table class="grid">
    <thead><tr><th scope="col">Đơn vị được chấm</th>
      ${columns.map((c) => html`<th scope="col" class="num" title="${c.text}"><abbr title="${c.text}">${c.code}</abbr><br><small>${measures(c) ? (c.measure === 'PASS_FAIL' ? 'đạt: 1 / 0' : `kết quả${c.factUnit ? ` (${c.factUnit})` : ''}`) : `tối đa ${pointsVi(c.max)}`}</small>${kind === 'SELF' && c.evidenceRequired && c.kind !== 'PENALTY' ? html`<br><small class="evidence-needed">cần minh chứng</small>` : ''}</th>`)}
      <th scope="col" class="num">Tổng</th><th scope="col">Trạng thái</th></tr></thead>
    <tbody>${rows.map(
      (r) => html`<tr data-target="${r.target.id}" data-target-name="${r.target.name}">
        <th scope="row">${r.target.name}</th>
        ${columns.map((c) => gridCell(r, c, !editable || r.sheet?.status === 'LOCKED'))}
        <td class="num" data-role="total">${r.sheet || editable ? pointsVi(r.sheet?.totals.total ?? 0) : '—'}</td>
        <td data-role="status">${r.sheet ? badge(r.sheet.statusLabel, r.sheet.status === 'SUBMITTED' || r.sheet.status === 'LOCKED' ? 'ok' : r.sheet.status === 'RETURNED' ? 'bad' : 'info') : html`<span class="muted">${editable ? 'Chưa có phiếu' : 'Không lập phiếu'}</span>`}
          ${r.sheet?.returnReason ? html`<br><small class="muted">Lý do trả lại: ${r.sheet.returnReason}</small>` : ''}</td>
      </tr>`,
    )}</tbody>
  </table></div>
  <details class="criteria-text"><summary>Nội dung các tiêu chí (${columns.length})</summary>
    <dl>${columns.map((c) => html`<dt>${c.code} <small class="muted">(${rangeText(c)}${kind === 'SELF' && c.evidenceRequired && c.kind !== 'PENALTY' ? '; cần minh chứng khi tự chấm có điểm' : ''})</small></dt><dd>${c.text}</dd>`)}</dl>
  </details>
  ${editable
    ? html`<div class="field"><label for="reason">Lý do sửa (bắt buộc khi sửa phiếu đã nộp)</label><textarea id="reason" name="reason" rows="2"></textarea></div>
  <div class="actions">
    <button type="button" data-action="save">Lưu nháp</button>
    <button type="button" data-action="submit" class="secondary">Nộp phiếu</button>
    <span data-role="grid-status" role="status" aria-live="polite" class="muted"></span>
  </div>`
    : ''}
</form>
${jsonBlock('grid-data', { rows: rows.map((r) => ({ targetId: r.target.id, targetName: r.target.name, sheet: r.sheet ? { id: r.sheet.id, version: r.sheet.version, status: r.sheet.status } : null })) })}
${editable
  ? html`<section class="card" aria-labelledby="h-excel"><h2 id="h-excel">Nhập điểm bằng Excel</h2>
  <p><a data-download href="${base}/template?kind=${kind}">Tải mẫu phiếu chấm (.xlsx)</a></p>
  <form data-api="${base}/upload" data-method="POST" enctype="multipart/form-data" data-busy="Đang tải lên và kiểm tra…" data-on-success="uploaded" novalidate>
    ${formMessage}
    <label for="file">Tệp mẫu đã nhập điểm</label>
    <input id="file" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
    <div class="actions"><button type="submit">Tải lên</button></div>
  </form>
</section>`
  : ''}
${evidence ? evidenceSection(base, columns, rows, evidence, editable) : ''}`}`,
  );
}

/** Before publication a member unit sees when the results will be there, not an error. */
export function rankingPendingPage(frame: PageFrame, cluster: ClusterView, year: number, closesOn: string | null): Html {
  return layout(
    { ...frame, title: `Xếp hạng năm ${year}`, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Xếp hạng']] },
    html`<h1>Kết quả xếp hạng năm ${year}</h1>
<p class="flash warn" role="status">Kết quả chấm điểm năm ${year} chưa được công bố: thư ký cụm công bố sau khi các phiếu được nộp${closesOn ? ` (hạn chấm điểm ${dateVi(closesOn)})` : ''}. Phiếu của đơn vị bạn xem ở trang <a href="${yearHref(cluster.id, year)}/cham-diem">Chấm điểm</a>.</p>`,
  );
}

export function rankingPage(
  frame: PageFrame,
  cluster: ClusterView,
  year: number,
  r: RankingView,
  columns: GridColumn[],
  canFinalize: boolean,
  configVersion: number,
  canReopen = false,
  before: { missing: string[]; closesOn: string | null } = { missing: [], closesOn: null },
): Html {
  const base = `/api/clusters/${cluster.id}/years/${year}/scoring`;
  return layout(
    { ...frame, title: `Xếp hạng năm ${year}`, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Xếp hạng']] },
    html`<h1>Kết quả xếp hạng năm ${year}</h1>
<p>Quy tắc tính điểm: <strong>${r.ruleLabel}</strong>${r.normalization ? ` (chuẩn hóa theo người chấm: ${r.normalization.methodLabel})` : ''} (<a href="${yearHref(cluster.id, year)}/cach-tinh-diem">cách tính điểm, mức xếp loại</a>) · ${r.published ? badge('Đã công bố', 'ok') : badge('Chưa công bố', 'warn')}</p>
<div class="actions">
  <a class="button secondary" data-download href="${base}/scoreboard.xlsx">${r.published ? 'Xuất bảng điểm (Excel)' : 'Xuất bảng điểm, bản dự thảo (Excel)'}</a>
  <a class="button secondary" data-download href="${base}/scoreboard.pdf">${r.published ? 'Bảng tổng hợp (PDF có chữ ký số)' : 'Bảng tổng hợp, bản dự thảo (PDF)'}</a>
</div>
${rankingChart(
  r.rows.map((x) => ({ label: x.unit.shortName, value: x.final?.total ?? null, bandCode: x.bandCode, band: x.band, rank: x.rank })),
  `Biểu đồ điểm cuối cùng năm ${year}, ${cluster.name}`,
)}
<div class="table-wrap" style="margin-top:12px"><table class="cards">
  <caption class="visually-hidden">Kết quả xếp hạng năm ${year}, ${cluster.name}</caption>
  <thead><tr><th scope="col" class="num">Hạng</th><th scope="col">Đơn vị</th><th scope="col" class="num">Tổng điểm</th><th scope="col" class="num">Tự chấm</th><th scope="col">Phân loại theo điểm của cụm</th><th scope="col">Căn cứ xếp hạng</th><th scope="col">Cảnh báo</th></tr></thead>
  <tbody>${r.rows.map(
    (row) => html`<tr>
      <td class="num rank" data-label="Hạng">${row.rank ?? '—'}${row.tie ? html` <span class="badge warn">Đồng hạng</span>` : ''}</td>
      <th scope="row">${row.unit.name}</th>
      <td class="num" data-label="Tổng điểm">${row.final ? pointsVi(row.final.total) : '—'}</td>
      <td class="num" data-label="Tự chấm">${pointsVi(row.selfTotal)}</td>
      <td data-label="Phân loại">${row.band ?? ''}</td>
      <td data-label="Căn cứ" class="wide"><ul class="reasons">${row.reasons.map((x) => html`<li>${x}</li>`)}</ul></td>
      <td data-label="Cảnh báo">${row.flags.length ? html`<ul class="reasons">${row.flags.map((f) => html`<li><span class="badge bad">!</span> ${f.message}</li>`)}</ul>` : ''}</td>
    </tr>`,
  )}</tbody>
</table></div>
${normalizationNote(r)}
${r.rows.some((x) => x.tie) ? html`<p class="flash warn">Có đơn vị đồng hạng sau mọi tiêu chí phụ: cần bỏ phiếu hoặc chủ trì quyết định.</p>` : ''}
${rankingHeatMap(columns, r.rows, year, !!r.normalization)}
${canFinalize && !r.published
  ? html`<section class="card"><h2>Chốt và công bố kết quả</h2>
    ${before.closesOn && before.closesOn >= todayInVietnam() ? html`<p class="flash warn" role="status" data-testid="scoring-window-open">Thời hạn chấm điểm đến ${dateVi(before.closesOn)} chưa hết: các đơn vị còn có thể nộp, sửa phiếu.</p>` : ''}
    ${before.missing.length
      ? html`<div class="flash warn" role="status" data-testid="missing-sheets"><p>Còn ${before.missing.length} phiếu chưa nộp hoặc còn thiếu:</p><ul>${before.missing.map((x) => html`<li>${x}</li>`)}</ul><p>Công bố khi đã đủ, hoặc đánh dấu “Công bố dù còn thiếu phiếu” và ghi lý do.</p></div>`
      : html`<p class="muted">Đã đủ phiếu theo cách tính điểm của cụm.</p>`}
    <form data-api="${base}/finalize" data-method="POST" data-success="Đã khóa các phiếu và công bố kết quả." data-confirm="${before.closesOn && before.closesOn >= todayInVietnam() ? `Thời hạn chấm điểm đến ${dateVi(before.closesOn)} chưa hết: công bố bây giờ thì các đơn vị không nộp, sửa phiếu được nữa. ` : ''}Khóa mọi phiếu chấm và công bố kết quả?" novalidate>${formMessage}<input type="hidden" name="version" data-type="int" value="${configVersion}">
      <div class="field"><label for="finalize-reason">Lý do chốt và công bố (ghi vào nhật ký)</label><textarea id="finalize-reason" name="reason" required maxlength="500" placeholder="Ví dụ: Cụm thống nhất kết quả chấm điểm ngày …"></textarea></div>
      <div class="field"><label><input type="checkbox" name="acceptMissing"> Công bố dù còn thiếu phiếu (hệ thống liệt kê các phiếu thiếu; ghi rõ lý do ở trên)</label></div>
      <div class="actions"><button type="submit">Chốt kết quả</button></div></form></section>`
  : ''}
${canReopen && r.published
  ? html`<section class="card"><h2>Mở lại việc chấm điểm</h2>
    <p class="muted"><small>Chỉ cơ quan tổ chức; các phiếu đã khóa trở lại trạng thái đã nộp để sửa; không mở lại được khi đã gửi đề nghị khen thưởng dựa trên kết quả này.</small></p>
    <form data-api="${base}/reopen" data-method="POST" data-success="Đã mở lại việc chấm điểm." data-confirm="Mở lại việc chấm điểm đã công bố?" novalidate>${formMessage}<input type="hidden" name="version" data-type="int" value="${configVersion}">
      <label for="reopen-reason">Lý do mở lại (bắt buộc)</label><textarea id="reopen-reason" name="reason" required></textarea>
      <div class="actions"><button type="submit" class="secondary">Mở lại</button></div></form></section>`
  : ''}`,
  );
}

/** Which normalisation the ranking applied, and to whom: the scorers left raw by the guard are named. */
function normalizationNote(r: RankingView): Html {
  const n = r.normalization;
  if (!n) return html``;
  const raw = n.scorers.filter((s) => !s.applied);
  return html`<p class="muted" id="normalization-note">Chuẩn hóa điểm chấm chéo: <strong>${n.methodLabel}</strong>, áp dụng cho ${n.scorers.length - raw.length}/${n.scorers.length} đơn vị chấm (đơn vị đã chấm từ ${n.minUnits} đơn vị).${
    raw.length ? ` Giữ nguyên, không chuẩn hóa: ${raw.map((s) => `${s.scorer.shortName} (chấm ${s.units} đơn vị)`).join(', ')}.` : ''
  }</p>`;
}
