import { pdfkit } from '../../documents/libraries';
import { FONT, fonts } from '../../documents/pdf/fonts';

/**
 * A one-page achievement report (báo cáo thành tích) for the demo's proposals, marked as an illustration: the dossier
 * of every proposal carries its unit's report before it is sent (proposals.rules missingReportProblem). The evidence
 * of a self-score is made the same way (demoEvidence).
 */
export function demoReportPdf(unitName: string, year: number, award: string): Promise<Buffer> {
  return demoPdf(unitName, `Báo cáo thành tích năm ${year} (minh họa)`, 'BÁO CÁO THÀNH TÍCH', `Đề nghị tặng ${award} năm ${year}`, 'nội dung báo cáo do đơn vị soạn theo mẫu của văn bản hướng dẫn hiện hành.');
}

/** The evidence (tài liệu minh chứng) a unit attaches to each criterion of its self-score before it submits it. */
export async function demoEvidence(upload: (fileName: string, pdf: Buffer, criterionCode: string) => Promise<unknown>, unitName: string, year: number, codes: string[]): Promise<void> {
  for (const code of codes) {
    const pdf = await demoPdf(unitName, `Minh chứng tiêu chí ${code} năm ${year} (minh họa)`, 'TÀI LIỆU MINH CHỨNG', `Tiêu chí ${code}, phiếu tự chấm điểm thi đua năm ${year}`, 'số liệu, văn bản chứng minh kết quả thực hiện tiêu chí do đơn vị tập hợp.');
    await upload(`Minh-chung-${code}-${year}.pdf`, pdf, code);
  }
}

async function demoPdf(unitName: string, title: string, heading: string, subtitle: string, note: string): Promise<Buffer> {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 57, bottom: 57, left: 85, right: 57 }, info: { Title: title } });
  const f = fonts();
  for (const face of ['regular', 'bold', 'italic'] as const) doc.registerFont(FONT[face], f[face] as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((ok, fail) => {
    doc.on('end', () => ok());
    doc.on('error', fail);
  });
  doc.font(FONT.bold).fontSize(13).text(unitName.toLocaleUpperCase('vi'), { align: 'center' });
  doc.moveDown().fontSize(14).text(heading, { align: 'center' });
  doc.font(FONT.regular).fontSize(13).text(subtitle, { align: 'center' });
  doc.moveDown().font(FONT.italic).text(`Tài liệu minh họa của dữ liệu mẫu: ${note}`, { align: 'justify' });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
