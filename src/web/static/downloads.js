// thidua — links that download a generated file (Excel, PDF) with feedback: <a data-download href="...">.
// The link reads "Đang tạo tệp…" while the server works; an error answer is shown at the field it names, else in
// the page's message area.
'use strict';

(function () {
  const { flash, isoFromVi, showErrors } = window.thidua;

  document.addEventListener('click', async (event) => {
    const link = event.target instanceof Element && event.target.closest('a[data-download]');
    if (!link) return;
    event.preventDefault();
    if (link.getAttribute('aria-busy') === 'true') return;
    const original = link.textContent;
    link.setAttribute('aria-busy', 'true');
    link.textContent = 'Đang tạo tệp…';
    try {
      // <a data-download data-date-field="issuedOn">: the date typed in that field (dd/mm/yyyy) goes with the request;
      // <a data-download data-query-fields="id1 id2">: so do the values of those fields, by their names (dates as
      // yyyy-mm-dd when the field is data-type="date-vi"); an empty field is left out.
      const url = new URL(link.href, window.location.href);
      const fields = [link.dataset.dateField, ...(link.dataset.queryFields || '').split(/\s+/)].filter(Boolean).map((id) => document.getElementById(id)).filter(Boolean);
      for (const field of fields) {
        if (!field.value.trim()) continue;
        const isDate = field.id === link.dataset.dateField || (field.dataset.type || '').startsWith('date-vi');
        url.searchParams.set(field.name, isDate ? isoFromVi(field.value) : field.value.trim());
      }
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok) {
        const data = await res.json().catch(() => ({}));
        const detail = data.details && data.details[0];
        // The message names the field as the page labels it: the field sent under that name, else a field of that id.
        const sent = detail && fields.find((f) => f.name === detail.field);
        if (sent) {
          // The problem stands at the field that was typed, as a form's would, and the field takes the focus (in view).
          showErrors(sent.closest('section, form') || document.body, data, res.status);
          sent.focus();
          return;
        }
        const label = detail && document.querySelector(`label[for="${CSS.escape(sent ? sent.id : detail.field)}"]`);
        const message = detail ? `${label ? label.textContent + ': ' : ''}${detail.message}` : data.message;
        flash((message || `Không tải được tệp (lỗi ${res.status}).`) + (res.status >= 500 && data.requestId ? ` (mã tra cứu ${data.requestId})` : ''), 'error');
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
      // Out of sight (and of the accessibility tree): a link without text for the second it stays.
      a.hidden = true;
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
})();
