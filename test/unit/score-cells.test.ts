import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { DATA_SHEET, FIRST_CRITERION_COLUMN, FIRST_DATA_ROW, HEADER_ROW } from '../../src/documents/excel/score-template';
import { parseRows } from '../../src/scoring/score-excel.service';
import { LeafWithText } from '../../src/scoring/scoring-context';
import { Unit } from '../../src/units/unit.entity';
import type { MeasureRule } from '../../src/criteria/measure.rules';

const leaves: LeafWithText[] = [
  { code: '1.1', maxPoints: 1000, kind: 'SCORED', text: 'Tiêu chí một' },
  { code: '1.2', maxPoints: 1000, kind: 'SCORED', text: 'Tiêu chí hai' },
];
const unit = { id: 'u1', code: 'DL', shortName: 'Đắk Lắk', name: 'Tỉnh Đắk Lắk' } as Unit;

function sheet(): ExcelJS.Worksheet {
  const ws = new ExcelJS.Workbook().addWorksheet(DATA_SHEET);
  ws.getCell(HEADER_ROW, FIRST_CRITERION_COLUMN).value = '1.1 Tiêu chí một';
  ws.getCell(HEADER_ROW, FIRST_CRITERION_COLUMN + 1).value = '1.2 Tiêu chí hai';
  ws.getCell(FIRST_DATA_ROW, 2).value = 'DL';
  return ws;
}

describe('score upload: reading cells', () => {
  it('a criterion header saved as rich text (part bold) is the same column', () => {
    const ws = sheet();
    ws.getCell(HEADER_ROW, FIRST_CRITERION_COLUMN).value = { richText: [{ text: '1.1', font: { bold: true } }, { text: ' Tiêu chí một' }] };
    ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN).value = 5;
    const { rows, errors } = parseRows(ws, leaves, [unit]);
    assert.deepEqual(errors, []);
    assert.equal(rows[0].values.get('1.1')?.points, 500);
  });

  it('a unit code in a hyperlink cell is read as its text', () => {
    const ws = sheet();
    ws.getCell(FIRST_DATA_ROW, 2).value = { text: 'DL', hyperlink: 'https://example.invalid/' };
    ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN + 1).value = 7.5;
    const { rows, errors } = parseRows(ws, leaves, [unit]);
    assert.deepEqual(errors, []);
    assert.equal(rows[0].values.get('1.2')?.points, 750);
  });

  it('an error cell or a formula without a result is "not a number", not skipped', () => {
    const ws = sheet();
    ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN).value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN + 1).value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
    const { errors } = parseRows(ws, leaves, [unit]);
    assert.deepEqual(errors.map((e) => e.code), ['number', 'number']);
  });

  it('a number too large for any point (1e308, 1e20) is "too large", not a matter of decimals', () => {
    const ws = sheet();
    ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN).value = 1e308;
    ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN + 1).value = 1e20;
    const { errors } = parseRows(ws, leaves, [unit]);
    assert.deepEqual(errors.map((e) => [e.code, e.message]), [
      ['outOfRange', `Ô ${ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN).address} (1.1): số quá lớn.`],
      ['outOfRange', `Ô ${ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN + 1).address} (1.2): số quá lớn.`],
    ]);
  });
});

describe('score upload: cells of criteria that measure take the achieved value (table)', () => {
  const rule = (r: Partial<MeasureRule>): MeasureRule => ({ measure: 'QUANTITATIVE', formula: 'PROPORTIONAL', perCount: null, bands: null, factUnit: null, ...r });
  const measured: LeafWithText[] = [
    { code: 'Q', maxPoints: 2000, kind: 'SCORED', text: 'Hồ sơ đúng hạn', rule: rule({ factUnit: 'hồ sơ' }) },
    { code: 'P', maxPoints: 1000, kind: 'SCORED', text: 'Đề án', rule: rule({ measure: 'PASS_FAIL', formula: null }) },
    { code: 'C', maxPoints: 500, kind: 'PENALTY', text: 'Vi phạm', rule: rule({ measure: 'PER_COUNT', formula: null, perCount: 250 }) },
  ];
  const measures = { targets: new Map([['Q', 10000]]), notApplicable: new Map([['P', 'Không được giao']]), leaderRatios: new Map() };
  const cases: Array<[string, number, string | number, { points: number; achieved: number } | string]> = [
    ['proportional: 80 of a target of 100', 0, 80, { points: 1600, achieved: 8000 }],
    ['proportional above the target is capped', 0, 120, { points: 2000, achieved: 12000 }],
    ['a negative result', 0, -1, 'outOfRange'],
    ['not applicable: the cell must stay empty', 1, 1, 'notApplicable'],
    ['per count penalty: two occurrences', 2, 2, { points: -500, achieved: 200 }],
    ['per count: a fraction is refused', 2, 1.5, 'outOfRange'],
    ['a text is not a number', 2, 'hai', 'number'],
  ];
  for (const [name, column, value, expected] of cases) {
    it(name, () => {
      const ws = new ExcelJS.Workbook().addWorksheet(DATA_SHEET);
      measured.forEach((l, i) => (ws.getCell(HEADER_ROW, FIRST_CRITERION_COLUMN + i).value = `${l.code} (kết quả)`));
      ws.getCell(FIRST_DATA_ROW, 2).value = 'DL';
      ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN + column).value = value;
      const { rows, errors } = parseRows(ws, measured, [unit], () => measures);
      if (typeof expected === 'string') return assert.deepEqual(errors.map((e) => e.code), [expected]);
      assert.deepEqual(errors, []);
      const v = rows[0].values.get(measured[column].code)!;
      assert.deepEqual({ points: v.points, achieved: v.achieved }, expected);
    });
  }
});
