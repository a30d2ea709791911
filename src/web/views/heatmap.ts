import type { CriterionView } from '../../criteria/criteria.dto';
import type { RankingRowView } from '../../scoring/scoring.dto';
import { pointsVi } from '../format';
import { Html, html } from '../html';

/** A scored criterion as the heat map reads it (a leaf of the year's criteria). */
export interface HeatColumn {
  code: string;
  text: string;
  max: number;
  kind: CriterionView['kind'];
}

/**
 * The shade of a cell: the points as a share of the criterion's maximum (a penalty by how much of it was taken).
 * Five steps from light to dark, so that the order survives greyscale printing; the number is written in every cell.
 */
export const HEAT_STEPS: Array<{ cls: string; label: string }> = [
  { cls: 'h1', label: 'dưới 50%' },
  { cls: 'h2', label: 'từ 50% đến dưới 75%' },
  { cls: 'h3', label: 'từ 75% đến dưới 90%' },
  { cls: 'h4', label: 'từ 90% đến dưới tối đa' },
  { cls: 'h5', label: 'đạt điểm tối đa' },
];
const PENALTY_STEPS: Array<{ cls: string; label: string }> = [
  { cls: 'p0', label: 'không bị trừ' },
  { cls: 'p1', label: 'bị trừ đến một nửa mức trừ tối đa' },
  { cls: 'p2', label: 'bị trừ quá một nửa mức trừ tối đa' },
];

export function heatClass(points: number, column: Pick<HeatColumn, 'max' | 'kind'>): string {
  if (column.kind === 'PENALTY') {
    const share = column.max > 0 ? Math.abs(points) / column.max : 0;
    return points === 0 ? 'p0' : share <= 0.5 ? 'p1' : 'p2';
  }
  const share = column.max > 0 ? points / column.max : 0;
  return share >= 1 ? 'h5' : share >= 0.9 ? 'h4' : share >= 0.75 ? 'h3' : share >= 0.5 ? 'h2' : 'h1';
}

/**
 * The final points of each unit on each criterion, as the ranking computed them (`finalPoints`), units in ranking
 * order. An HTML table rather than a picture: the numbers are text for screen readers and print, the unit's name
 * stays pinned while a phone scrolls the criteria inside the box, and the shades print in grey.
 */
export function rankingHeatMap(columns: HeatColumn[], rows: RankingRowView[], year: number, normalize: boolean): Html {
  const scored = rows.filter((r) => r.finalPoints);
  if (!columns.length || !scored.length) return html``;
  const hasPenalty = columns.some((c) => c.kind === 'PENALTY');
  return html`<section class="card heatmap" aria-labelledby="h-heat"><h2 id="h-heat">Điểm cuối cùng theo tiêu chí</h2>
  <p class="muted" id="heat-note">Mỗi ô là điểm cuối cùng năm ${year} của đơn vị ở tiêu chí đó (như bảng xếp hạng đã tính); màu ô theo tỷ lệ điểm so với điểm tối đa của tiêu chí, càng đậm càng gần tối đa (chú giải bên dưới).</p>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-heat"><table class="heat" aria-describedby="heat-note">
    <caption class="visually-hidden">Điểm cuối cùng năm ${year} theo tiêu chí, từng đơn vị theo thứ hạng</caption>
    <thead><tr><th scope="col">Đơn vị</th>
      ${columns.map((c) => html`<th scope="col" class="num"><abbr title="${c.text}">${c.code}</abbr><br><small>${c.kind === 'PENALTY' ? `trừ tối đa ${pointsVi(c.max)}` : `tối đa ${pointsVi(c.max)}`}</small></th>`)}
      <th scope="col" class="num">Tổng</th></tr></thead>
    <tbody>${scored.map(
      (r) => html`<tr><th scope="row">${r.rank ? html`<span class="muted">${r.rank}.</span> ` : ''}${r.unit.shortName}</th>
      ${columns.map((c) => {
        const v = r.finalPoints![c.code];
        return v === undefined ? html`<td class="num heat-none">—</td>` : html`<td class="num heat-cell ${heatClass(v, c)}" data-code="${c.code}">${pointsVi(v)}</td>`;
      })}
      <td class="num heat-total">${r.final ? pointsVi(r.final.total) : '—'}</td></tr>`,
    )}</tbody>
  </table></div>
  <ul class="heat-legend" aria-label="Chú giải màu">
    ${HEAT_STEPS.map((s) => html`<li><span class="heat-swatch ${s.cls}" aria-hidden="true"></span>${s.label}</li>`)}
    ${hasPenalty ? PENALTY_STEPS.map((s) => html`<li><span class="heat-swatch ${s.cls}" aria-hidden="true"></span>Điểm trừ: ${s.label}</li>`) : ''}
  </ul>
  ${normalize ? html`<p class="muted"><small>Tổng điểm đã chuẩn hóa theo người chấm nên có thể khác tổng các ô.</small></p>` : ''}
  <details class="criteria-text"><summary>Nội dung các tiêu chí (${columns.length})</summary>
    <dl>${columns.map((c) => html`<dt>${c.code}</dt><dd>${c.text}</dd>`)}</dl>
  </details>
</section>`;
}
