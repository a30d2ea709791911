import { pdfkit } from '../../documents/libraries';
import { FONT, fonts } from '../../documents/pdf/fonts';

/**
 * A one-page achievement report (báo cáo thành tích) for the demo's proposals, marked as an illustration: the dossier
 * of every proposal carries its unit's report before it is sent (proposals.rules missingReportProblem).
 */
export async function demoReportPdf(unitName: string, year: number, award: string): Promise<Buffer> {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 57, bottom: 57, left: 85, right: 57 }, info: { Title: `Báo cáo thành tích năm ${year} (minh họa)` } });
  const f = fonts();
  for (const face of ['regular', 'bold', 'italic'] as const) doc.registerFont(FONT[face], f[face] as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((ok, fail) => {
    doc.on('end', () => ok());
    doc.on('error', fail);
  });
  doc.font(FONT.bold).fontSize(13).text(unitName.toLocaleUpperCase('vi'), { align: 'center' });
  doc.moveDown().fontSize(14).text('BÁO CÁO THÀNH TÍCH', { align: 'center' });
  doc.font(FONT.regular).fontSize(13).text(`Đề nghị tặng ${award} năm ${year}`, { align: 'center' });
  doc.moveDown().font(FONT.italic).text('Tài liệu minh họa của dữ liệu mẫu: nội dung báo cáo do đơn vị soạn theo mẫu của văn bản hướng dẫn hiện hành.', { align: 'justify' });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
