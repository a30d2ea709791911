import { PdfFile } from './pdf-file';
import { updateProblem } from './strict-update';
import { SignatureCheck, verifyPdfSignatures } from './verify';

/** Why an uploaded revision is refused: `message` in Vietnamese for the unit, `detail` (English) for the log. */
export class RevisionRefused extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

const UNREADABLE = 'Tệp gửi lên không đọc được như một tệp PDF hoàn chỉnh (có thể tệp bị hỏng hoặc chưa tải hết): hãy tải lại bản ký số hiện hành, ký rồi gửi lại.';
/** A tool that writes compressed cross-reference streams: this reader takes classic tables only (pdf-file.ts). */
const XREF_STREAM = 'Phần mềm ký số đã ghi tệp với bảng tham chiếu dạng nén (cross-reference stream), hệ thống chưa kiểm tra được kiểu tệp này: hãy chọn chế độ ký giữ bảng tham chiếu thông thường, hoặc ký trên hệ thống.';
const NOT_OWN_FIELD_ONLY =
  'Phiên bản ký gửi lên không chỉ ký vào ô chữ ký của đơn vị: phần mềm ký đã thêm hoặc sửa phần khác của văn bản (trường, chú thích, trang, biểu mẫu, danh mục), hoặc ghi tệp không đúng cấu trúc một lần ký (cập nhật tăng dần). Hãy ký đúng ô của đơn vị trên bản ký số hiện hành, không sửa gì khác, rồi gửi lại.';

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
 * Throws RevisionRefused: the reason in Vietnamese, and what the reader found (English) where it says more.
 */
export function checkAddedSignature(current: Buffer, uploaded: Buffer, member: { ownField: string; certificateSha256s: string[]; trustedRoots: Buffer[] }): AddedSignature {
  try {
    return check(current, uploaded, member);
  } catch (error) {
    if (error instanceof RevisionRefused) throw error;
    // The reader's own words (English): logged, never shown.
    const detail = error instanceof Error ? error.message : String(error);
    throw new RevisionRefused(/cross-reference streams/i.test(detail) ? XREF_STREAM : UNREADABLE, detail);
  }
}

function check(current: Buffer, uploaded: Buffer, member: { ownField: string; certificateSha256s: string[]; trustedRoots: Buffer[] }): AddedSignature {
  const trimmed = current[current.length - 1] === 0x0a ? current.subarray(0, current.length - 1) : current;
  if (uploaded.length <= current.length || !uploaded.subarray(0, trimmed.length).equals(trimmed)) {
    throw new RevisionRefused('Tệp gửi lên không giữ nguyên bản hiện hành: chỉ được thêm một lần ký (cập nhật tăng dần) vào đúng bản đang lưu.');
  }
  const before = new PdfFile(current);
  const after = new PdfFile(uploaded);
  if (after.revisions().length !== before.revisions().length + 1) {
    throw new RevisionRefused('Tệp gửi lên phải có đúng một phiên bản mới so với bản hiện hành.');
  }
  if (after.pageFingerprints().join() !== before.pageFingerprints().join()) {
    throw new RevisionRefused('Phiên bản mới đã thay đổi nội dung hiển thị của văn bản.');
  }
  const old = new Map(before.signatureFields().map((f) => [f.name, f]));
  const changed = after.signatureFields().filter((f) => {
    const was = old.get(f.name);
    return !was || was.value?.num !== f.value?.num || was.rect.join() !== f.rect.join();
  });
  const gone = [...old.keys()].filter((name) => !after.signatureFields().some((f) => f.name === name));
  const field = changed[0];
  const existing = field && old.get(field.name);
  // The one mistake a unit makes in good faith, said as such: its tool signed another member's empty field.
  if (changed.length === 1 && field.value && existing && !existing.value && field.name !== member.ownField) {
    throw new RevisionRefused(`Đơn vị chỉ được ký vào ô chữ ký của chính mình; chữ ký mới nằm ở ô "${field.name}".`);
  }
  // Read strictly, it writes the member's empty field (value, appearance, date of change) and new objects, nothing
  // else, and ends with its %%EOF: no page, annotation, other field, form or catalog rewritten, and nothing that
  // another reader would read otherwise.
  const problem = after.latest().end !== uploaded.length ? 'bytes after the last %%EOF' : updateProblem(after, after.revisions().length - 1, member.ownField);
  if (problem) throw new RevisionRefused(NOT_OWN_FIELD_ONLY, problem);
  if (gone.length || changed.length !== 1 || !field.value) {
    throw new RevisionRefused('Phiên bản mới phải thêm đúng một chữ ký và không thay đổi trường chữ ký nào khác.');
  }
  if (!existing || existing.value || field.name !== member.ownField) {
    throw new RevisionRefused(`Đơn vị chỉ được ký vào ô chữ ký của chính mình; chữ ký mới nằm ở ô "${field.name}".`);
  }
  const check = verifyPdfSignatures(uploaded, member.trustedRoots).signatures.find((s) => s.fieldName === field.name);
  if (!check || !check.intact) throw new RevisionRefused(`Chữ ký mới không hợp lệ: ${check?.problems.join(' ') ?? 'không đọc được chữ ký'}.`);
  if (check.revision !== after.revisions().length) throw new RevisionRefused('Chữ ký mới không bao trọn tệp gửi lên.');
  if (!check.certificateSha256 || !member.certificateSha256s.includes(check.certificateSha256)) {
    throw new RevisionRefused('Chứng thư số của chữ ký mới không phải của đơn vị bạn (chưa được đăng ký cho đơn vị).');
  }
  return { fieldName: field.name, check };
}
