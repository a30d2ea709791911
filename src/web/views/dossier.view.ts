import type { ProposalView } from '../../awards/proposals.service';
import { dateTimeVi, dateVi, daysAgoVi, pointsVi } from '../format';
import { todayInVietnam } from '../../common/time';
import { ACTION_LABELS } from '../audit-labels';
import type { ProposalDossierFacts, ProposalStepView } from '../../awards/proposal-steps';
import { Html, html } from '../html';
import { PageFrame, formMessage, layout } from './layout';
import { standingSection } from './standing.view';
import type { UnitStandingView } from '../../awards/ratings/ratings.dto';
import type { UploadedFileView } from '../../attachments/attachments.dto';
import { reportsBlock } from './reports.view';
import { proposalBadge, resubmitByText } from './awards.view';

const DOC_NAMES: Record<string, string> = { MINUTES: 'biên bản hội nghị bình xét', SUBMISSION: 'tờ trình', LIST: 'danh sách đề nghị khen thưởng' };

/** The Tờ trình a sent proposal went with, when its date is not the day the sending was recorded (a re-entered year). */
export type SubmissionRef = { number: string | null; date: string | null };

/** The Tờ trình a sent proposal went with, when it is dated another day than the sending was recorded; else null. */
export function earlierSubmission(pr: ProposalView, submission: SubmissionRef | null | undefined): (SubmissionRef & { date: string }) | null {
  return pr.submittedAt && submission?.date && dateVi(submission.date) !== dateVi(pr.submittedAt) ? { number: submission.number, date: submission.date } : null;
}

/** What the dossier shows beside the proposal and its reports. */
export interface DossierExtras {
  canReview: boolean;
  standing: UnitStandingView | null;
  canManageReports: boolean;
  /** Which of MINUTES, SUBMISSION, LIST the cluster issued. */
  issued: Set<string>;
  submission: SubmissionRef | null;
  facts: ProposalDossierFacts;
}

/** The proposal's recorded steps: when, what, who, and the opinion or reason given (an approval's "Ý kiến" too). */
function stepsSection(steps: ProposalStepView[]): Html {
  if (!steps.length) return html``;
  return html`<section class="card" aria-labelledby="h-steps"><h2 id="h-steps">Diễn biến hồ sơ</h2>
  <div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Thời điểm</th><th scope="col">Bước</th><th scope="col">Người thực hiện</th><th scope="col">Ý kiến, lý do</th></tr></thead><tbody>
  ${steps.map((s) => html`<tr><td data-label="Thời điểm">${dateTimeVi(s.at)}</td><td data-label="Bước">${ACTION_LABELS[s.action] ?? s.action}</td><td data-label="Người thực hiện">${s.actor}</td><td data-label="Ý kiến, lý do">${s.reason ?? ''}</td></tr>`)}
  </tbody></table></div></section>`;
}

/** What the proposal rests on: the cluster's ranking of the year, the vote of its review meeting, the council's vote. */
function basisOfProposal(pr: ProposalView, facts: ProposalDossierFacts): Html {
  const r = facts.ranking;
  const c = facts.council;
  const rankText = r && r.rank !== null ? `hạng ${r.rank}${r.tie ? ' (đồng hạng)' : ''}/${r.units} đơn vị${r.total !== null ? `, ${pointsVi(r.total)} điểm` : ''}${r.band ? `, ${r.band.toLocaleLowerCase('vi')}` : ''}` : 'chưa xếp hạng';
  return html`<dl class="record" data-testid="proposal-basis">
    <dt>Kết quả chấm điểm năm ${pr.year} của cụm</dt><dd>${r ? `${rankText}${r.published ? '' : ' (kết quả chưa công bố)'}` : 'đơn vị không có trong bảng xếp hạng của cụm'} · <a href="/cum/${pr.clusterId}/nam/${pr.year}/xep-hang">Xem bảng xếp hạng</a></dd>
    <dt>Biểu quyết tại hội nghị bình xét của cụm</dt><dd>${pr.approvalText} (${pr.votesFor} phiếu đồng ý)</dd>
    ${c ? html`<dt>Biểu quyết của Hội đồng Thi đua – Khen thưởng</dt><dd>${c.votesFor === null ? 'chưa biểu quyết' : `${c.votesFor}/${c.members} thành viên đồng ý${c.ratioText ? ` (${c.ratioText})` : ''}`}${c.votesFor !== null && c.passed !== null ? ` — ${c.passed ? 'đạt' : 'không đạt'} mức ${c.requiredText}` : ''}${c.closed ? '' : ' (biên bản chưa chốt)'} · <a href="/hoi-dong/${c.meetingId}">Cuộc họp ngày ${dateVi(c.heldOn)}</a></dd>` : ''}
  </dl>`;
}

