import type { ProposalView } from '../../awards/proposals.service';
import type { AgeingRow } from '../../awards/queue-ageing.rules';
import { PROPOSAL_STATUS_LABELS } from '../../awards/proposals.rules';
import { dateVi, daysAgoVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, formMessage, layout } from './layout';
import { proposalBadge } from './awards.view';
import { SubmissionRef, earlierSubmission } from './dossier.view';
import { ageingChart } from './queue-chart';
import type { ServiceLevelView } from '../../notifications/notifications.dto';

/** The queue's filter as the address carries it (the names of the API's query: year, clusterId, award, status). */
export interface QueueFilter {
  year?: number;
  clusterId?: string;
  award?: string;
  status?: string;
  olderThanDays?: number;
  limit?: number;
  offset?: number;
}

export interface QueueData {
  page: { items: ProposalView[]; total: number; limit: number; offset: number };
  filter: QueueFilter;
  /** The clusters the filter offers, named with their organiser (several organisers number their clusters alike). */
  clusters: Array<{ id: string; name: string; organizerName: string }>;
  awards: Array<{ code: string; name: string }>;
  ageing: { asOf: string; bands: string[]; rows: AgeingRow[] };
  /** The Tờ trình each sent proposal went with (number, date), by proposal id. */
  submissions: Map<string, SubmissionRef>;
  /** The year the documents' fields start on (the filter's, else last year). */
  documentYear: number;
  /** The caller's organiser's service level (a reviewer sets it here); null for an administrator. */
  serviceLevel: ServiceLevelView | null;
}

/**
 * When a proposal was sent: the day, and how long ago. A year re-entered after the fact was recorded here on a later day
 * than its Tờ trình bears: the Tờ trình's number and date come first, the day of recording after them.
 */
function sentCell(pr: ProposalView, submission: SubmissionRef | undefined): Html {
  if (!pr.submittedAt) return html`<span class="muted">chưa gửi</span>`;
  const sentOn = dateVi(pr.submittedAt);
  const earlier = earlierSubmission(pr, submission);
  // Resent after a return: said, with the day it came back.
  const resent = !!pr.supplementNote && pr.status !== 'RETURNED';
  if (!earlier) return html`${resent ? 'Gửi lại ' : ''}${sentOn}<br><small class="muted">${daysAgoVi(pr.daysSinceSubmitted ?? 0)}</small>`;
  return html`${dateVi(earlier.date)}<br><small class="muted">tờ trình${earlier.number ? ` số ${earlier.number}` : ''}; ${resent ? 'gửi lại sau khi bổ sung, ' : ''}ghi nhận trên hệ thống ngày ${sentOn}</small>`;
}

/** The statuses a reviewer filters by (a draft never reaches Bộ). */
const STATUSES = ['SUBMITTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'REJECTED'] as const;
const WAITING = new Set(['SUBMITTED', 'IN_REVIEW', 'RETURNED']);

/** The address of the queue with this filter and offset (empty values left out, as the filter form does). */
function queueHref(filter: QueueFilter, offset: number): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, offset: offset || undefined })) if (v !== undefined && v !== '') s.set(k, String(v));
  const query = s.toString();
  return query ? `/tham-dinh?${query}` : '/tham-dinh';
}

/** How long a proposal has waited: in its status while it waits for someone; since when once decided. */
function age(pr: ProposalView): Html {
  // Decided: by the decision's number and date when recorded (a year re-entered later was decided long before it was recorded).
  if (pr.status === 'APPROVED' && pr.decisionDate) return html`<small class="muted">${pr.decisionNumber ? `Quyết định số ${pr.decisionNumber} ` : 'Quyết định '}ngày ${dateVi(pr.decisionDate)}</small>`;
  if (!WAITING.has(pr.status)) return html`<small class="muted">từ ${dateVi(pr.updatedAt)}</small>`;
  const text = `${pr.daysInStatus} ngày ở trạng thái này`;
  const verdict = pr.overServiceLevel === null ? '' : pr.overServiceLevel ? html`<br><strong class="overdue" data-role="sla">Quá thời hạn xử lý ${pr.serviceLevelDays} ngày</strong>` : html`<br><span class="muted" data-role="sla">Trong thời hạn xử lý ${pr.serviceLevelDays} ngày</span>`;
  return html`<small>${pr.daysInStatus > 30 || pr.overServiceLevel ? html`<strong class="overdue">${text}</strong>` : text}${verdict}</small>`;
}

