import { pdfkit, qrcode } from '../libraries';
import { FONT, fonts } from './fonts';
import {
  SignatureBlock,
  SignatureCell,
  drawQr,
  drawRecipients,
  drawSignatureBlock,
  drawSignatureCell,
  drawWatermark,
  recipientsHeight,
  signatureBlockHeight,
  signatureCellHeight,
} from './decree30-drawing';
import { TableColumn, TableOptions, drawTable } from './decree30-table';
import { drawLines, shortRule, wrapWords } from './decree30-text';
import { Decree30Header, PAGE_MARGINS, drawHeader } from './decree30-header';
import { ElectronicRecord, recordInfo } from './electronic-record';

export { PAGE_MARGINS } from './decree30-header';
export type { Decree30Header } from './decree30-header';

export type { SignatureBlock, SignatureCell } from './decree30-drawing';
export type { TableColumn } from './decree30-table';
export type { ElectronicRecord } from './electronic-record';

const MM = 72 / 25.4;

/** Bumped whenever the layout changes, so that documents are issued again with the new layout. */
export const LAYOUT_VERSION = 11;

/** The verification footer (QR code and lines) sits at the foot of the text area of every page. */
const QR_SIZE = 40;
const FOOTER_HEIGHT = QR_SIZE + 8;
/** Space after a table and before a signature block. */
const TABLE_GAP = 10;
const SIGNATURE_GAP = 8;

export const LAYOUT = {
  /** Where body text flows: the page margins, with the footer's band reserved at the bottom. */
  margins: { ...PAGE_MARGINS, bottom: PAGE_MARGINS.bottom + FOOTER_HEIGHT },
  bodySize: 13,
  indent: 1.27 * 28.3465,
};

export interface DocumentMeta {
  title: string;
  subject: string;
  /** Id of the issued document (also in Keywords, for verification of tampered copies); null for a draft not issued. */
  documentId: string | null;
  landscape?: boolean;
  /** The Decree 30 Appendix VI input information, written into the Info dictionary at finish(). */
  record?: ElectronicRecord;
}

/**
 * A document laid out per Decree 30/2020. Build it top to bottom, then finish() to a Buffer
 * (built fully in memory: a failed render never sends half a file).
 */
export class Decree30Document {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;
  private readonly record?: ElectronicRecord;
  /** Where each signature cell of signatureGrid() leaves room to sign (below its title): page (0-based) and [x1, y1, x2, y2] in PDF space. */
  readonly signatureCells: Array<{ page: number; rect: [number, number, number, number] }> = [];

  constructor(meta: DocumentMeta) {
    this.record = meta.record;
    const PDFDocument = pdfkit();
    this.doc = new PDFDocument({
      size: 'A4',
      layout: meta.landscape ? 'landscape' : 'portrait',
      margins: LAYOUT.margins,
      bufferPages: true,
      pdfVersion: '1.7',
      info: { Title: meta.title, Subject: meta.subject, Author: 'thidua', Creator: 'thidua', ...(meta.documentId ? { Keywords: `thidua-doc:${meta.documentId}` } : {}) },
    });
    const f = fonts();
    // pdfkit takes a parsed fontkit font as a source (its typings only list paths and buffers).
    for (const face of Object.keys(FONT) as Array<keyof typeof FONT>) this.doc.registerFont(FONT[face], f[face] as unknown as PDFKit.Mixins.PDFFontSource);
    this.doc.font(FONT.regular).fontSize(LAYOUT.bodySize);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
  }

  get contentWidth(): number {
    return this.doc.page.width - LAYOUT.margins.left - LAYOUT.margins.right;
  }

  /** Top left: parent and issuing bodies; top right: national name and motto; then number and place-date. */
  header(h: Decree30Header): this {
    drawHeader(this.doc, h, this.contentWidth);
    return this;
  }

  /**
   * The type of document in bold upper case (BẢN GIAO ƯỚC THI ĐUA) and its summary (trích yếu) in bold
   * beneath, with a short centred rule under the summary (1/3 to 1/2 of its line, Decree 30 Appendix I).
   */
  documentType(type: string, summary: string[] = []): this {
    const d = this.doc;
    const left = LAYOUT.margins.left;
    d.font(FONT.bold).fontSize(14);
    // The rule goes under the summary, or under the type when there is none: measured on the lines above it.
    let lines = wrapWords(d, type.toLocaleUpperCase('vi'), this.contentWidth);
    let widest = drawLines(d, lines, left, d.y, this.contentWidth);
    if (summary.length) {
      lines = summary.flatMap((line) => wrapWords(d, line, this.contentWidth));
      widest = drawLines(d, lines, left, d.y, this.contentWidth);
    }
    const ruleY = d.y + 3;
    shortRule(d, left + this.contentWidth / 2, ruleY, widest, d.widthOfString(lines.at(-1) ?? ''));
    d.x = left;
    d.y = ruleY + 3;
    d.moveDown(0.8);
    return this;
  }

