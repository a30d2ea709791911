import type { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/roles';
import type { ClusterView } from '../../clusters/clusters.dto';
import type { CriteriaChoicesView, CriteriaSetView } from '../../criteria/criteria.dto';
import type { PledgeView, SignatoryView } from '../../pledges/pledges.dto';
import { dateTimeVi, dateVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';
import { clusterHref, yearHref } from './clusters.view';
import { criteriaApi, criteriaHref, criteriaSourceSelect, criteriaTable } from './criteria.view';

export interface PledgePageData {
  cluster: ClusterView;
  year: number;
  pledge: PledgeView | null;
  criteria: CriteriaSetView | null;
  /** Where the year's set may start from, when it has none and the caller drafts the pledge. */
  choices: CriteriaChoicesView | null;
  canManage: boolean;
}

export function pledgePage(frame: PageFrame & { principal: Principal }, d: PledgePageData): Html {
  const { cluster, year, pledge, criteria, canManage } = d;
  const p = frame.principal;
  const base = `/api/clusters/${cluster.id}/years/${year}/pledge`;
  // The caller's own unit, or the units it took over that are members of the year (a successor signs for each).
  const toSign = (pledge?.signatories ?? []).filter((s) => p.unitIds.includes(s.unit.id) && !s.signed);
  const tone = pledge?.status === 'COMPLETE' ? 'ok' : pledge?.status === 'OPEN' ? 'warn' : 'info';
  return layout(
    { ...frame, title: `Giao ước thi đua năm ${year}`, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Giao ước thi đua']] },
    html`<h1>Giao ước thi đua năm ${year}</h1>
${!pledge
  ? html`<div class="card"><p>Chưa có bản giao ước thi đua năm ${year}.</p>
     ${canManage
       ? createForm(base, year, criteria, d.choices, criteriaHref(cluster.id, year))
       : ''}</div>`
  : html`<section class="card" aria-labelledby="h-info">
  <h2 id="h-info">${pledge.title}</h2>
  <p>${badge(pledge.statusLabel, tone)} · Đã ký ${pledge.signedCount}/${pledge.memberCount} đơn vị${pledge.documentNumber ? html` · Số ${pledge.documentNumber}` : ''}</p>
  <p>${pledge.signingPlace}, ngày ${dateVi(pledge.signingDate)}</p>
  ${pledge.theme ? html`<p><strong>Chủ đề:</strong> ${pledge.theme}</p>` : ''}
  ${pledge.legalBases.length ? html`<h3>Căn cứ</h3><ul>${pledge.legalBases.map((b) => html`<li>${b}</li>`)}</ul>` : ''}
  <h3>Mục đích, yêu cầu</h3><p class="pre-line">${pledge.purpose}</p>
  <h3>Tổ chức thực hiện</h3><p class="pre-line">${pledge.implementation}</p>
  <div class="actions">
    <a class="button secondary" data-download href="${base}/pdf">${pledge.status === 'COMPLETE' ? 'Tải bản giao ước (PDF có chữ ký số)' : 'Tải bản dự thảo giao ước (PDF)'}</a>
    ${pledge.status !== 'DRAFT' ? html`<a class="button secondary" data-download href="${base}/signed-pdf">Tải bản ký số của các đơn vị (mỗi đơn vị một chữ ký)</a>` : ''}
    ${canManage && pledge.status === 'DRAFT'
      ? html`<form data-api="${base}/open" data-method="POST" data-success="Đã mở ký giao ước." class="inline">${formMessage}<input type="hidden" name="version" data-type="int" value="${pledge.version}"><button type="submit">Mở cho các đơn vị ký</button></form>`
      : ''}
  </div>
</section>
${canManage && pledge.status !== 'COMPLETE' ? editForm(base, pledge) : ''}
${p.role === Role.UnitOfficer && pledge.status === 'OPEN'
  ? toSign.map(
      (s, i) => html`<section class="card" aria-labelledby="h-sign-${i}"><h2 id="h-sign-${i}">Ký giao ước cho đơn vị ${s.unit.name}</h2>
     ${s.unit.id !== p.unitId ? html`<p class="muted"><small>Đơn vị của bạn kế thừa đơn vị này sau sáp nhập và ký thay cho đơn vị.</small></p>` : ''}
     <form data-api="${base}/signatures" data-method="POST" data-success="Đơn vị của bạn đã ký giao ước." novalidate>${formMessage}
       <input type="hidden" name="unitId" value="${s.unit.id}">
       <div class="field"><label for="signerName-${i}">Họ tên người ký</label><input id="signerName-${i}" name="signerName" autocomplete="name" required></div>
       <div class="field"><label for="signerTitle-${i}">Chức danh</label><input id="signerTitle-${i}" name="signerTitle" value="Giám đốc" required></div>
       <div class="actions"><button type="submit">Ký giao ước</button></div>
     </form>
     <details><summary>Ký bằng token hoặc phần mềm ký số của đơn vị</summary>
     <p class="muted"><small>Tải bản ký số mới nhất, ký vào ô chữ ký của đơn vị bằng chứng thư số đã đăng ký, rồi gửi tệp đã ký lên đây.</small></p>
     <form data-api="${base}/signatures/upload" data-method="POST" enctype="multipart/form-data" data-success="Đã nhận bản giao ước đơn vị ký số." novalidate>${formMessage}
       <input type="hidden" name="unitId" value="${s.unit.id}">
       <div class="field"><label for="upName-${i}">Người ký (họ tên)</label><input id="upName-${i}" name="signerName" autocomplete="name" required></div>
       <div class="field"><label for="upTitle-${i}">Chức vụ người ký</label><input id="upTitle-${i}" name="signerTitle" value="Giám đốc" required></div>
       <div class="field"><label for="upFile-${i}">Tệp PDF đã ký</label><input id="upFile-${i}" name="file" type="file" accept="application/pdf,.pdf" required></div>
       <div class="actions"><button type="submit">Gửi bản đã ký</button></div>
     </form>
     <form data-api="${base}/signatures/certificate" data-method="POST" enctype="multipart/form-data" data-success="Đã đăng ký chứng thư số của đơn vị." novalidate>${formMessage}
       <input type="hidden" name="unitId" value="${s.unit.id}">
       <div class="field"><label for="cert-${i}">Chứng thư số của đơn vị (.cer, .pem)</label><input id="cert-${i}" name="file" type="file" accept=".cer,.crt,.pem,.der" required></div>
       <div class="actions"><button type="submit" class="secondary">Đăng ký chứng thư số</button></div>
     </form></details></section>`,
    )
  : ''}
<section class="card" aria-labelledby="h-signers"><h2 id="h-signers">Các đơn vị ký</h2>
  <div class="table-wrap"><table class="cards">
  <thead><tr><th scope="col">Đơn vị</th><th scope="col">Vai trò</th><th scope="col">Trạng thái</th><th scope="col">Người ký</th><th scope="col">Thời điểm</th></tr></thead>
  <tbody>${pledge.signatories.map((s) => html`<tr><th scope="row">${s.unit.name}</th><td data-label="Vai trò">${s.mark ?? ''}</td><td data-label="Trạng thái">${s.signed ? badge(s.paperSignedOn ? 'Đã ký bản giấy' : 'Đã ký', 'ok') : badge('Chưa ký', 'warn')}</td><td data-label="Người ký">${s.signerName ?? ''}${s.signerTitle ? html`<br><small class="muted">${s.signerTitle}</small>` : ''}</td><td data-label="Thời điểm">${signedWhen(s)}</td></tr>`)}</tbody>
  </table></div>
</section>
${canManage && pledge.status === 'OPEN' ? paperForms(base, pledge) : ''}`}
<section class="card" aria-labelledby="h-crit"><h2 id="h-crit">Tiêu chí thi đua</h2>${criteriaTable(criteria)}
<div class="actions">${criteria ? html`<a data-download href="${criteriaApi(cluster.id, year)}/export">Tải bộ tiêu chí (Excel)</a>` : ''}
<a href="${criteriaHref(cluster.id, year)}">${canManage ? (criteria?.locked ? 'Lập bản sửa đổi bộ tiêu chí' : 'Sửa bộ tiêu chí') : 'Xem bộ tiêu chí và các phiên bản'}</a></div></section>`,
  );
}

/** When a member signed: in the system at a time, or on paper on a day, entered later by someone. */
function signedWhen(s: SignatoryView): Html | string {
  if (!s.paperSignedOn) return dateTimeVi(s.signedAt);
  return html`Ngày ${dateVi(s.paperSignedOn)} (bản giấy)<br><small class="muted">${s.signedBy ? `do ${s.signedBy} nhập` : 'nhập'} lúc ${dateTimeVi(s.signedAt)}</small>`;
}

/**
 * The secretariat records the signatures made on paper (the signing conference; a past year entered later), dated the
 * day on the paper, and takes back one recorded by mistake.
 */
function paperForms(base: string, pledge: PledgeView): Html {
  const unsigned = pledge.signatories.filter((s) => !s.signed);
  const onPaper = pledge.signatories.filter((s) => s.paperSignedOn);
  return html`<details class="card"><summary>Ghi nhận chữ ký trên bản giấy</summary>
  <p class="muted"><small>Cho đơn vị đã ký bản giấy tại hội nghị ký giao ước, hoặc khi nhập bổ sung giao ước các năm trước: chữ ký mang ngày ghi trên bản giấy; hệ thống ghi người nhập và thời điểm nhập; trong bản ký số, ô của đơn vị do thư ký cụm xác nhận.</small></p>
  ${unsigned.length
    ? html`<form data-api="${base}/paper-signatures" data-method="POST" data-success="Đã ghi nhận chữ ký trên bản giấy." novalidate>${formMessage}
    <div class="field"><label for="giay-don-vi">Đơn vị đã ký bản giấy</label><select id="giay-don-vi" name="unitId" required>${unsigned.map((s) => html`<option value="${s.unit.id}">${s.unit.name}</option>`)}</select></div>
    <div class="field"><label for="giay-nguoi-ky">Họ tên người ký</label><input id="giay-nguoi-ky" name="signerName" required></div>
    <div class="field"><label for="giay-chuc-danh">Chức danh</label><input id="giay-chuc-danh" name="signerTitle" value="Giám đốc" required></div>
    <div class="field"><label for="giay-ngay">Ngày ký trên bản giấy</label><input id="giay-ngay" name="signedOn" data-type="date-vi" value="${dateVi(pledge.signingDate)}" placeholder="dd/mm/yyyy" inputmode="numeric" required></div>
    <div class="field"><label for="giay-ly-do">Lý do ghi nhận</label><input id="giay-ly-do" name="reason" placeholder="Ví dụ: ký tại hội nghị ký giao ước; bản giấy lưu tại Văn phòng Cụm" required></div>
    ${unsigned.length === 1 ? html`<div class="field"><label class="check"><input type="checkbox" id="giay-hoan-tat" name="confirmComplete"> Đây là chữ ký cuối cùng: tôi xác nhận hoàn tất bản giao ước (bộ tiêu chí bị khóa, không hủy ghi nhận được nữa).</label></div>` : ''}
    <div class="actions"><button type="submit">Ghi nhận chữ ký</button></div></form>`
    : html`<p>Mọi đơn vị đã ký.</p>`}
  ${onPaper.length
    ? html`<form data-api="${base}/paper-signatures/withdraw" data-method="POST" data-success="Đã hủy ghi nhận chữ ký trên bản giấy." novalidate>${formMessage}
    <h3>Hủy một chữ ký bản giấy đã ghi nhận nhầm</h3>
    <div class="field"><label for="giay-huy-don-vi">Đơn vị</label><select id="giay-huy-don-vi" name="unitId" required>${onPaper.map((s) => html`<option value="${s.unit.id}">${s.unit.name}</option>`)}</select></div>
    <div class="field"><label for="giay-huy-ly-do">Lý do hủy</label><input id="giay-huy-ly-do" name="reason" required></div>
    <div class="actions"><button type="submit" class="secondary">Hủy ghi nhận</button></div></form>`
    : ''}
</details>`;
}

/** Drafting: the pledge takes the year's set of criteria, or starts one (from a template, last year's, or empty). */
function createForm(base: string, year: number, criteria: CriteriaSetView | null, choices: CriteriaChoicesView | null, criteriaPage: string): Html {
  return html`<form data-api="${base}" data-method="POST" data-success="Đã tạo dự thảo bản giao ước." novalidate>${formMessage}
  ${criteria
    ? html`<p class="muted">Bản giao ước dùng bộ tiêu chí hiện có của năm (<a href="${criteriaPage}">phiên bản ${criteria.versionNo}, ${criteria.items.length} tiêu chí</a>).</p>`
    : choices
      ? criteriaSourceSelect('criteria-source', choices, 'criteriaFrom', 'template')
      : ''}
  <div class="field"><label for="title">Tiêu đề</label><input id="title" name="title" data-type="optional" value="Bản giao ước thi đua năm ${year}" maxlength="300"></div>
  <div class="field"><label for="new-signingDate">Ngày ký (dd/mm/yyyy; để trống: theo kế hoạch của năm)</label><input id="new-signingDate" name="signingDate" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric"></div>
  <div class="field"><label for="new-signingPlace">Địa điểm ký (để trống: tỉnh của đơn vị đăng cai)</label><input id="new-signingPlace" name="signingPlace" data-type="optional" maxlength="100"></div>
  <div class="actions"><button type="submit">Tạo dự thảo giao ước</button></div></form>`;
}

/** The secretariat edits the draft (or the open pledge, which withdraws the signatures once confirmed). */
function editForm(base: string, pledge: PledgeView): Html {
  const resets = pledge.status === 'OPEN' && pledge.signedCount > 0;
  const form = html`<form data-api="${base}" data-method="PATCH" data-success="Đã lưu bản giao ước." novalidate>${formMessage}
  <input type="hidden" name="version" data-type="int" value="${pledge.version}">
  <div class="field"><label for="pl-title">Tiêu đề</label><input id="pl-title" name="title" value="${pledge.title}" maxlength="300" required></div>
  <div class="grid2">
    <div class="field"><label for="pl-documentNumber">Số, ký hiệu (để trống: cấp số khi phát hành)</label><input id="pl-documentNumber" name="documentNumber" data-type="nullable" value="${pledge.documentNumber ?? ''}" maxlength="40"></div>
    <div class="field"><label for="pl-signingDate">Ngày ký (dd/mm/yyyy)</label><input id="pl-signingDate" name="signingDate" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" value="${dateVi(pledge.signingDate)}" required></div>
    <div class="field"><label for="pl-signingPlace">Địa điểm ký</label><input id="pl-signingPlace" name="signingPlace" value="${pledge.signingPlace}" maxlength="100" required></div>
    <div class="field"><label for="pl-theme">Chủ đề (không bắt buộc)</label><input id="pl-theme" name="theme" data-type="nullable" value="${pledge.theme ?? ''}" maxlength="500"></div>
  </div>
  <div class="field"><label for="pl-legalBases">Căn cứ (mỗi căn cứ một dòng)</label><textarea id="pl-legalBases" name="legalBases" data-type="list" rows="6" class="wide-text">${pledge.legalBases.join('\n')}</textarea></div>
  <div class="field"><label for="pl-purpose">Mục đích, yêu cầu</label><textarea id="pl-purpose" name="purpose" rows="6" class="wide-text" required>${pledge.purpose}</textarea></div>
  <div class="field"><label for="pl-implementation">Tổ chức thực hiện</label><textarea id="pl-implementation" name="implementation" rows="6" class="wide-text" required>${pledge.implementation}</textarea></div>
  <div class="field"><label for="pl-reason">Lý do chỉnh sửa (bắt buộc, ghi vào nhật ký)</label><input id="pl-reason" name="reason" maxlength="500" required></div>
  ${resets ? html`<div class="field"><label class="check"><input type="checkbox" id="pl-confirmResetSignatures" name="confirmResetSignatures"> Tôi hiểu rằng lưu thay đổi sẽ hủy ${pledge.signedCount} chữ ký đã có và các đơn vị phải ký lại.</label></div>` : ''}
  <div class="actions"><button type="submit">Lưu bản giao ước</button></div></form>`;
  if (pledge.status === 'DRAFT') return html`<section class="card" aria-labelledby="h-edit"><h2 id="h-edit">Sửa dự thảo giao ước</h2>${form}</section>`;
  return html`<details class="card"><summary>Sửa bản giao ước đang ký${resets ? ` (hủy ${pledge.signedCount} chữ ký đã có)` : ''}</summary>${form}</details>`;
}
