import { exceljs } from '../libraries';

export interface TableColumn<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
}

/**
 * A one-sheet workbook: a bold title (and under it, when given, a subtitle: whose table it is), a header row (Vietnamese), the rows, frozen below the header,
 * with borders and an auto-filter. Built in memory: for tables of at most a few thousand rows.
 */
export async function tableWorkbook<T>(sheetName: string, title: string, columns: TableColumn<T>[], rows: T[], subtitle?: string): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'thidua';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));

  sheet.mergeCells(1, 1, 1, columns.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: 'Times New Roman', size: 14, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(1).height = 24;
  if (subtitle) {
    sheet.mergeCells(2, 1, 2, columns.length);
    const cell = sheet.getCell(2, 1);
    cell.value = subtitle;
    cell.font = { name: 'Times New Roman', size: 12, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }

  const header = sheet.getRow(3);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: 'Times New Roman', size: 12, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  });
  rows.forEach((row, r) => {
    const line = sheet.getRow(4 + r);
    columns.forEach((c, i) => {
      const cell = line.getCell(i + 1);
      cell.value = c.value(row);
      cell.font = { name: 'Times New Roman', size: 12 };
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
  for (let r = 3; r < 4 + rows.length; r++) {
    for (let c = 1; c <= columns.length; c++) {
      sheet.getCell(r, c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    }
  }
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + rows.length, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

