import type ExcelJS from 'exceljs';
import { clusterHeading } from '../../common/cluster-label';
import { exceljs } from '../libraries';

/** What a score template is for; kept in a hidden sheet and checked on upload. */
export interface TemplateMeta {
  clusterId: string;
  clusterName: string;
  /** The cluster's organiser, named in the title: two organisers may each have a cluster of the same name. */
  organizerName: string;
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
  /** A criterion that measures: its cell takes the achieved value (the points follow from its rule). */
  fact?: { measure: 'QUANTITATIVE' | 'PASS_FAIL' | 'PER_COUNT'; unit: string | null; needsTarget: boolean };
}

export interface TemplateRow {
  unitCode: string;
  unitName: string;
  /** Existing points by criterion code (achieved values for criteria that measure). */
  points: Record<string, number | null>;
  /** The unit's target per measured criterion, and the criteria not applicable to it with the reason. */
  targets?: Record<string, number | null>;
  notApplicable?: Record<string, string>;
  /** The unit's sheet was handed in (submitted) or locked: its row is shown, not to be filled (locked, not yellow). */
  handedIn?: 'SUBMITTED' | 'LOCKED';
}

export const DATA_SHEET = 'Phiếu chấm';
export const META_SHEET = '_thidua';
export const HEADER_ROW = 5;
export const FIRST_DATA_ROW = 6;
/** Columns: A STT, B mã đơn vị, C tên đơn vị, D… one per criterion, then the total. */
export const FIRST_CRITERION_COLUMN = 4;
export const TEMPLATE_FORMAT = 'thidua-score-template/2';
/** Templates made before criteria could measure: still read for sets whose criteria all take points. */
export const POINTS_ONLY_FORMAT = 'thidua-score-template/1';
export const TARGETS_SHEET = 'Chỉ tiêu';

