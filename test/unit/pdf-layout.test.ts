import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { MM, PageWords, Segment, TextRun, horizontalRules, inkOutside, pagePixels, pageWords, textRuns } from '../support/pdf-layout';
import { FIXTURE_DOCUMENTS } from '../support/render-fixtures';
import { renderScoreboard } from '../../src/documents/pdf/scoreboard.pdf';
import { UNIT_NAMES, decisionFixture, scoreboardFixture } from '../support/document-fixtures';

/**
 * Every issued PDF, rendered from realistic data (long unit names, a scoreboard of fifty units), measured
 * against Decree 30/2020 Appendix I: margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm for every
 * word and every mark (the page number, which the decree puts in the top margin, excepted); short rules of
 * 1/3 to 1/2 of their line under the issuing body and the summary; signature authority and titles 13–14 pt
 * bold upper case; "Nơi nhận" level with the signature block; no unit name cut inside a word.
 */
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
/** Rounding of poppler's boxes and of anti-aliased pixels. */
const EPS = 0.6;

interface Measured {
  name: string;
  file: string;
  pages: PageWords[];
  runs: TextRun[];
  rules: Segment[];
}

/** The page number from page 2, alone and centred in the top margin (where Decree 30 puts it). */
const isPageNumber = (page: PageWords, index: number, w: PageWords['words'][number]) =>
  index > 0 && w.text === String(index + 1) && w.y1 <= MARGIN.top && Math.abs((w.x0 + w.x1) / 2 - page.width / 2) < 10;

/** The bold lines centred on the rule just under them (within `reach` points above it), top to bottom. */
function linesAbove(runs: TextRun[], rule: Segment, reach: number): TextRun[] {
  const centre = (rule.x0 + rule.x1) / 2;
  return runs
    .filter((r) => r.page === rule.page && r.bold && r.y1 <= rule.y + 1 && r.y1 >= rule.y - reach && Math.abs((r.x0 + r.x1) / 2 - centre) < 3)
    .sort((a, b) => a.y0 - b.y0);
}

function assertShortRule(rule: Segment, lines: TextRun[], what: string): void {
  assert.ok(lines.length, `no line of text above the ${what} rule`);
  const length = rule.x1 - rule.x0;
  const widest = Math.max(...lines.map((l) => l.x1 - l.x0));
  const last = lines.at(-1)!;
  const ratio = length / widest;
  assert.ok(ratio >= 1 / 3 - 0.01 && ratio <= 1 / 2 + 0.01, `${what}: rule ${length.toFixed(1)} pt is ${(ratio * 100).toFixed(0)} % of "${widest === last.x1 - last.x0 ? last.text : 'its widest line'}"`);
  assert.ok(length / (last.x1 - last.x0) <= 1 / 2 + 0.01, `${what}: rule longer than half of the line right above it ("${last.text}")`);
}

/** The words of the unit names and of the table headers: none may be cut across lines. */
const HEADER_WORDS = ['Hạng', 'Tổng', 'điểm', 'Xếp', 'loại', 'Phiếu', 'phiếu', 'đồng', 'ngưỡng', 'điều', 'kiện', 'nghị', 'Danh', 'hiệu', 'Tình', 'trạng', 'diện'];
const WORDS = new Set([
  ...HEADER_WORDS,
  ...Array.from({ length: 20 }, (_, i) => `TC${i + 1}`),
  ...UNIT_NAMES.flatMap((n) => [...n.split(/\s+/), ...n.toLocaleUpperCase('vi').split(/\s+/)]),
]);