/** The organiser's service level: how many days a dossier may wait in one status (audited, with a reason). */
function serviceLevelForm(level: ServiceLevelView): Html {
  return html`<form data-api="/api/organizers/${level.organizerId}/service-level" data-method="PUT" data-success="Đã lưu thời hạn xử lý hồ sơ." class="service-level" novalidate>${formMessage}
  <h3>Thời hạn xử lý hồ sơ của ${level.organizerName}</h3>
  <p class="muted"><small>${level.days === null ? 'Chưa đặt thời hạn.' : `Hiện tại: ${level.days} ngày.`} Hồ sơ đã gửi Bộ hoặc đang thẩm định chờ quá số ngày này ở một trạng thái được đánh dấu quá hạn, và cán bộ thẩm định nhận thông báo.</small></p>
  <input type="hidden" name="version" data-type="int" value="${level.version}">
  <div class="filters">
    <div class="field"><label for="sla-days">Thời hạn xử lý (ngày theo lịch, kể cả ngày nghỉ)</label><input id="sla-days" name="days" data-type="int" inputmode="numeric" maxlength="3" value="${level.days ?? ''}"></div>
    <div class="field"><label for="sla-reason">Lý do</label><input id="sla-reason" name="reason"></div>
  </div>
  <div class="actions"><button type="submit" class="secondary">Lưu thời hạn</button></div>
</form>`;
}

function filterForm(d: QueueData): Html {
  const f = d.filter;
  const option = (value: string, label: string, chosen: string | undefined) => html`<option value="${value}" ${value === (chosen ?? '') ? 'selected' : ''}>${label}</option>`;
  return html`<form method="get" action="/tham-dinh" class="card queue-filter" aria-labelledby="h-filter">
  <h2 id="h-filter">Lọc đề nghị</h2>
  <div class="filters">
    <div class="field"><label for="q-year">Năm thi đua</label><input id="q-year" name="year" inputmode="numeric" maxlength="4" value="${f.year ?? ''}" placeholder="Mọi năm"></div>
    <div class="field"><label for="q-cluster">Cụm thi đua</label><select id="q-cluster" name="clusterId">${option('', 'Tất cả các cụm', f.clusterId)}${d.clusters.map((c) => option(c.id, c.name, f.clusterId))}</select></div>
    <div class="field"><label for="q-award">Hình thức khen thưởng</label><select id="q-award" name="award">${option('', 'Tất cả', f.award)}${d.awards.map((a) => option(a.code, a.name, f.award))}</select></div>
    <div class="field"><label for="q-status">Trạng thái</label><select id="q-status" name="status">${option('', 'Tất cả', f.status)}${STATUSES.map((s) => option(s, PROPOSAL_STATUS_LABELS[s], f.status))}</select></div>
  </div>
  ${f.limit ? html`<input type="hidden" name="limit" value="${f.limit}">` : ''}
  <div class="actions"><button type="submit" class="secondary">Lọc</button><a href="/tham-dinh">Bỏ lọc</a></div>
</form>`;
}

/** What the filter keeps, in words (on the page and on paper, where the form is not printed). */
function filterSummary(d: QueueData): string {
  const f = d.filter;
  const parts = [
    f.year ? `năm ${f.year}` : 'mọi năm',
    f.clusterId ? (d.clusters.find((c) => c.id === f.clusterId)?.name ?? '') : 'mọi cụm',
    f.award ? (d.awards.find((a) => a.code === f.award)?.name ?? f.award) : 'mọi hình thức',
    f.status ? `trạng thái "${PROPOSAL_STATUS_LABELS[f.status as keyof typeof PROPOSAL_STATUS_LABELS] ?? f.status}"` : 'mọi trạng thái',
  ];
  return parts.filter(Boolean).join(' · ');
}