  /** "Căn cứ …;" in italics, justified, first-line indent. */
  legalBases(lines: string[]): this {
    for (const line of lines) this.paragraph(line, { font: FONT.italic });
    this.doc.moveDown(0.3);
    return this;
  }

  heading(text: string): this {
    // A heading is kept with about two lines of what follows it.
    this.keepWithNext(60);
    this.doc.font(FONT.bold).fontSize(LAYOUT.bodySize).text(text, LAYOUT.margins.left, this.doc.y, { width: this.contentWidth, align: 'left' });
    this.doc.moveDown(0.3);
    return this;
  }

  /** A body paragraph; `lead` is printed in bold before the text ("Điều 1." of a decision). */
  paragraph(text: string, opts: { font?: string; indent?: boolean; align?: 'justify' | 'center' | 'left'; lead?: string } = {}): this {
    const options = {
      width: this.contentWidth,
      align: opts.align ?? 'justify',
      indent: opts.indent === false ? 0 : LAYOUT.indent,
      paragraphGap: 4,
      lineGap: 1.5,
    };
    const d = this.doc.fontSize(LAYOUT.bodySize);
    if (opts.lead) {
      d.font(FONT.bold).text(`${opts.lead} `, LAYOUT.margins.left, d.y, { ...options, continued: true });
      d.font(opts.font ?? FONT.regular).text(text, options);
    } else d.font(opts.font ?? FONT.regular).text(text, LAYOUT.margins.left, d.y, options);
    return this;
  }

  /** The height paragraph() will take for this text. */
  paragraphHeight(text: string, font: string = FONT.regular): number {
    this.doc.font(font).fontSize(LAYOUT.bodySize);
    return this.doc.heightOfString(text, { width: this.contentWidth, indent: LAYOUT.indent, paragraphGap: 4, lineGap: 1.5 });
  }

  /** A numbered item with a hanging label ("1.", "a)") and an optional bold suffix ("(15 điểm)"). */
  item(label: string, text: string, suffix: string | null, level: number): this {
    const d = this.doc;
    this.keepWithNext(30);
    const x = LAYOUT.margins.left + LAYOUT.indent * Math.max(0, level - 1);
    const labelWidth = 24;
    const y = d.y;
    d.font(level === 1 ? FONT.bold : FONT.regular).fontSize(LAYOUT.bodySize).text(label, x, y, { width: labelWidth, lineBreak: false });
    d.font(FONT.regular).fontSize(LAYOUT.bodySize);
    const width = this.contentWidth - (x - LAYOUT.margins.left) - labelWidth;
    // One run of text: a font change mid-line ("continued") loses the space at a line break.
    d.text(suffix ? `${text} ${suffix}` : text, x + labelWidth, y, { width, align: 'justify', lineGap: 1.5 });
    d.moveDown(0.25);
    d.x = LAYOUT.margins.left;
    return this;
  }

  /** One cell per signatory in `columns` columns: unit (upper, bold), mark, title, status, name (bold). */
  signatureGrid(heading: string, cells: SignatureCell[], columns: 2 | 3): this {
    const d = this.doc;
    const width = this.contentWidth / columns;
    d.moveDown(0.8);
    this.keepWithNext(170);
    d.font(FONT.bold).fontSize(13).text(heading.toLocaleUpperCase('vi'), LAYOUT.margins.left, d.y, { width: this.contentWidth, align: 'center' });
    d.moveDown(0.8);
    for (let start = 0; start < cells.length; start += columns) {
      const row = cells.slice(start, start + columns);
      const heights = row.map((c) => signatureCellHeight(this.doc, c, width - 8));
      const height = Math.max(...heights);
      this.keepWithNext(height + 10);
      const y = d.y;
      row.forEach((cell, i) => {
        const x = LAYOUT.margins.left + i * width + 4;
        const fieldTop = drawSignatureCell(this.doc, cell, x, y, width - 8);
        const page = d.bufferedPageRange().count - 1;
        // The signature's field: from the title lines (drawn again by the appearance with the signer's title) through
        // the room, the status and the name, to the foot of the row.
        this.signatureCells.push({ page, rect: [x, d.page.height - y - height, x + width - 8, d.page.height - fieldTop] });
      });
      d.x = LAYOUT.margins.left;
      d.y = y + height + 14;
    }
    return this;
  }

