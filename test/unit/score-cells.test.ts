import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { DATA_SHEET, FIRST_CRITERION_COLUMN, FIRST_DATA_ROW, HEADER_ROW } from '../../src/documents/excel/score-template';
import { parseRows } from '../../src/scoring/score-excel.service';
import { LeafWithText } from '../../src/scoring/scoring-context';
import { Unit } from '../../src/units/unit.entity';

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
    assert.equal(rows[0].values.get('1.1'), 500);
  });

  it('a unit code in a hyperlink cell is read as its text', () => {
    const ws = sheet();
    ws.getCell(FIRST_DATA_ROW, 2).value = { text: 'DL', hyperlink: 'https://example.invalid/' };
    ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN + 1).value = 7.5;
    const { rows, errors } = parseRows(ws, leaves, [unit]);
    assert.deepEqual(errors, []);
    assert.equal(rows[0].values.get('1.2'), 750);
  });

  it('an error cell or a formula without a result is "not a number", not skipped', () => {
    const ws = sheet();
    ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN).value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell(FIRST_DATA_ROW, FIRST_CRITERION_COLUMN + 1).value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
    const { errors } = parseRows(ws, leaves, [unit]);
    assert.deepEqual(errors.map((e) => e.code), ['number', 'number']);
  });
});
