import { FONT, fonts } from './fonts';
import { drawLines, wrapWords } from './decree30-text';

/**
 * Drawing pieces of the Decree 30 kit: a signature-grid cell, the signature block and "Nơi nhận", the
 * footer's QR code, the draft watermark.
 */

export interface SignatureCell {
  unitName: string;
  /** "Cụm trưởng" / "Cụm phó" or null. */
  mark: string | null;
  /** e.g. "Giám đốc" or "KT. Giám đốc / Phó Giám đốc" (one line per "/"). */
  title: string;
  /** "Đã ký lúc 10:15 ngày 06/03/2020" or "(Chưa ký)". */
  status: string;
  signer: string;
  /** Room before the status and before the name (points); more where a signature's image will be drawn. */
  room?: number;
}

/** A line group of a signature; `room` leaves the signature's room above it (the status and the signer's name). */
type Part = { text: string; font: string; size: number; gap: number; room?: boolean };

/**
 * Decree 30 sizes: the authority (a unit) and the title lines 13 pt bold upper case, the signer's name
 * 13 pt bold; the mark and the status between them are smaller.
 */
const AUTHORITY_SIZE = 13;
const NAME_SIZE = 13;

/** A signature cell, top to bottom: unit (upper case), its mark, title lines, status, signer. */
function cellParts(c: SignatureCell): Part[] {
  return [
    { text: c.unitName.toLocaleUpperCase('vi'), font: FONT.bold, size: AUTHORITY_SIZE, gap: 2 },
    ...(c.mark ? [{ text: `(${c.mark})`, font: FONT.boldItalic, size: 12, gap: 2 }] : []),
    ...titleParts(c.title),
    { text: c.status, font: FONT.italic, size: 11, gap: 0, room: true },
    { text: c.signer, font: FONT.bold, size: NAME_SIZE, gap: 0, room: true },
  ];
}

/** "KT. Giám đốc / Phó Giám đốc": one bold upper-case line per "/" (none for an empty title). */
function titleParts(title: string): Part[] {
  return title
    .split('/')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => ({ text: t.toLocaleUpperCase('vi'), font: FONT.bold, size: AUTHORITY_SIZE, gap: 0 }));
}

/** Room for the signature and the name: 18 pt before each of the parts marked `room`. */
const SIGNATURE_ROOM = 18;

function partsHeight(d: PDFKit.PDFDocument, parts: Part[], width: number, room = SIGNATURE_ROOM): number {
  return parts.reduce((h, p) => {
    d.font(p.font).fontSize(p.size);
    return h + (p.room ? room : 0) + wrapWords(d, p.text || ' ', width).length * d.currentLineHeight(true) + p.gap;
  }, 0);
}

/** Parts centred in the column; lines break between words only, so a unit's name is never cut inside a word. */
function drawParts(d: PDFKit.PDFDocument, parts: Part[], x: number, y: number, width: number, room = SIGNATURE_ROOM, firstTitle = -1): { end: number; roomTop: number; titleTop: number } {
  let cy = y;
  let roomTop = y;
  let titleTop = -1;
  let roomed = false;
  parts.forEach((p, i) => {
    if (i === firstTitle) titleTop = cy;
    if (p.room && !roomed) [roomTop, roomed] = [cy, true];
    if (p.room) cy += room;
    d.font(p.font).fontSize(p.size);
    drawLines(d, wrapWords(d, p.text, width), x, cy, width, 'center');
    cy = d.y + p.gap;
  });
  return { end: cy, roomTop, titleTop: titleTop < 0 ? roomTop : titleTop };
}

export function signatureCellHeight(d: PDFKit.PDFDocument, c: SignatureCell, width: number): number {
  return partsHeight(d, cellParts(c), width, c.room);
}

/**
 * Draws the cell; returns where its signature field begins: at the title lines, which the signature's appearance draws
 * again with the signer's own title (a deputy signs "KT. Giám đốc / Phó Giám đốc" over the printed "Giám đốc").
 */
export function drawSignatureCell(d: PDFKit.PDFDocument, c: SignatureCell, x: number, y: number, width: number): number {
  return drawParts(d, cellParts(c), x, y, width, c.room, c.mark ? 2 : 1).titleTop;
}

