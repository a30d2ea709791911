import { PdfFile } from './pdf-file';
import { updateProblem } from './strict-update';
import { SignatureCheck, verifyPdfSignatures } from './verify';

export interface AddedSignature {
  fieldName: string;
  check: SignatureCheck;
}

/**
 * Accepts a revision signed outside the system only if it is the current file plus exactly one incremental
 * update that adds exactly one signature, in the member's own empty field, made with one of the member's
 * certificates, and writes nothing else: the field again (its value, appearance — bounded by the field's unchanged
 * rectangle — and date of change) and new objects. No page, annotation, other field, form or catalog is rewritten or freed — a
 * new field or a widget enlarged over the page would otherwise lay a new face over the text (a "shadow" attack).
 * Throws with the reason in Vietnamese.
 */
export function checkAddedSignature(
  current: Buffer,
  uploaded: Buffer,
  member: { ownField: string; certificateSha256s: string[]; trustedRoots: Buffer[] },
): AddedSignature {
  const trimmed = current[current.length - 1] === 0x0a ? current.subarray(0, current.length - 1) : current;
  if (uploaded.length <= current.length || !uploaded.subarray(0, trimmed.length).equals(trimmed)) {
    throw new Error('Tệp gửi lên không giữ nguyên bản hiện hành: chỉ được thêm một lần ký (cập nhật tăng dần) vào đúng bản đang lưu.');
  }
  const before = new PdfFile(current);
  const after = new PdfFile(uploaded);
  if (after.revisions().length !== before.revisions().length + 1) {
    throw new Error('Tệp gửi lên phải có đúng một phiên bản mới so với bản hiện hành.');
  }
  if (after.pageFingerprints().join() !== before.pageFingerprints().join()) {
    throw new Error('Phiên bản mới đã thay đổi nội dung hiển thị của văn bản.');
  }
  // Read strictly, it writes the member's empty field (value, appearance, date of change) and new objects, nothing
  // else, and ends with its %%EOF: no page, annotation, other field, form or catalog rewritten, and nothing that
  // another reader would read otherwise.
  if (after.latest().end !== uploaded.length || updateProblem(after, after.revisions().length - 1, member.ownField)) {
    throw new Error('Đơn vị chỉ được ký vào ô chữ ký của chính mình; phiên bản mới không được thêm trường, chú thích hay thay đổi trang, biểu mẫu, danh mục của văn bản, và phải đúng cấu trúc một lần ký (cập nhật tăng dần) mà mọi phần mềm đọc PDF đọc như nhau.');
  }
  const old = new Map(before.signatureFields().map((f) => [f.name, f]));
  const changed = after.signatureFields().filter((f) => {
    const was = old.get(f.name);
    return !was || was.value?.num !== f.value?.num || was.rect.join() !== f.rect.join();
  });
  const gone = [...old.keys()].filter((name) => !after.signatureFields().some((f) => f.name === name));
  if (gone.length || changed.length !== 1 || !changed[0].value) {
    throw new Error('Phiên bản mới phải thêm đúng một chữ ký và không thay đổi trường chữ ký nào khác.');
  }
  const field = changed[0];
  const existing = old.get(field.name);
  if (!existing || existing.value || field.name !== member.ownField) {
    throw new Error(`Đơn vị chỉ được ký vào ô chữ ký của chính mình; chữ ký mới nằm ở ô "${field.name}".`);
  }
  const check = verifyPdfSignatures(uploaded, member.trustedRoots).signatures.find((s) => s.fieldName === field.name);
  if (!check || !check.intact) throw new Error(`Chữ ký mới không hợp lệ: ${check?.problems.join(' ') ?? 'không đọc được chữ ký'}.`);
  if (check.revision !== after.revisions().length) throw new Error('Chữ ký mới không bao trọn tệp gửi lên.');
  if (!check.certificateSha256 || !member.certificateSha256s.includes(check.certificateSha256)) {
    throw new Error('Chứng thư số của chữ ký mới không phải của đơn vị bạn (chưa được đăng ký cho đơn vị).');
  }
  return { fieldName: field.name, check };
}
