// The criteria editor (bộ tiêu chí): adds, moves and removes criteria and sub-items, renumbers the fields' dotted names
// (items.0.children.1.maxPoints) after each change, keeps the totals as points are typed, and sends the form through
// the API with app.js's helpers, showing every message (the server's included) next to its field.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-criteria-editor]');
  if (!form) return;
  const { api, formBody, parseDecimal, showErrors, clearErrors, busy } = window.thidua;
  const root = form.querySelector('ol.crit-root');
  const template = document.getElementById('crit-row');
  const maxDepth = Number(form.dataset.maxDepth) || 3;
  const fmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
  const CODE_PREFIX = { SCORED: 'TC', BONUS: 'DT', PENALTY: 'DTR' };

  const rowsOf = (list) => [...list.children].filter((el) => el.matches('li[data-crit]'));
  const childList = (li) => li.querySelector(':scope > fieldset > ol[data-role="children"]');
  const own = (li, selector) => li.querySelector(`:scope > fieldset > .crit-grid ${selector}`);
  const input = (li, field) => own(li, `[data-field="${field}"]`);
  const depthOf = (li) => {
    let d = 0;
    for (let el = li; el && el !== form; el = el.parentElement) if (el.matches('li[data-crit]')) d++;
    return d;
  };

  /** Names, ids, labels, legends and the buttons' names follow each row's place in the tree. */
  function renumber(list = root, prefix = 'items', position = []) {
    rowsOf(list).forEach((li, i) => {
      const path = `${prefix}.${i}`;
      const here = [...position, i + 1];
      const label = here.length === 1 ? `Tiêu chí ${here[0]}` : `Mục ${here.join('.')}`;
      li.querySelector(':scope > fieldset > legend').textContent = label;
      for (const el of li.querySelectorAll(':scope > fieldset > .crit-grid [data-field]')) {
        const name = `${path}.${el.dataset.field}`;
        const id = 'f-' + name.replace(/\./g, '-');
        const labelEl = el.closest('label') || el.closest('.field').querySelector('label');
        el.name = name;
        if (labelEl && labelEl.htmlFor === el.id) labelEl.htmlFor = id;
        el.id = id;
      }
      const small = label.toLowerCase();
      const names = { child: `Thêm mục con vào ${small}`, up: `Đưa ${small} lên`, down: `Đưa ${small} xuống`, remove: `Xóa ${small}` };
      for (const b of li.querySelectorAll(':scope > fieldset > .crit-actions button[data-act]')) b.setAttribute('aria-label', names[b.dataset.act]);
      renumber(childList(li), `${path}.children`, here);
    });
  }

  /** A sub-item has its parent's kind (the rule the server checks): kept equal, the field out of sight. */
  function syncKinds(list = root, kind = null) {
    for (const li of rowsOf(list)) {
      const select = input(li, 'kind');
      if (kind) select.value = kind;
      select.closest('.field').hidden = !!kind;
      syncKinds(childList(li), select.value);
    }
  }

  /** Only the fields a row's measure needs are shown (the server ignores the others). */
  function syncMeasures() {
    for (const li of form.querySelectorAll('li[data-crit]')) {
      const measure = input(li, 'measure').value;
      const formula = input(li, 'formula').value;
      const show = (field, visible) => (input(li, field).closest('.field').hidden = !visible);
      show('formula', measure === 'QUANTITATIVE');
      show('perCount', measure === 'PER_COUNT');
      show('factUnit', measure === 'QUANTITATIVE' || measure === 'PER_COUNT');
      show('bandsText', measure === 'QUANTITATIVE' && formula === 'BANDED');
    }
  }

  /** "90: 10" lines into bands [{ from: 90, points: 10 }], in every item of the body (bandsText is the page's field only). */
  function readBands(items) {
    for (const item of items || []) {
      const lines = (item.bandsText || '').split('\n').map((l) => l.trim()).filter(Boolean);
      delete item.bandsText;
      if (item.measure === 'QUANTITATIVE' && item.formula === 'BANDED') {
        item.bands = lines.map((l) => {
          const [from, points] = l.split(':').map((x) => parseDecimal(x.trim()));
          return { from, points };
        });
      }
      readBands(item.children);
    }
  }

  function pointsProblem(el, label) {
    const v = parseDecimal(el.value);
    if (v === null) return `Chưa nhập ${label.toLowerCase()}.`;
    if (Number.isNaN(v)) return `${label} phải là số, ví dụ 15 hoặc 7,5.`;
    if (Math.abs(Math.round(v * 100) - v * 100) > 1e-6) return `${label} có tối đa hai chữ số thập phân.`;
    if (v <= 0) return `${label} phải lớn hơn 0.`;
    return null;
  }
  const pointsOf = (el) => (pointsProblem(el, 'x') ? 0 : Math.round(parseDecimal(el.value) * 100));

  /** The sums shown: scored criteria against the scale, bonus and penalty, and each criterion's sub-items. */
  function updateTotals() {
    const sums = { SCORED: 0, BONUS: 0, PENALTY: 0 };
    for (const li of rowsOf(root)) sums[input(li, 'kind').value] += pointsOf(input(li, 'maxPoints'));
    const scale = form.querySelector('[name="totalPoints"]');
    const show = (role, hundredths) => (form.querySelector(`[data-role="${role}"]`).textContent = fmt.format(hundredths / 100));
    show('scored', sums.SCORED);
    show('bonus', sums.BONUS);
    show('penalty', sums.PENALTY);
    const scaleOk = !pointsProblem(scale, 'x');
    form.querySelector('[data-role="scale"]').textContent = scaleOk ? fmt.format(parseDecimal(scale.value)) : '?';
    form.querySelector('[data-role="mismatch"]').hidden = scaleOk && sums.SCORED === pointsOf(scale);
    for (const li of form.querySelectorAll('li[data-crit]')) {
      const kids = rowsOf(childList(li));
      const line = li.querySelector(':scope > fieldset > [data-role="children-sum"]');
      line.hidden = kids.length === 0;
      if (!kids.length) continue;
      const sum = kids.reduce((a, k) => a + pointsOf(input(k, 'maxPoints')), 0);
      const max = input(li, 'maxPoints');
      line.textContent = `Tổng điểm các mục con: ${fmt.format(sum / 100)} / ${pointsProblem(max, 'x') ? '?' : fmt.format(parseDecimal(max.value))}`;
      line.classList.toggle('warn-text', !pointsProblem(max, 'x') && sum > pointsOf(max));
    }
  }

  function setFieldError(el, message) {
    const box = el.closest('.field');
    box.querySelectorAll('.field-error').forEach((e) => e.remove());
    if (!message) {
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-describedby');
      return;
    }
    const p = document.createElement('p');
    p.className = 'field-error';
    p.id = 'loi-' + el.id;
    p.textContent = message;
    box.appendChild(p);
    el.setAttribute('aria-invalid', 'true');
    el.setAttribute('aria-describedby', p.id);
  }

  /** A code not used anywhere in the tree (codes are unique in a set): TC10, DT1, TC3.a... */
  function freshCode(prefix, sub) {
    const used = new Set([...form.querySelectorAll('[data-field="code"]')].map((el) => el.value.trim().toUpperCase()));
    for (let n = 1; ; n++) {
      const code = sub ? `${prefix}.${String.fromCharCode(96 + ((n - 1) % 26) + 1)}${n > 26 ? Math.ceil(n / 26) : ''}` : `${prefix}${n}`;
      if (!used.has(code.toUpperCase())) return code;
    }
  }

  function addRow(list, kind, code) {
    const li = template.content.firstElementChild.cloneNode(true);
    list.appendChild(li);
    if (depthOf(li) >= maxDepth) li.querySelector('button[data-act="child"]')?.remove();
    input(li, 'kind').value = kind;
    input(li, 'code').value = code;
    renumber();
    syncMeasures();
    syncKinds();
    updateTotals();
    input(li, 'text').focus();
  }

  form.addEventListener('click', (event) => {
    const button = event.target instanceof Element && event.target.closest('button[type="button"]');
    if (!button || !form.contains(button)) return;
    if (button.dataset.add) {
      const kind = button.dataset.add;
      const count = rowsOf(root).filter((li) => input(li, 'kind').value === kind).length;
      let code = `${CODE_PREFIX[kind]}${count + 1}`;
      if ([...form.querySelectorAll('[data-field="code"]')].some((el) => el.value.trim().toUpperCase() === code)) code = freshCode(CODE_PREFIX[kind], false);
      addRow(root, kind, code);
      return;
    }
    const li = button.closest('li[data-crit]');
    const act = button.dataset.act;
    if (act === 'child') addRow(childList(li), input(li, 'kind').value, freshCode(input(li, 'code').value.trim() || 'TC', true));
    else if (act === 'up' && li.previousElementSibling) li.parentElement.insertBefore(li, li.previousElementSibling);
    else if (act === 'down' && li.nextElementSibling) li.parentElement.insertBefore(li.nextElementSibling, li);
    else if (act === 'remove') {
      // Focus goes to a neighbour (or the list's add buttons): nothing is lost until the form is saved.
      const next = li.nextElementSibling || li.previousElementSibling;
      const parent = li.parentElement.closest('li[data-crit]');
      li.remove();
      renumber();
      updateTotals();
      (next?.querySelector('button[data-act="remove"]') || parent?.querySelector('button[data-act="remove"]') || form.querySelector('button[data-add]')).focus();
      return;
    }
    if (act === 'up' || act === 'down') {
      renumber();
      button.focus();
    }
  });

  form.addEventListener('input', (event) => {
    const el = event.target;
    if (el.dataset.field === 'maxPoints' || el.name === 'totalPoints') {
      setFieldError(el, pointsProblem(el, el.dataset.field ? 'Điểm tối đa' : 'Thang điểm'));
      updateTotals();
    }
  });
  form.addEventListener('change', (event) => {
    if (event.target.dataset.field === 'measure' || event.target.dataset.field === 'formula') syncMeasures();
    if (event.target.dataset.field === 'kind') {
      syncKinds();
      updateTotals();
    }
  });

  // The form is sent here (app.js's own handler stays out): names renumbered, points checked first.
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    event.stopPropagation();
    renumber();
    syncKinds();
    clearErrors(form);
    const details = [];
    for (const el of form.querySelectorAll('[data-field="maxPoints"], [name="totalPoints"]')) {
      const problem = pointsProblem(el, el.dataset.field ? 'Điểm tối đa' : 'Thang điểm');
      if (problem) details.push({ field: el.name, message: problem });
    }
    if (details.length) return showErrors(form, { code: 'VALIDATION_FAILED', details });
    const button = event.submitter || form.querySelector('[type="submit"]');
    busy(button, true, 'Đang lưu…');
    const body = formBody(form);
    readBands(body.items);
    const result = await api(form.dataset.method, form.dataset.api, body);
    busy(button, false);
    if (!result.ok) {
      // The tree's own checks name a field as items[2].children[0].maxPoints: the same field as items.2.children.0.maxPoints.
      const data = { ...result.data, details: (result.data.details || []).map((d) => ({ ...d, field: d.field && d.field.replace(/\[(\d+)\]/g, '.$1') })) };
      return showErrors(form, data, result.status);
    }
    sessionStorage.setItem('thidua.flash', form.dataset.success || 'Đã lưu.');
    window.location.reload();
  });

  renumber();
  syncKinds();
  syncMeasures();
  updateTotals();
});