export function dossierPage(frame: PageFrame, pr: ProposalView, reports: UploadedFileView[], extras: DossierExtras): Html {
  const { canReview, standing, canManageReports, issued, submission, facts } = extras;
  const claimed = pr.status === 'IN_REVIEW' ? [...facts.steps].reverse().find((s) => s.action === 'proposal.claim') : undefined;
  const recordedOn = pr.submittedAt ? dateVi(pr.submittedAt) : '';
  const earlier = earlierSubmission(pr, submission);
  const base = `/api/clusters/${pr.clusterId}/years/${pr.year}`;
  // The heading names the form; a one-button form (claim) says what it does instead of repeating its button.
  const act = (action: string, label: string, fields: Html, confirm?: string, heading: string | null = label) =>
    html`<form data-api="/api/proposals/${pr.id}/${action}" data-method="POST" data-success="Đã ghi nhận: ${label}." ${confirm ? html`data-confirm="${confirm}"` : ''} class="card" novalidate>${formMessage}
      ${heading ? html`<h3>${heading}</h3>` : ''}<input type="hidden" name="version" data-type="int" value="${pr.version}">${fields}
      <div class="actions"><button type="submit">${label}</button></div></form>`;
  return layout(
    { ...frame, title: `Hồ sơ đề nghị: ${pr.unit.name}`, crumbs: [['Tổng quan', '/'], ['Thẩm định đề nghị', '/tham-dinh'], [pr.unit.name]] },
    html`<h1>${pr.awardLabel}: ${pr.unit.name}</h1>
<section class="card"><p>${pr.clusterName} · năm ${pr.year} · ${proposalBadge(pr)}</p>
  <p>${!pr.submittedAt ? `Chưa gửi ${pr.sentTo}` : earlier ? `Gửi ${pr.sentTo} kèm tờ trình${earlier.number ? ` số ${earlier.number}` : ''} ngày ${dateVi(earlier.date)} (ghi nhận trên hệ thống ngày ${recordedOn})` : `Gửi ${pr.sentTo} ngày ${recordedOn} (${daysAgoVi(pr.daysSinceSubmitted ?? 0)})`} · ${pr.daysInStatus} ngày ở trạng thái hiện tại</p>
  ${claimed ? html`<p>Đang do <strong>${claimed.actor}</strong> thẩm định (nhận ngày ${dateVi(claimed.at)}).</p>` : ''}
  ${basisOfProposal(pr, facts)}
  <p>${pr.basisNote}</p>
  ${pr.reviewNote ? html`<p><strong>${pr.status === 'RETURNED' || pr.status === 'REJECTED' ? 'Ý kiến thẩm định:' : 'Lý do trả lại lần trước:'}</strong> ${pr.reviewNote}</p>` : ''}
  ${pr.resubmitBy ? html`<p><strong>Hạn gửi bổ sung:</strong> ${resubmitByText(pr.resubmitBy)}</p>` : ''}
  ${pr.supplementNote ? html`<p><strong>Cụm đã bổ sung khi gửi lại:</strong> ${pr.supplementNote}</p>` : ''}
  ${pr.decisionNumber ? html`<p><strong>Quyết định:</strong> ${pr.decisionNumber}${pr.decisionDate ? ` ngày ${dateVi(pr.decisionDate)}` : ''}</p>` : ''}
</section>
${canReview && pr.status === 'SUBMITTED' ? act('claim', 'Nhận thẩm định', html`<p>Đề nghị đang chờ ${pr.sentTo} thẩm định. Nhận thẩm định để phê duyệt, trả lại cụm bổ sung hoặc không phê duyệt.</p>`, undefined, null) : ''}
${canReview && pr.status === 'IN_REVIEW'
  ? html`<div class="grid2">
    ${facts.approvalBlocked
      ? html`<section class="card" aria-labelledby="h-approve"><h3 id="h-approve">Phê duyệt</h3><p class="flash warn" role="status" data-testid="approval-blocked">${facts.approvalBlocked}</p><p><a href="/hoi-dong?co-quan=${facts.organizerId}">Mở trang Hội đồng Thi đua – Khen thưởng</a></p><div class="actions"><button type="button" disabled>Phê duyệt</button></div></section>`
      : act('approve', 'Phê duyệt', html`<p class="muted"><small>Ghi số và ngày của quyết định khen thưởng đã ký. Dự thảo quyết định (các đề nghị đã gửi ${pr.sentTo}, đang thẩm định hoặc đã phê duyệt) tải ở trang <a href="/tham-dinh#h-docs">Thẩm định đề nghị</a>.</small></p><div class="field"><label for="decisionNumber">Số quyết định (bắt buộc)</label><input id="decisionNumber" name="decisionNumber" data-type="optional"></div><div class="field"><label for="decisionDate">Ngày quyết định (bắt buộc)</label><input id="decisionDate" name="decisionDate" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric"></div><div class="field"><label for="approve-reason">Ý kiến</label><textarea id="approve-reason" name="reason" data-type="optional"></textarea></div>`, `Phê duyệt đề nghị tặng ${pr.awardLabel} cho ${pr.unit.name} theo quyết định đã ghi? Đã phê duyệt thì không trả lại hay sửa được nữa.`)}
    ${act('return', 'Trả lại để bổ sung', html`<div class="field"><label for="return-reason">Lý do trả lại (bắt buộc)</label><textarea id="return-reason" name="reason" required></textarea></div><div class="field"><label for="resubmitBy">Hạn gửi bổ sung</label><input id="resubmitBy" name="resubmitBy" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" aria-describedby="resubmitBy-help"><small id="resubmitBy-help" class="muted">Không bắt buộc; hệ thống nhắc cụm 7 ngày, 3 ngày trước hạn, đúng hạn và khi quá hạn. Để trống: không đặt hạn riêng${facts.proposalDeadline ? `, hạn gửi hồ sơ của năm là ${dateVi(facts.proposalDeadline)}${facts.proposalDeadline < todayInVietnam() ? ' (đã qua, không nhắc thêm)' : ''}` : ''}.</small></div>`, `Trả lại đề nghị tặng ${pr.awardLabel} cho ${pr.unit.name} để cụm bổ sung? Cụm được báo ngay và gửi lại hồ sơ sau khi bổ sung.`)}
    ${act('reject', 'Không phê duyệt', html`<div class="field"><label for="reject-reason">Lý do (bắt buộc)</label><textarea id="reject-reason" name="reason" required></textarea></div>`, 'Không phê duyệt đề nghị này?')}
  </div>`
  : ''}
${standing ? standingSection(pr.unit, standing, pr.year, canReview) : ''}
${stepsSection(facts.steps)}
<div class="card">${reportsBlock(pr, reports, canManageReports, 'h2')}</div>
<section class="card" aria-labelledby="h-docs"><h2 id="h-docs">Tài liệu hồ sơ</h2>
  ${issued.size < 3 ? html`<p class="muted">${pr.clusterName} chưa ban hành ${['MINUTES', 'SUBMISSION', 'LIST'].filter((k) => !issued.has(k)).map((k) => DOC_NAMES[k]).join(', ')} năm ${pr.year}: cụm ban hành khi gửi đề nghị, hoặc với năm được nhập lại sau khi đã qua, khi ghi ngày ban hành như trên văn bản gốc.</p>` : ''}
  <p>${[['SUBMISSION', 'proposals/submission.pdf', 'Tải tờ trình'], ['LIST', 'proposals/list.pdf', 'Tải danh sách'], ['MINUTES', 'review-meeting/minutes.pdf', 'Tải biên bản']].filter(([k]) => issued.has(k)).map(([, path, label], i) => html`${i ? ' · ' : ''}<a data-download href="${base}/${path}">${label}</a>`)}</p>
  ${issued.has('SUBMISSION') ? html`<h3>Tờ trình đề nghị khen thưởng</h3>
  <iframe class="doc" title="Tờ trình đề nghị khen thưởng" src="${base}/proposals/submission.pdf?inline=1" loading="lazy"></iframe>` : ''}
  ${issued.has('LIST') ? html`<h3>Danh sách đề nghị</h3>
  <iframe class="doc" title="Danh sách đề nghị khen thưởng" src="${base}/proposals/list.pdf?inline=1" loading="lazy"></iframe>` : ''}
</section>`,
  );
}
