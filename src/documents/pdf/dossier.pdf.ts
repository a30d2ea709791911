import { Decree30Document, SignatureBlock } from './decree30';

export interface ProposedUnit {
  unitName: string;
  awardLabel: string;
  votesText: string;
  rank: number | null;
  basis: string;
}

/** Tờ trình and Danh sách of a cluster's award proposals, as plain data. */
export interface DossierDocumentData {
  documentId: string;
  verifyUrl: string;
  organizerName: string;
  clusterName: string;
  number: string;
  place: string;
  date: string;
  year: number;
  addressee: string;
  legalBases: string[];
  byAward: Array<{ awardLabel: string; units: string[] }>;
  units: ProposedUnit[];
  signerAuthority: string;
  signerTitle: string;
  /** The chair unit whose leader signs for the cluster (shown under the title), or null. */
  signerUnit?: string | null;
  /** The signer's full name; empty when no person is known (the name slot is then left empty). */
  signerName: string;
}

const two = (n: number) => String(n).padStart(2, '0');

/** TM. of the cluster, the chair's title and unit; the name slot holds a person's name or stays empty. */
const signature = (data: DossierDocumentData): SignatureBlock => ({
  authority: data.signerAuthority,
  title: data.signerTitle,
  unit: data.signerUnit ?? null,
  status: '(Văn bản ký số)',
  signer: data.signerName,
});

export async function renderSubmission(data: DossierDocumentData): Promise<Buffer> {
  const awards = data.byAward.map((a) => a.awardLabel.replace(' của Bộ trưởng', '').replace(' của Bộ', '')).join(' và ');
  const pdf = new Decree30Document({ title: `Tờ trình đề nghị khen thưởng năm ${data.year}`, subject: data.clusterName, documentId: data.documentId });
  pdf
    .header({ parentBody: data.organizerName, issuingBody: data.clusterName, number: data.number, place: data.place, date: data.date })
    .documentType('Tờ trình', [`Về việc đề nghị tặng ${awards} năm ${data.year}`])
    .addressee(data.addressee)
    .legalBases(data.legalBases);
  pdf.paragraph(`${data.clusterName} kính đề nghị ${data.addressee} xem xét, tặng:`);
  data.byAward.forEach((a, i) => {
    pdf.item(`${i + 1}.`, `${a.awardLabel} cho ${two(a.units.length)} đơn vị: ${a.units.join('; ')}.`, null, 1);
  });
  pdf.paragraph('(Có danh sách, biên bản hội nghị bình xét và báo cáo thành tích của các đơn vị kèm theo.)', { font: 'Tinos-Italic' });
  const closing = `${data.clusterName} kính trình ${data.addressee} xem xét, quyết định./.`;
  const recipients = ['- Như trên;', '- Vụ Thi đua – Khen thưởng;', '- Các đơn vị thành viên;', `- Lưu: VT, ${data.number.split('-').pop()}.`];
  // The closing paragraph stays with the signature block and "Nơi nhận", which are never alone on a page.
  pdf.keepTogether(pdf.paragraphHeight(closing) + pdf.signatureBlockHeight(signature(data), recipients));
  pdf.paragraph(closing);
  pdf.signatureBlock(signature(data), recipients);
  return pdf.finish({ qrText: data.verifyUrl, lines: [`Văn bản do hệ thống thidua phát hành và ký số. Mã tài liệu: ${data.documentId}.`, 'Kiểm tra tính toàn vẹn tại:', data.verifyUrl] });
}

export async function renderList(data: DossierDocumentData & { submissionNumber: string }): Promise<Buffer> {
  const pdf = new Decree30Document({ title: `Danh sách đơn vị đề nghị khen thưởng năm ${data.year}`, subject: data.clusterName, documentId: data.documentId, landscape: true });
  pdf
    .header({ parentBody: data.organizerName, issuingBody: data.clusterName, number: null, place: data.place, date: data.date })
    .documentType('Danh sách', [`Đơn vị đề nghị khen thưởng năm ${data.year}`]);
  pdf.paragraph(`(Kèm theo Tờ trình số ${data.submissionNumber} của ${data.clusterName})`, { align: 'center', indent: false, font: 'Tinos-Italic' });
  const block = signature(data);
  pdf.table(
    [
      { header: 'STT', width: 5, align: 'center' },
      { header: 'Tên đơn vị', width: 32 },
      { header: 'Danh hiệu đề nghị', width: 18 },
      { header: 'Phiếu đồng ý', width: 10, align: 'center' },
      { header: 'Hạng', width: 6, align: 'center' },
      { header: 'Căn cứ', width: 29 },
    ],
    data.units.map((u, i) => [String(i + 1), u.unitName, u.awardLabel, u.votesText, u.rank === null ? '' : String(u.rank), u.basis]),
    { keepWithLast: pdf.signatureBlockHeight(block) },
  );
  pdf.signatureBlock(block);
  return pdf.finish({ qrText: data.verifyUrl, lines: [`Văn bản do hệ thống thidua phát hành và ký số. Mã tài liệu: ${data.documentId}.`, 'Kiểm tra tính toàn vẹn tại:', data.verifyUrl] });
}
