import type { UnitKind } from '../../units/unit.entity';
import type { UnitView } from '../../units/units.dto';
import { dateTimeVi, dateVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, formMessage, layout } from './layout';
import { unitHref } from './division.view';

export const UNIT_KIND_LABELS: Record<UnitKind, string> = { MEMBER: 'Đơn vị thành viên', ORGANIZER: 'Cơ quan tổ chức cụm' };

const DATE_HINT = 'dd/mm/yyyy; để trống nếu không rõ';

/** A select of units: "Không" first, then the units offered, the chosen one selected. */
function unitOptions(units: UnitView[], chosen: string | null): Html {
  return html`<option value="">Không</option>${units.map((x) => html`<option value="${x.id}" ${x.id === chosen ? 'selected' : ''}>${x.name}</option>`)}`;
}

/** Units a select offers: the active ones (an ended one only when it is the current choice), never the unit itself. */
const offered = (units: UnitView[], self: string | null, current: string | null, kind?: UnitKind) =>
  units.filter((x) => x.id !== self && (!kind || x.kind === kind) && (!x.activeTo || x.id === current));

/** The fields both forms share: names, province, active period, parent, successor, basis and note. */
function unitFields(prefix: string, u: UnitView | null, units: UnitView[]): Html {
  const id = (name: string) => `${prefix}-${name}`;
  return html`<div class="grid2">
      <div class="field"><label for="${id('name')}">Tên đầy đủ</label><input id="${id('name')}" name="name" value="${u?.name ?? ''}" required></div>
      <div class="field"><label for="${id('short')}">Tên viết tắt</label><input id="${id('short')}" name="shortName" value="${u?.shortName ?? ''}" required></div>
      <div class="field"><label for="${id('province')}">Tỉnh, thành phố</label><input id="${id('province')}" name="province" data-type="nullable" value="${u?.province ?? ''}"></div>
      <div class="field"><label for="${id('parent')}">Đơn vị cấp trên</label><select id="${id('parent')}" name="parentId" data-type="nullable">${unitOptions(offered(units, u?.id ?? null, u?.parentId ?? null), u?.parentId ?? null)}</select></div>
      <div class="field"><label for="${id('from')}">Hoạt động từ ngày</label><input id="${id('from')}" name="activeFrom" data-type="date-vi-nullable" value="${dateVi(u?.activeFrom)}" placeholder="dd/mm/yyyy" inputmode="numeric">
        <small class="muted hint">${DATE_HINT}</small></div>
      <div class="field"><label for="${id('to')}">Hoạt động đến ngày</label><input id="${id('to')}" name="activeTo" data-type="date-vi-nullable" value="${dateVi(u?.activeTo)}" placeholder="dd/mm/yyyy" inputmode="numeric">
        <small class="muted hint">dd/mm/yyyy; để trống khi đơn vị còn hoạt động</small></div>
      <div class="field"><label for="${id('successor')}">Đơn vị kế thừa (sau sáp nhập)</label><select id="${id('successor')}" name="successorId" data-type="nullable">${unitOptions(offered(units, u?.id ?? null, u?.successorId ?? null, u?.kind), u?.successorId ?? null)}</select>
        <small class="muted hint">Cần có ngày kết thúc hoạt động.${u ? ' Để ghi nhận một cuộc sáp nhập mới (chuyển chỗ trong cụm cho đơn vị kế thừa), dùng mục "Ghi nhận sáp nhập" ở trang đơn vị.' : ''}</small></div>
      <div class="field"><label for="${id('basis')}">Căn cứ pháp lý của việc sáp nhập</label><textarea id="${id('basis')}" name="successionBasis" data-type="nullable">${u?.successionBasis ?? ''}</textarea></div>
    </div>
    <div class="field"><label for="${id('note')}">Ghi chú</label><textarea id="${id('note')}" name="note" data-type="nullable">${u?.note ?? ''}</textarea></div>`;
}

/** Tạo đơn vị (administrators), at the foot of the unit list: the new unit's page opens once it is recorded. */
export function unitCreateSection(units: UnitView[]): Html {
  return html`<section class="card" id="tao-don-vi" aria-labelledby="h-new-unit"><h2 id="h-new-unit">Tạo đơn vị</h2>
  <form data-api="/api/units" data-method="POST" data-on-success="openCreated" data-created-base="/don-vi/" data-success="Đã tạo đơn vị." novalidate>${formMessage}
    <div class="grid2">
      <div class="field"><label for="dv-code">Mã đơn vị</label><input id="dv-code" name="code" autocomplete="off" required>
        <small class="muted hint">2–40 ký tự: chữ in hoa không dấu, số, gạch ngang hoặc gạch dưới; không đổi được sau khi tạo.</small></div>
      <div class="field"><label for="dv-kind">Loại của đơn vị</label><select id="dv-kind" name="kind">${Object.entries(UNIT_KIND_LABELS).map(([k, label]) => html`<option value="${k}">${label}</option>`)}</select>
        <small class="muted hint">Không đổi được sau khi tạo.</small></div>
    </div>
    ${unitFields('dv', null, units)}
    <div class="field"><label for="dv-reason">Lý do tạo</label><input id="dv-reason" name="reason" data-type="optional"></div>
    <div class="actions"><button type="submit">Tạo đơn vị</button></div>
  </form>
</section>`;
}