describe('Decree 30 layout of every issued PDF', { skip: POPPLER_MISSING }, () => {
  const docs = new Map<string, Measured>();
  before(async () => {
    for (const [name, render] of FIXTURE_DOCUMENTS) {
      const file = tempFile(await render(), `${name}.pdf`);
      docs.set(name, { name, file, pages: pageWords(file), runs: textRuns(file), rules: horizontalRules(file) });
    }
  });

  for (const [name] of FIXTURE_DOCUMENTS) {
    describe(name, () => {
      const doc = () => docs.get(name)!;

      it('every word of every page lies inside the margins (the page number in the top margin excepted)', () => {
        const outside = doc().pages.flatMap((page, index) =>
          page.words
            .filter((w) => !isPageNumber(page, index, w))
            .filter((w) => w.x0 < MARGIN.left - EPS || w.x1 > page.width - MARGIN.right + EPS || w.y0 < MARGIN.top - EPS || w.y1 > page.height - MARGIN.bottom + EPS)
            .map((w) => `p${index + 1} "${w.text}" x ${(w.x0 / MM).toFixed(1)}–${(w.x1 / MM).toFixed(1)} mm, ${((page.height - w.y1) / MM).toFixed(1)} mm from the bottom`),
        );
        assert.deepEqual(outside, []);
      });

      it('every mark (rules, table borders, QR code, footer) lies inside the margins', () => {
        const { pages, file } = doc();
        const ink = inkOutside(file, (n, width, height) => ({ x0: MARGIN.left, y0: MARGIN.top, x1: width - MARGIN.right, y1: height - MARGIN.bottom })).filter((p) => {
          // The page number's own pixels are the one allowed mark in the top margin.
          const number = pages[p.page - 1].words.find((w) => isPageNumber(pages[p.page - 1], p.page - 1, w));
          return !(number && p.x >= number.x0 - 2 && p.x <= number.x1 + 2 && p.y >= number.y0 - 2 && p.y <= number.y1 + 2);
        });
        assert.deepEqual(ink.slice(0, 5).map((p) => `p${p.page} (${(p.x / MM).toFixed(1)} mm, ${(p.y / MM).toFixed(1)} mm)`), []);
      });

      it('the verification footer sits on every page, at or above 20 mm from the bottom', () => {
        for (const [index, page] of doc().pages.entries()) {
          const footer = page.words.filter((w) => w.text.includes('/xac-thuc/'));
          assert.equal(footer.length, 1, `page ${index + 1} has the verification address`);
          assert.ok(page.height - footer[0].y1 >= MARGIN.bottom - EPS);
          // The system named as people read it, not by its code name.
          const words = page.words.map((w) => w.text).join(' ');
          if (!name.endsWith('-draft')) assert.match(words, /do Hệ thống quản lý cụm thi đua và khen thưởng (phát hành|lập)/, `page ${index + 1}`);
          assert.doesNotMatch(words, /thidua(?!\.example)/, `page ${index + 1}`);
        }
      });

      if (name.endsWith('-draft')) {
        it('the draft mark crosses every page as a drawing, outside the text layer (the footer says it in words)', () => {
          const { file, pages } = doc();
          const text = pdftotext(file);
          assert.ok((text.match(/DỰ THẢO —/g) ?? []).length >= pages.length, 'each page’s footer says it is a draft');
          assert.doesNotMatch(text, /DỰ THẢO(?! —)/, 'no "DỰ THẢO" but the footer’s');
          const letters = text.split('\n').map((l) => l.trim()).filter((l) => /^(DỰ|THẢO|[DỰTHẢO])$/.test(l));
          assert.deepEqual(letters, [], 'no letter of the mark in the text layer');
          // The mark's light grey (#808080 at 22 %, about 227) fills a good part of each page's middle.
          for (const [index, { w, h, at }] of pagePixels(file).entries()) {
            let grey = 0;
            for (let y = Math.round(h * 0.3); y < h * 0.7; y++) for (let x = Math.round(w * 0.3); x < w * 0.7; x++) if (Math.abs(at(x, y) - 227) <= 6) grey++;
            assert.ok(grey > 1500, `page ${index + 1}: ${grey} pixels of the mark's grey in the middle of the page`);
          }
        });
      }

      it('the short rule under the issuing body is 1/3 to 1/2 of its line', () => {
        const { rules, runs, pages } = doc();
        const rule = rules.find((r) => r.page === 1 && (r.x0 + r.x1) / 2 < pages[0].width / 2 && r.y < 60 * MM);
        assert.ok(rule, 'a rule under the issuing body');
        assertShortRule(rule, linesAbove(runs, rule, 45), 'issuing body');
      });

      it('a short centred rule under the summary (trích yếu), 1/3 to 1/2 of its line', () => {
        const { rules, runs, pages } = doc();
        const centre = MARGIN.left + (pages[0].width - MARGIN.left - MARGIN.right) / 2;
        const rule = rules.find((r) => r.page === 1 && Math.abs((r.x0 + r.x1) / 2 - centre) < 1 && r.y > 45 * MM);
        assert.ok(rule, 'a rule under the summary');
        // The summary: the bold centred lines right above the rule that are not the upper-case type of document.
        const summary = linesAbove(runs, rule, 50).filter((r) => r.text !== r.text.toLocaleUpperCase('vi'));
        assertShortRule(rule, summary, 'summary');
      });

      it('signature authority and title lines are 13–14 pt bold upper case; the name slot holds no unit name', () => {
        const { runs } = doc();
        // Upper-case lines naming a title or a unit below the header (whose issuing body may name a unit too).
        const inHeader = (r: TextRun) => r.page === 1 && r.y1 < 45 * MM;
        const authority = runs.filter((r) => !inHeader(r) && r.text === r.text.toLocaleUpperCase('vi') && /GIÁM ĐỐC|CỤM TRƯỞNG|BỘ TRƯỞNG|^TM\.|HỘI NGHỊ|SỞ (KHOA|THÔNG)/.test(r.text));
        // A draft scoreboard is not signed by the chair: no block at all.
        if (name === 'scoreboard-draft') return assert.deepEqual(authority.map((r) => r.text), [], 'a draft carries no signature block');
        assert.ok(authority.length >= 1, 'a signature block');
        for (const r of authority) assert.ok(r.bold && r.size >= 13 && r.size <= 14, `"${r.text}": ${r.size} pt${r.bold ? '' : ', not bold'}`);
        const names = new Set(UNIT_NAMES);
        const misplaced = runs.filter((r) => r.bold && r.size >= 12.5 && names.has(r.text));
        assert.deepEqual(misplaced.map((r) => r.text), [], 'a unit name in the name slot');
      });

      it('no word of a unit name (or of a table header) is cut across lines', () => {
        // A cut word shows as a piece on one line and the rest on the next line of the same column.
        const cut = doc().pages.flatMap((page, index) =>
          page.words.flatMap((x) =>
            page.words
              .filter((y) => y.y0 - x.y0 > 1 && y.y0 - x.y0 < 2 * (x.y1 - x.y0) && Math.abs((y.x0 + y.x1) / 2 - (x.x0 + x.x1) / 2) < 80 && WORDS.has(x.text + y.text))
              .map((y) => `p${index + 1} ${x.text}|${y.text}`),
          ),
        );
        assert.deepEqual(cut, []);
      });
    });
  }

  it('the submission and the decision have "Nơi nhận" on the left, level with the top of the signature block', () => {
    for (const name of ['submission', 'decision']) {
      const { runs } = docs.get(name)!;
      const label = runs.find((r) => r.text === 'Nơi nhận:');
      assert.ok(label, `${name}: "Nơi nhận:"`);
      assert.ok(label.bold && label.italic && label.size === 12, `${name}: "Nơi nhận:" 12 pt bold italic`);
      assert.ok(Math.abs(label.x0 - MARGIN.left) < 1, `${name}: at the left margin`);
      const level = runs.filter((r) => r.page === label.page && r.bold && !r.italic && r.x0 > label.x1 && Math.abs(r.y0 - label.y0) < 2);
      assert.ok(level.length, `${name}: the signature block starts level with "Nơi nhận:"`);
      const list = runs.filter((r) => r.page === label.page && r.text.startsWith('- ') && r.x0 < label.x1);
      assert.ok(list.length >= 2 && list.every((r) => r.size === 11), `${name}: the list is 11 pt`);
    }
  });

  it('the decision prints "Điều 1.", "Điều 2." … in bold and reads back whole', () => {
    const { runs, file } = docs.get('decision')!;
    const count = decisionFixture().awards.length + 1;
    for (let n = 1; n <= count; n++) {
      const lead = runs.find((r) => r.text === `Điều ${n}.`);
      assert.ok(lead?.bold, `"Điều ${n}." in bold`);
    }
    assert.ok(squash(pdftotext(file)).includes('Điều 1. Tặng Cờ thi đua của Bộ cho 06 tập thể có tên sau đây'));
  });

  it('the scoreboard’s last page holds the last rows of the table with the signature block', () => {
    for (const name of ['scoreboard', 'list']) {
      const { pages } = docs.get(name)!;
      const last = pages.at(-1)!.words.map((w) => w.text);
      assert.ok(last.includes('TM.'), `${name}: the signature block is on the last page`);
      const lastUnit = name === 'scoreboard' ? scoreboardFixture().rows.at(-1)!.unitName : UNIT_NAMES[3];
      assert.ok(squash(last.join(' ')).includes(lastUnit), `${name}: the last row ("${lastUnit}") is on the last page`);
    }
  });

  it('whatever the number of units, the signature block of the scoreboard never stands alone on its page', async () => {
    // Every length from 1 to 60 units: the page breaks fall at every place of the table, notes and block.
    for (let units = 1; units <= 60; units++) {
      const pages = pageWords(tempFile(await renderScoreboard(scoreboardFixture(units)), 'bang.pdf'));
      const last = pages.at(-1)!.words;
      const block = last.find((w) => w.text === 'TM.');
      assert.ok(block, `${units} units: the signature block is on the last page`);
      // Table rows above the block: the last unit's rank in the first column.
      assert.ok(last.some((w) => w.text.replace('*', '') === String(units) && w.y1 < block.y0 && w.x0 < MARGIN.left + 40), `${units} units: the last page holds only the signature block`);
    }
  });

  it("a cluster's scoreboard of six members fits one page with its signature block and a note, each unit and its band on one line", async () => {
    const provinces = ['Kon Tum', 'Đắk Nông', 'Lâm Đồng', 'Đắk Lắk', 'Quảng Ngãi', 'Khánh Hòa'];
    const data = scoreboardFixture(6);
    // One flag, as 2019's Cụm 6 had (its scoreboard took two pages: the block kept an empty name slot's room).
    data.notes = ['Lưu ý — Sở Thông tin và Truyền thông tỉnh Kon Tum: Tự chấm cao hơn điểm cuối cùng 9,17 điểm (ngưỡng 5).'];
    data.rows.forEach((r, i) => Object.assign(r, { tie: false, unitName: `Sở Thông tin và Truyền thông tỉnh ${provinces[i]}`, band: 'Hoàn thành xuất sắc nhiệm vụ' }));
    data.chairUnitName = data.rows[0].unitName;
    const pages = pageWords(tempFile(await renderScoreboard(data), 'sau-don-vi.pdf'));
    assert.equal(pages.length, 1, 'one page: before, the last rows went to a second page with the note and the signature block');
    const words = pages[0].words;
    data.rows.forEach((r, i) => {
      const rank = words.find((w) => w.text === String(i + 1) && w.x0 < MARGIN.left + 40)!;
      const line = squash(words.filter((w) => Math.abs(w.y0 - rank.y0) < 2).map((w) => w.text).join(' '));
      assert.ok(line.includes(r.unitName) && line.includes('Hoàn thành xuất sắc nhiệm vụ'), `row ${i + 1} on one line: ${line}`);
    });
  });
});
