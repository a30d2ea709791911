import type { ConflictView, RelationView } from '../../scoring/conflicts.dto';
import type { AssignmentView } from '../../scoring/scoring.dto';
import { Html, html } from '../html';
import { badge, formMessage } from './layout';

/**
 * Xung đột lợi ích in peer scoring: computed before any sheet (same parent, predecessor or successor, a declared
 * relation, a reciprocal pair the regulation forbids), each with its reason; the secretariat may let one stand with a
 * reason, and declare a relation between two members.
 */
export function conflictsSection(api: string, conflicts: ConflictView[], assignments: AssignmentView[], canManage: boolean, relations: RelationView[] = []): Html {
  const open = conflicts.filter((c) => !c.overridden);
  const units = assignments.map((a) => a.scorer);
  const unitOptions = units.map((u) => html`<option value="${u.id}">${u.name}</option>`);
  return html`<section class="card" aria-labelledby="h-conflicts"><h2 id="h-conflicts">Xung đột lợi ích khi chấm chéo</h2>
  <p class="muted"><small>Tính trước khi chấm: cùng đơn vị cấp trên; đơn vị tiền thân hoặc kế thừa sau sáp nhập (hoặc cùng được sáp nhập vào một đơn vị); quan hệ đã khai báo; chấm chéo lẫn nhau khi quy chế của cụm không cho phép. Phiếu chấm chéo của một cặp có xung đột bị từ chối, trừ khi Thư ký cụm cho phép kèm lý do.</small></p>
  ${conflicts.length
    ? html`<div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Đơn vị chấm</th><th scope="col">Đơn vị được chấm</th><th scope="col">Lý do</th><th scope="col">Xử lý</th></tr></thead>
    <tbody>${conflicts.map(
      (c) => html`<tr><th scope="row" data-label="Đơn vị chấm">${c.scorer.name}</th><td data-label="Đơn vị được chấm">${c.target.name}</td><td data-label="Lý do">${c.reason}</td>
      <td data-label="Xử lý">${c.overridden ? html`${badge('Được phép', 'ok')} ${c.overrideReason ?? ''}` : badge('Không được chấm', 'warn')}</td></tr>`,
    )}</tbody></table></div>`
    : html`<p>Không có xung đột lợi ích trong phân công năm này.</p>`}
  ${canManage && open.length
    ? html`<form data-api="${api}/overrides" data-method="POST" data-success="Đã cho phép giữ phân công." novalidate>${formMessage}
    <h3>Cho phép giữ một phân công có xung đột</h3>
    <div class="field"><label for="co-pair">Cặp đơn vị</label><select id="co-pair" name="pair" data-type="params" data-fields="scorerUnitId targetUnitId">${open.map(
      (c) => html`<option value="${new URLSearchParams({ scorerUnitId: c.scorer.id, targetUnitId: c.target.id }).toString()}">${c.scorer.shortName} chấm ${c.target.shortName}</option>`,
    )}</select></div>
    <div class="field"><label for="co-reason">Lý do cho phép (bắt buộc)</label><input id="co-reason" name="reason" required maxlength="500"></div>
    <div class="actions"><button type="submit">Cho phép</button></div></form>`
    : ''}
  ${canManage && units.length > 1
    ? html`<form data-api="${api}/relations" data-method="POST" data-success="Đã khai báo quan hệ giữa hai đơn vị." novalidate>${formMessage}
    <h3>Khai báo quan hệ giữa hai đơn vị</h3>
    <div class="grid2"><div class="field"><label for="cr-a">Đơn vị thứ nhất</label><select id="cr-a" name="unitAId">${unitOptions}</select></div>
    <div class="field"><label for="cr-b">Đơn vị thứ hai</label><select id="cr-b" name="unitBId">${unitOptions}</select></div></div>
    <div class="field"><label for="cr-reason">Quan hệ (lý do, bắt buộc)</label><input id="cr-reason" name="reason" required maxlength="500"></div>
    <div class="actions"><button type="submit">Khai báo</button></div></form>`
    : ''}
  ${relations.length
    ? html`<h3>Quan hệ đã khai báo</h3><ul>${relations.map((r) => html`<li>${r.unitA.shortName} — ${r.unitB.shortName}: ${r.reason} <small class="muted">(${r.createdBy})</small></li>`)}</ul>
    ${canManage
      ? html`<form data-api="${api}/relations/remove" data-method="POST" data-success="Đã xóa quan hệ đã khai báo." data-confirm="Xóa quan hệ này? Các phân công chấm chéo giữa hai đơn vị không còn bị coi là xung đột vì quan hệ này." novalidate>${formMessage}
      <h3>Xóa một quan hệ đã khai báo</h3>
      <div class="field"><label for="rr-pair">Quan hệ</label><select id="rr-pair" name="pair" data-type="params" data-fields="unitAId unitBId">${relations.map(
        (r) => html`<option value="${new URLSearchParams({ unitAId: r.unitA.id, unitBId: r.unitB.id }).toString()}">${r.unitA.shortName} — ${r.unitB.shortName}</option>`,
      )}</select></div>
      <div class="field"><label for="rr-reason">Lý do xóa (bắt buộc)</label><input id="rr-reason" name="reason" required maxlength="500"></div>
      <div class="actions"><button type="submit" class="secondary">Xóa quan hệ</button></div></form>`
      : ''}`
    : ''}
</section>`;
}
