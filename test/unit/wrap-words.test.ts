import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pdfkit } from '../../src/documents/libraries';
import { FONT, fonts } from '../../src/documents/pdf/fonts';
import { wrapWords } from '../../src/documents/pdf/decree30-text';

/** Line breaking of the Decree 30 kit: at spaces only, never inside a short parenthesis or at a no-break space. */
function boldDoc(): PDFKit.PDFDocument {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont(FONT.bold, fonts().bold as unknown as PDFKit.Mixins.PDFFontSource);
  return doc.font(FONT.bold).fontSize(14);
}

const TITLE = 'Bản giao ước thi đua năm 2026 của Cụm thi đua số 6 (minh họa)'.toLocaleUpperCase('vi');

describe('wrapWords', () => {
  it('keeps a short parenthesis on one line at every width where it once broke inside it', () => {
    const doc = boldDoc();
    let checked = 0;
    for (let width = 150; width <= 480; width += 2) {
      const lines = wrapWords(doc, TITLE, width);
      assert.equal(lines.join(' '), TITLE, `width ${width}: text lost or reordered`);
      assert.ok(!lines.some((l) => l.endsWith('(MINH') || l.startsWith('HỌA)')), `width ${width}: ${JSON.stringify(lines)}`);
      // Wherever the old rule (break at any space) would have split "(MINH HỌA)", the line before it now ends earlier.
      if (lines.some((l) => l.startsWith('(MINH HỌA)'))) checked++;
    }
    assert.ok(checked > 0, 'some width must push the parenthesis to a line of its own');
  });

  it('never breaks at a no-break space, and still breaks at ordinary spaces', () => {
    const doc = boldDoc();
    const lines = wrapWords(doc, 'Cụm thi đua số\u00a06 và các đơn vị thành viên', 120);
    assert.ok(lines.length > 1, JSON.stringify(lines));
    assert.ok(lines.some((l) => l.includes('số\u00a06')), JSON.stringify(lines));
  });

  it('a long parenthesis (over three words) may break like ordinary text', () => {
    const doc = boldDoc();
    const text = 'Tiêu chí (áp dụng cho các đơn vị thành viên của cụm thi đua)';
    const lines = wrapWords(doc, text, 150);
    assert.ok(lines.length > 2, JSON.stringify(lines));
    assert.equal(lines.join(' '), text);
  });

  it('a short parenthesis wider than the line itself breaks like ordinary text', () => {
    const doc = boldDoc();
    const narrow = doc.widthOfString('(MINH HỌA)') - 5;
    assert.deepEqual(wrapWords(doc, '(MINH HỌA)', narrow), ['(MINH', 'HỌA)']);
  });

  it('keeps explicit line breaks and a word wider than the line whole', () => {
    const doc = boldDoc();
    assert.deepEqual(wrapWords(doc, 'một\nhai', 400), ['một', 'hai']);
    assert.deepEqual(wrapWords(doc, 'Siêuuuuuuuuuuuuuuuuudài', 20), ['Siêuuuuuuuuuuuuuuuuudài']);
  });
});
