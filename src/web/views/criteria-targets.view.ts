import type { CriteriaTargetsView } from '../../criteria/criteria-targets.dto';
import { FORMULA_LABELS, MEASURE_LABELS } from '../../criteria/measure.rules';
import { Html, html } from '../html';
import { formMessage } from './layout';

const typed = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));

/**
 * Chỉ tiêu giao: each unit's target for the quantitative criteria, and the criteria not applicable to it with the
 * reason. One group per unit; a pair left empty sends nothing (the API keeps only pairs with a target or a reason).
 * Read-only once the pledge is signed (the set's lock).
 */
export function criteriaTargetsSection(api: string, v: CriteriaTargetsView, canManage: boolean): Html {
  const byKey = new Map(v.targets.map((t) => [`${t.criterionCode}|${t.unitId}`, t]));
  const quantitative = v.criteria.filter((c) => c.needsTarget);
  const rule = (c: CriteriaTargetsView['criteria'][number]) => (c.formula ? FORMULA_LABELS[c.formula] : MEASURE_LABELS[c.measure]);
  const summary = html`<div class="table-wrap"><table class="cards">
  <caption class="muted table-caption">Chỉ tiêu theo đơn vị${quantitative.length ? '' : ' (bộ tiêu chí chưa có tiêu chí định lượng cần chỉ tiêu)'}</caption>
  <thead><tr><th scope="col">Đơn vị</th>${quantitative.map((c) => html`<th scope="col" class="num">${c.code}${c.factUnit ? ` (${c.factUnit})` : ''}</th>`)}<th scope="col">Không áp dụng</th></tr></thead>
  <tbody>${v.units.map((u) => {
    const na = v.targets.filter((t) => t.unitId === u.unitId && t.notApplicableReason);
    return html`<tr><th scope="row" data-label="Đơn vị">${u.name}</th>${quantitative.map((c) => {
      const t = byKey.get(`${c.code}|${u.unitId}`);
      return html`<td class="num" data-label="${c.code}">${t?.notApplicableReason ? 'Không áp dụng' : t?.target == null ? '—' : typed(t.target)}</td>`;
    })}<td data-label="Không áp dụng">${na.map((t) => `${t.criterionCode}: ${t.notApplicableReason}`).join('; ') || '—'}</td></tr>`;
  })}</tbody></table></div>
  ${v.missing.length ? html`<p class="warn-text">Còn thiếu ${v.missing.length} chỉ tiêu: bản giao ước chưa mở ký được.</p>` : ''}`;
  let n = 0;
  const form =
    canManage && !v.locked
      ? html`<form data-api="${api}" data-method="PUT" data-success="Đã lưu chỉ tiêu giao cho các đơn vị." novalidate>${formMessage}
      <input type="hidden" name="version" data-type="int" value="${v.version}">
  ${v.units.map(
    (u) => html`<details><summary>${u.name}</summary>${v.criteria.map((c) => {
      const i = n++;
      const t = byKey.get(`${c.code}|${u.unitId}`);
      return html`<fieldset><legend>${c.code} — ${c.text} <span class="muted">(${rule(c)})</span></legend>
      <input type="hidden" name="targets.${i}.criterionCode" value="${c.code}"><input type="hidden" name="targets.${i}.unitId" value="${u.unitId}">
      <div class="grid2">
      ${c.measure === 'QUANTITATIVE' ? html`<div class="field"><label for="t-${i}-target">Chỉ tiêu ${c.code}${c.factUnit ? ` (${c.factUnit})` : ''}</label><input id="t-${i}-target" name="targets.${i}.target" data-type="decimal" inputmode="decimal" autocomplete="off" value="${typed(t?.target ?? null)}"></div>` : ''}
      <div class="field"><label for="t-${i}-na">Không áp dụng ${c.code}: lý do (để trống nếu áp dụng)</label><input id="t-${i}-na" name="targets.${i}.notApplicableReason" data-type="nullable" maxlength="500" value="${t?.notApplicableReason ?? ''}"></div>
      </div></fieldset>`;
    })}</details>`,
  )}
  <div class="field"><label for="targets-reason">Lý do (ghi vào nhật ký)</label><input id="targets-reason" name="reason" data-type="optional" maxlength="500"></div>
  <div class="actions"><button type="submit">Lưu chỉ tiêu</button></div></form>`
      : '';
  return html`<section class="card" aria-labelledby="h-targets"><h2 id="h-targets">Chỉ tiêu giao cho từng đơn vị</h2>
  <p class="muted"><small>Chỉ tiêu được ký cùng bản giao ước và khóa khi giao ước được ký đủ. Tiêu chí không áp dụng cho một đơn vị: điểm các tiêu chí chấm điểm còn lại của đơn vị được quy về thang điểm của bộ tiêu chí (điểm × thang điểm ÷ tổng điểm tối đa các tiêu chí áp dụng); điểm thưởng, điểm trừ giữ nguyên.</small></p>
  ${summary}${form}</section>`;
}
