import { pdfkit, qrcode } from '../libraries';
import { FONT, fonts } from './fonts';
import { SignatureCell, drawQr, drawSignatureCell, drawWatermark, signatureCellHeight } from './decree30-drawing';

export type { SignatureCell } from './decree30-drawing';
import { placeDateLine } from './vietnamese-dates';

const MM = 72 / 25.4;

/** Bumped whenever the layout changes, so that documents are issued again with the new layout. */
export const LAYOUT_VERSION = 6;

/** Decree 30/2020 Appendix I: A4, margins top 20, bottom 25 (footer), left 30, right 15 mm. */
export const LAYOUT = {
  margins: { top: 20 * MM, bottom: 25 * MM, left: 30 * MM, right: 15 * MM },
  bodySize: 13,
  indent: 1.27 * 28.3465,
};

export interface Decree30Header {
  /** Cơ quan chủ quản, e.g. "Bộ Thông tin và Truyền thông" (printed upper case, not bold). */
  parentBody: string;
  /** Cơ quan ban hành, e.g. "Cụm thi đua số 6" (upper case, bold, short rule beneath). */
  issuingBody: string;
  /** e.g. "01/GƯ-CTĐ6" → "Số: 01/GƯ-CTĐ6"; omitted when null. */
  number: string | null;
  place: string;
  /** The document's date (YYYY-MM-DD); null leaves the blanks for the signer (a draft). */
  date: string | null;
}

export interface DocumentMeta {
  title: string;
  subject: string;
  /** Id of the issued document (also in Keywords, for verification of tampered copies). */
  documentId: string;
  landscape?: boolean;
}

/**
 * A document laid out per Decree 30/2020. Build it top to bottom, then finish() to a Buffer
 * (built fully in memory: a failed render never sends half a file).
 */
export class Decree30Document {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;

  constructor(meta: DocumentMeta) {
    const PDFDocument = pdfkit();
    this.doc = new PDFDocument({
      size: 'A4',
      layout: meta.landscape ? 'landscape' : 'portrait',
      margins: LAYOUT.margins,
      bufferPages: true,
      pdfVersion: '1.7',
      info: { Title: meta.title, Subject: meta.subject, Author: 'thidua', Creator: 'thidua', Keywords: `thidua-doc:${meta.documentId}` },
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
    const d = this.doc;
    const left = LAYOUT.margins.left;
    const top = LAYOUT.margins.top;
    // The right column fits the national name on one line; the left column takes the rest.
    d.font(FONT.bold).fontSize(12);
    const rightWidth = Math.min(this.contentWidth * 0.6, d.widthOfString('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM') + 10);
    const leftWidth = this.contentWidth - rightWidth;
    const rightX = left + leftWidth;

    // Each line shrinks a little (12 pt down to 10.5 pt) rather than wrap, so that a long body name stays one line.
    const fit = (text: string, font: string) => {
      let size = 12;
      d.font(font).fontSize(size);
      while (size > 10.5 && d.widthOfString(text) > leftWidth - 6) d.fontSize((size -= 0.5));
      return size;
    };
    const parent = h.parentBody.toLocaleUpperCase('vi');
    const issuer = h.issuingBody.toLocaleUpperCase('vi');
    // A body with no parent (a ministry issuing its own decision) prints its name alone.
    if (parent) d.font(FONT.regular).fontSize(fit(parent, FONT.regular)).text(parent, left, top, { width: leftWidth, align: 'center' });
    d.font(FONT.bold).fontSize(fit(issuer, FONT.bold)).text(issuer, left, parent ? d.y : top, { width: leftWidth, align: 'center' });
    const leftRuleY = d.y + 4;
    this.rule(left + leftWidth / 2 - leftWidth / 6, leftRuleY, leftWidth / 3);
    const leftBottom = leftRuleY + 4;

    d.font(FONT.bold).fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightWidth, align: 'center' });
    d.font(FONT.bold).fontSize(13).text('Độc lập - Tự do - Hạnh phúc', rightX, d.y, { width: rightWidth, align: 'center' });
    const mottoWidth = d.widthOfString('Độc lập - Tự do - Hạnh phúc');
    const rightRuleY = d.y + 2;
    this.rule(rightX + (rightWidth - mottoWidth) / 2, rightRuleY, mottoWidth);

    const lineY = Math.max(leftBottom, rightRuleY + 4) + 6;
    if (h.number) d.font(FONT.regular).fontSize(13).text(`Số: ${h.number}`, left, lineY, { width: leftWidth, align: 'center' });
    d.font(FONT.italic).fontSize(13).text(placeDateLine(h.place, h.date), rightX, lineY, { width: rightWidth, align: 'center' });
    d.x = left;
    d.y = d.y + 18;
    return this;
  }

  /** The type of document in bold upper case (BẢN GIAO ƯỚC THI ĐUA) and its summary in bold beneath. */
  documentType(type: string, summary: string[] = []): this {
    const d = this.doc;
    d.font(FONT.bold).fontSize(14).text(type.toLocaleUpperCase('vi'), LAYOUT.margins.left, d.y, { width: this.contentWidth, align: 'center' });
    for (const line of summary) d.font(FONT.bold).fontSize(14).text(line, { width: this.contentWidth, align: 'center' });
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
    this.keepWithNext(40);
    this.doc.font(FONT.bold).fontSize(LAYOUT.bodySize).text(text, LAYOUT.margins.left, this.doc.y, { width: this.contentWidth, align: 'left' });
    this.doc.moveDown(0.3);
    return this;
  }