function documents(d: QueueData): Html {
  return html`<section class="card queue-docs" aria-labelledby="h-docs"><h2 id="h-docs">Tài liệu khen thưởng</h2>
  <div class="filters">
    <div class="field"><label for="dd-year">Năm thi đua của tài liệu</label><input id="dd-year" name="year" inputmode="numeric" maxlength="4" value="${d.documentYear}"></div>
    <div class="field"><label for="dd-on">Ngày quyết định dự kiến</label><input id="dd-on" name="decidedOn" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" aria-describedby="dd-on-hint"></div>
  </div>
  <small id="dd-on-hint" class="muted">Để trống: ngày quyết định đã ghi khi phê duyệt (chưa có thì hôm nay). Dự thảo trích dẫn văn bản pháp luật và mức tiền thưởng còn hiệu lực vào ngày này, để trống ngày tháng cho người ký.</small>
  <ul>
    <li><a data-download data-query-fields="dd-year dd-on" href="/api/awards/decision-draft.pdf">Dự thảo quyết định khen thưởng (PDF)</a> <small class="muted">các đề nghị đã gửi Bộ, đang thẩm định hoặc đã phê duyệt của năm (Cờ thi đua: khi Hội đồng đã thông qua); khi Bộ trưởng ký, ghi số và ngày quyết định vào từng hồ sơ để phê duyệt</small></li>
    <li><a data-download data-query-fields="dd-year" href="/api/awards/proposals.xlsx">Tổng hợp đề nghị theo cụm và trạng thái (Excel)</a></li>
    <li><a data-download data-query-fields="dd-year" href="/api/awards/history.xlsx">Lịch sử khen thưởng (Excel)</a></li>
  </ul>
</section>`;
}

/** Hàng đợi thẩm định: the filter, one page of proposals (oldest submission first), then the queue's ageing and the documents. */
export function queuePage(frame: PageFrame, d: QueueData): Html {
  const { items, total, limit, offset } = d.page;
  const last = Math.min(offset + limit, total);
  const pages = Math.max(1, Math.ceil(total / limit));
  const pageNo = Math.min(pages, Math.floor(offset / limit) + 1);
  const organizers = new Map(d.clusters.map((c) => [c.id, c.organizerName]));
  return layout(
    { ...frame, title: 'Thẩm định đề nghị khen thưởng', crumbs: [['Tổng quan', '/'], ['Thẩm định đề nghị']] },
    html`<h1>Thẩm định đề nghị khen thưởng</h1>
${filterForm(d)}
<section aria-labelledby="h-list" class="queue-list"><h2 id="h-list">Danh sách đề nghị</h2>
<p class="queue-count"><strong>${total} đề nghị</strong>${items.length ? `; hiển thị từ ${offset + 1} đến ${last}` : ''} · <span class="muted">${filterSummary(d)}</span></p>
${items.length === 0
  ? total > 0
    ? html`<p class="muted">Trang này ở sau đề nghị cuối cùng: <a href="${queueHref(d.filter, 0)}">về trang đầu</a>.</p>`
    : html`<p class="muted">Không có đề nghị nào khớp bộ lọc.</p>`
  : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-list"><table class="queue-table cards"><thead><tr><th scope="col">Đơn vị</th><th scope="col">Hình thức</th><th scope="col">Cụm</th><th scope="col" class="num">Năm</th><th scope="col">Ngày gửi</th><th scope="col">Trạng thái</th></tr></thead><tbody>
  ${items.map(
    (pr) => html`<tr><th scope="row"><a href="/tham-dinh/${pr.id}">${pr.unit.name}</a></th><td data-label="Hình thức">${pr.awardLabel}</td><td data-label="Cụm">${pr.clusterName}${organizers.get(pr.clusterId) ? html`<br><small class="muted">${organizers.get(pr.clusterId)}</small>` : ''}</td><td class="num" data-label="Năm">${pr.year}</td>
    <td data-label="Ngày gửi">${sentCell(pr, d.submissions.get(pr.id))}</td>
    <td data-label="Trạng thái">${proposalBadge(pr)}<br>${age(pr)}</td></tr>`,
  )}
  </tbody></table></div>`}
${pages > 1
  ? html`<nav class="actions pager" aria-label="Phân trang">${offset > 0 ? html`<a href="${queueHref(d.filter, Math.max(0, offset - limit))}" rel="prev">← Trang trước</a>` : ''}<span>Trang ${pageNo}/${pages}</span>${last < total ? html`<a href="${queueHref(d.filter, offset + limit)}" rel="next">Trang sau →</a>` : ''}</nav>`
  : ''}
</section>
<section class="card" aria-labelledby="h-age"><h2 id="h-age">Thời gian chờ xử lý</h2>${ageingChart(d.ageing)}${d.serviceLevel ? serviceLevelForm(d.serviceLevel) : ''}</section>
${documents(d)}`,
  );
}
