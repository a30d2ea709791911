import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { clusterHeading } from '../../common/cluster-label';
import { exceljs } from '../libraries';

export interface ScoreboardData {
  clusterName: string;
  /** The cluster's organiser, named in the title: two organisers may each have a cluster of the same name. */
  organizerName: string;
  year: number;
  ruleLabel: string;
  /** Published: otherwise every worksheet says the results are a draft. */
  published: boolean;
  criteria: Array<{ code: string; maxPoints: number }>;
  rows: Array<{
    rank: number | null;
    tie: boolean;
    unitCode: string;
    unitName: string;
    total: number | null;
    bonus: number | null;
    penalty: number | null;
    criteriaAtMax: number | null;
    band: string | null;
    selfTotal: number | null;
    sheetsUsed: number;
    finalPoints: Array<number | null>;
    reasons: string;
  }>;
  /** Every sheet handed in: who scored whom, of which kind, its total, and whether the rule counts it. */
  sheets: Array<{ scorerName: string; kindLabel: string; targetName: string; total: number; statusLabel: string; counted: boolean }>;
  flags: Array<{ unitName: string; kindLabel: string; message: string }>;
}

const bold = { name: 'Times New Roman', size: 12, bold: true };
const normal = { name: 'Times New Roman', size: 12 };
/** Above this many members, the scorer-by-target matrix is written as a list (a square would be millions of cells). */
export const MATRIX_LIMIT = 60;

/**
 * The scoreboard (bảng tổng hợp) with exceljs' streaming writer to `out` (the HTTP response), which it ends:
 * rows are committed as they are written, so national-scale exports stay within memory. Sheets: summary,
 * per-criterion detail, the scorer-by-target matrix, the list of sheets, and the flags.
 */
export async function writeScoreboard(out: Writable, data: ScoreboardData): Promise<void> {
  const wb = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'thidua';
  // A draft says so in the title every worksheet starts with.
  const title = `BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM ${data.year} — ${clusterHeading(data.clusterName, data.organizerName)}${data.published ? '' : ' (DỰ THẢO — KẾT QUẢ CHƯA CÔNG BỐ)'}`;

  const summary = wb.addWorksheet('Tổng hợp', { views: [{ state: 'frozen', ySplit: 3 }] });
  summary.columns = [{ width: 8 }, { width: 44 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 30 }, { width: 12 }, { width: 10 }, { width: 90 }];
  summary.addRow([title]).font = bold;
  summary.addRow([`Cách tính điểm cuối cùng: ${data.ruleLabel}`]).font = { ...normal, italic: true };
  header(summary, ['Hạng', 'Đơn vị', 'Tổng điểm', 'Điểm thưởng', 'Điểm trừ', 'Số tiêu chí đạt tối đa', 'Phân loại theo điểm của cụm', 'Tự chấm', 'Số phiếu', 'Căn cứ xếp hạng']);
  for (const r of data.rows) {
    body(summary, [r.rank === null ? '—' : r.tie ? `${r.rank} (đồng hạng)` : r.rank, r.unitName, r.total, r.bonus, r.penalty, r.criteriaAtMax, r.band ?? '', r.selfTotal, r.sheetsUsed, r.reasons]);
  }
  summary.commit();

  const detail = wb.addWorksheet('Chi tiết tiêu chí', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  detail.columns = [{ width: 8 }, { width: 44 }, ...data.criteria.map(() => ({ width: 10 })), { width: 12 }];
  detail.addRow([title]).font = bold;
  header(detail, ['Hạng', 'Đơn vị', ...data.criteria.map((c) => `${c.code} (tối đa ${c.maxPoints})`), 'Tổng']);
  for (const r of data.rows) body(detail, [r.rank ?? '—', r.unitName, ...r.finalPoints, r.total]);
  detail.commit();

  const peerSheets = data.sheets.filter((s) => s.kindLabel === 'Chấm chéo');
  const units = data.rows.map((r) => r.unitName);
  const matrix = wb.addWorksheet('Ma trận chấm chéo', { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  matrix.addRow([`${title}. Tổng điểm chấm chéo: hàng là đơn vị chấm, cột là đơn vị được chấm`]).font = bold;
  if (units.length <= MATRIX_LIMIT) {
    matrix.columns = [{ width: 44 }, ...units.map(() => ({ width: 14 }))];
    header(matrix, ['Đơn vị chấm \\ được chấm', ...units]);
    const totals = new Map(peerSheets.map((s) => [`${s.scorerName}|${s.targetName}`, s.total]));
    for (const scorer of units) body(matrix, [scorer, ...units.map((target) => (scorer === target ? '—' : (totals.get(`${scorer}|${target}`) ?? null)))]);
  } else {
    matrix.columns = [{ width: 44 }, { width: 44 }, { width: 14 }];
    header(matrix, ['Đơn vị chấm', 'Đơn vị được chấm', 'Tổng điểm']);
    for (const s of peerSheets) body(matrix, [s.scorerName, s.targetName, s.total]);
  }
  matrix.commit();

  const list = wb.addWorksheet('Danh sách phiếu', { views: [{ state: 'frozen', ySplit: 2 }] });
  list.columns = [{ width: 44 }, { width: 22 }, { width: 44 }, { width: 12 }, { width: 12 }, { width: 30 }];
  list.addRow([`${title}. Các phiếu chấm đã nộp; cột "Được tính" cho biết phiếu nào dùng để tính điểm cuối cùng theo cách tính của cụm (${data.ruleLabel.toLocaleLowerCase('vi')}), các phiếu khác để đối chiếu`]).font = bold;
  header(list, ['Người chấm', 'Loại phiếu', 'Đơn vị được chấm', 'Tổng điểm', 'Trạng thái', 'Được tính']);
  for (const s of data.sheets) body(list, [s.scorerName, s.kindLabel, s.targetName, s.total, s.statusLabel, s.counted ? 'Có' : 'Không (để đối chiếu)']);
  list.commit();

  const flags = wb.addWorksheet('Cảnh báo');
  flags.columns = [{ width: 44 }, { width: 34 }, { width: 100 }];
  flags.addRow([`${title}. Cảnh báo chênh lệch điểm`]).font = bold;
  header(flags, ['Đơn vị', 'Loại cảnh báo', 'Nội dung']);
  if (!data.flags.length) flags.addRow(['Không có cảnh báo.']).commit();
  for (const f of data.flags) body(flags, [f.unitName, f.kindLabel, f.message]);
  flags.commit();

  await wb.commit();
}

/**
 * A row's look as style objects shared by every row of that look: exceljs keeps a cell's style id by its style
 * object, so a shared object is turned into its XML once per workbook rather than once per cell (a third of an
 * export's time). Numbers and other cells get objects of their own, as exceljs numbers the two differently.
 */
function rowLook(style: Partial<ExcelJS.Style>): (ws: ExcelJS.Worksheet, values: Array<string | number | null>) => void {
  const number = { ...style };
  const other = { ...style };
  return (ws, values) => {
    const r = ws.addRow(values);
    r.font = style.font!;
    r.alignment = style.alignment!;
    values.forEach((v, i) => (r.getCell(i + 1).style = typeof v === 'number' ? number : other));
    r.commit();
  };
}

const header = rowLook({ font: bold, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } } });
const body = rowLook({ font: normal, alignment: { vertical: 'top', wrapText: true } });
