import type ExcelJS from 'exceljs';
import { exceljs } from '../libraries';

/** What a score template is for; kept in a hidden sheet and checked on upload. */
export interface TemplateMeta {
  clusterId: string;
  clusterName: string;
  year: number;
  kind: 'SELF' | 'PEER' | 'CLUSTER' | 'MINISTRY';
  kindLabel: string;
  scorerKey: string;
  scorerName: string;
  criteriaSetId: string;
  criteriaVersionNo: number;
}

export interface TemplateCriterion {
  code: string;
  text: string;
  maxPoints: number;
  kind: 'SCORED' | 'BONUS' | 'PENALTY';
}

export interface TemplateRow {
  unitCode: string;
  unitName: string;
  /** Existing points by criterion code. */
  points: Record<string, number | null>;
}

export const DATA_SHEET = 'Phiếu chấm';
export const META_SHEET = '_thidua';
export const HEADER_ROW = 5;
export const FIRST_DATA_ROW = 6;
/** Columns: A STT, B mã đơn vị, C tên đơn vị, D… one per criterion, then the total. */
export const FIRST_CRITERION_COLUMN = 4;
export const TEMPLATE_FORMAT = 'thidua-score-template/1';

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Phiếu chấm điểm as a workbook generated in code: labels protected, point cells unlocked with data
 * validation within each criterion's range, a total formula, and a hidden sheet naming what it is for.
 */
export async function buildScoreTemplate(meta: TemplateMeta, criteria: TemplateCriterion[], rows: TemplateRow[]): Promise<Buffer> {
  const wb = new (exceljs().Workbook)();
  wb.creator = 'thidua';
  const ws = wb.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', xSplit: 3, ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const lastCol = FIRST_CRITERION_COLUMN + criteria.length;
  ws.columns = [{ width: 6 }, { width: 20 }, { width: 44 }, ...criteria.map(() => ({ width: 12 })), { width: 12 }];

  ws.mergeCells(1, 1, 1, lastCol);
  ws.getCell(1, 1).value = `PHIẾU CHẤM ĐIỂM THI ĐUA NĂM ${meta.year} — ${meta.clusterName.toLocaleUpperCase('vi')}`;
  ws.getCell(1, 1).font = { name: 'Times New Roman', size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, lastCol);
  ws.getCell(2, 1).value = `${meta.kindLabel} — người chấm: ${meta.scorerName} — bộ tiêu chí phiên bản ${meta.criteriaVersionNo}`;
  ws.getCell(2, 1).font = { name: 'Times New Roman', size: 12, italic: true };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(3, 1, 3, lastCol);
  ws.getCell(3, 1).value = 'Chỉ nhập điểm vào các ô màu vàng (tối đa hai chữ số thập phân; điểm trừ ghi số âm). Không sửa các ô khác.';
  ws.getCell(3, 1).font = { name: 'Times New Roman', size: 11, italic: true, color: { argb: 'FF7F1D1D' } };

  const header = ws.getRow(HEADER_ROW);
  const headers = ['STT', 'Mã đơn vị', 'Đơn vị được chấm', ...criteria.map((c) => `${c.code} (${c.kind === 'PENALTY' ? 'trừ tối đa' : 'tối đa'} ${String(c.maxPoints).replace('.', ',')})`), 'Tổng điểm'];
  headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { name: 'Times New Roman', size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.border = border;
  });
  header.height = 42;
  criteria.forEach((c, i) => {
    ws.getCell(HEADER_ROW - 1, FIRST_CRITERION_COLUMN + i).value = c.text.length > 60 ? `${c.text.slice(0, 57)}…` : c.text;
    ws.getCell(HEADER_ROW - 1, FIRST_CRITERION_COLUMN + i).font = { name: 'Times New Roman', size: 8, italic: true };
    ws.getCell(HEADER_ROW - 1, FIRST_CRITERION_COLUMN + i).alignment = { wrapText: true, vertical: 'bottom' };
  });
  ws.getRow(HEADER_ROW - 1).height = 60;

  rows.forEach((row, r) => {
    const line = ws.getRow(FIRST_DATA_ROW + r);
    line.getCell(1).value = r + 1;
    line.getCell(2).value = row.unitCode;
    line.getCell(3).value = row.unitName;
    criteria.forEach((c, i) => {
      const cell = line.getCell(FIRST_CRITERION_COLUMN + i);
      cell.value = row.points[c.code] ?? null;
      cell.protection = { locked: false };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7CC' } };
      cell.numFmt = '0.##';
      const [lo, hi] = c.kind === 'PENALTY' ? [-c.maxPoints, 0] : [0, c.maxPoints];
      cell.dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [lo, hi],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Điểm không hợp lệ',
        error: `Điểm ${c.code} phải từ ${String(lo).replace('.', ',')} đến ${String(hi).replace('.', ',')}.`,
      };
    });
    const first = ws.getCell(FIRST_DATA_ROW + r, FIRST_CRITERION_COLUMN).address;
    const last = ws.getCell(FIRST_DATA_ROW + r, lastCol - 1).address;
    line.getCell(lastCol).value = { formula: `SUM(${first}:${last})` };
    line.getCell(lastCol).numFmt = '0.##';
    for (let c = 1; c <= lastCol; c++) {
      line.getCell(c).border = border;
      line.getCell(c).font = { name: 'Times New Roman', size: 12, bold: c === lastCol };
    }
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });

  const meta2 = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const pairs: Array<[string, string | number]> = [
    ['format', TEMPLATE_FORMAT],
    ['clusterId', meta.clusterId],
    ['year', meta.year],
    ['kind', meta.kind],
    ['scorerKey', meta.scorerKey],
    ['criteriaSetId', meta.criteriaSetId],
    ['criteriaVersionNo', meta.criteriaVersionNo],
    ['criteria', criteria.map((c) => c.code).join(',')],
  ];
  pairs.forEach(([k, v], i) => {
    meta2.getCell(i + 1, 1).value = k;
    meta2.getCell(i + 1, 2).value = v;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the hidden sheet of an uploaded template; null when the workbook is not one of ours. */
export function readTemplateMeta(wb: ExcelJS.Workbook): Record<string, string> | null {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) return null;
  const out: Record<string, string> = {};
  ws.eachRow((row) => {
    const key = row.getCell(1).value;
    const value = row.getCell(2).value;
    if (typeof key === 'string') out[key] = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  });
  return out.format === TEMPLATE_FORMAT ? out : null;
}
