import type { HistoryScoreView } from '../../reports/history.dto';
import { pointsVi } from '../format';
import { Html, html } from '../html';

/** One line a unit of the lineage: colour and marker shape differ, so the lines are told apart in greyscale too. */
const SERIES = [
  { colour: '#1f5fa8', shape: 'circle' },
  { colour: '#9a6700', shape: 'square' },
  { colour: '#1e7b34', shape: 'triangle' },
  { colour: '#6b3fa0', shape: 'diamond' },
] as const;
type Shape = (typeof SERIES)[number]['shape'];

function marker(shape: Shape, x: number, y: number, colour: string, r = 5): Html {
  switch (shape) {
    case 'square':
      return html`<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" fill="${colour}"/>`;
    case 'triangle':
      return html`<path d="M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z" fill="${colour}"/>`;
    case 'diamond':
      return html`<path d="M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z" fill="${colour}"/>`;
    default:
      return html`<circle cx="${x}" cy="${y}" r="${r}" fill="${colour}"/>`;
  }
}

const rankText = (s: HistoryScoreView) => (s.rank ? `hạng ${s.rank}/${s.units}` : 'chưa xếp hạng');

/**
 * A unit's final total in each published year, its predecessors' included (one line a unit of the lineage), with its
 * rank among the cluster's units under each year. Server-drawn SVG: prints as seen, the values are written on it,
 * and the figure's description reads them out.
 */
export function unitTrendChart(scores: HistoryScoreView[], unitId: string): Html {
  if (!scores.length) return html`<p class="muted">Chưa có năm nào cụm đã công bố kết quả chấm điểm của đơn vị (hoặc đơn vị tiền thân).</p>`;
  const years = [...new Set(scores.map((s) => s.year))].sort((a, b) => a - b);
  // The unit itself first, then its predecessors in the order they first appear.
  const ids = [...new Set([...scores].sort((a, b) => Number(b.unit.id === unitId) - Number(a.unit.id === unitId) || a.year - b.year).map((s) => s.unit.id))];
  const series = ids.map((id, i) => ({ id, unit: scores.find((s) => s.unit.id === id)!.unit, ...SERIES[i % SERIES.length] }));
  const styleOf = (id: string) => series.find((x) => x.id === id)!;
  const values = scores.map((s) => s.total);
  const hi = Math.max(100, Math.ceil(Math.max(...values)));
  let lo = Math.max(0, Math.floor(Math.min(...values) - 5));
  if (hi - lo < 10) lo = Math.max(0, hi - 10);
  const slot = years.length <= 7 ? 96 : Math.max(60, Math.floor(680 / years.length));
  const left = 44;
  const top = 26;
  const plotH = 170;
  const perYear = Math.max(...years.map((y) => scores.filter((s) => s.year === y).length));
  const width = left + years.length * slot + 16;
  const height = top + plotH + 26 + perYear * 17 + 6;
  const x = (year: number) => left + slot * (years.indexOf(year) + 0.5);
  const y = (v: number) => top + plotH * (1 - (v - lo) / (hi - lo));
  const ticks = [lo, Math.round((lo + hi) / 2), hi];
  const described = scores.map((s) => `${s.year}: ${s.unit.name} ${pointsVi(s.total)} điểm, ${rankText(s)} (${s.clusterName})`).join('; ');
  return html`<figure class="chart trend">
  <div class="chart-scroll" data-scroll-end tabindex="0" role="region" aria-label="Biểu đồ điểm qua các năm (trên điện thoại cuộn ngang để xem các năm trước)">
  <svg viewBox="0 0 ${width} ${height}" width="${width}" style="min-width:${Math.min(width, 600)}px" role="img" aria-labelledby="trend-title trend-desc" preserveAspectRatio="xMinYMin meet">
    <title id="trend-title">Điểm cuối cùng và thứ hạng qua các năm đã công bố kết quả</title>
    <desc id="trend-desc">${described}</desc>
    ${ticks.map((t) => html`<line x1="${left}" x2="${width - 8}" y1="${y(t)}" y2="${y(t)}" stroke="#d5dae3"/><text x="${left - 6}" y="${y(t) + 4}" font-size="12" text-anchor="end" fill="#5b6475">${t}</text>`)}
    ${series.map((s) => {
      const own = scores.filter((p) => p.unit.id === s.id).sort((a, b) => a.year - b.year);
      return own.length > 1 ? html`<polyline points="${own.map((p) => `${x(p.year)},${y(p.total)}`).join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"/>` : '';
    })}
    ${years.map((year) => {
      const here = scores.filter((s) => s.year === year).sort((a, b) => b.total - a.total);
      return html`<g>
      ${here.map((s, k) => {
        const st = styleOf(s.unit.id);
        // The highest value of the year is labelled above its marker, the others below theirs.
        const ly = k === 0 ? y(s.total) - 10 : y(s.total) + 20;
        return html`<g class="point" data-year="${year}" data-unit="${s.unit.id}" data-total="${s.total}">${marker(st.shape, x(year), y(s.total), st.colour)}</g><text x="${x(year)}" y="${ly}" font-size="14" font-weight="600" text-anchor="middle" fill="#1d2433">${pointsVi(s.total)}</text>`;
      })}
      <text x="${x(year)}" y="${top + plotH + 20}" font-size="14" font-weight="600" text-anchor="middle" fill="#1d2433">${year}</text>
      ${[...here].sort((a, b) => ids.indexOf(a.unit.id) - ids.indexOf(b.unit.id)).map((s, k) => {
        const st = styleOf(s.unit.id);
        const ty = top + plotH + 38 + k * 17;
        return html`${series.length > 1 ? marker(st.shape, x(year) - 36, ty - 4, st.colour, 4) : ''}<text x="${x(year) + (series.length > 1 ? 6 : 0)}" y="${ty}" font-size="12" text-anchor="middle" fill="#3b4252">${rankText(s)}</text>`;
      })}
    </g>`;
    })}
  </svg></div>
  <figcaption class="muted"><small>${series.length > 1
    ? html`<span class="legend">${series.map((s) => html`<span><svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">${marker(s.shape, 6, 6, s.colour, 4)}</svg> ${s.unit.name}${s.id === unitId ? ' (đơn vị này)' : ' (tiền thân)'}</span>`)}</span><br>`
    : ''}Chỉ các năm cụm đã công bố kết quả; trục điểm bắt đầu từ ${lo}; dưới mỗi năm là thứ hạng trong số các đơn vị của cụm.</small></figcaption>
</figure>`;
}
