import { FONT } from './fonts';
import { drawLines, rule, shortRule, wrapWords } from './decree30-text';
import { placeDateLine } from './vietnamese-dates';

const MM = 72 / 25.4;
/** Decree 30/2020 Appendix I: A4, margins top 20, bottom 20, left 30, right 15 mm: every mark stays inside. */
export const PAGE_MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

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

/**
 * Top left: parent and issuing bodies, a short rule under the issuer (1/3 to 1/2 of its line); top right:
 * national name and motto, a rule as long as the motto; then number and place-date. Leaves d.y under it.
 */
export function drawHeader(d: PDFKit.PDFDocument, h: Decree30Header, contentWidth: number): void {
    const left = PAGE_MARGINS.left;
    const top = PAGE_MARGINS.top;
    // The right column fits the national name on one line; the left column takes the rest.
    d.font(FONT.bold).fontSize(12);
    const rightWidth = Math.min(contentWidth * 0.6, d.widthOfString('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM') + 10);
    const leftWidth = contentWidth - rightWidth;
    const rightX = left + leftWidth;

    // Each line shrinks a little (12 pt down to 10.5 pt) rather than wrap, so that a long body name stays one line;
    // a name still too long wraps between words.
    const fit = (text: string, font: string) => {
      let size = 12;
      d.font(font).fontSize(size);
      while (size > 10.5 && d.widthOfString(text) > leftWidth - 6) d.fontSize((size -= 0.5));
      return wrapWords(d, text, leftWidth - 6);
    };
    const parent = h.parentBody.toLocaleUpperCase('vi');
    const issuer = h.issuingBody.toLocaleUpperCase('vi');
    // A body with no parent (a ministry issuing its own decision) prints its name alone.
    if (parent) {
      d.font(FONT.regular);
      drawLines(d, fit(parent, FONT.regular), left, top, leftWidth);
    }
    d.font(FONT.bold);
    const issuerLines = fit(issuer, FONT.bold);
    const issuerWidth = drawLines(d, issuerLines, left, parent ? d.y : top, leftWidth);
    // The short rule under the issuing body: 1/3 to 1/2 of its line (Decree 30 Appendix I).
    const leftRuleY = d.y + 2;
    shortRule(d, left + leftWidth / 2, leftRuleY, issuerWidth, d.widthOfString(issuerLines.at(-1) ?? ''));
    const leftBottom = leftRuleY + 4;

    d.font(FONT.bold).fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightWidth, align: 'center' });
    d.font(FONT.bold).fontSize(13).text('Độc lập - Tự do - Hạnh phúc', rightX, d.y, { width: rightWidth, align: 'center' });
    const mottoWidth = d.widthOfString('Độc lập - Tự do - Hạnh phúc');
    const rightRuleY = d.y + 2;
    rule(d, rightX + (rightWidth - mottoWidth) / 2, rightRuleY, mottoWidth);

    const lineY = Math.max(leftBottom, rightRuleY + 4) + 6;
    if (h.number) d.font(FONT.regular).fontSize(13).text(`Số: ${h.number}`, left, lineY, { width: leftWidth, align: 'center' });
    d.font(FONT.italic).fontSize(13).text(placeDateLine(h.place, h.date), rightX, lineY, { width: rightWidth, align: 'center' });
    d.x = left;
    d.y = d.y + 18;
}
