import { sniff, zipProblem } from './excel/zip-inspection';

/** The evidence a unit may attach: PDF, images and Office documents, recognised by their content. */
const BY_EXTENSION: Record<string, { mime: string; check: (b: Buffer) => boolean }> = {
  pdf: { mime: 'application/pdf', check: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  png: { mime: 'image/png', check: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  jpg: { mime: 'image/jpeg', check: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  jpeg: { mime: 'image/jpeg', check: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', check: (b) => officeZip(b, 'word/') },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', check: (b) => officeZip(b, 'xl/') },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', check: (b) => officeZip(b, 'ppt/') },
  doc: { mime: 'application/msword', check: (b) => sniff(b) === 'ole' },
  xls: { mime: 'application/vnd.ms-excel', check: (b) => sniff(b) === 'ole' },
};

export const EVIDENCE_EXTENSIONS = Object.keys(BY_EXTENSION);

function officeZip(b: Buffer, folder: string): boolean {
  return sniff(b) === 'zip' && zipProblem(b) === null && b.includes(Buffer.from('[Content_Types].xml')) && b.includes(Buffer.from(folder));
}

/** The MIME type of an accepted evidence file, or the Vietnamese reason it is refused (`what` names the file for the user). */
export function evidenceType(fileName: string, bytes: Buffer, what = 'tệp minh chứng'): { mime: string; extension: string } | { problem: string } {
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const kind = BY_EXTENSION[extension];
  if (!kind) return { problem: `Chỉ nhận ${what} dạng ${EVIDENCE_EXTENSIONS.join(', ')}.` };
  if (!kind.check(bytes)) return { problem: `Nội dung tệp không đúng với phần mở rộng .${extension}.` };
  return { mime: kind.mime, extension };
}
