import type { DocumentInfoView } from '../../issued-documents/documents.dto';
import type { AuditPage, AuditQueryDto } from '../../audit/audit.dto';
import { dateTimeVi, dateVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, formMessage, layout } from './layout';

import { ACTION_LABELS, ENTITY_LABELS, changedFields, recordHref } from '../audit-labels';

/** Before and after as the fields that changed (a small table), or the new record's fields. */
function changes(before: unknown, after: unknown, entityType: string, names: ReadonlyMap<string, string>): Html {
  const rows = changedFields(before, after, entityType, names);
  if (!rows.length) return html`<span class="muted">không đổi</span>`;
  return html`<table class="changes"><tbody>${rows.slice(0, 12).map((r) => html`<tr>${r.field ? html`<th scope="row">${r.field}</th>` : ''}<td>${before === null || before === undefined ? '' : html`<del>${r.before}</del> → `}<ins>${r.after}</ins></td></tr>`)}</tbody></table>${rows.length > 12 ? html`<small class="muted">và ${rows.length - 12} trường khác</small>` : ''}`;
}

export function auditPage(frame: PageFrame, page: AuditPage, q: AuditQueryDto, names: ReadonlyMap<string, string> = new Map()): Html {
  const next = (page.offset ?? 0) + page.limit;
  const params = (offset: number) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, offset })) if (v !== undefined && v !== '') s.set(k, String(v));
    return `?${s.toString()}`;
  };
  return layout(
    { ...frame, title: 'Nhật ký thay đổi', scripts: ['audit.js'], crumbs: [['Tổng quan', '/'], ['Nhật ký']] },
    html`<h1>Nhật ký thay đổi</h1>
<section class="card actions">
  <button type="button" data-role="verify-chain" class="secondary">Kiểm tra tính toàn vẹn của nhật ký</button>
  <span data-role="verify-result" role="status" aria-live="polite"></span>
</section>
<form method="get" action="/nhat-ky" class="card">
  <div class="grid2">
    <div class="field"><label for="actor">Người thực hiện (tên đăng nhập)</label><input id="actor" name="actor" value="${q.actor ?? ''}"></div>
    <div class="field"><label for="action">Thao tác</label><select id="action" name="action"><option value="">Mọi thao tác</option>${Object.entries(ACTION_LABELS).map(([code, label]) => html`<option value="${code}" ${q.action === code ? 'selected' : ''}>${label}</option>`)}</select></div>
    <div class="field"><label for="entityType">Loại đối tượng</label><select id="entityType" name="entityType"><option value="">Mọi loại</option>${Object.entries(ENTITY_LABELS).map(([code, label]) => html`<option value="${code}" ${q.entityType === code ? 'selected' : ''}>${label}</option>`)}</select></div>
    <div class="field"><label for="from">Từ ngày</label><input id="from" name="from" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" value="${dateVi(q.from)}"></div>
    <div class="field"><label for="to">Đến ngày</label><input id="to" name="to" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" value="${dateVi(q.to)}"></div>
  </div>
  <div class="actions"><button type="submit" class="secondary">Lọc</button><a href="/nhat-ky">Bỏ lọc</a></div>
</form>
<p class="muted">${page.total} bản ghi; hiển thị từ ${page.total ? (page.offset ?? 0) + 1 : 0} đến ${Math.min(next, page.total)}.</p>
<div class="table-wrap"><table class="cards">
  <thead><tr><th scope="col" class="num">STT</th><th scope="col">Thời điểm</th><th scope="col">Người thực hiện</th><th scope="col">Thao tác</th><th scope="col">Đối tượng</th><th scope="col">Lý do</th><th scope="col">Thay đổi</th></tr></thead>
  <tbody>${page.items.map(
    (a) => {
      const href = recordHref(a.entityType, a.entityId, a.clusterId);
      const entity = ENTITY_LABELS[a.entityType] ?? a.entityType;
      return html`<tr><td class="num" data-label="STT">${a.seq}</td><td data-label="Thời điểm">${dateTimeVi(a.occurredAt)}</td><td data-label="Người thực hiện">${a.actorUsername ?? 'hệ thống'}</td><td data-label="Thao tác">${ACTION_LABELS[a.action] ?? a.action}<br><small class="muted"><code>${a.action}</code></small></td><td data-label="Đối tượng">${href ? html`<a href="${href}">${entity}</a>` : entity}${names.has(a.entityId) ? html`<br><small>${names.get(a.entityId)}</small>` : ''}</td><td data-label="Lý do">${a.reason ?? ''}</td>
      <td data-label="Thay đổi"><small>${changes(a.before, a.after, a.entityType, names)}</small></td></tr>`;
    },
  )}</tbody>
</table></div>
<div class="actions">${(page.offset ?? 0) > 0 ? html`<a href="${params(Math.max(0, (page.offset ?? 0) - page.limit))}">← Trang trước</a>` : ''}${next < page.total ? html`<a href="${params(next)}">Trang sau →</a>` : ''}</div>`,
  );
}