/** Sửa đơn vị (administrators): every field the API lets change; the code and the kind stay. */
export function unitEditPage(frame: PageFrame, u: UnitView, units: UnitView[], means: SigningMeans): Html {
  return layout(
    { ...frame, title: `Sửa ${u.shortName}`, crumbs: [['Tổng quan', '/'], ['Đơn vị', '/don-vi'], [u.shortName, unitHref(u.id)], ['Sửa thông tin']] },
    html`<h1>Sửa thông tin đơn vị</h1>
<p class="muted">${u.name} · mã <code>${u.code}</code> · ${UNIT_KIND_LABELS[u.kind]} <small>(mã và loại không đổi được)</small></p>
<section class="card" aria-labelledby="h-edit-unit"><h2 id="h-edit-unit">Thông tin đơn vị</h2>
  <form data-api="/api/units/${u.id}" data-method="PATCH" data-success="Đã lưu thông tin đơn vị." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${u.version}">
    ${unitFields('sua', u, units)}
    <div class="field"><label for="sua-reason">Lý do sửa</label><input id="sua-reason" name="reason" required></div>
    <div class="actions"><button type="submit">Lưu thay đổi</button><a href="${unitHref(u.id)}">Về trang đơn vị</a></div>
  </form>
</section>
${signingKeySection(u, means)}`,
  );
}

/** The unit's signing key held by the server, imported from a PKCS#12 file: the unit's click signs with it from then on. */
function signingKeySection(u: UnitView, means: SigningMeans): Html {
  return html`<section class="card" aria-labelledby="h-unit-means"><h2 id="h-unit-means">Đơn vị ký bằng gì</h2>
  ${signingMeans(means)}
</section>
<section class="card" aria-labelledby="h-unit-key"><h2 id="h-unit-key">Khóa ký số do máy chủ giữ</h2>
  <p class="muted">Tệp PKCS#12 (.p12, .pfx) do tổ chức chứng thực cấp cho đơn vị; chứng thư số phải chuỗi tới một chứng thư gốc tin cậy. Khóa được lưu mã hóa; khi đơn vị bấm ký, máy chủ ký bằng khóa này.</p>
  <form data-api="/api/signing/units/${u.id}/pkcs12" data-method="POST" enctype="multipart/form-data" data-success="Đã nhập khóa ký số của đơn vị." novalidate>${formMessage}
    <div class="grid2">
      <div class="field"><label for="p12-file">Tệp PKCS#12</label><input id="p12-file" name="file" type="file" accept=".p12,.pfx,application/x-pkcs12" required></div>
      <div class="field"><label for="p12-password">Mật khẩu của tệp</label><input id="p12-password" name="password" type="password" autocomplete="off" required></div>
    </div>
    <div class="actions"><button type="submit">Nhập khóa</button></div>
  </form>
</section>
<section class="card" aria-labelledby="h-unit-images"><h2 id="h-unit-images">Ảnh chữ ký và con dấu</h2>
  <p class="muted">Vẽ vào ô chữ ký của đơn vị khi máy chủ ký (Nghị định 30/2020/NĐ-CP, Phụ lục I): ảnh chữ ký giữa chức vụ và họ tên, con dấu trùm lên khoảng một phần ba chữ ký về bên trái. Chưa tải lên thì dùng ảnh minh họa.</p>
  <form data-api="/api/signing/units/${u.id}/signature-image" data-method="POST" enctype="multipart/form-data" data-success="Đã lưu ảnh chữ ký." novalidate>${formMessage}
    <div class="field"><label for="img-signature">Ảnh chữ ký (PNG, JPEG)</label><input id="img-signature" name="file" type="file" accept="image/png,image/jpeg" required></div>
    <div class="actions"><button type="submit">Lưu ảnh chữ ký</button></div>
  </form>
  <form data-api="/api/signing/units/${u.id}/seal-image" data-method="POST" enctype="multipart/form-data" data-success="Đã lưu ảnh con dấu." novalidate>${formMessage}
    <div class="field"><label for="img-seal">Ảnh con dấu (PNG nền trong suốt, JPEG)</label><input id="img-seal" name="file" type="file" accept="image/png,image/jpeg" required></div>
    <div class="actions"><button type="submit">Lưu ảnh con dấu</button></div>
  </form>
</section>`;
}

/** How the unit signs when its officer clicks "Ký": what UnitKeysService.describeKey says. */
export interface SigningMeans {
  means: 'TOKEN' | 'SERVER_KEY' | 'NONE';
  tokenLabel?: string;
  module?: string;
  sha256?: string;
  subject?: string;
  issuer?: string;
  validTo?: string;
}

function signingMeans(m: SigningMeans): Html {
  if (m.means === 'NONE') return html`<p id="signing-means">Chưa có khóa. Khi đơn vị ký lần đầu, máy chủ tạo một khóa minh họa do CA thử nghiệm của thidua chứng thực (không dùng cho văn bản thật); nhập tệp PKCS#12 dưới đây để ký bằng chứng thư số do CA cấp.</p>`;
  const what =
    m.means === 'TOKEN'
      ? html`Thiết bị ký số PKCS#11 (token) <strong>${m.tokenLabel ?? ''}</strong> qua thư viện <code>${m.module ?? ''}</code>: khóa bí mật nằm trong thiết bị, không rời khỏi thiết bị.`
      : html`Khóa do máy chủ giữ (lưu mã hóa).`;
  return html`<p id="signing-means">${what}</p>
  <dl class="record">
    <dt>Chứng thư số</dt><dd>${m.subject ?? ''}</dd>
    <dt>Tổ chức cấp</dt><dd>${m.issuer ?? ''}</dd>
    <dt>Hết hiệu lực</dt><dd>${dateTimeVi(m.validTo)}</dd>
    <dt>SHA-256</dt><dd class="hash">${m.sha256 ?? ''}</dd>
  </dl>`;
}
