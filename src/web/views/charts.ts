import { Html, html } from '../html';

/** Fill of a bar by the band of the cluster's scale (colour and pattern agree with the band's name on the bar). */
const BAND_FILL: Record<string, string> = {
  EXCELLENT: '#1e7b34',
  GOOD: '#1f5fa8',
  COMPLETED: '#9a6700',
  NOT_COMPLETED: '#b42318',
};

export interface BarRow {
  label: string;
  value: number | null;
  bandCode: string | null;
  band: string | null;
  rank: number | null;
}

const vi = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',');

/**
 * The ranking as horizontal bars (server-rendered SVG: no script, prints as drawn, scales to a phone's width). Each
 * unit's name stands above its bar, so the drawing is narrow enough to stay readable on a phone. The scale starts at
 * the lowest score less a margin so that the differences people argue about are visible, and says so.
 */
export function rankingChart(rows: BarRow[], title: string): Html {
  const scored = rows.filter((r) => r.value !== null);
  if (!scored.length) return html``;
  const max = 100;
  const low = Math.max(0, Math.floor(Math.min(...scored.map((r) => r.value!)) - 5));
  const labelH = 17;
  const barH = 16;
  const gap = 9;
  const rowH = labelH + barH + gap;
  const chartW = 360;
  const width = chartW + 54;
  const height = scored.length * rowH + 26;
  const x = (v: number) => ((v - low) / (max - low)) * chartW;
  const ticks = [low, low + (max - low) / 2, max].map((v) => Math.round(v));
  return html`<figure class="chart ranking">
  <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMinYMin meet">
    <title id="chart-title">${title}</title>
    <desc id="chart-desc">${scored.map((r) => `${r.rank ? `Hạng ${r.rank}: ` : ''}${r.label} ${vi(r.value!)} điểm${r.band ? ` (${r.band})` : ''}`).join('; ')}</desc>
    ${ticks.map((t) => html`<line x1="${x(t) + 1}" x2="${x(t) + 1}" y1="${labelH}" y2="${height - 20}" stroke="#d5dae3"/><text x="${Math.min(Math.max(x(t) + 1, 8), chartW - 6)}" y="${height - 6}" font-size="12" text-anchor="middle" fill="#5b6475">${t}</text>`)}
    ${scored.map((r, i) => {
      const y = i * rowH;
      const w = Math.max(2, x(r.value!));
      return html`<g>
      <text x="1" y="${y + 13}" font-size="13" fill="#1d2433">${r.rank ? `${r.rank}. ` : ''}${r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label}</text>
      <rect x="1" y="${y + labelH}" width="${w}" height="${barH}" rx="3" fill="${BAND_FILL[r.bandCode ?? ''] ?? '#5b6475'}"/>
      <text x="${w + 7}" y="${y + labelH + barH - 3}" font-size="13" font-weight="600" fill="#1d2433">${vi(r.value!)}</text>
    </g>`;
    })}
  </svg>
  <figcaption class="muted"><small>Thang điểm bắt đầu từ ${low} để thấy rõ chênh lệch; màu theo phân loại theo điểm của cụm: ${Object.entries({ EXCELLENT: 'xanh lá', GOOD: 'xanh dương', COMPLETED: 'vàng nâu', NOT_COMPLETED: 'đỏ' })
    .filter(([code]) => scored.some((r) => r.bandCode === code))
    .map(([code, colour]) => `${colour}: ${scored.find((r) => r.bandCode === code)!.band}`)
    .join('; ')}.</small></figcaption>
</figure>`;
}