/** The signature block of a document signed by one authority (tờ trình, danh sách, quyết định). */
export interface SignatureBlock {
  /** "TM. Cụm thi đua số 6", "KT. Bộ trưởng"; empty when the signer signs in their own right. */
  authority: string;
  /** The signer's job title ("Cụm trưởng", "Bộ trưởng"); "/" separates lines. */
  title: string;
  /** The unit holding that title when it is not the issuer (the chair unit of a cluster), or null. */
  unit?: string | null;
  /** "(Văn bản ký số bởi hệ thống)" — where the signature goes (the system signs the file). */
  status: string;
  /** The signer's full name; empty when no person is known: the name slot is then left blank. */
  signer: string;
  /** false: no name slot at all (a file signed by the system, which no person signs by hand under it). */
  nameSlot?: boolean;
}

function blockParts(b: SignatureBlock): Part[] {
  return [
    ...(b.authority ? [{ text: b.authority.toLocaleUpperCase('vi'), font: FONT.bold, size: AUTHORITY_SIZE, gap: 0 }] : []),
    ...titleParts(b.title),
    ...(b.unit ? [{ text: b.unit.toLocaleUpperCase('vi'), font: FONT.bold, size: AUTHORITY_SIZE, gap: 0 }] : []),
    { text: b.status, font: FONT.italic, size: 12, gap: 0, room: true },
    ...(b.signer || b.nameSlot !== false ? [{ text: b.signer, font: FONT.bold, size: NAME_SIZE, gap: 0, room: true }] : []),
  ];
}

export function signatureBlockHeight(d: PDFKit.PDFDocument, b: SignatureBlock, width: number): number {
  return partsHeight(d, blockParts(b), width) + SIGNATURE_ROOM;
}

export function drawSignatureBlock(d: PDFKit.PDFDocument, b: SignatureBlock, x: number, y: number, width: number): void {
  drawParts(d, blockParts(b), x, y, width);
}

/** "Nơi nhận:" 12 pt bold italic, its list 11 pt. */
export function recipientsHeight(d: PDFKit.PDFDocument, lines: string[], width: number): number {
  d.font(FONT.boldItalic).fontSize(12);
  let h = d.heightOfString('Nơi nhận:', { width });
  d.font(FONT.regular).fontSize(11);
  for (const line of lines) h += d.heightOfString(line, { width });
  return h;
}

export function drawRecipients(d: PDFKit.PDFDocument, lines: string[], x: number, y: number, width: number): void {
  d.font(FONT.boldItalic).fontSize(12).text('Nơi nhận:', x, y, { width });
  for (const line of lines) d.font(FONT.regular).fontSize(11).text(line, x, d.y, { width });
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

/**
 * The draft mark across the page ("DỰ THẢO"), drawn as the letters' outlines rather than as text: a mark on the
 * page, not words of the document, so it stays out of the text layer (as text, its letters interleaved with the
 * lines it crosses in pdftotext, a copy or a screen reader; the footer says in words that the file is a draft).
 */
export function drawWatermark(d: PDFKit.PDFDocument, text: string): void {
  const { width, height } = d.page;
  const font = fonts().bold;
  const run = font.layout(text.normalize('NFC'));
  const scale = 90 / font.unitsPerEm;
  const x0 = (width - run.advanceWidth * scale) / 2;
  const baseline = (height + font.capHeight * scale) / 2;
  // The colour and opacity are set before the path: no state operator may stand inside a path object (ISO 32000).
  d.save().rotate(-35, { origin: [width / 2, height / 2] }).fillColor('#808080').fillOpacity(0.22);
  let pen = 0;
  run.glyphs.forEach((glyph, i) => {
    const { xAdvance, xOffset, yOffset } = run.positions[i];
    // Font units (y up) to the page (y down), the glyph at the pen.
    const at = (a: number[]): number[] => a.flatMap((v, k) => (k % 2 ? [baseline - (yOffset + v) * scale] : [x0 + (pen + xOffset + v) * scale]));
    for (const { command, args } of glyph.path.commands) {
      const [p0, p1, p2, p3, p4, p5] = at(args);
      if (command === 'moveTo') d.moveTo(p0, p1);
      else if (command === 'lineTo') d.lineTo(p0, p1);
      else if (command === 'quadraticCurveTo') d.quadraticCurveTo(p0, p1, p2, p3);
      else if (command === 'bezierCurveTo') d.bezierCurveTo(p0, p1, p2, p3, p4, p5);
      else d.closePath();
    }
    pen += xAdvance;
  });
  d.fill().restore();
  d.fillOpacity(1).fillColor('black');
}
