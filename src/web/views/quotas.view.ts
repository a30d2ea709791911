import { Html, html } from '../html';
import { formMessage } from './layout';

/** The year's award quotas (chỉ tiêu khen thưởng) as the board shows them, and whether the caller may set them. */
export interface YearQuotas {
  items: Array<{ code: string; label: string; quota: number }>;
  /** 0: never set, the defaults apply. */
  version: number;
  /** The organiser's reviewers and administrators set the quotas. */
  canSet: boolean;
}

/** Chỉ tiêu khen thưởng: read by everyone on the year page, set by the organiser with a reason. */
export function quotasSection(clusterId: string, year: number, q: YearQuotas): Html {
  return html`<section class="card" aria-labelledby="h-quotas"><h2 id="h-quotas">Chỉ tiêu khen thưởng năm ${year}</h2>
  <p>${q.items.map((i, n) => html`${n ? ' · ' : ''}${i.label}: <strong>${i.quota}</strong>`)}${q.version === 0 ? html` <span class="muted">(mức mặc định, cơ quan tổ chức chưa đặt)</span>` : ''}</p>
  ${q.canSet
    ? html`<form data-api="/api/clusters/${clusterId}/years/${year}/awards/quotas" data-method="PUT" data-success="Đã cập nhật chỉ tiêu khen thưởng." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${q.version}">
    <div class="grid2">${q.items.map(
      (i, n) => html`<div class="field"><input type="hidden" name="quotas.${n}.award" value="${i.code}">
        <label for="quota-${i.code}">Chỉ tiêu ${i.label} (số đơn vị, 0–50)</label><input id="quota-${i.code}" name="quotas.${n}.quota" data-type="int" inputmode="numeric" value="${i.quota}" required></div>`,
    )}</div>
    <div class="field"><label for="quota-reason">Lý do thay đổi chỉ tiêu (bắt buộc)</label><input id="quota-reason" name="reason" required></div>
    <div class="actions"><button type="submit">Lưu chỉ tiêu</button></div>
  </form>`
    : ''}
</section>`;
}
