// thidua — the pages' shared script: calls the JSON API with the session's CSRF token, shows every
// error next to the field it concerns, and gives feedback on long actions. No framework, no build.
// Beside it: downloads.js (links that download with feedback) and form-results.js (what a form shows once it succeeded).
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
    if (res.status === 401 && data && (data.code === 'AUTH_REQUIRED' || data.code === 'AUTH_SESSION_ENDED' || data.code === 'AUTH_TOKEN_INVALID')) {
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
    // Checkboxes with data-type="values" sharing a name send the values of those ticked, as a list (empty when none).
    const lists = new Map();
    for (const el of form.elements) {
      if (!el.name || el.disabled || el.dataset.skip !== undefined) continue;
      if ((el.type === 'radio') && !el.checked) continue;
      const type = el.dataset.type;
      let value;
      if (el.type === 'checkbox' && type === 'values') {
        if (!lists.has(el.name)) lists.set(el.name, []);
        if (el.checked) lists.get(el.name).push(el.value);
        continue;
      }
      if (el.type === 'checkbox') value = el.checked;
      // A number that does not read as one is sent as typed: the server then says "Phải là số nguyên." at the field,
      // where NaN would go as null and read "Bắt buộc phải có.".
      else if (type === 'int') value = el.value.trim() === '' ? undefined : Number.isFinite(Number(el.value)) ? Number(el.value) : el.value.trim();
      else if (type === 'bool') value = el.value === 'true';
      else if (type === 'decimal') {
        const n = parseDecimal(el.value);
        value = n === null ? undefined : Number.isFinite(n) ? n : el.value.trim();
      } else if (type === 'optional') value = el.value.trim() === '' ? undefined : el.value.trim();
      // data-type="nullable": an emptied field clears the stored value (null), e.g. an assumption once confirmed.
      else if (type === 'nullable') value = el.value.trim() === '' ? null : el.value.trim();
      else if (type === 'date-vi') value = el.value.trim() === '' ? undefined : isoFromVi(el.value);
      // data-type="date-vi-nullable": a date that may be cleared (an emptied field sends null).
      else if (type === 'date-vi-nullable') value = el.value.trim() === '' ? null : isoFromVi(el.value);
      else if (type === 'list') value = el.value.split('\n').map((s) => s.trim()).filter(Boolean);
      // data-type="params": one choice that sets several fields, e.g. <option value="from=TEMPLATE&templateCode=CUM6-2020">.
      else if (type === 'params') {
        for (const [k, v] of new URLSearchParams(el.value)) setPath(body, k, v);
        continue;
      } else value = el.value;
      if (value !== undefined) setPath(body, el.name, value);
    }
    for (const [name, values] of lists) setPath(body, name, values);
    return body;
  }

  const labelOf = (el) => pageLabel(el) || el.name;

  /**
   * A field typed twice (<input data-same-as="newPassword" data-skip>): the form is not sent while the two differ,
   * and the second says so, naming the first as the page labels it.
   */
  function mismatchedCopies(form) {
    const details = [];
    form.querySelectorAll('[data-same-as]').forEach((el) => {
      const first = form.elements.namedItem(el.dataset.sameAs);
      if (first && first.value !== el.value) details.push({ field: el.name, message: `Chưa khớp với ô "${labelOf(first)}": hãy gõ lại cho giống hệt.` });
    });
    return details;
  }

  /**
   * The problems a confirmed form would meet at once, in the server's words: a required field left empty, a date not
   * typed as a day of the calendar (dd/mm/yyyy). Everything else is the server's to check.
   */
  function obviousProblems(form) {
    const details = [];
    for (const el of form.elements) {
      if (!el.name || el.disabled || el.type === 'hidden' || el.dataset.skip !== undefined) continue;
      if (el.required && el.value.trim() === '') details.push({ field: el.name, message: 'Bắt buộc phải có.' });
      else if ((el.dataset.type || '').startsWith('date-vi') && el.value.trim() !== '' && !isCalendarDay(isoFromVi(el.value))) details.push({ field: el.name, message: PAGE_DATE });
    }
    return details;
  }

  function isCalendarDay(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
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
  /** The API states a date's form as it takes it (YYYY-MM-DD); a page's date field is typed dd/mm/yyyy. */
  const PAGE_DATE = 'Phải là ngày hợp lệ, dạng dd/mm/yyyy (ví dụ 15/03/2026).';
  function pageMessage(d, field) {
    return d.code === 'isIsoDate' && field && (field.dataset.type || '').startsWith('date-vi') ? PAGE_DATE : d.message;
  }

  /** A field as the page labels it: its <label>, else its aria-label (a cell of a table). */
  function pageLabel(field) {
    const label = field.labels && field.labels[0] && field.labels[0].cloneNode(true);
    // A label wrapping its field also holds the error placed in it and any hint: only its own words count.
    if (label) label.querySelectorAll('.field-error, small').forEach((e) => e.remove());
    const text = (label && label.textContent) || field.getAttribute('aria-label') || '';
    return text.replace(/\s+/g, ' ').trim();
  }

  /** The summary of problems that stand at their fields, naming the fields (up to five) as the page labels them. */
  function fieldsToFix(fields) {
    const names = fields.map(pageLabel).filter(Boolean);
    const named = names.length === fields.length ? ` (${names.slice(0, 5).map((n) => `“${n}”`).join(', ')}${names.length > 5 ? ', …' : ''})` : '';
    return fields.length === 1 ? `Có 1 ô cần sửa${named}: xem thông báo ngay dưới ô đó.` : `Có ${fields.length} ô cần sửa${named}: xem thông báo ngay dưới từng ô.`;
  }

  function showErrors(scope, data, status) {
    clearErrors(scope);
    const details = Array.isArray(data.details) ? data.details : [];
    const unplaced = [];
    const placedFields = new Set();
    for (const d of details) {
      // Errors in an uploaded workbook name a sheet and a cell: they are listed, not put at a field.
      // A control that sets several fields (data-type="params") lists them in data-fields.
      const found = !d.cell && d.field && scope.querySelector(`[name="${CSS.escape(d.field)}"], [data-fields~="${CSS.escape(d.field)}"]`);
      // A hidden input (the version read, say) is no field a person can correct: its message goes in the box.
      const field = found && found.type !== 'hidden' ? found : null;
      const existing = field && field.getAttribute('aria-describedby') && document.getElementById(field.getAttribute('aria-describedby'));
      if (field) placedFields.add(field);
      if (existing && existing.classList.contains('field-error')) {
        if (!existing.textContent.includes(pageMessage(d, field))) existing.textContent += ' ' + pageMessage(d, field);
      } else if (field) {
        const p = document.createElement('p');
        p.className = 'field-error';
        p.id = 'loi-' + ++errorSeq;
        p.textContent = pageMessage(d, field);
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', p.id);
        // Under the field, inside its label, .field or cell; a control standing alone gets it right after it (an
        // input or textarea cannot hold it: the text was lost inside the textarea).
        const holder = field.closest('label, .field, td');
        if (holder) holder.insertAdjacentElement('beforeend', p);
        else field.insertAdjacentElement('afterend', p);
      } else {
        const where = d.sheet ? (d.cell && !d.message.includes(`Ô ${d.cell}`) ? `${d.sheet}, ô ${d.cell}: ` : `${d.sheet}: `) : '';
        unplaced.push(where + d.message);
      }
    }
    const box = scope.querySelector('[data-role="form-message"]') || document.querySelector('[data-role="flash"]');
    // When every problem stands at its field, the box says so in words rather than repeating a generic sentence.
    // Counted by field: two messages on one field are one field to correct.
    const placed = placedFields.size;
    // A refusal whose message is also the one shown at its field (a rule on one field) is not said twice either.
    const repeated = details.some((d) => d.message === data.message);
    const message = (data.code === 'VALIDATION_FAILED' || repeated) && placed > 0 && unplaced.length === 0
      ? fieldsToFix([...placedFields])
      : data.message || (status ? `Lỗi ${status}.` : 'Đã có lỗi.');
    if (box) {
      box.hidden = false;
      box.className = box.dataset.role === 'flash' ? 'flash error' : 'form-message error';
      if (box.dataset.role === 'form-message') box.setAttribute('role', 'alert');
      box.textContent = '';
      const strong = document.createElement('strong');
      strong.textContent = message;
      box.appendChild(strong);
      // The machine's error code is for the API; a person reporting a server fault quotes the request's reference.
      if (status >= 500 && data.requestId) {
        const ref = document.createElement('small');
        ref.textContent = ` (mã tra cứu ${data.requestId})`;
        box.appendChild(ref);
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
    const mismatched = mismatchedCopies(form);
    if (mismatched.length) {
      showErrors(form, { code: 'VALIDATION_FAILED', details: mismatched });
      return;
    }
    // Before asking "are you sure?", what is wrong on its face is said at its field: a confirmed action then fails less.
    const obvious = form.dataset.confirm ? obviousProblems(form) : [];
    if (obvious.length) {
      showErrors(form, { code: 'VALIDATION_FAILED', details: obvious });
      return;
    }
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    const button = event.submitter || form.querySelector('[type="submit"]');
    const url = (button && button.dataset.api) || form.dataset.api;
    const method = (button && button.dataset.method) || form.dataset.method || 'POST';
    const multipart = form.enctype === 'multipart/form-data';
    // <input type="file" data-max-bytes="…">: a file over the limit is refused here, before its bytes are sent.
    const tooLarge = multipart && [...form.querySelectorAll('input[type="file"][data-max-bytes]')].find((el) => el.files && el.files[0] && el.files[0].size > Number(el.dataset.maxBytes));
    if (tooLarge) {
      const mb = (n) => (Math.round((n / 1024 / 1024) * 10) / 10).toString().replace('.', ',');
      const file = tooLarge.files[0];
      showErrors(form, { message: 'Tệp quá lớn: chưa tải lên.', details: [{ field: tooLarge.name, message: `Tệp "${file.name}" có dung lượng ${mb(file.size)} MB, vượt mức tối đa ${mb(Number(tooLarge.dataset.maxBytes))} MB.` }] });
      return;
    }
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
      // The password was right and a code is asked for: the next step, not a mistake (shown as guidance, not in red).
      if (result.data && result.data.code === 'AUTH_MFA_REQUIRED') {
        const box = form.querySelector('[data-role="form-message"]');
        if (box) {
          box.hidden = false;
          box.className = 'form-message info';
          box.setAttribute('role', 'status');
          box.textContent = result.data.message;
        }
        form.querySelector('[name="code"]')?.focus();
        return;
      }
      showErrors(form, result.data, result.status);
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

  document.addEventListener('DOMContentLoaded', () => {
    // A chart wider than a phone opens on its latest years (the past is a scroll to the left).
    document.querySelectorAll('[data-scroll-end]').forEach((el) => (el.scrollLeft = el.scrollWidth));
    const message = sessionStorage.getItem('thidua.flash');
    if (message) {
      sessionStorage.removeItem('thidua.flash');
      flash(message);
    }
  });

  window.thidua = { api, showErrors, clearErrors, flash, busy, parseDecimal, isoFromVi, formBody, handlers: {} };
})();
