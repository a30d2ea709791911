import type { AgeingRow } from '../../awards/queue-ageing.rules';
import { dateVi } from '../format';
import { Html, html } from '../html';

/**
 * Each waiting status by a colour and a pattern (solid, stripes, dots), so that the bars still tell them apart
 * printed in black and white; the table under the chart repeats the figures and is the legend.
 */
const STATUS_FILL: Record<string, { colour: string; pattern: 'solid' | 'stripes' | 'dots' }> = {
  SUBMITTED: { colour: '#1f5fa8', pattern: 'solid' },
  IN_REVIEW: { colour: '#9a6700', pattern: 'stripes' },
  RETURNED: { colour: '#b42318', pattern: 'dots' },
};

const fillOf = (status: string) => (STATUS_FILL[status]?.pattern === 'solid' ? STATUS_FILL[status].colour : `url(#age-${status})`);

function patterns(): Html {
  return html`<defs>${Object.entries(STATUS_FILL).map(([status, f]) =>
    f.pattern === 'stripes'
      ? html`<pattern id="age-${status}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="${f.colour}"/><rect width="3" height="8" fill="#ffffff" fill-opacity="0.45"/></pattern>`
      : f.pattern === 'dots'
        ? html`<pattern id="age-${status}" width="7" height="7" patternUnits="userSpaceOnUse"><rect width="7" height="7" fill="${f.colour}"/><circle cx="3.5" cy="3.5" r="1.6" fill="#ffffff" fill-opacity="0.6"/></pattern>`
        : '',
  )}</defs>`;
}

/** A small square of a status's fill, for the table that serves as the legend. */
const swatch = (status: string) => html`<svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false"><rect width="14" height="14" rx="2" fill="${fillOf(status)}"/></svg>`;

/**
 * The queue's ageing (server-rendered SVG: no script, prints as drawn, scales to a phone's width): one bar per age
 * band, split by status, with the count in each part wide enough to hold it and the total at the end; a table of
 * the same figures follows (the legend, and what a screen reader or a black-and-white print reads).
 */
export function ageingChart(ageing: { asOf: string; bands: string[]; rows: AgeingRow[] }): Html {
  const totals = ageing.bands.map((_, i) => ageing.rows.reduce((sum, r) => sum + r.counts[i], 0));
  const all = totals.reduce((a, b) => a + b, 0);
  const title = `Thời gian chờ của các đề nghị chưa có kết quả, tính đến ${dateVi(ageing.asOf)}`;
  if (!all) return html`<p class="muted">Không có đề nghị nào đang chờ xử lý (đã gửi Bộ, đang thẩm định hoặc trả lại để bổ sung).</p>`;
  // Narrow and in large type: on a 390 px phone the drawing is shrunk to about three quarters.
  const labelW = 112;
  const barsW = 268;
  const width = labelW + barsW + 40;
  const barH = 26;
  const gap = 10;
  const height = ageing.bands.length * (barH + gap) + 4;
  const scale = barsW / Math.max(...totals);
  const description = ageing.bands
    .map((band, i) => `${band}: ${totals[i]} đề nghị${totals[i] ? ` (${ageing.rows.filter((r) => r.counts[i]).map((r) => `${r.statusLabel} ${r.counts[i]}`).join(', ')})` : ''}`)
    .join('; ');
  return html`<figure class="chart age-chart">
  <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="age-title" aria-describedby="age-desc" preserveAspectRatio="xMinYMin meet">
    <title id="age-title">${title}</title>
    <desc id="age-desc">${description}.</desc>
    ${patterns()}
    ${ageing.bands.map((band, i) => {
      const y = i * (barH + gap) + 2;
      let x = labelW;
      const parts = ageing.rows.filter((r) => r.counts[i]).map((r) => {
        const w = r.counts[i] * scale;
        const part = html`<rect x="${x}" y="${y}" width="${w}" height="${barH}" fill="${fillOf(r.status)}" stroke="#ffffff" stroke-width="1"/>${
          w >= 24 ? html`<text x="${x + w / 2}" y="${y + barH * 0.7}" font-size="16" font-weight="700" text-anchor="middle" fill="#ffffff" stroke="${STATUS_FILL[r.status]?.colour ?? '#1d2433'}" stroke-width="3" paint-order="stroke">${r.counts[i]}</text>` : ''
        }`;
        x += w;
        return part;
      });
      return html`<g>
      <text x="${labelW - 8}" y="${y + barH * 0.7}" font-size="16" text-anchor="end" fill="#1d2433">${band}</text>
      <line x1="${labelW}" x2="${labelW}" y1="${y - 3}" y2="${y + barH + 3}" stroke="#5b6475"/>
      ${parts}
      <text x="${x + 6}" y="${y + barH * 0.7}" font-size="16" fill="#1d2433">${totals[i]}</text>
    </g>`;
    })}
  </svg>
  <figcaption class="muted"><small>Số ngày tính theo giờ Việt Nam, từ bước xử lý gần nhất của mỗi đề nghị (gửi Bộ, nhận thẩm định, trả lại) đến hôm nay; đề nghị đã phê duyệt hoặc không phê duyệt không tính.</small></figcaption>
</figure>
<div class="table-wrap age-table" tabindex="0" role="region" aria-label="Số liệu của biểu đồ thời gian chờ"><table>
  <caption>Số đề nghị chờ xử lý theo trạng thái và thời gian chờ</caption>
  <thead><tr><th scope="col">Trạng thái</th>${ageing.bands.map((b) => html`<th scope="col" class="num">${b}</th>`)}<th scope="col" class="num">Tổng</th></tr></thead>
  <tbody>${ageing.rows.map((r) => html`<tr><th scope="row">${swatch(r.status)} ${r.statusLabel}</th>${r.counts.map((c) => html`<td class="num">${c}</td>`)}<td class="num">${r.total}</td></tr>`)}
  <tr><th scope="row">Tổng</th>${totals.map((c) => html`<td class="num">${c}</td>`)}<td class="num">${all}</td></tr></tbody>
</table></div>`;
}
