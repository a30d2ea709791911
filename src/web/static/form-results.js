// thidua — what a form shows once the API answered it (<form data-on-success="name">): the handlers by name.
'use strict';

/** A moment as the rest of the pages write it: dd/mm/yyyy HH:mm:ss, Vietnam time. */
function vnDateTime(iso) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A day (YYYY-MM-DD) as dd/mm/yyyy. */
function vnDate(day) {
  return day.split('-').reverse().join('/');
}


// Document verification: shows what the uploaded file is and whether it is intact.
window.thidua.handlers.verified = (result) => {
  const box = document.querySelector('[data-role="verify-output"]');
  box.hidden = false;
  box.textContent = '';
  const signatures = result.signatures || [];
  const signedOk = signatures.length > 0 && signatures.every((s) => s.valid);
  const title = document.createElement('h2');
  title.textContent = result.intact ? 'Tài liệu nguyên vẹn' : signedOk ? 'Mọi chữ ký số trong tệp đều hợp lệ' : 'Không xác thực được tài liệu';
  title.className = result.intact || signedOk ? 'ok' : 'bad';
  // The verdict reads at a glance: green for intact, red for not (both headings were black).
  box.classList.toggle('verdict-ok', result.intact || signedOk);
  box.classList.toggle('verdict-bad', !(result.intact || signedOk));
  const message = document.createElement('p');
  message.textContent = result.intact || !signatures.length ? result.message : 'Tệp không khớp với bản nào hệ thống lưu giữ, nhưng có ' + signatures.length + ' chữ ký số; từng chữ ký được kiểm tra dưới đây:';
  box.append(title, message);
  if (signatures.length) box.append(signatureList(signatures));
  if (result.document) {
    const dl = document.createElement('dl');
    const add = (k, v) => {
      if (!v) return;
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      dl.append(dt, dd);
    };
    const d = result.document;
    add('Tài liệu', d.title);
    add('Đơn vị ban hành', d.clusterName);
    add('Năm', String(d.year));
    add('Số hiệu, tình trạng', d.statusLabel);
    add(d.kind === 'PLEDGE_SIGNED' ? 'Bản này được lưu lúc' : 'Phát hành lúc', d.issuedAt ? vnDateTime(d.issuedAt) : '');
    // The input information of an outgoing document (Decree 30/2020 Appendix VI, Part II, I), when the register holds it.
    const r = d.record;
    if (r) [['Mã cơ quan, tổ chức ban hành (trong hệ thống)', r.issuerCode], ['Số, ký hiệu văn bản', r.number || 'Không ghi số (danh sách, bảng tổng hợp hoặc dự thảo)'], ['Ngày, tháng, năm văn bản', r.date ? r.date.split('-').reverse().join('/') : 'Chưa ghi ngày (dự thảo)'], ['Tên loại văn bản', r.type], ['Trích yếu nội dung', r.summary], ['Số trang của văn bản', r.pageCount ? String(r.pageCount) : ''], ['Chức vụ của người ký văn bản', r.signerPosition], ['Họ và tên người ký văn bản', r.signerName || 'Không ghi tên người ký: văn bản được ký số bằng chứng thư của cơ quan, tổ chức'], ['Nơi nhận', (r.recipients || []).join('; ')]].forEach(([k, v]) => add(k, v));
    box.append(dl);
  }
  const hash = document.createElement('p');
  hash.className = 'muted long-text';
  hash.textContent = 'SHA-256: ' + result.sha256;
  box.append(hash);
};

const REVOCATION = {
  good: 'Chứng thư số chưa bị thu hồi (theo dữ liệu thu hồi lưu trong tệp).',
  revoked: 'Chứng thư số đã bị thu hồi (theo dữ liệu thu hồi lưu trong tệp).',
  unknown: 'Tệp không kèm dữ liệu thu hồi của chứng thư số này.',
};

const LEVELS = {
  'B-B': 'PAdES B-B: chữ ký cơ bản',
  'B-T': 'PAdES B-T: có dấu thời gian tin cậy',
  'B-LT': 'PAdES B-LT: có dấu thời gian và dữ liệu để kiểm tra lâu dài',
};

/** The holder's name (CN) of a certificate subject written "CN=…, O=…"; the subject as it is otherwise. */
function holderOf(subject) {
  if (!subject) return '';
  const cn = /(?:^|, )CN=(.+?)(?:, [A-Z]+=|$)/.exec(subject);
  return cn ? cn[1] : subject;
}

