import { Decree30Document } from './decree30';
import { longDateVi } from './vietnamese-dates';
import { DocumentContent, ElectronicRecord, cellSigners } from './electronic-record';
import { SYSTEM_NAME } from '../../common/system-name';

/** Biên bản họp Hội đồng Thi đua – Khen thưởng, as plain data. */
export interface CouncilMinutesData {
  documentId: string;
  verifyUrl: string;
  organizerName: string;
  number: string;
  year: number;
  heldOn: string;
  place: string;
  chairName: string;
  minutesBy: string;
  members: Array<{ name: string; position: string; roleLabel: string; statusLabel: string }>;
  memberCount: number;
  presentCount: number;
  votingCount: number;
  /** One sentence per award: the share required and where it comes from (or that it is not verified). */
  shareLines: string[];
  rows: Array<{ unitName: string; clusterName: string; awardLabel: string; votesText: string; ratioText: string; resultText: string }>;
  conclusions: string | null;
  /** Mã định danh of the issuer (the organiser's unit code). */
  issuerCode?: string | null;
}

const COUNCIL = 'Hội đồng Thi đua – Khen thưởng';
const councilSummary = (data: DocumentContent<CouncilMinutesData>) => `Họp ${COUNCIL} xét khen thưởng năm ${data.year}`;
const councilSigners = (data: DocumentContent<CouncilMinutesData>) => [
  { unitName: 'Thư ký', mark: null, title: '', status: '(Văn bản ký số bởi hệ thống)', signer: data.minutesBy },
  { unitName: 'Chủ tịch Hội đồng', mark: null, title: '', status: '(Văn bản ký số bởi hệ thống)', signer: data.chairName },
];

/** The Appendix VI information of the council's Biên bản: dated the meeting's day, signed by secretary and chair. */
export function councilMinutesRecord(data: DocumentContent<CouncilMinutesData>): ElectronicRecord {
  return { issuerCode: data.issuerCode ?? null, number: data.number, date: data.heldOn, type: 'Biên bản', summary: councilSummary(data), ...cellSigners(councilSigners(data)), recipients: [] };
}

export async function renderCouncilMinutes(data: CouncilMinutesData): Promise<Buffer> {
  const council = COUNCIL;
  const pdf = new Decree30Document({ title: `Biên bản họp ${council} xét khen thưởng năm ${data.year}`, subject: data.organizerName, documentId: data.documentId, record: councilMinutesRecord(data) });
  pdf
    .header({ parentBody: data.organizerName, issuingBody: council, number: data.number, place: data.place, date: data.heldOn })
    .documentType('Biên bản', [councilSummary(data)]);
  pdf.paragraph(`Hôm nay, ${longDateVi(data.heldOn)}, tại ${data.place}, ${council} ${data.organizerName} họp xét đề nghị khen thưởng năm ${data.year} của các cụm thi đua.`);
  pdf.paragraph(`Chủ trì: ${data.chairName}. Thư ký: ${data.minutesBy}.`);
  pdf.heading('I. THÀNH PHẦN');
  pdf.table(
    [{ header: 'STT', width: 6, align: 'center' }, { header: 'Họ và tên', width: 26 }, { header: 'Chức vụ', width: 28 }, { header: 'Trong Hội đồng', width: 18 }, { header: 'Tham dự', width: 22 }],
    data.members.map((x, i) => [String(i + 1), x.name, x.position, x.roleLabel, x.statusLabel]),
  );
  pdf.paragraph(`Tổng số thành viên Hội đồng: ${data.memberCount}; có mặt: ${data.presentCount}; tham gia biểu quyết (kể cả ý kiến bằng văn bản): ${data.votingCount}.`);
  pdf.heading('II. KẾT QUẢ BIỂU QUYẾT');
  for (const line of data.shareLines) pdf.paragraph(line);
  pdf.table(
    [{ header: 'STT', width: 6, align: 'center' }, { header: 'Tập thể', width: 30 }, { header: 'Cụm thi đua', width: 16 }, { header: 'Danh hiệu, hình thức khen thưởng', width: 16 }, { header: 'Đồng ý', width: 10, align: 'center' }, { header: 'Tỷ lệ', width: 10, align: 'center' }, { header: 'Kết quả', width: 12, align: 'center' }],
    data.rows.map((r, i) => [String(i + 1), r.unitName, r.clusterName, r.awardLabel, r.votesText, r.ratioText, r.resultText]),
  );
  const conclusion = data.conclusions ?? `${council} thống nhất trình Bộ trưởng xem xét, quyết định khen thưởng theo kết quả biểu quyết tại mục II.`;
  const closing = 'Biên bản được lập và thông qua tại cuộc họp.';
  // The conclusion goes with the signatures (the heading, about 60 pt; the grid's heading and first row, the 170 pt
  // signatureGrid keeps): the signatures never stand alone on a last page.
  pdf.keepTogether(60 + pdf.paragraphHeight(conclusion) + pdf.paragraphHeight(closing, 'Tinos-Italic') + 170);
  pdf.heading('III. KẾT LUẬN');
  pdf.paragraph(conclusion);
  pdf.paragraph(closing, { font: 'Tinos-Italic' });
  pdf.signatureGrid('', councilSigners(data), 2);
  return pdf.finish({ qrText: data.verifyUrl, lines: [`Văn bản do ${SYSTEM_NAME} phát hành và ký số. Mã tài liệu: ${data.documentId}.`, 'Kiểm tra tính toàn vẹn tại:', data.verifyUrl] });
}