export function verifyPage(frame: PageFrame): Html {
  return layout(
    { ...frame, title: 'Xác thực tài liệu', crumbs: [['Tổng quan', '/'], ['Xác thực tài liệu']] },
    html`<h1>Xác thực tài liệu</h1>
<p>Tải lên một tệp PDF do hệ thống phát hành (bản giao ước, biên bản, tờ trình, bảng tổng hợp…) để biết tệp còn nguyên vẹn hay đã bị sửa đổi, và đó là tài liệu nào. Với bản giao ước ký số, trang cho biết từng chữ ký: ai ký, chứng thư số của ai, còn hiệu lực khi ký không, và có phiên bản nào sau đó thay đổi nội dung không.</p>
<form class="card" data-api="/api/documents/verify" data-method="POST" enctype="multipart/form-data" data-busy="Đang kiểm tra…" data-on-success="verified" novalidate>
  ${formMessage}
  <label for="file">Tệp PDF</label>
  <input id="file" name="file" type="file" accept="application/pdf,.pdf" required>
  <div class="actions"><button type="submit">Kiểm tra</button></div>
</form>
<section class="card" data-role="verify-output" aria-live="polite" hidden></section>`,
  );
}

/** The page the QR code of an issued document opens: what the document is, who issued it, and how to check a copy. */
export function documentInfoPage(frame: PageFrame, d: DocumentInfoView | null, id: string): Html {
  const r = d?.record ?? null;
  const rows: Array<[string, string]> = d
    ? [
        ['Tài liệu', d.title],
        ['Đơn vị ban hành', d.clusterName],
        ['Năm thi đua', String(d.year)],
        ['Trạng thái khi phát hành', d.statusLabel],
        ['Phát hành lúc', dateTimeVi(d.issuedAt)],
        ...(r
          ? ([
              ['Số, ký hiệu văn bản', r.number ?? 'Không ghi số (danh sách, bảng tổng hợp hoặc dự thảo)'],
              ['Ngày, tháng, năm văn bản', r.date ? dateVi(r.date) : 'Chưa ghi ngày (dự thảo)'],
              ['Tên loại văn bản', r.type],
              ['Trích yếu nội dung', r.summary ?? ''],
              ['Cơ quan, tổ chức ban hành (mã trong hệ thống)', r.issuerCode ?? ''],
              ['Chức vụ người ký', r.signerPosition ?? ''],
              ['Họ và tên người ký', r.signerName ?? 'Chưa ghi tên người ký'],
              ['Số trang', r.pageCount ? String(r.pageCount) : ''],
              ['Nơi nhận', r.recipients.join('; ')],
            ] as Array<[string, string]>)
          : []),
        ['Mã băm SHA-256 của tệp gốc', d.sha256],
      ]
    : [];
  return layout(
    { ...frame, title: 'Thông tin tài liệu', crumbs: [['Xác thực tài liệu', '/xac-thuc'], ['Thông tin tài liệu']] },
    html`<h1>Thông tin tài liệu</h1>
${d
  ? html`<section class="card" aria-labelledby="h-doc"><h2 id="h-doc" class="ok">Tài liệu do hệ thống phát hành</h2>
  <dl class="record">${rows.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd class="${k.startsWith('Mã băm') ? 'hash' : ''}">${v}</dd>`)}</dl>
  <p class="muted"><small>Trang này cho biết tài liệu mang mã ${id} là gì. Để biết tệp bạn đang có còn nguyên vẹn hay đã bị sửa, tải tệp lên ở trang <a href="/xac-thuc">Xác thực tài liệu</a>: tệp nguyên vẹn có đúng mã băm trên.</small></p>
</section>`
  : html`<p class="flash error" role="alert">Không tìm thấy tài liệu mang mã ${id}: tài liệu không do hệ thống này phát hành, hoặc mã đã bị sửa.</p>`}`,
  );
}
