// thidua — the pages' shared script: calls the JSON API with the session's CSRF token, shows every
// error next to the field it concerns, and gives feedback on long actions. No framework, no build.
'use strict';

(function () {
  const csrf = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || '';

  /** Calls the API. Resolves to {ok, status, data}; never throws for an HTTP error. */
  async function api(method, url, body, opts = {}) {
    const headers = { 'X-CSRF-Token': csrf(), Accept: 'application/json' };
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin', signal: opts.signal });
    } catch (e) {
      return { ok: false, status: 0, data: { message: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.', details: [] } };
    }
    let data = null;
    const type = res.headers.get('content-type') || '';
    if (type.includes('application/json')) data = await res.json().catch(() => null);
    if (res.status === 401 && data && (data.code === 'AUTH_REQUIRED' || data.code === 'AUTH_SESSION_ENDED')) {
      window.location.href = '/dang-nhap?tiep=' + encodeURIComponent(location.pathname + location.search);
    }
    return { ok: res.ok, status: res.status, data: data || {}, response: res };
  }

  /** Sets obj at a dotted path ("entries.0.points"); numeric segments make arrays. */
  function setPath(obj, path, value) {
    const keys = path.split('.');
    let cur = obj;
    keys.forEach((k, i) => {
      const last = i === keys.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(keys[i + 1]);
      if (last) cur[k] = value;
      else {
        if (cur[k] === undefined) cur[k] = nextIsIndex ? [] : {};
        cur = cur[k];
      }
    });
  }

  /** Parses "95,5" or "95.5" as a number; '' → null; anything else → NaN. */
  function parseDecimal(text) {
    const t = String(text).trim().replace(/\s/g, '');
    if (t === '') return null;
    if (!/^[-+]?\d+([.,]\d+)?$/.test(t)) return NaN;
    return Number(t.replace(',', '.'));
  }

  /** "dd/mm/yyyy" → "yyyy-mm-dd"; anything else is returned as typed (the server explains what is wrong). */
  function isoFromVi(text) {
    const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
    return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text.trim();
  }

  function formBody(form) {
    const body = {};
    for (const el of form.elements) {
      if (!el.name || el.disabled || el.dataset.skip !== undefined) continue;
      if ((el.type === 'radio') && !el.checked) continue;
      const type = el.dataset.type;
      let value;
      if (el.type === 'checkbox') value = el.checked;
      else if (type === 'int') value = el.value.trim() === '' ? undefined : Number(el.value);
      else if (type === 'bool') value = el.value === 'true';
      else if (type === 'decimal') {
        const n = parseDecimal(el.value);
        value = n === null ? undefined : n;
      } else if (type === 'optional') value = el.value.trim() === '' ? undefined : el.value.trim();
      // data-type="nullable": an emptied field clears the stored value (null), e.g. an assumption once confirmed.
      else if (type === 'nullable') value = el.value.trim() === '' ? null : el.value.trim();
      else if (type === 'date-vi') value = el.value.trim() === '' ? undefined : isoFromVi(el.value);
      // data-type="date-vi-nullable": a date that may be cleared (an emptied field sends null).
      else if (type === 'date-vi-nullable') value = el.value.trim() === '' ? null : isoFromVi(el.value);
      else if (type === 'list') value = el.value.split('\n').map((s) => s.trim()).filter(Boolean);
      else value = el.value;
      if (value !== undefined) setPath(body, el.name, value);
    }
    return body;
  }

  function clearErrors(scope) {
    scope.querySelectorAll('.field-error').forEach((e) => e.remove());
    scope.querySelectorAll('[aria-invalid="true"]').forEach((e) => {
      e.removeAttribute('aria-invalid');
      e.removeAttribute('aria-describedby');
    });
    const box = scope.querySelector('[data-role="form-message"]');
    if (box) {
      box.hidden = true;
      box.textContent = '';
      box.className = 'form-message';
    }
  }

  let errorSeq = 0;
  /** Shows an API error: each detail next to its field, the rest in the form's message area. */
  function showErrors(scope, data, status) {
    clearErrors(scope);
    const details = Array.isArray(data.details) ? data.details : [];
    const unplaced = [];
    for (const d of details) {
      // Errors in an uploaded workbook name a sheet and a cell: they are listed, not put at a field.
      const field = !d.cell && d.field && scope.querySelector(`[name="${CSS.escape(d.field)}"]`);
      const existing = field && field.getAttribute('aria-describedby') && document.getElementById(field.getAttribute('aria-describedby'));
      if (existing && existing.classList.contains('field-error')) {
        existing.textContent += ' ' + d.message;
      } else if (field) {
        const p = document.createElement('p');
        p.className = 'field-error';
        p.id = 'loi-' + ++errorSeq;
        p.textContent = d.message;
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', p.id);
        (field.closest('label, .field, td') || field).insertAdjacentElement('beforeend', p);
      } else {
        const where = d.sheet ? (d.cell && !d.message.includes(`Ô ${d.cell}`) ? `${d.sheet}, ô ${d.cell}: ` : `${d.sheet}: `) : '';
        unplaced.push(where + d.message);
      }
    }
    const box = scope.querySelector('[data-role="form-message"]') || document.querySelector('[data-role="flash"]');
    // When every problem stands at its field, the box says so in words rather than repeating a generic sentence.
    const placed = details.length - unplaced.length;
    const message = data.code === 'VALIDATION_FAILED' && placed > 0 && unplaced.length === 0
      ? (placed === 1 ? 'Có 1 ô cần sửa: xem thông báo ngay dưới ô đó.' : `Có ${placed} ô cần sửa: xem thông báo ngay dưới từng ô.`)
      : data.message || (status ? `Lỗi ${status}.` : 'Đã có lỗi.');
    if (box) {
      box.hidden = false;
      box.className = box.dataset.role === 'flash' ? 'flash error' : 'form-message error';
      box.textContent = '';
      const strong = document.createElement('strong');
      strong.textContent = message;
      box.appendChild(strong);
      if (data.code) {
        const code = document.createElement('small');
        code.textContent = ` (mã lỗi ${data.code})`;
        box.appendChild(code);
      }
      const rest = unplaced.filter((m) => m !== message);
      if (rest.length) {
        const ul = document.createElement('ul');
        for (const m of rest) {
          const li = document.createElement('li');
          li.textContent = m;
          ul.appendChild(li);
        }
        box.appendChild(ul);
      }
    }
    const first = scope.querySelector('[aria-invalid="true"]');
    if (first) first.focus();
  }

  function flash(message, tone = 'ok') {
    const box = document.querySelector('[data-role="flash"]');
    if (!box) return;
    box.className = 'flash ' + tone;
    box.textContent = message;
  }

  function busy(button, on, label) {
    if (!button) return;
    if (on) {
      button.dataset.label = button.textContent;
      button.textContent = label || 'Đang xử lý…';
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
    } else {
      button.textContent = button.dataset.label || button.textContent;
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }

  // Back to a page whose empty filters were left out: they are fields again.
  window.addEventListener('pageshow', () => document.querySelectorAll('form[method="get"] [disabled]').forEach((el) => (el.disabled = false)));

  // Search forms (GET): dates typed as dd/mm/yyyy are sent as yyyy-mm-dd.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.api || form.method.toLowerCase() !== 'get') return;
    form.querySelectorAll('input[data-type="date-vi"], input[data-type="date-vi-nullable"]').forEach((el) => {
      el.value = el.value.trim() ? isoFromVi(el.value) : '';
    });
    // An empty filter is no filter: it is left out of the address rather than sent as an empty value.
    form.querySelectorAll('input[name], select[name]').forEach((el) => {
      if (el.type !== 'hidden' && el.value.trim() === '') el.disabled = true;
    });
  });

  // Forms that call the API: <form data-api="/api/..." data-method="POST" data-redirect="..." data-confirm="...">
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.api) return;
    event.preventDefault();
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    const button = event.submitter || form.querySelector('[type="submit"]');
    const url = (button && button.dataset.api) || form.dataset.api;
    const method = (button && button.dataset.method) || form.dataset.method || 'POST';
    const multipart = form.enctype === 'multipart/form-data';
    const body = multipart ? new FormData(form) : formBody(form);
    if (button && button.name && !multipart) setPath(body, button.name, button.value);
    busy(button, true, form.dataset.busy);
    clearErrors(form);
    // A message from an earlier action would stand next to this one's result: it goes.
    const pageFlash = document.querySelector('[data-role="flash"]');
    if (pageFlash) {
      pageFlash.className = 'flash';
      pageFlash.textContent = '';
    }
    const result = await api(method, url, body);
    busy(button, false);
    if (!result.ok) {
      // Sign-in of an account with a second factor: the code field appears, and the message stands next to it.
      if (result.data && (result.data.code === 'AUTH_MFA_REQUIRED' || result.data.code === 'AUTH_MFA_INVALID')) {
        form.querySelectorAll('[data-mfa]').forEach((el) => (el.hidden = false));
      }
      showErrors(form, result.data, result.status);
      if (result.data && result.data.code === 'AUTH_MFA_REQUIRED') form.querySelector('[name="code"]')?.focus();
      return;
    }
    if (form.dataset.onSuccess && window.thidua.handlers[form.dataset.onSuccess]) {
      window.thidua.handlers[form.dataset.onSuccess](result.data, form);
      return;
    }
    const target = (result.data && result.data.redirect) || form.dataset.redirect;
    if (target) window.location.href = target;
    else {
      sessionStorage.setItem('thidua.flash', form.dataset.success || 'Đã lưu.');
      window.location.reload();
    }
  });

  // Downloads with feedback: <a data-download href="...">
  document.addEventListener('click', async (event) => {
    const link = event.target instanceof Element && event.target.closest('a[data-download]');
    if (!link) return;
    event.preventDefault();
    if (link.getAttribute('aria-busy') === 'true') return;
    const original = link.textContent;
    link.setAttribute('aria-busy', 'true');
    link.textContent = 'Đang tạo tệp…';
    try {
      // <a data-download data-date-field="issuedOn">: the date typed in that field (dd/mm/yyyy) goes with the request.
      const url = new URL(link.href, window.location.href);
      const dateField = link.dataset.dateField && document.getElementById(link.dataset.dateField);
      if (dateField && dateField.value.trim()) url.searchParams.set(dateField.name, isoFromVi(dateField.value));
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok) {
        const data = await res.json().catch(() => ({}));
        const detail = data.details && data.details[0];
        const label = detail && document.querySelector(`label[for="${detail.field}"]`);
        const message = detail ? `${label ? label.textContent + ': ' : ''}${detail.message}` : data.message;
        flash((message || `Không tải được tệp (lỗi ${res.status}).`) + (data.code ? ` (mã lỗi ${data.code})` : ''), 'error');
        return;
      }
      const blob = await res.blob();
      const disposition = res.headers.get('content-disposition') || '';
      const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
      const plain = /filename="?([^";]+)"?/i.exec(disposition);
      const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : 'tai-lieu';
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.appendChild(a);
      a.click();
      setTimeout(() => {
        URL.revokeObjectURL(a.href);
        a.remove();
      }, 1000);
      flash(`Đã tải xuống ${name}.`);
    } finally {
      link.textContent = original;
      link.removeAttribute('aria-busy');
    }
  });

  document.addEventListener('DOMContentLoaded', () => {
    // A chart wider than a phone opens on its latest years (the past is a scroll to the left).
    document.querySelectorAll('[data-scroll-end]').forEach((el) => (el.scrollLeft = el.scrollWidth));
    const message = sessionStorage.getItem('thidua.flash');
    if (message) {
      sessionStorage.removeItem('thidua.flash');
      flash(message);
    }
  });

  window.thidua = { api, showErrors, clearErrors, flash, busy, parseDecimal, handlers: {} };
})();

