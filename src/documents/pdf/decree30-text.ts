/** Text pieces of the Decree 30 kit that pdfkit's own wrapping does not give: word-boundary lines and short rules. */

/** A parenthesis of at most this many words is kept on one line: "(MINH HỌA)" must not end one line and start the next. */
const SHORT_PARENTHESIS_WORDS = 3;

/** Breakable spaces and line breaks: not U+00A0, U+2007 or U+202F (no-break spaces). */
const BREAKABLE = /[ \t\n\r\f\v\u2000-\u2006\u2008-\u200a\u205f\u3000]+/;

/**
 * The units a line may break between: words separated by spaces, where a no-break space (U+00A0) joins its
 * neighbours and a short parenthesis stays whole.
 */
function breakUnits(paragraph: string): string[] {
  const words = paragraph.split(BREAKABLE).filter(Boolean);
  const units: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const end = words[i].startsWith('(') ? words.findIndex((w, j) => j >= i && w.includes(')')) : i;
    const last = end >= i && end - i < SHORT_PARENTHESIS_WORDS ? end : i;
    units.push(words.slice(i, last + 1).join(' '));
    i = last;
  }
  return units;
}

/**
 * Splits text into lines no wider than `width` at the current font and size, breaking only at spaces
 * (explicit "\n" also breaks; not at a no-break space, nor inside a parenthesis of up to three words): a word is
 * never split, even when it is wider than the line on its own (callers make the line wide enough: see the table's
 * column widths).
 */
export function wrapWords(d: PDFKit.PDFDocument, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    // A parenthesis kept whole that is wider than the line breaks like ordinary text after all.
    const units = breakUnits(paragraph).flatMap((unit) => (unit.includes(' ') && d.widthOfString(unit) > width ? unit.split(' ') : [unit]));
    for (const word of units) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && d.widthOfString(candidate) > width) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

/** The widest word of a text at the current font and size (the narrowest a column holding it may be). */
export function widestWord(d: PDFKit.PDFDocument, text: string): number {
  return Math.max(0, ...text.split(BREAKABLE).filter(Boolean).map((w) => d.widthOfString(w)));
}

/**
 * Draws lines one under the other in a box of `width` from (x, y), aligned, at the current font and size;
 * returns the widest line's width and leaves d.y under the last line.
 */
export function drawLines(d: PDFKit.PDFDocument, lines: string[], x: number, y: number, width: number, align: 'left' | 'center' | 'right' = 'center', lineGap = 0): number {
  const height = d.currentLineHeight(true) + lineGap;
  let widest = 0;
  lines.forEach((line, i) => {
    const w = d.widthOfString(line);
    widest = Math.max(widest, w);
    const lx = align === 'center' ? x + (width - w) / 2 : align === 'right' ? x + width - w : x;
    if (line) d.text(line, lx, y + i * height, { lineBreak: false });
  });
  d.x = x;
  d.y = y + lines.length * height;
  return widest;
}

/** Decree 30: a short rule under the issuing body and under the summary is 1/3 to 1/2 of its line: we take 2/5. */
export const SHORT_RULE_RATIO = 0.4;

export function rule(d: PDFKit.PDFDocument, x: number, y: number, width: number): void {
  d.save().lineWidth(0.7).moveTo(x, y).lineTo(x + width, y).stroke().restore();
}

/**
 * A short rule centred on `centre` under a block of lines: SHORT_RULE_RATIO of its widest line, kept within
 * half of its last line (the one right above it) when the block wraps, and never under a third of the widest.
 */
export function shortRule(d: PDFKit.PDFDocument, centre: number, y: number, widest: number, last = widest): void {
  const width = Math.max(widest / 3, Math.min(widest * SHORT_RULE_RATIO, last / 2));
  rule(d, centre - width / 2, y, width);
}
