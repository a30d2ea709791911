// Audit page: checks the hash chain of the audit log on request.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const button = document.querySelector('[data-role="verify-chain"]');
  if (!button) return;
  const out = document.querySelector('[data-role="verify-result"]');
  button.addEventListener('click', async () => {
    window.thidua.busy(button, true, 'Đang kiểm tra…');
    const result = await window.thidua.api('GET', '/api/audit/verify');
    window.thidua.busy(button, false);
    out.className = 'badge ' + (result.ok && result.data.ok ? 'ok' : 'bad');
    out.textContent = result.data.message || 'Không kiểm tra được.';
  });
});
