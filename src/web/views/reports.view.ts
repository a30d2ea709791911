import { ACHIEVEMENT_REPORTS } from '../../awards/achievement-reports.service';
import type { ProposalView } from '../../awards/proposals.service';
import type { UploadedFileView } from '../../attachments/attachments.dto';
import { EVIDENCE_EXTENSIONS } from '../../documents/file-types';
import { dateTimeVi, sizeVi } from '../format';
import { Html, html } from '../html';
import { formMessage } from './layout';

const MAX_MB = Math.round(ACHIEVEMENT_REPORTS.maxBytes / 1024 / 1024);

/** The secretariat adds reports while the proposal is a draft or has been returned (the service decides; the page says so first). */
export const reportsOpen = (pr: ProposalView) => pr.status === 'DRAFT' || pr.status === 'RETURNED';

/**
 * Báo cáo thành tích of one proposal: the files with their download links and, for whoever may add one now, the
 * upload form (a wrong type or a file over the limit is refused with the reason next to the file field).
 */
export function reportsBlock(pr: ProposalView, reports: UploadedFileView[], canManage: boolean, headingLevel: 'h2' | 'h3' = 'h3'): Html {
  const id = `bc-${pr.id}`;
  const heading = `Báo cáo thành tích: ${pr.awardLabel}, ${pr.unit.name}`;
  return html`<section class="reports" aria-labelledby="${id}-h">
  ${headingLevel === 'h2' ? html`<h2 id="${id}-h">${heading}</h2>` : html`<h3 id="${id}-h">${heading}</h3>`}
  ${reports.length
    ? html`<ul class="files">${reports.map((r) => html`<li><a data-download href="/api/proposals/${pr.id}/reports/${r.id}">${r.fileName}</a> <small class="muted">${sizeVi(r.sizeBytes)} · tải lên ${dateTimeVi(r.uploadedAt)} bởi ${r.uploadedBy}</small></li>`)}</ul>`
    : html`<p class="muted">Chưa có báo cáo thành tích.</p>`}
  ${canManage && reportsOpen(pr)
    ? html`<form data-api="/api/proposals/${pr.id}/reports" data-method="POST" enctype="multipart/form-data" data-busy="Đang tải lên…" data-success="Đã tải lên báo cáo thành tích cho ${pr.unit.name}." novalidate>${formMessage}
      <div class="field"><label for="${id}-file">Tệp báo cáo thành tích</label>
      <input id="${id}-file" name="file" type="file" required accept="${EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join(',')}" data-max-bytes="${ACHIEVEMENT_REPORTS.maxBytes}" aria-describedby="${id}-hint">
      <small id="${id}-hint" class="muted">PDF, Word, Excel, PowerPoint hoặc ảnh (${EVIDENCE_EXTENSIONS.join(', ')}), tối đa ${MAX_MB} MB.</small></div>
      <div class="actions"><button type="submit" class="secondary">Tải lên báo cáo</button></div></form>`
    : canManage
      ? html`<p class="muted"><small>Chỉ bổ sung báo cáo thành tích khi đề nghị còn là dự thảo hoặc bị ${pr.sentTo} trả lại.</small></p>`
      : ''}
</section>`;
}