  paragraph(text: string, opts: { font?: string; indent?: boolean; align?: 'justify' | 'center' | 'left' } = {}): this {
    this.doc
      .font(opts.font ?? FONT.regular)
      .fontSize(LAYOUT.bodySize)
      .text(text, LAYOUT.margins.left, this.doc.y, {
        width: this.contentWidth,
        align: opts.align ?? 'justify',
        indent: opts.indent === false ? 0 : LAYOUT.indent,
        paragraphGap: 4,
        lineGap: 1.5,
      });
    return this;
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
      row.forEach((cell, i) => drawSignatureCell(this.doc, cell, LAYOUT.margins.left + i * width + 4, y, width - 8));
      d.x = LAYOUT.margins.left;
      d.y = y + height + 14;
    }
    return this;
  }

  /**
   * A bordered table that repeats its header row on each page. Column widths are fractions of the
   * content width; cells wrap.
   */
  table(columns: Array<{ header: string; width: number; align?: 'left' | 'center' | 'right' }>, rows: string[][], size = 10): this {
    const d = this.doc;
    const total = columns.reduce((a, c) => a + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.contentWidth);
    const pad = 3;
    const rowHeight = (cells: string[], font: string) => {
      d.font(font).fontSize(size);
      return Math.max(...cells.map((text, i) => d.heightOfString(text || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
    };
    const draw = (cells: string[], font: string, fill: string | null) => {
      const h = rowHeight(cells, font);
      if (d.y + h > d.page.height - LAYOUT.margins.bottom) {
        d.addPage();
        draw(columns.map((c) => c.header), FONT.bold, '#e7eef7');
      }
      const y = d.y;
      let x = LAYOUT.margins.left;
      cells.forEach((text, i) => {
        if (fill) d.save().rect(x, y, widths[i], h).fill(fill).restore();
        d.save().lineWidth(0.5).rect(x, y, widths[i], h).stroke().restore();
        d.font(font).fontSize(size).fillColor('black').text(text || '', x + pad, y + pad, { width: widths[i] - 2 * pad, align: columns[i].align ?? 'left' });
        x += widths[i];
      });
      d.x = LAYOUT.margins.left;
      d.y = y + h;
    };
    draw(columns.map((c) => c.header), FONT.bold, '#e7eef7');
    for (const row of rows) draw(row, FONT.regular, null);
    d.moveDown(0.8);
    return this;
  }

  /** One signature block on the right: authority and title in bold upper case, then the name in bold. */
  signatureBlock(lines: { authority: string; title: string; status: string; signer: string }): this {
    const d = this.doc;
    this.keepWithNext(120);
    const width = this.contentWidth * 0.45;
    const x = LAYOUT.margins.left + this.contentWidth - width;
    d.font(FONT.bold).fontSize(13).text(lines.authority.toLocaleUpperCase('vi'), x, d.y, { width, align: 'center' });
    d.font(FONT.bold).fontSize(13).text(lines.title.toLocaleUpperCase('vi'), x, d.y, { width, align: 'center' });
    d.moveDown(1.2);
    d.font(FONT.italic).fontSize(12).text(lines.status, x, d.y, { width, align: 'center' });
    d.moveDown(1.2);
    d.font(FONT.bold).fontSize(13).text(lines.signer, x, d.y, { width, align: 'center' });
    d.x = LAYOUT.margins.left;
    return this;
  }

  /** "Kính gửi: …" centred under the summary. */
  addressee(text: string): this {
    this.doc.font(FONT.regular).fontSize(14).text(`Kính gửi: ${text}`, LAYOUT.margins.left, this.doc.y, { width: this.contentWidth, align: 'center' });
    this.doc.moveDown(0.8);
    return this;
  }

  /** "Nơi nhận:" (12 pt bold italic) with its list (11 pt), at the left. */
  recipients(lines: string[]): this {
    const d = this.doc;
    this.keepWithNext(20 + lines.length * 14);
    d.moveDown(0.5);
    d.font(FONT.boldItalic).fontSize(12).text('Nơi nhận:', LAYOUT.margins.left, d.y, { width: this.contentWidth * 0.5 });
    for (const line of lines) d.font(FONT.regular).fontSize(11).text(line, LAYOUT.margins.left, d.y, { width: this.contentWidth * 0.5 });
    return this;
  }

  /** Page numbers (from page 2, centred in the top margin), footer with QR code, draft watermark. */
  async finish(footer: { qrText: string; lines: string[]; watermark?: string | null }): Promise<Buffer> {
    const d = this.doc;
    const qr = qrcode().create(footer.qrText, { errorCorrectionLevel: 'M' });
    const range = d.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      d.switchToPage(i);
      const { width, height } = d.page;
      const saved = { ...d.page.margins };
      d.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      if (footer.watermark) drawWatermark(this.doc, footer.watermark);
      if (i > range.start) d.font(FONT.regular).fontSize(13).fillColor('black').text(String(i - range.start + 1), 0, 10 * MM, { width, align: 'center', lineBreak: false });
      const size = 42;
      const qrX = saved.left;
      const qrY = height - 8 * MM - size;
      drawQr(this.doc, qr.modules, qrX, qrY, size);
      // The lines wrap rather than being cut: the verification address must always be complete.
      d.font(FONT.italic).fontSize(8.5).fillColor('black');
      let ty = qrY;
      for (const line of footer.lines) {
        d.text(line, qrX + size + 8, ty, { width: width - saved.right - qrX - size - 8, lineGap: 0 });
        ty = d.y;
      }
      d.page.margins = saved;
    }
    d.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }

  private rule(x: number, y: number, width: number): void {
    this.doc.save().lineWidth(0.7).moveTo(x, y).lineTo(x + width, y).stroke().restore();
  }

  private keepWithNext(height: number): void {
    if (this.doc.y + height > this.doc.page.height - LAYOUT.margins.bottom) this.doc.addPage();
  }
}
