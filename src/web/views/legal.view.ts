import type { LegalCatalogueView, LegalOnView, LegalTextView, LegalValueView } from '../../legal/legal.dto';
import { dateVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';

const KIND_LABELS: Record<string, string> = {
  BASE_SALARY: 'Mức lương cơ sở',
  REWARD_MULTIPLE: 'Hệ số tiền thưởng (tập thể)',
  COUNCIL_SHARE: 'Tỷ lệ biểu quyết của Hội đồng',
  STANDING_BODY: 'Cơ quan thường trực thi đua, khen thưởng',
  WOMEN_PREFERENCE: 'Ưu tiên tập thể có tỷ lệ nữ cao',
  DOSSIER_REPORT: 'Báo cáo thành tích trong hồ sơ đề nghị',
};

/** Who a figure applies to, in words: an award, or an organiser (its unit code). */
const SUBJECT_LABELS: Record<string, string> = {
  EMULATION_FLAG: 'Cờ thi đua',
  CERTIFICATE_OF_MERIT: 'Bằng khen',
  BTTTT: 'Bộ Thông tin và Truyền thông',
  BKHCN: 'Bộ Khoa học và Công nghệ',
};

const period = (from: string | null, to: string | null) => `${from ? dateVi(from) : '…'} – ${to ? dateVi(to) : 'nay'}`;
const vnd = (n: number) => n.toLocaleString('vi-VN');

function amountText(v: LegalValueView): string {
  if (v.amount === null) return v.label ?? '';
  if (v.kind === 'BASE_SALARY') return `${vnd(v.amount)} đồng`;
  if (v.kind === 'REWARD_MULTIPLE') return `${(v.amount / 10).toLocaleString('vi-VN')} lần`;
  if (v.kind === 'DOSSIER_REPORT') return v.amount ? `Bắt buộc: ${v.label ?? 'báo cáo thành tích của đơn vị được đề nghị'}` : 'Không bắt buộc';
  return `${v.strictlyAbove ? 'trên' : 'từ'} ${(v.amount / 100).toLocaleString('vi-VN')}%${v.strictlyAbove ? '' : ' trở lên'}`;
}

function source(row: { sourceUrl: string | null; assumption: string | null }, article: string | null): Html {
  return html`${row.sourceUrl ? html`<a href="${row.sourceUrl}" rel="noreferrer noopener" target="_blank">Nguồn</a>${article ? ` (${article})` : ''}` : article ?? ''}
    ${row.assumption ? html`<br>${badge('Giả định', 'warn')} <small>${row.assumption}</small>` : ''}`;
}

/** The edit form of one row (administrators): its period, figure or citation, source and assumption, with a reason. */
function editForm(kind: 'texts' | 'values', row: LegalTextView | LegalValueView): Html {
  const id = `${kind}-${row.id}`;
  const isText = kind === 'texts';
  return html`<details><summary>Sửa</summary><form data-api="/api/legal/${kind}/${row.id}" data-method="PATCH" data-success="Đã cập nhật danh mục pháp lý." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${row.version}">
    <div class="field"><label for="${id}-from">Có hiệu lực từ</label><input id="${id}-from" name="effectiveFrom" data-type="date-vi" placeholder="dd/mm/yyyy" value="${row.effectiveFrom ? dateVi(row.effectiveFrom) : ''}"></div>
    <div class="field"><label for="${id}-to">Hết hiệu lực</label><input id="${id}-to" name="effectiveTo" data-type="date-vi" placeholder="dd/mm/yyyy" value="${row.effectiveTo ? dateVi(row.effectiveTo) : ''}"></div>
    ${isText
      ? html`<div class="field"><label for="${id}-citation">Dòng trích dẫn (Căn cứ …;)</label><textarea id="${id}-citation" name="citation" data-type="nullable">${(row as LegalTextView).citation ?? ''}</textarea></div>`
      : html`<div class="field"><label for="${id}-amount">Số liệu</label><input id="${id}-amount" name="amount" data-type="int" inputmode="numeric" value="${(row as LegalValueView).amount ?? ''}"></div>`}
    <div class="field"><label for="${id}-url">Địa chỉ nguồn</label><input id="${id}-url" name="sourceUrl" data-type="nullable" value="${row.sourceUrl ?? ''}"></div>
    <div class="field"><label for="${id}-assumption">Giả định (để trống khi đã có nguồn đầy đủ)</label><textarea id="${id}-assumption" name="assumption" data-type="nullable">${row.assumption ?? ''}</textarea></div>
    <div class="field"><label for="${id}-reason">Lý do sửa</label><input id="${id}-reason" name="reason" required></div>
    <div class="actions"><button type="submit">Lưu</button></div>
  </form></details>`;
}

/** The legal catalogue: texts and figures by period with their sources or assumptions, and what applies on a date. */
export function legalPage(frame: PageFrame, catalogue: LegalCatalogueView, on: LegalOnView, canEdit: boolean): Html {
  const sectors = [...new Set(catalogue.texts.map((t) => t.sector).filter((x): x is string => !!x))].sort();
  return layout(
    { ...frame, title: 'Danh mục pháp lý', crumbs: [['Tổng quan', '/'], ['Danh mục pháp lý']] },
    html`<h1>Danh mục pháp lý</h1>
<p class="muted">Văn bản, số liệu theo thời kỳ và nguồn của từng mục. Mục có nhãn «Giả định» chưa được xác minh: không in như quy định trong văn bản.</p>
<section class="card" aria-labelledby="h-on"><h2 id="h-on">Quy định áp dụng vào một ngày</h2>
  <form method="get" action="/phap-ly" class="actions">
    <label for="ngay">Ngày</label><input id="ngay" name="ngay" type="date" value="${on.date}">
    <label for="nganh">Cơ quan tổ chức (văn bản hướng dẫn của ngành)</label><select id="nganh" name="nganh"><option value="">(không chọn: chỉ luật, nghị định)</option>${sectors.map((code) => html`<option value="${code}" ${code === on.sector ? 'selected' : ''}>${SUBJECT_LABELS[code] ?? code}</option>`)}</select>
    <button type="submit" class="secondary">Xem</button>
  </form>
  <ol>${on.citations.map((c) => html`<li>${c}</li>`)}</ol>
  <p>Mức lương cơ sở: ${on.baseSalary?.amount ? `${vnd(on.baseSalary.amount)} đồng` : 'chưa có'}${on.baseSalary?.assumption ? html` ${badge('Giả định', 'warn')}` : ''}</p>
  <ul>${on.rewards.map((r) => html`<li>${r.award === 'EMULATION_FLAG' ? 'Cờ thi đua' : 'Bằng khen'}: ${r.text}${r.assumptions.length ? html` ${badge('Giả định', 'warn')} <small>${r.assumptions.join(' ')}</small>` : ''}</li>`)}</ul>
</section>
<section class="card" aria-labelledby="h-texts"><h2 id="h-texts">Văn bản</h2>
  <div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Văn bản</th><th scope="col">Hiệu lực</th><th scope="col">Trích dẫn</th><th scope="col">Nguồn</th></tr></thead><tbody>
  ${catalogue.texts.map((t) => html`<tr><td data-label="Văn bản"><strong>${t.kind} ${t.number}</strong>${t.signedOn ? ` ngày ${dateVi(t.signedOn)}` : ''}<br><small>${t.issuer} · ${t.title}</small></td>
    <td data-label="Hiệu lực">${period(t.effectiveFrom, t.effectiveTo)}</td><td data-label="Trích dẫn"><small>${t.citation ?? html`<span class="muted">không trích dẫn</span>`}</small></td>
    <td data-label="Nguồn">${source(t, t.sourceArticle)}${canEdit ? editForm('texts', t) : ''}</td></tr>`)}
  </tbody></table></div>
</section>
<section class="card" aria-labelledby="h-values"><h2 id="h-values">Số liệu theo thời kỳ</h2>
  <div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Loại</th><th scope="col">Áp dụng cho</th><th scope="col">Thời kỳ</th><th scope="col">Giá trị</th><th scope="col">Căn cứ</th></tr></thead><tbody>
  ${catalogue.values.map((v) => html`<tr><td data-label="Loại">${KIND_LABELS[v.kind] ?? v.kind}</td><td data-label="Áp dụng cho">${v.subject ? (SUBJECT_LABELS[v.subject] ?? v.subject) : '—'}</td><td data-label="Thời kỳ">${period(v.effectiveFrom, v.effectiveTo)}</td><td data-label="Giá trị">${amountText(v)}</td>
    <td data-label="Căn cứ">${v.textRef ? html`${v.textRef}<br>` : ''}${source(v, v.article)}${canEdit ? editForm('values', v) : ''}</td></tr>`)}
  </tbody></table></div>
</section>`,
  );
}
