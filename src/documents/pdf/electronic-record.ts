import type { SignatureBlock, SignatureCell } from './decree30-drawing';

/**
 * The input information of an electronic document (thông tin đầu vào của văn bản điện tử) that Decree 30/2020
 * Appendix VI lists, as this system fills it: what the document itself prints. Kept in the register
 * (issued_documents) and written into the PDF's Info dictionary. The page count (Số trang) is not here: it is
 * measured on the produced file. Pure data: no database, no PDF.
 */
export interface ElectronicRecord {
  /** Mã định danh của cơ quan, tổ chức: the cluster's document code (CTĐ6) or the organiser's unit code. */
  issuerCode: string | null;
  /** Số, ký hiệu văn bản ("05/TTr-CTĐ6"); null when the document prints none (a list, a scoreboard, a draft). */
  number: string | null;
  /** Ngày, tháng, năm văn bản (YYYY-MM-DD); null for a draft the signer dates. */
  date: string | null;
  /** Tên loại văn bản ("Tờ trình", "Biên bản"). */
  type: string;
  /** Trích yếu nội dung, as printed under the type; null when the document prints none. */
  summary: string | null;
  /** Chức vụ của người ký; for several signers, one entry each, joined by "; ". */
  signerPosition: string | null;
  /** Họ và tên người ký, in the order of signerPosition; null when no person's name is printed. */
  signerName: string | null;
  /** Nơi nhận, one entry per printed line (without the leading dash and the closing punctuation). */
  recipients: string[];
}

/** The Appendix VI name of each field (people-facing labels, also in the verification page). */
export const RECORD_LABELS = {
  issuerCode: 'Mã định danh của cơ quan, tổ chức',
  number: 'Số, ký hiệu văn bản',
  date: 'Ngày, tháng, năm văn bản',
  type: 'Tên loại văn bản',
  summary: 'Trích yếu nội dung',
  pageCount: 'Số trang',
  signerPosition: 'Chức vụ người ký',
  signerName: 'Họ và tên người ký',
  recipients: 'Nơi nhận',
} as const;

/**
 * The custom keys of the PDF Info dictionary (ASCII names, Vietnamese values). Standard keys (Title, Subject,
 * Keywords) stay as they are; these are read with `pdfinfo -custom`.
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
