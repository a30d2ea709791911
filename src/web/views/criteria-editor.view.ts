import type { CriteriaSetView, CriterionView } from '../../criteria/criteria.dto';
import { CRITERION_KINDS, CriterionKind, MAX_DEPTH } from '../../criteria/criteria.rules';
import { FORMULAS, FORMULA_LABELS, MEASURES, MEASURE_LABELS, type Formula, type Measure } from '../../criteria/measure.rules';
import { pointsVi } from '../format';
import { Html, html } from '../html';
import { formMessage } from './layout';

/**
 * The criteria tree as form rows (bộ tiêu chí): one fieldset per criterion, its sub-items nested inside. The names are
 * dotted paths (items.0.children.1.maxPoints) that app.js turns into the body; criteria-editor.js adds, moves and
 * removes rows, renumbers the names, keeps the totals and sends the form. The same markup, empty, is the <template> the
 * script copies for a new row, so a row is written once.
 */

/** A value as typed in a field: a decimal comma and no thousands separator ("7,5", "1000"). */
const typed = (n: number) => String(n).replace('.', ',');
/** The kinds as the editor's choice names them (short enough for a phone's half width). */
const KIND_CHOICES: Record<CriterionKind, string> = { SCORED: 'Chấm điểm', BONUS: 'Điểm thưởng', PENALTY: 'Điểm trừ' };
const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

interface Row {
  code: string;
  text: string;
  guidance: string | null;
  maxPoints: number | null;
  kind: CriterionKind;
  evidenceRequired: boolean;
  measure: Measure;
  formula: Formula | null;
  perCount: number | null;
  bands: Array<{ from: number; points: number }> | null;
  factUnit: string | null;
  children: Row[];
}

/** Bands as typed: one a line, "from: points" ("90: 10"); criteria-editor.js reads them back. */
const bandsText = (bands: Row['bands']) => (bands ?? []).map((b) => `${typed(b.from)}: ${typed(b.points)}`).join('\n');

/** The legend and the buttons' names: "Tiêu chí 2" at the top, "Mục 2.1" below. */
function rowLabel(position: number[]): string {
  return position.length === 1 ? `Tiêu chí ${position[0]}` : `Mục ${position.join('.')}`;
}

function control(name: string, field: string, label: string, input: (id: string) => Html, opts: { wide?: boolean; hidden?: boolean } = {}): Html {
  const id = fieldId(name);
  return html`<div class="field crit-${field}${opts.wide ? ' wide' : ''}"${opts.hidden ? ' hidden' : ''}><label for="${id}">${label}</label>${input(id)}</div>`;
}

/** How the points follow: the measure, and what it needs (formula, bands, points per occurrence, unit of the fact). */
function measureControls(row: Row, name: (f: string) => string): Html {
  const measures = MEASURES.map((m) => html`<option value="${m}"${m === row.measure ? ' selected' : ''}>${MEASURE_LABELS[m]}</option>`);
  const formulas = FORMULAS.map((f) => html`<option value="${f}"${f === row.formula ? ' selected' : ''}>${FORMULA_LABELS[f]}</option>`);
  const quantitative = row.measure === 'QUANTITATIVE';
  return html`${control(name('measure'), 'measure', 'Cách tính điểm', (id) => html`<select id="${id}" name="${name('measure')}" data-field="measure">${measures}</select>`)}
${control(name('formula'), 'formula', 'Công thức', (id) => html`<select id="${id}" name="${name('formula')}" data-field="formula" data-type="nullable"><option value="">—</option>${formulas}</select>`, { hidden: !quantitative })}
${control(name('perCount'), 'perCount', 'Điểm mỗi lần', (id) => html`<input id="${id}" name="${name('perCount')}" data-field="perCount" data-type="decimal" inputmode="decimal" autocomplete="off" value="${row.perCount === null ? '' : typed(row.perCount)}">`, { hidden: row.measure !== 'PER_COUNT' })}
${control(name('factUnit'), 'factUnit', 'Đơn vị tính kết quả', (id) => html`<input id="${id}" name="${name('factUnit')}" data-field="factUnit" data-type="nullable" maxlength="30" autocomplete="off" value="${row.factUnit ?? ''}">`, { hidden: row.measure === 'POINTS' || row.measure === 'PASS_FAIL' })}
${control(name('bandsText'), 'bandsText', 'Khung kết quả (mỗi dòng "từ: điểm", ví dụ "90: 10")', (id) => html`<textarea id="${id}" name="${name('bandsText')}" data-field="bandsText" rows="2">${bandsText(row.bands)}</textarea>`, { wide: true, hidden: !(quantitative && row.formula === 'BANDED') })}`;
}

