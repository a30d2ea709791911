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
 * The ranking as horizontal bars (server-rendered SVG: no script, prints as drawn, scales to a phone's width). The
 * scale starts at the lowest score less a margin so that the differences people argue about are visible, and says so.
 */
export function rankingChart(rows: BarRow[], title: string): Html {
  const scored = rows.filter((r) => r.value !== null);
  if (!scored.length) return html``;
  const max = 100;
  const low = Math.max(0, Math.floor(Math.min(...scored.map((r) => r.value!)) - 5));
  const barH = 22;
  const gap = 8;
  const labelW = 250;
  const chartW = 420;
  const width = labelW + chartW + 70;
  const height = scored.length * (barH + gap) + 40;
  const x = (v: number) => labelW + ((v - low) / (max - low)) * chartW;
  const ticks = [low, low + (max - low) / 2, max].map((v) => Math.round(v));
  return html`<figure class="chart">
  <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMinYMin meet">
    <title id="chart-title">${title}</title>
    <desc id="chart-desc">${scored.map((r) => `${r.rank ? `Hạng ${r.rank}: ` : ''}${r.label} ${vi(r.value!)} điểm${r.band ? ` (${r.band})` : ''}`).join('; ')}</desc>
    ${ticks.map((t) => html`<line x1="${x(t)}" x2="${x(t)}" y1="0" y2="${height - 24}" stroke="#d5dae3"/><text x="${x(t)}" y="${height - 8}" font-size="12" text-anchor="middle" fill="#5b6475">${t}</text>`)}
    ${scored.map((r, i) => {
      const y = i * (barH + gap) + 4;
      const w = Math.max(2, x(r.value!) - labelW);
      return html`<g>
      <text x="${labelW - 8}" y="${y + barH * 0.7}" font-size="13" text-anchor="end" fill="#1d2433">${r.rank ? `${r.rank}. ` : ''}${r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label}</text>
      <rect x="${labelW}" y="${y}" width="${w}" height="${barH}" rx="3" fill="${BAND_FILL[r.bandCode ?? ''] ?? '#5b6475'}"/>
      <text x="${labelW + w + 6}" y="${y + barH * 0.7}" font-size="13" fill="#1d2433">${vi(r.value!)}</text>
    </g>`;
    })}
  </svg>
  <figcaption class="muted"><small>Thang điểm bắt đầu từ ${low} để thấy rõ chênh lệch; màu theo phân loại theo điểm của cụm: ${Object.entries({ EXCELLENT: 'xanh lá', GOOD: 'xanh dương', COMPLETED: 'vàng nâu', NOT_COMPLETED: 'đỏ' })
    .filter(([code]) => scored.some((r) => r.bandCode === code))
    .map(([code, colour]) => `${colour}: ${scored.find((r) => r.bandCode === code)!.band}`)
    .join('; ')}.</small></figcaption>
</figure>`;
}
