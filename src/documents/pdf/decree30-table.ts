import { FONT } from './fonts';
import { drawLines, widestWord, wrapWords } from './decree30-text';

/** The bordered table of the Decree 30 kit: columns wide enough for their longest word, header repeated per page. */

export interface TableColumn {
  header: string;
  /** A share of the content width (the shares are normalised). */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableOptions {
  size?: number;
  /**
   * Height of what follows the table and must share a page with its last rows (notes, the signature block):
   * when it would not fit under them, the last rows move to the next page with it.
   */
  keepWithLast?: number;
}

const PAD = 3;
const HEADER_FILL = '#e7eef7';
/** The number of last rows kept with what follows the table: the block never stands alone, and no more rows leave a page half empty. */
const LAST_ROWS = 1;

/**
 * Column widths in points: the given shares of `total`, except that a column is never narrower than its
 * widest word (header or cell), so that no word is split; the room comes from the columns with slack.
 */
export function columnWidths(d: PDFKit.PDFDocument, columns: TableColumn[], rows: string[][], total: number, size: number): number[] {
  const sum = columns.reduce((a, c) => a + c.width, 0);
  const widths = columns.map((c) => (c.width / sum) * total);
  const need = columns.map((c, i) => {
    d.font(FONT.bold).fontSize(size);
    const header = widestWord(d, c.header);
    d.font(FONT.regular).fontSize(size);
    return Math.max(header, ...rows.map((r) => widestWord(d, r[i] ?? ''))) + 2 * PAD + 1;
  });
  for (let round = 0; round < columns.length; round++) {
    const short = widths.reduce((a, w, i) => a + Math.max(0, need[i] - w), 0);
    if (short <= 0.01) break;
    const slack = widths.reduce((a, w, i) => a + Math.max(0, w - need[i]), 0);
    if (slack <= 0) break;
    const take = Math.min(1, short / slack);
    for (let i = 0; i < widths.length; i++) {
      if (widths[i] < need[i]) widths[i] = need[i];
      else widths[i] -= (widths[i] - need[i]) * take;
    }
  }
  return widths;
}

/** Draws the table from (left, d.y); `bottom` is the lowest y a row may reach on a page. */
export function drawTable(d: PDFKit.PDFDocument, columns: TableColumn[], rows: string[][], box: { left: number; width: number; bottom: () => number }, opts: TableOptions = {}): void {
  const size = opts.size ?? 10;
  const widths = columnWidths(d, columns, rows, box.width, size);
  const layout = (cells: string[], font: string) => {
    d.font(font).fontSize(size);
    const lines = cells.map((text, i) => wrapWords(d, text ?? '', widths[i] - 2 * PAD));
    return { lines, height: Math.max(...lines.map((l) => l.length)) * d.currentLineHeight(true) + 2 * PAD };
  };
  const header = layout(columns.map((c) => c.header), FONT.bold);
  const body = rows.map((r) => layout(r, FONT.regular));
  const draw = (row: { lines: string[][]; height: number }, font: string, fill: string | null) => {
    const y = d.y;
    let x = box.left;
    row.lines.forEach((lines, i) => {
      if (fill) d.save().rect(x, y, widths[i], row.height).fill(fill).restore();
      d.save().lineWidth(0.5).rect(x, y, widths[i], row.height).stroke().restore();
      d.font(font).fontSize(size).fillColor('black');
      drawLines(d, lines, x + PAD, y + PAD, widths[i] - 2 * PAD, columns[i].align ?? 'left');
      x += widths[i];
    });
    d.x = box.left;
    d.y = y + row.height;
  };
  const newPage = () => {
    d.addPage();
    draw(header, FONT.bold, HEADER_FILL);
  };
  // From the row `tailFrom` on, the rest of the table and what follows it must fit on the page: otherwise those
  // rows start the next page (with the header again); a short table moves whole rather than leave its header.
  const keep = opts.keepWithLast ?? 0;
  const tailFrom = keep ? Math.max(0, body.length - LAST_ROWS) : -1;
  const rest = (from: number) => body.slice(from).reduce((a, r) => a + r.height, 0) + keep;
  const first = tailFrom === 0 ? rest(0) : (body[0]?.height ?? 0);
  if (d.y + header.height + first > box.bottom()) d.addPage();
  draw(header, FONT.bold, HEADER_FILL);
  let onPage = 0;
  body.forEach((row, i) => {
    const need = i === tailFrom && onPage > 0 ? rest(i) : row.height;
    if (d.y + need > box.bottom()) {
      newPage();
      onPage = 0;
    }
    draw(row, FONT.regular, null);
    onPage++;
  });
}
