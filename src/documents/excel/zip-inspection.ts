import { inflateRawSync } from 'node:zlib';

/**
 * Looks inside a zip (an .xlsx is one) before anything parses it: entry count from the central directory and the
 * real inflated size of every entry (capped while inflating), so that a zip bomb or an oversized workbook is
 * refused before a parser holds it in memory.
 */
export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  maxRatio: number;
}

export const XLSX_LIMITS: ZipLimits = { maxEntries: 500, maxUncompressedBytes: 50 * 1024 * 1024, maxRatio: 200 };

export type FileKind = 'zip' | 'ole' | 'other';

/** .xlsx is a zip ("PK\x03\x04"); .xls (Excel 97-2003) is an OLE compound file. */
export function sniff(bytes: Buffer): FileKind {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
  return 'other';
}

/**
 * Null when the zip is within the limits, else the Vietnamese reason it is refused. The sizes an archive
 * declares are not trusted: every entry is really inflated, with the output capped at what is left of the
 * budget (zlib stops there), and an entry whose real size differs from the declared one is refused as lying.
 */
export function zipProblem(bytes: Buffer, limits: ZipLimits = XLSX_LIMITS): string | null {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) return 'Tệp nén bị hỏng (không đọc được mục lục).';
  const entries = bytes.readUInt16LE(eocd + 10);
  const dirSize = bytes.readUInt32LE(eocd + 12);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) return 'Tệp nén dạng ZIP64 không được hỗ trợ.';
  if (entries > limits.maxEntries) return `Tệp có quá nhiều thành phần (${entries}).`;
  if (dirOffset + dirSize > bytes.length) return 'Tệp nén bị hỏng (mục lục vượt quá kích thước tệp).';
  const tooBig = `Nội dung giải nén vượt quá ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB.`;
  let offset = dirOffset;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return 'Tệp nén bị hỏng (mục lục không hợp lệ).';
    const flags = bytes.readUInt16LE(offset + 8);
    const method = bytes.readUInt16LE(offset + 10);
    const compressed = bytes.readUInt32LE(offset + 20);
    const declared = bytes.readUInt32LE(offset + 24);
    const localOffset = bytes.readUInt32LE(offset + 42);
    if (flags & 0x1) return 'Tệp nén có thành phần được mã hóa: không được hỗ trợ.';
    if (declared > limits.maxUncompressedBytes - total) return tooBig;
    if (declared > 1024 * 1024 && declared / Math.max(1, compressed) > limits.maxRatio) {
      return 'Tệp có tỷ lệ nén bất thường (nghi ngờ "bom nén").';
    }
    const data = entryData(bytes, localOffset, compressed);
    if (!data) return 'Tệp nén bị hỏng (thành phần không hợp lệ).';
    const actual = inflatedSize(data, method, limits.maxUncompressedBytes - total);
    if (actual === 'too-big') return tooBig;
    if (actual === 'corrupt') return 'Tệp nén bị hỏng (không giải nén được).';
    if (actual !== declared) return 'Tệp nén khai báo sai kích thước thành phần (nghi ngờ "bom nén").';
    total += actual;
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return null;
}

/** The compressed bytes of the entry whose local header is at `at`, or null when they lie outside the file. */
function entryData(bytes: Buffer, at: number, compressed: number): Buffer | null {
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + compressed > bytes.length) return null;
  return bytes.subarray(start, start + compressed);
}

/** The real inflated size, inflating at most `budget` bytes (+1 to see that it goes over). */
function inflatedSize(data: Buffer, method: number, budget: number): number | 'too-big' | 'corrupt' {
  if (method === 0) return data.length > budget ? 'too-big' : data.length;
  if (method !== 8) return 'corrupt';
  try {
    const out = inflateRawSync(data, { maxOutputLength: budget + 1 });
    return out.length > budget ? 'too-big' : out.length;
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-big' : 'corrupt';
  }
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
