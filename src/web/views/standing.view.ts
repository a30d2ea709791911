import type { UnitStandingView } from '../../awards/ratings/ratings.dto';
import { COLLECTIVE_RATINGS, COLLECTIVE_RATING_LABELS, IMPEDIMENT_KINDS, IMPEDIMENT_LABELS } from '../../awards/ratings/ratings.entities';
import { dateVi } from '../format';
import { Html, html } from '../html';
import { formMessage } from './layout';

/**
 * A unit's legal ratings by year (by decision) and the impediments to proposing it, with the reviewer's forms: what
 * the "two consecutive years" route and the pre-checks of a proposal read.
 */
export function standingSection(unit: { id: string; name: string }, standing: UnitStandingView, year: number, canEdit: boolean): Html {
  const rating = (y: number) => standing.ratings.find((r) => r.year === y);
  return html`<section class="card" aria-labelledby="h-standing"><h2 id="h-standing">Xếp loại và trường hợp chưa xét khen thưởng</h2>
  <p class="muted">Trong hệ thống này, xếp loại theo quyết định của cấp có thẩm quyền được dùng cho Bằng khen xét theo hai năm liên tục hoàn thành xuất sắc nhiệm vụ. Cờ thi đua và Bằng khen theo chỉ tiêu của cụm được hệ thống xét theo kết quả chấm điểm, bình xét của cụm, không theo xếp loại này; “chưa ghi nhận” nghĩa là hệ thống chưa có quyết định xếp loại của năm đó.</p>
  <div class="table-wrap"><table><thead><tr><th scope="col">Năm</th><th scope="col">Xếp loại (theo quyết định)</th><th scope="col">Quyết định</th></tr></thead><tbody>
  ${[year, year - 1].map((y) => {
    const r = rating(y);
    return html`<tr><td>${y}</td><td>${r ? r.ratingLabel : html`<span class="muted">chưa ghi nhận</span>`}</td><td>${r ? `${r.decisionNumber} ngày ${dateVi(r.decisionDate)} của ${r.decidedBy}` : ''}</td></tr>`;
  })}
  </tbody></table></div>
  ${standing.impediments.length
    ? html`<ul>${standing.impediments.map((x) => html`<li>${x.kindLabel}: ${x.reference}, từ ${dateVi(x.fromDate)}${x.toDate ? ` đến ${dateVi(x.toDate)}` : ' (đang hiệu lực)'}</li>`)}</ul>`
    : html`<p class="muted">Không có trường hợp chưa xét khen thưởng nào được ghi nhận.</p>`}
  ${canEdit
    ? html`<details><summary>Ghi nhận xếp loại năm ${year}</summary>
    <form data-api="/api/units/${unit.id}/ratings/${year}" data-method="PUT" data-success="Đã ghi nhận xếp loại." novalidate>${formMessage}
      ${rating(year) ? html`<input type="hidden" name="version" data-type="int" value="${rating(year)!.version}">` : ''}
      <div class="field"><label for="rating">Xếp loại</label><select id="rating" name="rating">${COLLECTIVE_RATINGS.map((c) => html`<option value="${c}">${COLLECTIVE_RATING_LABELS[c]}</option>`)}</select></div>
      <div class="field"><label for="decidedBy">Cơ quan quyết định</label><input id="decidedBy" name="decidedBy" required></div>
      <div class="field"><label for="ratingDecisionNumber">Số quyết định xếp loại</label><input id="ratingDecisionNumber" name="decisionNumber" required></div>
      <div class="field"><label for="ratingDecisionDate">Ngày quyết định xếp loại</label><input id="ratingDecisionDate" name="decisionDate" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" required></div>
      <div class="field"><label for="rating-reason">Lý do ghi nhận</label><input id="rating-reason" name="reason" value="Theo quyết định xếp loại" required></div>
      <div class="actions"><button type="submit">Ghi nhận xếp loại</button></div>
    </form></details>
    <details><summary>Ghi nhận trường hợp chưa xét khen thưởng</summary>
    <form data-api="/api/units/${unit.id}/impediments" data-method="POST" data-success="Đã ghi nhận." novalidate>${formMessage}
      <div class="field"><label for="impediment-kind">Trường hợp</label><select id="impediment-kind" name="kind">${IMPEDIMENT_KINDS.map((k) => html`<option value="${k}">${IMPEDIMENT_LABELS[k]}</option>`)}</select></div>
      <div class="field"><label for="impediment-from">Từ ngày</label><input id="impediment-from" name="fromDate" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" required></div>
      <div class="field"><label for="impediment-to">Đến ngày (để trống: còn hiệu lực)</label><input id="impediment-to" name="toDate" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric"></div>
      <div class="field"><label for="impediment-ref">Văn bản (số, ký hiệu)</label><input id="impediment-ref" name="reference" required></div>
      <div class="field"><label for="impediment-reason">Lý do ghi nhận</label><input id="impediment-reason" name="reason" required></div>
      <div class="actions"><button type="submit">Ghi nhận trường hợp</button></div>
    </form></details>`
    : ''}
</section>`;
}
