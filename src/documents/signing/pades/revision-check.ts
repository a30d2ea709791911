import { PdfFile } from './pdf-file';
import { PdfDict, PdfRef, PdfValue, canonical } from './pdf-syntax';
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
  onlyOwnFieldWritten(before, after, member.ownField);
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

const OWN_FIELD_ONLY = 'Đơn vị chỉ được ký vào ô chữ ký của chính mình; phiên bản mới không được thêm trường, chú thích hay thay đổi trang, biểu mẫu hoặc danh mục của văn bản.';

/** The update writes the member's field (its value and appearance only) and new objects; nothing else of the file. */
function onlyOwnFieldWritten(before: PdfFile, after: PdfFile, ownField: string): void {
  const same = (a: PdfValue | undefined, b: PdfValue | undefined) => a instanceof PdfRef && b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  const trailer = after.latest().trailer;
  // The same catalog, no encryption, and built on the current revision (a /Prev to an older one would hide what came since).
  if (!same(before.latest().trailer.get('Root'), trailer.get('Root')) || trailer.get('Encrypt') !== undefined || trailer.get('Prev') !== before.latest().startxref) throw new Error(OWN_FIELD_ONLY);
  const own = before.signatureFields().find((f) => f.name === ownField);
  const size = before.size();
  const { written, freed } = after.sectionEntries();
  if (freed.some((num) => num < size)) throw new Error(OWN_FIELD_ONLY);
  const without = (v: PdfValue | undefined, keys: string[]) => canonical(v instanceof PdfDict ? new PdfDict(new Map([...v.entries].filter(([k]) => !keys.includes(k)))) : (v ?? null));
  for (const num of written) {
    if (num >= size) continue;
    const was = before.object(num);
    const now = after.object(num);
    if (!was || !now) throw new Error(OWN_FIELD_ONLY);
    // The field itself: its value, appearance and date of change (/M) may be set; the rest, its /Rect first, stays.
    const skip = own && own.ref.num === num && !own.value ? ['V', 'AP', 'M'] : [];
    if (without(was.value, skip) !== without(now.value, skip) || (was.stream ?? '') !== (now.stream ?? '')) throw new Error(OWN_FIELD_ONLY);
  }
}