  /**
   * A bordered table that repeats its header row on each page. Column widths are shares of the content
   * width, widened to their longest word; cells wrap between words only.
   */
  table(columns: TableColumn[], rows: string[][], opts: TableOptions = {}): this {
    const d = this.doc;
    const keepWithLast = opts.keepWithLast ? opts.keepWithLast + TABLE_GAP : undefined;
    drawTable(d, columns, rows, { left: LAYOUT.margins.left, width: this.contentWidth, bottom: () => d.page.height - LAYOUT.margins.bottom }, { ...opts, keepWithLast });
    d.y += TABLE_GAP;
    return this;
  }

  /**
   * The signature block on the right and, when given, "Nơi nhận:" with its list on the left at the same
   * level (Decree 30 Appendix I); kept together on one page.
   */
  signatureBlock(block: SignatureBlock, recipients: string[] = []): this {
    const d = this.doc;
    this.keepWithNext(this.signatureBlockHeight(block, recipients));
    const y = (d.y += SIGNATURE_GAP);
    const { x, width } = this.signatureColumn;
    if (recipients.length) drawRecipients(d, recipients, LAYOUT.margins.left, y, this.recipientsWidth);
    const recipientsBottom = d.y;
    drawSignatureBlock(d, block, x, y, width);
    d.x = LAYOUT.margins.left;
    d.y = Math.max(d.y, recipients.length ? recipientsBottom : y);
    return this;
  }

  /** The height signatureBlock() takes (with its recipients), for keeping it with what comes before. */
  signatureBlockHeight(block: SignatureBlock, recipients: string[] = []): number {
    const d = this.doc;
    const sig = signatureBlockHeight(d, block, this.signatureColumn.width);
    return SIGNATURE_GAP + Math.max(sig, recipients.length ? recipientsHeight(d, recipients, this.recipientsWidth) : 0);
  }

  private get signatureColumn(): { x: number; width: number } {
    const width = this.contentWidth * 0.5;
    return { x: LAYOUT.margins.left + this.contentWidth - width, width };
  }

  private get recipientsWidth(): number {
    return this.contentWidth * 0.45;
  }

  /** "Kính gửi: …" centred under the summary. */
  addressee(text: string): this {
    this.doc.font(FONT.regular).fontSize(14).text(`Kính gửi: ${text}`, LAYOUT.margins.left, this.doc.y, { width: this.contentWidth, align: 'center' });
    this.doc.moveDown(0.8);
    return this;
  }

  /** Page numbers (from page 2, in the top margin), footer with QR code (none on a draft not issued), watermark. */
  async finish(footer: { qrText: string | null; lines: string[]; watermark?: string | null }): Promise<Buffer> {
    const d = this.doc;
    const qr = footer.qrText === null ? null : qrcode().create(footer.qrText, { errorCorrectionLevel: 'M' });
    const range = d.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      d.switchToPage(i);
      const { width, height } = d.page;
      const saved = { ...d.page.margins };
      d.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      if (footer.watermark) drawWatermark(this.doc, footer.watermark);
      if (i > range.start) d.font(FONT.regular).fontSize(13).fillColor('black').text(String(i - range.start + 1), 0, 10 * MM, { width, align: 'center', lineBreak: false });
      // The footer sits in the band reserved at the foot of the text area, inside the Decree 30 margins.
      const qrX = PAGE_MARGINS.left;
      const qrY = height - PAGE_MARGINS.bottom - QR_SIZE - 2;
      if (qr) drawQr(this.doc, qr.modules, qrX, qrY, QR_SIZE);
      const textX = qr ? qrX + QR_SIZE + 8 : qrX;
      // The lines wrap rather than being cut: the verification address must always be complete.
      d.font(FONT.italic).fontSize(8.5).fillColor('black');
      let ty = qrY;
      for (const line of footer.lines) {
        d.text(line, textX, ty, { width: width - PAGE_MARGINS.right - textX, lineGap: 0 });
        ty = d.y;
      }
      d.page.margins = saved;
    }
    // Custom Info keys (pdfkit writes every key of info; its typings list only the standard ones).
    if (this.record) Object.assign(d.info as Record<string, unknown>, recordInfo(this.record, range.count));
    d.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }

  /** Starts a new page unless `height` points still fit on this one (to keep a closing paragraph with its signature). */
  keepTogether(height: number): this {
    this.keepWithNext(height);
    return this;
  }

  private keepWithNext(height: number): void {
    if (this.doc.y + height > this.doc.page.height - LAYOUT.margins.bottom) this.doc.addPage();
  }
}
