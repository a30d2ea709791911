import type { EvidenceView } from '../../scoring/evidence.service';
import { dateTimeVi, sizeVi } from '../format';
import { Html, html } from '../html';
import { formMessage } from './layout';

/** What the evidence list needs of the grid's columns and rows (structurally the grid's own types). */
interface Column {
  code: string;
  text: string;
}
interface Row {
  target: { id: string; name: string };
  sheet: { id: string; status: string; version: number } | null;
}

/**
 * Tài liệu minh chứng of the sheets on the grid: the files attached to each sheet, per criterion, and (while the
 * sheet can still be written) a form to attach one more. A row with no sheet yet is saved first: its form waits,
 * hidden, and the grid opens it once the first save has made the sheet (score-grid.js, data-evidence-for).
 */
export function evidenceSection(base: string, columns: Column[], rows: Row[], files: Map<string, EvidenceView[]>, editable: boolean): Html {
  const attach = (r: Row, i: number, sheetId: string | null) => html`<form ${sheetId ? html`data-api="${base}/sheets/${sheetId}/evidence"` : html`hidden data-evidence-for="${r.target.id}" data-api-pattern="${base}/sheets/:sheet/evidence"`} data-method="POST" enctype="multipart/form-data" data-busy="Đang tải lên…" data-success="Đã đính kèm tài liệu minh chứng." novalidate>${formMessage}
        <div class="grid2">
          <div class="field"><label for="ev-code-${i}">Tiêu chí</label><select id="ev-code-${i}" name="criterionCode">${columns.map((c) => html`<option value="${c.code}">${c.code} – ${c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text}</option>`)}</select></div>
          <div class="field"><label for="ev-file-${i}">Tệp minh chứng cho ${r.target.name}</label><input id="ev-file-${i}" name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx" required></div>
        </div>
        ${submittedEdit(r, `ev-reason-${i}`, 'Lý do bổ sung minh chứng (phiếu đã nộp)')}
        <div class="actions"><button type="submit" class="secondary">Đính kèm</button></div>
      </form>`;
  return html`<section class="card" aria-labelledby="h-evidence"><h2 id="h-evidence">Tài liệu minh chứng</h2>
  <p class="muted"><small>PDF, ảnh (PNG, JPG) hoặc tệp Office, tối đa 10 MB mỗi tệp; mỗi tệp gắn với một tiêu chí của phiếu.</small></p>
  ${rows.map((r, i) => {
    const sheet = r.sheet;
    const list = sheet ? (files.get(sheet.id) ?? []) : [];
    return html`<h3>${r.target.name}</h3>
    ${list.length
      ? html`<ul class="plain">${list.map((f, j) => html`<li><strong>${f.criterionCode}</strong>: <a data-download href="${base}/sheets/${sheet!.id}/evidence/${f.id}">${f.fileName}</a> <small class="muted">(${sizeVi(f.sizeBytes)}, ${dateTimeVi(f.uploadedAt)})</small>${editable && sheet!.status !== 'LOCKED' ? removeForm(base, r, f, `${i}-${j}`) : ''}</li>`)}</ul>`
      : html`<p class="muted">Chưa có tài liệu minh chứng.</p>`}
    ${!editable || sheet?.status === 'LOCKED'
      ? ''
      : sheet
        ? attach(r, i, sheet.id)
        : html`<p class="muted" data-evidence-wait="${r.target.id}"><small>Lưu nháp phiếu trước để đính kèm minh chứng.</small></p>${attach(r, i, null)}`}`;
  })}
</section>`;
}

/** A handed-in sheet's evidence changes as an edit of the sheet: the version read and a reason. */
function submittedEdit(r: Row, id: string, label: string): Html | string {
  if (r.sheet?.status !== 'SUBMITTED') return '';
  return html`<input type="hidden" name="version" value="${r.sheet.version}"><div class="field"><label for="${id}">${label}</label><input id="${id}" name="reason" required maxlength="500"></div>`;
}

/** Removing a file put on the wrong criterion or sheet, with a reason (kept in the audit log). */
function removeForm(base: string, r: Row, f: EvidenceView, key: string): Html {
  const submitted = r.sheet!.status === 'SUBMITTED';
  return html`<details class="inline"><summary>Gỡ tệp</summary><form data-api="${base}/sheets/${r.sheet!.id}/evidence/${f.id}" data-method="DELETE" data-success="Đã gỡ tài liệu minh chứng." novalidate>${formMessage}
    ${submitted ? html`<input type="hidden" name="version" data-type="int" value="${r.sheet!.version}">` : ''}<div class="field"><label for="ev-rm-${key}">Lý do gỡ ${f.fileName}</label><input id="ev-rm-${key}" name="reason" required maxlength="500"></div>
    <div class="actions"><button type="submit" class="secondary">Gỡ tệp minh chứng</button></div></form></details>`;
}