function timestampLine(s) {
  if (!s.timestampAuthority) return 'Không có dấu thời gian: thời điểm ký là do người ký khai.';
  if (!s.timestampTime) return 'Dấu thời gian không hợp lệ.';
  return 'Dấu thời gian lúc ' + vnDateTime(s.timestampTime) + ' do ' + holderOf(s.timestampAuthority) + ' cấp' + (s.timestampTrusted ? ' (tin cậy).' : ' (không tin cậy).');
}

/** One entry per signature, in words: whose field, who signed, when, and every check it failed; the technical facts folded. */
function signatureList(signatures) {
  const list = document.createElement('ol');
  list.className = 'signature-list';
  for (const s of signatures) {
    const item = document.createElement('li');
    const head = document.createElement('strong');
    const whose = s.paperSignedOn
      ? 'Chữ ký trên bản giấy ngày ' + vnDate(s.paperSignedOn) + ' của ' + (s.holderName || 'đơn vị ở ô ' + s.fieldName)
      : s.holderName ? 'Chữ ký của ' + s.holderName : 'Chữ ký ở ô ' + s.fieldName;
    head.textContent = (s.valid ? '✓ ' : '✗ ') + whose + (s.signerName ? (s.paperSignedOn ? ', ghi nhận bởi: ' : ', người ký: ') + s.signerName : '');
    head.className = s.valid ? 'ok' : 'bad';
    const detail = document.createElement('p');
    const when = s.signingTime ? (s.paperSignedOn ? 'Ghi nhận lúc ' : 'Ký lúc ') + vnDateTime(s.signingTime) + '. ' : '';
    const whoseKey = s.paperSignedOn ? 'của thư ký cụm đã ghi nhận chữ ký trên bản giấy' : 'đúng của đơn vị có ô chữ ký';
    detail.textContent = when + (s.valid ? 'Hợp lệ: nội dung không đổi từ khi ký, chứng thư số tin cậy, còn hiệu lực khi ký và ' + whoseKey + '.' : s.problems.join(' '));
    const time = document.createElement('p');
    time.className = 'muted';
    time.textContent = timestampLine(s) + ' ' + REVOCATION[s.revocation];
    const more = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'Chi tiết kỹ thuật';
    const facts = document.createElement('p');
    facts.className = 'muted long-text';
    facts.textContent = 'Phiên bản ' + s.revision + ' của tệp; ô chữ ký ' + s.fieldName + '; mức ' + (LEVELS[s.level] || 'không xác định') + '; chứng thư số: ' + (s.certificateSubject || 'không đọc được') + (s.certificateSha256 ? ' (SHA-256 ' + s.certificateSha256 + ')' : '') + '.';
    more.append(summary, facts);
    item.append(head, detail, time, more);
    list.append(item);
  }
  return list;
}

/** Enrolment: the QR code (an SVG made by the server, shown as an image) and the secret to type by hand. */
window.thidua.handlers.showMfaSetup = (result) => {
  const box = document.querySelector('[data-role="mfa-setup"]');
  const img = document.createElement('img');
  img.alt = 'Mã QR để đăng ký ứng dụng xác thực';
  img.width = 200;
  img.height = 200;
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(result.qrSvg);
  const qr = box.querySelector('[data-role="mfa-qr"]');
  qr.replaceChildren(img);
  box.querySelector('[data-role="mfa-secret"]').textContent = result.secret;
  box.hidden = false;
  document.getElementById('enable-code')?.focus();
};

/** The recovery codes, shown once. */
window.thidua.handlers.showRecoveryCodes = (result, form) => {
  const section = document.querySelector('[data-role="recovery-codes"]');
  const list = section.querySelector('.codes');
  list.replaceChildren(...result.recoveryCodes.map((code) => {
    const li = document.createElement('li');
    const c = document.createElement('code');
    c.textContent = code;
    li.appendChild(c);
    return li;
  }));
  section.hidden = false;
  form.hidden = true;
  section.querySelector('h2').focus?.();
};

/** A form that creates a record opens the new record's page: <form data-on-success="openCreated" data-created-base="/don-vi/">. */
window.thidua.handlers.openCreated = (result, form) => {
  sessionStorage.setItem('thidua.flash', form.dataset.success || 'Đã lưu.');
  window.location.href = form.dataset.createdBase + encodeURIComponent(result.id);
};
