/**
 * Looks inside a zip (an .xlsx is one) before anything parses it: entry count and declared sizes from
 * the central directory, so that a zip bomb or an oversized workbook is refused without inflating it.
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

/** Null when the zip is within the limits, else the Vietnamese reason it is refused. */
export function zipProblem(bytes: Buffer, limits: ZipLimits = XLSX_LIMITS): string | null {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) return 'Tệp nén bị hỏng (không đọc được mục lục).';
  const entries = bytes.readUInt16LE(eocd + 10);
  const dirSize = bytes.readUInt32LE(eocd + 12);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) return 'Tệp nén dạng ZIP64 không được hỗ trợ.';
  if (entries > limits.maxEntries) return `Tệp có quá nhiều thành phần (${entries}).`;
  if (dirOffset + dirSize > bytes.length) return 'Tệp nén bị hỏng (mục lục vượt quá kích thước tệp).';
  let offset = dirOffset;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return 'Tệp nén bị hỏng (mục lục không hợp lệ).';
    const compressed = bytes.readUInt32LE(offset + 20);
    const uncompressed = bytes.readUInt32LE(offset + 24);
    total += uncompressed;
    if (total > limits.maxUncompressedBytes) return `Nội dung giải nén vượt quá ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB.`;
    if (uncompressed > 1024 * 1024 && uncompressed / Math.max(1, compressed) > limits.maxRatio) {
      return 'Tệp có tỷ lệ nén bất thường (nghi ngờ "bom nén").';
    }
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return null;
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
