// The score grid: checks each value as typed, keeps totals, saves every row as its own sheet (draft),
// submits, and on a stale edit (409) says who changed the sheet and reloads it without losing input.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('score-grid');
  if (!form) return;
  const { api, parseDecimal, showErrors, clearErrors, flash } = window.thidua;
  const base = form.dataset.base;
  const kind = form.dataset.kind;
  const data = JSON.parse(document.getElementById('grid-data').textContent);
  const state = new Map(data.rows.map((r) => [r.targetId, { ...r, dirty: false }]));
  const fmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
  const statusBox = form.querySelector('[data-role="grid-status"]');

  function cellProblem(input) {
    const value = parseDecimal(input.value);
    if (value === null) return null;
    if (Number.isNaN(value)) return 'Không phải là số.';
    if (Math.round(value * 100) !== value * 100 && Math.abs(Math.round(value * 100) - value * 100) > 1e-6) return 'Tối đa hai chữ số thập phân.';
    // A criterion that measures takes its achieved value; the server turns it into points.
    const fact = input.dataset.fact;
    if (fact) {
      if (value < 0) return 'Kết quả không được âm.';
      if (fact === 'PASS_FAIL' && value !== 0 && value !== 1) return 'Nhập 1 (đạt) hoặc 0 (không đạt).';
      if (fact === 'PER_COUNT' && !Number.isInteger(value)) return 'Số lần phải là số nguyên.';
      return null;
    }
    const max = Number(input.dataset.max);
    if (input.dataset.kind === 'PENALTY') {
      if (value > 0 || value < -max) return `Điểm trừ phải từ −${fmt.format(max)} đến 0.`;
    } else if (value < 0 || value > max) return `Phải từ 0 đến ${fmt.format(max)}.`;
    return null;
  }

  // Focuses a cell's input with the whole cell in view: the table's pinned first column (the unit) would otherwise
  // cover the start of a cell scrolled to the left edge, and of its error (a phone's narrow table, 390 px).
  function reveal(input) {
    input.focus();
    const wrap = input.closest('.table-wrap');
    const cell = input.closest('td');
    const pinned = cell && cell.parentElement.firstElementChild;
    if (!wrap || !pinned || pinned === cell) return;
    const hidden = pinned.getBoundingClientRect().right - cell.getBoundingClientRect().left;
    if (hidden > 0) wrap.scrollLeft -= hidden;
  }

  function setCellError(input, message) {
    const cell = input.closest('td');
    cell.querySelectorAll('.field-error').forEach((e) => e.remove());
    if (message) {
      const p = document.createElement('p');
      p.className = 'field-error';
      p.id = 'loi-' + input.name.replace(/[^a-zA-Z0-9-]/g, '-');
      p.textContent = message;
      cell.appendChild(p);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', p.id);
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }

  function rowInputs(tr) {
    return [...tr.querySelectorAll('input.grid-input')];
  }

  function updateTotal(tr) {
    let total = 0;
    for (const input of rowInputs(tr)) {
      // A measured cell adds the points last computed by the server (until the next save).
      if (input.dataset.fact) {
        if (input.dataset.points) total += Math.round(Number(input.dataset.points) * 100);
        continue;
      }
      const v = parseDecimal(input.value);
      if (typeof v === 'number' && !Number.isNaN(v) && !cellProblem(input)) total += Math.round(v * 100);
    }
    tr.querySelector('[data-role="total"]').textContent = fmt.format(total / 100);
  }

  form.addEventListener('input', (event) => {
    const input = event.target;
    if (!input.classList.contains('grid-input')) return;
    setCellError(input, cellProblem(input));
    const tr = input.closest('tr');
    state.get(tr.dataset.target).dirty = true;
    updateTotal(tr);
  });

  function setRowStatus(tr, text, tone) {
    const cell = tr.querySelector('[data-role="status"]');
    cell.textContent = '';
    const span = document.createElement('span');
    span.className = 'badge ' + (tone || 'info');
    span.textContent = text;
    cell.appendChild(span);
  }

  const STATUS_LABELS = { DRAFT: 'Nháp', SUBMITTED: 'Đã nộp', RETURNED: 'Bị trả lại', LOCKED: 'Đã khóa' };

  async function conflict(tr, row, result) {
    tr.classList.add('conflict');
    const detail = (result.data.details || []).find((d) => d.field === 'version');
    const cell = tr.querySelector('[data-role="status"]');
    cell.textContent = '';
    const msg = document.createElement('p');
    msg.className = 'field-error';
    msg.textContent = (detail ? detail.message : result.data.message) + ' Giá trị bạn nhập vẫn được giữ nguyên.';
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.className = 'secondary';
    reload.textContent = 'Tải lại phiếu';
    reload.addEventListener('click', async () => {
      const fresh = await api('GET', `${base}/sheets/${row.sheet.id}`);
      if (!fresh.ok) return showErrors(form, fresh.data, fresh.status);
      row.sheet = { id: fresh.data.id, version: fresh.data.version, status: fresh.data.status };
      for (const input of rowInputs(tr)) {
        const entry = fresh.data.entries.find((e) => e.code === input.dataset.code);
        const value = entry ? (input.dataset.fact ? entry.achieved : entry.points) : null;
        const server = value !== null && value !== undefined ? fmt.format(value) : '';
        input.closest('td').querySelectorAll('.server-value').forEach((e) => e.remove());
        if (server !== input.value.trim()) {
          const note = document.createElement('span');
          note.className = 'server-value';
          note.textContent = 'Trên máy chủ: ' + (server || '(trống)');
          input.closest('td').appendChild(note);
        }
      }
      tr.classList.remove('conflict');
      setRowStatus(tr, (STATUS_LABELS[row.sheet.status] || row.sheet.status) + ' · đã tải lại', 'warn');
      flash(`Đã tải lại phiếu của ${row.targetName} (phiên bản ${row.sheet.version}). Kiểm tra rồi bấm "Lưu nháp" để ghi giá trị của bạn.`, 'warn');
    });
    cell.append(msg, reload);
  }

  // The row's first save made its sheet: its evidence form, waiting hidden under the grid, can attach files now.
  function evidenceReady(targetId, sheetId) {
    const attach = document.querySelector(`form[data-evidence-for="${CSS.escape(targetId)}"]`);
    if (!attach) return;
    attach.dataset.api = attach.dataset.apiPattern.replace(':sheet', encodeURIComponent(sheetId));
    attach.hidden = false;
    const wait = document.querySelector(`[data-evidence-wait="${CSS.escape(targetId)}"]`);
    if (wait) wait.remove();
  }

  /** Saves one row; returns true when its sheet holds the row's values afterwards. */
  async function saveRow(tr, reason) {
    const row = state.get(tr.dataset.target);
    const inputs = rowInputs(tr);
    const entries = [];
    for (const input of inputs) {
      const v = parseDecimal(input.value);
      if (v !== null) entries.push(input.dataset.fact ? { code: input.dataset.code, achieved: v, input } : { code: input.dataset.code, points: v, input });
    }
    if (!row.sheet) {
      if (entries.length === 0) return true;
      // A successor scoring for one of the several units it took over names that unit.
      const created = await api('POST', `${base}/sheets`, form.dataset.scorer ? { targetUnitId: row.targetId, kind, scorerUnitId: form.dataset.scorer } : { targetUnitId: row.targetId, kind });
      if (!created.ok) {
        showErrors(form, created.data, created.status);
        return false;
      }
      row.sheet = { id: created.data.id, version: created.data.version, status: created.data.status };
      evidenceReady(row.targetId, row.sheet.id);
    }
    if (!row.dirty && !tr.querySelector('.server-value')) return true;
    const body = { version: row.sheet.version, entries: entries.map((e) => (e.input.dataset.fact ? { code: e.code, achieved: e.achieved } : { code: e.code, points: e.points })) };
    if (reason) body.reason = reason;
    const result = await api('PUT', `${base}/sheets/${row.sheet.id}/entries`, body);
    if (result.status === 409 && result.data.code === 'VERSION_CONFLICT') {
      await conflict(tr, row, result);
      return false;
    }
    if (!result.ok) {
      // Field paths entries.N.points name the N-th value sent: show the message in that cell (after the form's
      // message: showErrors clears the form's errors first, the cells' included).
      const placed = [];
      const unplaced = [];
      for (const d of result.data.details || []) {
        const m = /^entries\.(\d+)\./.exec(d.field || '');
        if (m && entries[Number(m[1])]) placed.push([entries[Number(m[1])].input, d.message]);
        else unplaced.push(d);
      }
      showErrors(form, placed.length && !unplaced.length ? { ...result.data, message: 'Có ô điểm chưa hợp lệ: xem thông báo dưới các ô được đánh dấu đỏ.', details: [] } : { ...result.data, details: unplaced }, result.status);
      for (const [input, message] of placed) setCellError(input, message);
      return false;
    }
    row.sheet.version = result.data.version;
    row.sheet.status = result.data.status;
    row.dirty = false;
    tr.querySelectorAll('.server-value').forEach((e) => e.remove());
    // The points the server computed from each achieved value, shown under the cell.
    for (const input of rowInputs(tr).filter((i) => i.dataset.fact)) {
      const entry = result.data.entries.find((e) => e.code === input.dataset.code);
      input.dataset.points = entry && entry.points !== null ? String(entry.points) : '';
      let note = input.closest('td').querySelector('[data-role="fact-points"]');
      if (!note) {
        note = document.createElement('small');
        note.className = 'muted';
        note.dataset.role = 'fact-points';
        input.closest('td').appendChild(note);
      }
      note.textContent = input.dataset.points ? `${fmt.format(Number(input.dataset.points))} điểm` : '';
    }
    tr.querySelector('[data-role="total"]').textContent = fmt.format(result.data.totals.total);
    setRowStatus(tr, (STATUS_LABELS[result.data.status] || result.data.statusLabel) + ' · đã lưu', 'ok');
    return true;
  }

  async function run(action, button) {
    clearErrors(form);
    // Every cell checked again (clearing the form's errors cleared the cells' marks too): nothing is sent, no sheet
    // is created, while one is not valid. The form's message first (showErrors clears the marks), then each cell's.
    const problems = [...form.querySelectorAll('input.grid-input')].map((input) => [input, cellProblem(input)]).filter(([, problem]) => problem);
    const invalid = problems.length ? problems[0][0] : null;
    if (invalid) {
      showErrors(form, { message: 'Có ô điểm chưa hợp lệ: sửa các ô được đánh dấu đỏ trước khi lưu.', details: [] });
      for (const [input, problem] of problems) setCellError(input, problem);
      reveal(invalid);
      return;
    }
    // Handing in is the step others build on (the ranking, the secretariat's review): asked once, like the forms' data-confirm.
    if (action === 'submit' && !window.confirm('Nộp các phiếu chấm trên trang? Phiếu đã nộp được đưa vào tổng hợp kết quả; muốn sửa điểm sau khi nộp phải ghi lý do sửa.')) return;
    const reason = form.querySelector('[name="reason"]').value.trim();
    window.thidua.busy(button, true, action === 'submit' ? 'Đang nộp…' : 'Đang lưu…');
    statusBox.textContent = 'Đang xử lý…';
    let ok = 0;
    let failed = 0;
    // Rows left empty without a sheet: nothing to save or hand in, counted apart (not as done).
    let untouched = 0;
    const unscored = [];
    const emptyCells = [];
    for (const tr of form.querySelectorAll('tbody tr[data-target]')) {
      const row = state.get(tr.dataset.target);
      if (row.sheet && row.sheet.status === 'LOCKED') continue;
      let good = await saveRow(tr, reason);
      if (good && !row.sheet) {
        untouched++;
        continue;
      }
      if (good && action === 'submit' && row.sheet && (row.sheet.status === 'DRAFT' || row.sheet.status === 'RETURNED')) {
        const result = await api('POST', `${base}/sheets/${row.sheet.id}/submit`, { version: row.sheet.version });
        if (result.ok) {
          row.sheet.version = result.data.version;
          row.sheet.status = result.data.status;
          setRowStatus(tr, 'Đã nộp', 'ok');
        } else if (result.status === 409 && result.data.code === 'VERSION_CONFLICT') {
          await conflict(tr, row, result);
          good = false;
        } else {
          // Criteria left empty (details entries.<code>): said once for the row, each empty cell marked, after the loop.
          const empty = (result.data.details || []).map((d) => /^entries\.([^.]+)$/.exec(d.field || '')).filter(Boolean).map((m) => tr.querySelector(`input.grid-input[data-code="${CSS.escape(m[1])}"]`)).filter(Boolean);
          if (empty.length) {
            unscored.push(`${row.targetName}: ${result.data.message.charAt(0).toLowerCase()}${result.data.message.slice(1)}`);
            emptyCells.push(...empty);
          } else showErrors(form, result.data, result.status);
          good = false;
        }
      }
      if (good) ok++;
      else failed++;
    }
    if (unscored.length) {
      // Another row's refusal shown meanwhile stays in the message (showErrors clears the form first).
      const shown = form.querySelector('[data-role="form-message"]');
      const earlier = shown && !shown.hidden ? shown.textContent.trim() : '';
      showErrors(form, { message: `${earlier ? `${earlier} ` : ''}Chưa nộp được: ${unscored.join(' ')} Nhập các ô còn trống (đánh dấu đỏ) rồi bấm “Nộp phiếu” lại.`, details: [] });
      for (const input of emptyCells) setCellError(input, 'Chưa chấm.');
      reveal(emptyCells[0]);
    }
    window.thidua.busy(button, false);
    const done = action === 'submit' ? `Đã nộp ${ok} phiếu` : `Đã lưu ${ok} phiếu`;
    const rest = `${failed ? `; ${failed} phiếu cần xử lý` : ''}${untouched ? `; ${untouched} dòng chưa nhập điểm (chưa có phiếu)` : ''}.`;
    statusBox.textContent = done + rest;
    if (!failed && ok) flash(action === 'submit' ? `Đã nộp ${ok} phiếu chấm${rest}` : `Đã lưu nháp ${ok} phiếu chấm${rest}`);
  }

  form.querySelectorAll('button[data-action]').forEach((b) => b.addEventListener('click', () => run(b.dataset.action, b)));
  window.thidua.handlers.uploaded = (result) => {
    sessionStorage.setItem(
      'thidua.flash',
      result.unchanged
        ? 'Tệp này đã được tải lên trước đó: không có thay đổi.'
        : `Đã nhập điểm: ${result.sheetsCreated} phiếu mới, ${result.sheetsUpdated} phiếu cập nhật, ${result.entriesChanged} ô điểm thay đổi. Các phiếu vẫn là bản nháp: kiểm tra rồi bấm “Nộp phiếu” để nộp.`,
    );
    window.location.reload();
  };
});
