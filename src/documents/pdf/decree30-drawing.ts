import { FONT } from './fonts';

/** Drawing pieces of the Decree 30 kit: a signature-grid cell, the footer's QR code, the draft watermark. */

export interface SignatureCell {
  unitName: string;
  /** "Cụm trưởng" / "Cụm phó" or null. */
  mark: string | null;
  /** e.g. "Giám đốc" or "KT. Giám đốc / Phó Giám đốc" (one line per "/"). */
  title: string;
  /** "Đã ký lúc 10:15 ngày 06/03/2020" or "(Chưa ký)". */
  status: string;
  signer: string;
}

/** A signature cell, top to bottom: unit (upper case), its mark, title lines, status, signer. */
function cellParts(c: SignatureCell): Array<{ text: string; font: string; size: number; gap: number }> {
  return [
    { text: c.unitName.toLocaleUpperCase('vi'), font: FONT.bold, size: 11, gap: 2 },
    ...(c.mark ? [{ text: `(${c.mark})`, font: FONT.boldItalic, size: 11, gap: 2 }] : []),
    ...c.title.split('/').map((t) => ({ text: t.trim().toLocaleUpperCase('vi'), font: FONT.bold, size: 11, gap: 0 })),
    { text: c.status, font: FONT.italic, size: 11, gap: 0 },
    { text: c.signer, font: FONT.bold, size: 12, gap: 0 },
  ];
}

/** Room for the signature and the name: 18 pt before each of the last two parts. */
const SIGNATURE_ROOM = 18;

export function signatureCellHeight(d: PDFKit.PDFDocument, c: SignatureCell, width: number): number {
  const parts = cellParts(c);
  return parts.reduce((h, p, i) => {
    d.font(p.font).fontSize(p.size);
    const space = i >= parts.length - 2 ? SIGNATURE_ROOM : p.gap;
    return h + d.heightOfString(p.text || ' ', { width, align: 'center' }) + space;
  }, 0);
}

export function drawSignatureCell(d: PDFKit.PDFDocument, c: SignatureCell, x: number, y: number, width: number): void {
  let cy = y;
  const parts = cellParts(c);
  parts.forEach((p, i) => {
    if (i >= parts.length - 2) cy += SIGNATURE_ROOM;
    d.font(p.font).fontSize(p.size).text(p.text || ' ', x, cy, { width, align: 'center' });
    cy = d.y + p.gap;
  });
}

/** The QR code as filled runs of dark modules (one rectangle per run, not per module). */
export function drawQr(d: PDFKit.PDFDocument, modules: { size: number; get(row: number, col: number): number | boolean }, x: number, y: number, size: number): void {
  const cell = size / modules.size;
  d.save().fillColor('black');
  for (let r = 0; r < modules.size; r++) {
    let run = -1;
    for (let c = 0; c <= modules.size; c++) {
      const dark = c < modules.size && !!modules.get(r, c);
      if (dark && run < 0) run = c;
      if (!dark && run >= 0) {
        d.rect(x + run * cell, y + r * cell, (c - run) * cell, cell);
        run = -1;
      }
    }
  }
  d.fill().restore();
}

export function drawWatermark(d: PDFKit.PDFDocument, text: string): void {
  const { width, height } = d.page;
  d.save()
    .rotate(-35, { origin: [width / 2, height / 2] })
    .font(FONT.bold)
    .fontSize(90)
    .fillColor('#808080')
    .fillOpacity(0.22)
    .text(text, 0, height / 2 - 45, { width, align: 'center', lineBreak: false })
    .restore();
  d.fillOpacity(1).fillColor('black');
}