const vi = (n: number) => String(n).replace('.', ',');
/** A criterion's column header: points range, or what its achieved value is. */
function columnHeader(c: TemplateCriterion): string {
  if (!c.fact) return `${c.code} (${c.kind === 'PENALTY' ? 'trừ tối đa' : 'tối đa'} ${vi(c.maxPoints)})`;
  if (c.fact.measure === 'PASS_FAIL') return `${c.code} (đạt: 1, không đạt: 0)`;
  if (c.fact.measure === 'PER_COUNT') return `${c.code} (số ${c.fact.unit ?? 'lần'})`;
  return `${c.code} (kết quả${c.fact.unit ? `, ${c.fact.unit}` : ''})`;
}

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
  ws.getCell(1, 1).value = `PHIẾU CHẤM ĐIỂM THI ĐUA NĂM ${meta.year} — ${clusterHeading(meta.clusterName, meta.organizerName)}`;
  ws.getCell(1, 1).font = { name: 'Times New Roman', size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, lastCol);
  ws.getCell(2, 1).value = `${meta.kindLabel} — người chấm: ${meta.scorerName} — bộ tiêu chí phiên bản ${meta.criteriaVersionNo}`;
  ws.getCell(2, 1).font = { name: 'Times New Roman', size: 12, italic: true };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(3, 1, 3, lastCol);
  const measured = criteria.some((c) => c.fact);
  const handedIn = rows.filter((r) => r.handedIn).length;
  ws.getCell(3, 1).value = rows.length && handedIn === rows.length
    ? 'Các phiếu trong tệp đã nộp hoặc đã khóa: tệp chỉ để xem, không nhập điểm. Điểm của phiếu đã nộp sửa trên trang Chấm điểm, có ghi lý do sửa.'
    : `${measured
      ? 'Chỉ nhập vào các ô màu vàng: điểm, hoặc kết quả đạt được ở các tiêu chí định lượng (hệ thống tính điểm theo chỉ tiêu, xem trang "Chỉ tiêu"); tối đa hai chữ số thập phân; điểm trừ ghi số âm. Ô màu xám: tiêu chí không áp dụng. Không sửa các ô khác.'
      : 'Chỉ nhập điểm vào các ô màu vàng (tối đa hai chữ số thập phân; điểm trừ ghi số âm). Không sửa các ô khác.'}${handedIn ? ' Dòng không tô màu: phiếu đã nộp hoặc đã khóa, để nguyên.' : ''}`;
  ws.getCell(3, 1).alignment = { wrapText: true };
  if (measured || handedIn) ws.getRow(3).height = 30;
  ws.getCell(3, 1).font = { name: 'Times New Roman', size: 11, italic: true, color: { argb: 'FF7F1D1D' } };

  const header = ws.getRow(HEADER_ROW);
  const headers = ['STT', 'Mã đơn vị', 'Đơn vị được chấm', ...criteria.map(columnHeader), measured ? 'Tổng điểm nhập trực tiếp' : 'Tổng điểm'];
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
    // A shortened heading keeps the criterion's whole text in its note.
    if (c.text.length > 60) ws.getCell(HEADER_ROW - 1, FIRST_CRITERION_COLUMN + i).note = c.text;
    ws.getCell(HEADER_ROW - 1, FIRST_CRITERION_COLUMN + i).font = { name: 'Times New Roman', size: 8, italic: true };
    ws.getCell(HEADER_ROW - 1, FIRST_CRITERION_COLUMN + i).alignment = { wrapText: true, vertical: 'bottom' };
  });
  ws.getRow(HEADER_ROW - 1).height = 60;

  rows.forEach((row, r) => {
    const line = ws.getRow(FIRST_DATA_ROW + r);
    line.getCell(1).value = r + 1;
    line.getCell(2).value = row.unitCode;
    line.getCell(3).value = row.unitName;
    if (row.handedIn) line.getCell(3).note = row.handedIn === 'LOCKED' ? 'Phiếu đã khóa (kết quả đã công bố).' : 'Phiếu đã nộp: sửa điểm trên trang Chấm điểm, có ghi lý do sửa.';
    criteria.forEach((c, i) => dataCell(line.getCell(FIRST_CRITERION_COLUMN + i), c, row));
    // The total adds the cells that hold points (a measured criterion's cell holds its achieved value).
    const pointCells = criteria.map((c, i) => (c.fact ? null : ws.getCell(FIRST_DATA_ROW + r, FIRST_CRITERION_COLUMN + i).address)).filter((a) => a);
    line.getCell(lastCol).value = pointCells.length ? { formula: `SUM(${pointCells.join(',')})` } : 0;
    // "General": 14 reads 14 and 9.67 reads 9.67 ('0.##' left a separator after whole numbers, "14.").
    line.getCell(lastCol).numFmt = 'General';
    for (let c = 1; c <= lastCol; c++) {
      line.getCell(c).border = border;
      line.getCell(c).font = { name: 'Times New Roman', size: 12, bold: c === lastCol };
    }
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  if (measured) await targetsSheet(wb, criteria, rows);

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

const YELLOW = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF7CC' } };
const GREY = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE5E7EB' } };

/**
 * One unit's cell of one criterion: points or the achieved value, validated; grey and locked when not applicable;
 * locked, not yellow, when the unit's sheet was handed in.
 */
function dataCell(cell: ExcelJS.Cell, c: TemplateCriterion, row: TemplateRow): void {
  const notApplicable = row.notApplicable?.[c.code];
  if (notApplicable) {
    cell.fill = GREY;
    cell.note = `Không áp dụng: ${notApplicable}`;
    return;
  }
  cell.value = row.points[c.code] ?? null;
  if (row.handedIn) return void (cell.numFmt = 'General');
  cell.protection = { locked: false };
  cell.fill = YELLOW;
  cell.numFmt = 'General';
  if (c.fact) {
    const target = row.targets?.[c.code];
    if (target != null) cell.note = `Chỉ tiêu: ${vi(target)}${c.fact.unit ? ` ${c.fact.unit}` : ''}`;
    const whole = c.fact.measure !== 'QUANTITATIVE';
    cell.dataValidation = {
      type: whole ? 'whole' : 'decimal',
      operator: c.fact.measure === 'PASS_FAIL' ? 'between' : 'greaterThanOrEqual',
      allowBlank: true,
      formulae: c.fact.measure === 'PASS_FAIL' ? [0, 1] : [0],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Kết quả không hợp lệ',
      error: c.fact.measure === 'PASS_FAIL' ? `${c.code}: nhập 1 (đạt) hoặc 0 (không đạt).` : `${c.code}: nhập kết quả đạt được, không âm${whole ? ', số nguyên' : ''}.`,
    };
    return;
  }
  const [lo, hi] = c.kind === 'PENALTY' ? [-c.maxPoints, 0] : [0, c.maxPoints];
  cell.dataValidation = {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [lo, hi],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Điểm không hợp lệ',
    error: `Điểm ${c.code} phải từ ${vi(lo)} đến ${vi(hi)}.`,
  };
}

/** The targets of the criteria that measure, per unit, read-only (what the achieved values are scored against). */
async function targetsSheet(wb: ExcelJS.Workbook, criteria: TemplateCriterion[], rows: TemplateRow[]): Promise<void> {
  const measured = criteria.filter((c) => c.fact);
  const ws = wb.addWorksheet(TARGETS_SHEET);
  ws.columns = [{ width: 20 }, { width: 44 }, ...measured.map(() => ({ width: 18 }))];
  const header = ['Mã đơn vị', 'Đơn vị', ...measured.map((c) => `${c.code}${c.fact!.unit ? ` (${c.fact!.unit})` : ''}`)];
  ws.addRow(header).font = { name: 'Times New Roman', size: 11, bold: true };
  for (const row of rows) {
    ws.addRow([row.unitCode, row.unitName, ...measured.map((c) => (row.notApplicable?.[c.code] ? `Không áp dụng: ${row.notApplicable[c.code]}` : (row.targets?.[c.code] ?? (c.fact!.needsTarget ? 'chưa giao' : 'không cần chỉ tiêu'))))]);
  }
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
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
  return out.format === TEMPLATE_FORMAT || out.format === POINTS_ONLY_FORMAT ? out : null;
}
