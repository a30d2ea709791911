import type { SignatureBlock, SignatureCell } from './decree30-drawing';

/**
 * The input information of an outgoing document that Decree 30/2020 Appendix VI ("Hệ thống quản lý tài liệu điện
 * tử"), Part II "Chuẩn thông tin đầu vào của hệ thống", section I "Thông tin đầu vào của dữ liệu quản lý văn bản đi"
 * lists, as far as this system knows it: what the document itself prints. The Appendix's field numbers and tags are
 * given per field. Kept in the register (issued_documents) and written into the PDF's Info dictionary. The page
 * count (field 10, Số trang của văn bản, PageAmount) is not here: it is measured on the produced file.
 * Not kept: Mã hồ sơ (1), Ngôn ngữ (9, always Vietnamese), Ghi chú (11), Mức độ khẩn, độ mật (14), Số lượng bản
 * phát hành (15), Hạn trả lời (16); the issuing body's name (7) is the register's issuer_name.
 * Pure data: no database, no PDF.
 */
export interface ElectronicRecord {
  /**
   * The issuing body's code in this system: the cluster's document code (CTĐ6) or the organiser's unit code. It
   * stands where the Appendix puts a mã định danh của cơ quan, tổ chức (a 13-character OrganId from the national
   * catalogue), which a cluster does not have and the system does not hold; it is not that identifier.
   */
  issuerCode: string | null;
  /** Fields 4–5, Số / Ký hiệu của văn bản (CodeNumber, CodeNotation), together as printed ("05/TTr-CTĐ6"); null when the document prints none (a list, a scoreboard, a draft). */
  number: string | null;
  /** Field 6, Ngày, tháng, năm văn bản (IssuedDate), YYYY-MM-DD; null for a draft the signer dates. */
  date: string | null;
  /** Field 3, Tên loại văn bản (TypeName): "Tờ trình", "Biên bản". */
  type: string;
  /** Field 8, Trích yếu nội dung (Subject), as printed under the type; null when the document prints none. */
  summary: string | null;
  /** Field 12.1, Chức vụ của người ký văn bản (Position); several signers joined by "; ". */
  signerPosition: string | null;
  /** Field 12.2, Họ và tên người ký văn bản (FullName), in the order of signerPosition; null when no name is printed. */
  signerName: string | null;
  /** Field 13, Nơi nhận (To), one entry per printed line (without the leading dash and the closing punctuation). */
  recipients: string[];
}

/** The Appendix VI name of each field (people-facing labels; the issuer's code is this system's, see issuerCode). */
export const RECORD_LABELS = {
  issuerCode: 'Mã cơ quan, tổ chức ban hành (trong hệ thống)',
  number: 'Số, ký hiệu văn bản',
  date: 'Ngày, tháng, năm văn bản',
  type: 'Tên loại văn bản',
  summary: 'Trích yếu nội dung',
  pageCount: 'Số trang của văn bản',
  signerPosition: 'Chức vụ của người ký văn bản',
  signerName: 'Họ và tên người ký văn bản',
  recipients: 'Nơi nhận',
} as const;

/**
 * The custom keys of the PDF Info dictionary (ASCII names, Vietnamese values), read with `pdfinfo -custom`. They are
 * the Vietnamese field names without diacritics rather than the Appendix's English tags, as its "Subject" would
 * collide with the standard Info key of that name (which, like Title and Keywords, stays as it is).
 */
export const INFO_KEYS = {
  issuerCode: 'MaDinhDanhCoQuan',
  number: 'SoKyHieuVanBan',
  date: 'NgayThangNamVanBan',
  type: 'TenLoaiVanBan',
  summary: 'TrichYeuNoiDung',
  pageCount: 'SoTrang',
  signerPosition: 'ChucVuNguoiKy',
  signerName: 'HoTenNguoiKy',
  recipients: 'NoiNhan',
} as const;

/** "06/03/2020" from "2020-03-06". */
export function dateVi(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** The Info entries of a record; a field the document does not print is left out rather than invented. */
export function recordInfo(record: ElectronicRecord, pageCount: number): Record<string, string> {
  const entries: Array<[string, string | null]> = [
    [INFO_KEYS.issuerCode, record.issuerCode],
    [INFO_KEYS.number, record.number],
    [INFO_KEYS.date, record.date ? dateVi(record.date) : null],
    [INFO_KEYS.type, record.type],
    [INFO_KEYS.summary, record.summary],
    [INFO_KEYS.pageCount, String(pageCount)],
    [INFO_KEYS.signerPosition, record.signerPosition],
    [INFO_KEYS.signerName, record.signerName],
    [INFO_KEYS.recipients, record.recipients.length ? record.recipients.join('; ') : null],
  ];
  return Object.fromEntries(entries.filter((e): e is [string, string] => !!e[1]));
}

/** "- Như trên;" → "Như trên": the printed recipient lines as entries. */
export function recipientEntries(lines: string[]): string[] {
  return lines.map((l) => l.replace(/^\s*-\s*/, '').replace(/[;.,]+\s*$/, '').replace(/\.\/\.$/, '').trim()).filter(Boolean);
}

/** The signer of a signature block: authority, title and unit as the position; the name when one is printed. */
export function blockSigner(block: SignatureBlock): Pick<ElectronicRecord, 'signerPosition' | 'signerName'> {
  const position = [block.authority, block.title, block.unit].filter((x) => !!x && x.trim()).join(', ');
  return { signerPosition: position || null, signerName: block.signer.trim() || null };
}

/**
 * Several signers (a pledge's members, the chair and secretary of a meeting): one position and one name each, in
 * the same order; a signer whose name is not printed yet is "(chưa ký)".
 */
export function cellSigners(cells: Array<Pick<SignatureCell, 'unitName' | 'title' | 'signer'>>): Pick<ElectronicRecord, 'signerPosition' | 'signerName'> {
  if (!cells.length) return { signerPosition: null, signerName: null };
  const positions = cells.map((c) => [c.title, c.unitName].filter((x) => !!x && x.trim()).join(', '));
  const names = cells.map((c) => c.signer.trim() || '(chưa ký)');
  return { signerPosition: positions.join('; '), signerName: names.every((n) => n === '(chưa ký)') ? null : names.join('; ') };
}

/**
 * The pages of a PDF this system produced: its distinct page objects (an incremental update, such as the signature,
 * may write a page object again under the same number, so numbers are counted, not occurrences).
 */
export function countPdfPages(pdf: Buffer): number {
  const numbers = new Set<string>();
  for (const m of pdf.toString('latin1').matchAll(/(\d+) \d+ obj\s*<<\s*\/Type\s*\/Page(?![A-Za-z])/g)) numbers.add(m[1]);
  return numbers.size;
}

/** A document's data without what only the issued file knows (its id and verification address). */
export type DocumentContent<T> = Omit<T, 'documentId' | 'verifyUrl'>;
