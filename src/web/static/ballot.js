'use strict';
/** The ballot's receipt code, shown once in place of the voting form. */
window.thidua.handlers.showReceipt = (result, form) => {
  const box = document.querySelector('[data-role="receipt"]');
  box.querySelector('[data-role="receipt-code"]').textContent = result.receipt;
  box.hidden = false;
  form.hidden = true;
  box.focus();
};