function rowMarkup(row: Row, prefix: string, position: number[]): Html {
  const depth = position.length;
  const label = rowLabel(position);
  const name = (f: string) => `${prefix}.${f}`;
  const kindOptions = CRITERION_KINDS.map((k) => html`<option value="${k}"${k === row.kind ? ' selected' : ''}>${KIND_CHOICES[k]}</option>`);
  const childSum = row.children.reduce((a, c) => a + (c.maxPoints ?? 0), 0);
  return html`<li class="crit" data-crit>
<fieldset><legend data-role="legend">${label}</legend>
<div class="crit-grid">
${control(name('code'), 'code', 'Mã', (id) => html`<input id="${id}" name="${name('code')}" data-field="code" value="${row.code}" maxlength="20" autocomplete="off" required>`)}
${control(
  name('kind'),
  'kind',
  'Loại',
  (id) => html`<select id="${id}" name="${name('kind')}" data-field="kind">${kindOptions}</select>`,
  // A sub-item has its parent's kind: the field stays in the form (the script keeps it equal), out of sight.
  { hidden: depth > 1 },
)}
${control(name('maxPoints'), 'maxPoints', 'Điểm tối đa', (id) => html`<input id="${id}" name="${name('maxPoints')}" data-field="maxPoints" data-type="decimal" inputmode="decimal" autocomplete="off" value="${row.maxPoints === null ? '' : typed(row.maxPoints)}" required>`)}
<div class="field crit-evidence"><label class="check"><input type="checkbox" id="${fieldId(name('evidenceRequired'))}" name="${name('evidenceRequired')}" data-field="evidenceRequired"${row.evidenceRequired ? ' checked' : ''}> Cần minh chứng</label></div>
${measureControls(row, name)}
${control(name('text'), 'text', 'Nội dung', (id) => html`<textarea id="${id}" name="${name('text')}" data-field="text" rows="${Math.min(8, Math.max(2, Math.ceil(row.text.length / 110)))}" required>${row.text}</textarea>`, { wide: true })}
${control(name('guidance'), 'guidance', 'Hướng dẫn chấm (không bắt buộc)', (id) => html`<textarea id="${id}" name="${name('guidance')}" data-field="guidance" data-type="nullable" rows="${row.guidance ? 2 : 1}">${row.guidance ?? ''}</textarea>`, { wide: true })}
</div>
<p class="muted crit-sum" data-role="children-sum"${row.children.length ? '' : ' hidden'}>Tổng điểm các mục con: ${pointsVi(childSum)} / ${row.maxPoints === null ? '' : pointsVi(row.maxPoints)}</p>
<div class="actions crit-actions">
${depth < MAX_DEPTH ? html`<button type="button" class="secondary" data-act="child" aria-label="Thêm mục con vào ${label.toLowerCase()}">Thêm mục con</button>` : ''}
<button type="button" class="secondary" data-act="up" aria-label="Đưa ${label.toLowerCase()} lên">Lên</button>
<button type="button" class="secondary" data-act="down" aria-label="Đưa ${label.toLowerCase()} xuống">Xuống</button>
<button type="button" class="secondary" data-act="remove" aria-label="Xóa ${label.toLowerCase()}">Xóa</button>
</div>
<ol class="crit-list" data-role="children">${row.children.map((c, i) => rowMarkup(c, `${prefix}.children.${i}`, [...position, i + 1]))}</ol>
</fieldset></li>`;
}

const toRow = (c: CriterionView): Row => ({ ...c, children: c.children.map(toRow) });