// Document verification: shows what the uploaded file is and whether it is intact.
window.thidua.handlers.verified = (result) => {
  const box = document.querySelector('[data-role="verify-output"]');
  box.hidden = false;
  box.textContent = '';
  const title = document.createElement('h2');
  title.textContent = result.intact ? 'Tài liệu nguyên vẹn' : 'Không xác thực được tài liệu';
  title.className = result.intact ? 'ok' : 'bad';
  const message = document.createElement('p');
  message.textContent = result.message;
  box.append(title, message);
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
    add('Cụm thi đua', d.clusterName);
    add('Năm', String(d.year));
    add('Trạng thái', d.statusLabel);
    add('Phát hành lúc', d.issuedAt ? new Date(d.issuedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '');
    // The input information of an outgoing document (Decree 30/2020 Appendix VI, Part II, I), when the register holds it.
    const r = d.record;
    if (r) [['Mã cơ quan, tổ chức ban hành (trong hệ thống)', r.issuerCode], ['Số, ký hiệu văn bản', r.number || 'Không ghi số (danh sách, bảng tổng hợp hoặc dự thảo)'], ['Ngày, tháng, năm văn bản', r.date ? r.date.split('-').reverse().join('/') : 'Chưa ghi ngày (dự thảo)'], ['Tên loại văn bản', r.type], ['Trích yếu nội dung', r.summary], ['Số trang của văn bản', r.pageCount ? String(r.pageCount) : ''], ['Chức vụ của người ký văn bản', r.signerPosition], ['Họ và tên người ký văn bản', r.signerName || 'Chưa ghi tên người ký'], ['Nơi nhận', (r.recipients || []).join('; ')]].forEach(([k, v]) => add(k, v));
    box.append(dl);
  }
  const hash = document.createElement('p');
  hash.className = 'muted';
  hash.textContent = 'SHA-256: ' + result.sha256;
  box.append(hash);
};

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
