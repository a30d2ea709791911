import type ExcelJS from 'exceljs';
import type { ErrorDetail } from '../common/errors/app.exception';
import { takesFact } from '../criteria/measure.rules';
import { DATA_SHEET, FIRST_CRITERION_COLUMN, FIRST_DATA_ROW, HEADER_ROW } from '../documents/excel/score-template';
import type { Unit } from '../units/unit.entity';
import { entryProblem } from './ranking.rules';
import { EntryValue, NO_MEASURES, SheetMeasures, factEntry } from './sheet-entries';
import type { LeafWithText } from './scoring-context';

/**
 * Reads the data rows: unit code in column B, from column D on one cell per criterion in the template's order —
 * points, or the achieved value of a criterion that measures (its points follow from the unit's target, `measuresOf`).
 */
export function parseRows(ws: ExcelJS.Worksheet | undefined, leaves: LeafWithText[], targets: Unit[], measuresOf: (unitId: string) => SheetMeasures = () => NO_MEASURES) {
  const errors: ErrorDetail[] = [];
  const rows: Array<{ row: number; unit: Unit; values: Map<string, EntryValue> }> = [];
  const at = (cell: string, message: string, code: string) => errors.push({ field: `${DATA_SHEET}!${cell}`, sheet: DATA_SHEET, cell, code, message });
  if (!ws) {
    errors.push({ field: 'file', code: 'missingSheet', message: `Thiếu trang "${DATA_SHEET}".` });
    return { rows, errors };
  }
  leaves.forEach((leaf, i) => {
    const cell = ws.getCell(HEADER_ROW, FIRST_CRITERION_COLUMN + i);
    if (!String(cellValue(cell.value) ?? '').startsWith(leaf.code)) at(cell.address, `Cột tiêu chí đã bị thay đổi: cần cột ${leaf.code}.`, 'header');
  });
  const byCode = new Map(targets.map((u) => [u.code, u]));
  const seen = new Set<string>();
  for (let r = FIRST_DATA_ROW; r <= ws.rowCount && r < FIRST_DATA_ROW + 10_000; r++) {
    const code = String(cellValue(ws.getCell(r, 2).value) ?? '').trim();
    if (!code) continue;
    const unit = byCode.get(code);
    if (!unit) {
      at(`B${r}`, `Đơn vị "${code}" không thuộc danh sách bạn được chấm.`, 'unit');
      continue;
    }
    if (seen.has(code)) {
      at(`B${r}`, `Đơn vị ${unit.shortName} xuất hiện hai lần.`, 'duplicate');
      continue;
    }
    seen.add(code);
    const values = new Map<string, EntryValue>();
    const measures = measuresOf(unit.id);
    leaves.forEach((leaf, i) => {
      const cell = ws.getCell(r, FIRST_CRITERION_COLUMN + i);
      const raw = cellValue(cell.value);
      if (raw === null || raw === '') return;
      const notApplicable = measures.notApplicable.get(leaf.code);
      if (notApplicable) return at(cell.address, `Ô ${cell.address}: tiêu chí ${leaf.code} không áp dụng cho ${unit.shortName} (${notApplicable}), để trống ô này.`, 'notApplicable');
      const number = typeof raw === 'number' ? raw : /^-?\d+([.,]\d+)?$/.test(String(raw).trim()) ? Number(String(raw).trim().replace(',', '.')) : NaN;
      if (!Number.isFinite(number)) return at(cell.address, `Ô ${cell.address} (${leaf.code}) phải là số.`, 'number');
      const hundredths = Math.round(number * 100);
      // 1e308 is a number, but no point or result: said so, not as a matter of decimals.
      if (!Number.isSafeInteger(hundredths)) return at(cell.address, `Ô ${cell.address} (${leaf.code}): số quá lớn.`, 'outOfRange');
      if (Math.abs(hundredths - number * 100) > 1e-6) return at(cell.address, `Ô ${cell.address} (${leaf.code}): tối đa hai chữ số thập phân.`, 'decimals');
      if (leaf.rule && takesFact(leaf.rule)) {
        const fact = factEntry(leaf, hundredths, measures, null);
        if ('problem' in fact) return at(cell.address, `Ô ${cell.address}: ${fact.problem}`, 'outOfRange');
        return values.set(leaf.code, fact);
      }
      const problem = entryProblem(leaf, hundredths);
      if (problem) return at(cell.address, `Ô ${cell.address}: ${problem}`, 'outOfRange');
      values.set(leaf.code, { points: hundredths, note: null, achieved: null });
    });
    rows.push({ row: r, unit, values });
  }
  return { rows, errors };
}

function cellValue(v: ExcelJS.CellValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'object' && 'result' in v) return (v.result as number) ?? null;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'boolean' || v instanceof Date) return String(v);
  if ('text' in v) return v.text; // a hyperlink cell: its visible text
  if ('error' in v) return v.error; // #N/A, #DIV/0!…: reported as not a number
  return 'sharedFormula' in v ? `=${v.sharedFormula}` : `=${v.formula}`; // a formula the file holds no result for
}