/** The sums the editor shows (the script keeps them up to date as points are typed). */
function totals(set: CriteriaSetView): Html {
  const sum = (kind: CriterionKind) => set.items.filter((c) => c.kind === kind).reduce((a, c) => a + c.maxPoints, 0);
  const scored = sum('SCORED');
  return html`<p data-role="totals" aria-live="polite"><strong>Tổng điểm tối đa các tiêu chí chấm điểm: <span data-role="scored">${pointsVi(scored)}</span></strong> / thang điểm <span data-role="scale">${pointsVi(set.totalPoints)}</span><span data-role="mismatch" class="warn-text"${scored === set.totalPoints ? ' hidden' : ''}> — chưa bằng thang điểm của bộ tiêu chí.</span><br>
<span class="muted">Điểm thưởng tối đa: <span data-role="bonus">${pointsVi(sum('BONUS'))}</span> · Điểm trừ tối đa: <span data-role="penalty">${pointsVi(sum('PENALTY'))}</span></span></p>`;
}

export interface EditorMode {
  /** Locked by the signed pledge: a change is an amendment (a new version with its reason). */
  amend: boolean;
  /** The signatures an edit withdraws (an open pledge), which the secretariat must confirm. */
  signaturesToReset: number;
}

/** The editor's form: title, scale, the tree, the reason, and (for a plain edit) the version it was read at. */
export function criteriaEditor(base: string, set: CriteriaSetView, mode: EditorMode): Html {
  const api = mode.amend ? `${base}/amendments` : base;
  return html`<form id="criteria-editor" data-criteria-editor data-max-depth="${MAX_DEPTH}" data-api="${api}" data-method="${mode.amend ? 'POST' : 'PUT'}" data-success="${mode.amend ? `Đã lập bản sửa đổi bộ tiêu chí (phiên bản ${set.versionNo + 1}).` : 'Đã lưu bộ tiêu chí.'}" novalidate>${formMessage}
${mode.amend ? html`<input type="hidden" name="versionNo" data-type="int" value="${set.versionNo}">` : html`<input type="hidden" name="version" data-type="int" value="${set.version}">`}
<div class="grid2">
<div class="field"><label for="f-title">Tên bộ tiêu chí</label><input id="f-title" name="title" data-type="optional" value="${set.title}" maxlength="300"></div>
<div class="field"><label for="f-totalPoints">Thang điểm (tổng điểm các tiêu chí chấm điểm)</label><input id="f-totalPoints" name="totalPoints" data-type="decimal" inputmode="decimal" value="${typed(set.totalPoints)}" required></div>
</div>
${totals(set)}
<ol class="crit-list crit-root" data-role="children">${set.items.map((c, i) => rowMarkup(toRow(c), `items.${i}`, [i + 1]))}</ol>
<div class="actions">
<button type="button" class="secondary" data-add="SCORED">Thêm tiêu chí chấm điểm</button>
<button type="button" class="secondary" data-add="BONUS">Thêm mục điểm thưởng</button>
<button type="button" class="secondary" data-add="PENALTY">Thêm mục điểm trừ</button>
</div>
<div class="field"><label for="f-reason">${mode.amend ? 'Lý do sửa đổi (bắt buộc, ghi vào bản sửa đổi và nhật ký)' : 'Lý do chỉnh sửa (bắt buộc, ghi vào nhật ký)'}</label><input id="f-reason" name="reason" required maxlength="500"></div>
${mode.signaturesToReset > 0
  ? html`<div class="field"><label class="check"><input type="checkbox" id="f-confirmResetSignatures" name="confirmResetSignatures"> Tôi hiểu rằng lưu thay đổi sẽ hủy ${mode.signaturesToReset} chữ ký đã có và các đơn vị phải ký lại.</label></div>`
  : ''}
<div class="actions"><button type="submit">${mode.amend ? 'Lập bản sửa đổi' : 'Lưu bộ tiêu chí'}</button></div>
</form>
<template id="crit-row">${rowMarkup({ code: '', text: '', guidance: null, maxPoints: null, kind: 'SCORED', evidenceRequired: true, measure: 'POINTS', formula: null, perCount: null, bands: null, factUnit: null, children: [] }, 'items.0', [1])}</template>`;
}
