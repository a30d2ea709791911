import { longDateVi } from './vietnamese-dates';
import { Decree30Document, SignatureBlock } from './decree30';
import { DocumentContent, ElectronicRecord, blockSigner, recipientEntries } from './electronic-record';
import { Issuance, issuanceFooter } from './issuance';

export interface ProposedUnit {
  unitName: string;
  awardLabel: string;
  votesText: string;
  rank: number | null;
  basis: string;
}

/**
 * Tờ trình and Danh sách of a cluster's award proposals, as plain data. Without a document id, a draft before the
 * cluster sends its proposals: "DỰ THẢO", the number's blank ("    /TTr-CTĐ6"), no date, no signature.
 */
export interface DossierDocumentData extends Issuance {
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
  /** The body that handles emulation at the organiser on the document's date (a recipient); null when unknown. */
  standingBody: string | null;
  /** Every proposed unit's achievement report is attached to its proposal (the Tờ trình says so only then). */
  reportsAttached: boolean;
  /** Mã định danh of the issuer (the cluster's document code). */
  issuerCode?: string | null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** TM. of the cluster, the chair's title and unit; the name slot holds a person's name or stays empty (unsigned on a draft). */
const signature = (data: DocumentContent<DossierDocumentData>, issued = true): SignatureBlock => ({
  authority: data.signerAuthority,
  title: data.signerTitle,
  unit: data.signerUnit ?? null,
  status: issued ? '(Văn bản ký số bởi hệ thống)' : '',
  signer: data.signerName,
});

const submissionSummary = (data: DocumentContent<DossierDocumentData>) =>
  `Về việc đề nghị tặng ${data.byAward.map((a) => a.awardLabel.replace(' của Bộ trưởng', '').replace(' của Bộ', '')).join(' và ')} năm ${data.year}`;
const submissionRecipients = (data: DocumentContent<DossierDocumentData>) => ['- Như trên;', ...(data.standingBody ? [`- ${data.standingBody} (${data.organizerName});`] : []), '- Các đơn vị thành viên;', `- Lưu: VT, ${data.number.split('-').pop()}.`];
const listSummary = (data: DocumentContent<DossierDocumentData>) => `Đơn vị đề nghị khen thưởng năm ${data.year}`;

/** The Appendix VI information of the Tờ trình, as it prints it. */
export function submissionRecord(data: DocumentContent<DossierDocumentData>): ElectronicRecord {
  const recipients = recipientEntries(submissionRecipients(data));
  return { issuerCode: data.issuerCode ?? null, number: data.number, date: data.date, type: 'Tờ trình', summary: submissionSummary(data), ...blockSigner(signature(data)), recipients };
}

/** The Danh sách prints no number of its own (it goes with the Tờ trình) and no recipients. */
export function listRecord(data: DocumentContent<DossierDocumentData>): ElectronicRecord {
  return { issuerCode: data.issuerCode ?? null, number: null, date: data.date, type: 'Danh sách', summary: listSummary(data), ...blockSigner(signature(data)), recipients: [] };
}

const DRAFT_NOTE = 'DỰ THẢO — chưa ban hành, chưa ký số, chưa có số và ngày: cụm ban hành khi gửi đề nghị khen thưởng.';

export async function renderSubmission(data: DossierDocumentData): Promise<Buffer> {
  const issued = data.documentId !== null;
  const pdf = new Decree30Document({ title: `${issued ? 'Tờ trình' : 'Dự thảo tờ trình'} đề nghị khen thưởng năm ${data.year}`, subject: data.clusterName, documentId: data.documentId, record: issued ? submissionRecord(data) : undefined });
  pdf
    .header({ parentBody: data.organizerName, issuingBody: data.clusterName, number: data.number, place: data.place, date: issued ? data.date : null })
    .documentType('Tờ trình', [submissionSummary(data)])
    .addressee(data.addressee)
    .legalBases(data.legalBases);
  pdf.paragraph(`${data.clusterName} kính đề nghị ${data.addressee} xem xét, tặng:`);
  data.byAward.forEach((a, i) => {
    pdf.item(`${i + 1}.`, `${a.awardLabel} cho ${two(a.units.length)} đơn vị: ${a.units.join('; ')}.`, null, 1);
  });
  const whose = data.units.length === 1 ? 'của đơn vị' : 'của các đơn vị';
  pdf.paragraph(data.reportsAttached ? `(Có danh sách, biên bản hội nghị bình xét và báo cáo thành tích ${whose} kèm theo.)` : '(Có danh sách và biên bản hội nghị bình xét kèm theo.)', { font: 'Tinos-Italic' });
  const closing = `${data.clusterName} kính trình ${data.addressee} xem xét, quyết định./.`;
  const recipients = submissionRecipients(data);
  // The closing paragraph stays with the signature block and "Nơi nhận", which are never alone on a page.
  pdf.keepTogether(pdf.paragraphHeight(closing) + pdf.signatureBlockHeight(signature(data, issued), recipients));
  pdf.paragraph(closing);
  pdf.signatureBlock(signature(data, issued), recipients);
  return pdf.finish(issuanceFooter(data, DRAFT_NOTE));
}

export async function renderList(data: DossierDocumentData & { submissionNumber: string }): Promise<Buffer> {
  const issued = data.documentId !== null;
  const pdf = new Decree30Document({ title: `${issued ? 'Danh sách' : 'Dự thảo danh sách'} đơn vị đề nghị khen thưởng năm ${data.year}`, subject: data.clusterName, documentId: data.documentId, record: issued ? listRecord(data) : undefined });
  pdf
    .header({ parentBody: data.organizerName, issuingBody: data.clusterName, number: null, place: data.place, date: issued ? data.date : null })
    .documentType('Danh sách', [listSummary(data)]);
  pdf.paragraph(issued ? `(Kèm theo Tờ trình số ${data.submissionNumber} ${longDateVi(data.date)} của ${data.clusterName})` : `(Kèm theo dự thảo Tờ trình của ${data.clusterName})`, { align: 'center', indent: false, font: 'Tinos-Italic' });
  const block = signature(data, issued);
  // Portrait, like the Tờ trình it goes with: a landscape page held 3 rows of a cluster's usual 4 with the signature
  // block (its "Căn cứ" runs to 3–5 lines whatever its width), so the 4th row and the signature took a second page.
  pdf.table(
    [
      { header: 'STT', width: 5, align: 'center' },
      { header: 'Tên đơn vị', width: 26 },
      { header: 'Danh hiệu, hình thức khen thưởng', width: 16 },
      { header: 'Phiếu đồng ý', width: 11, align: 'center' },
      { header: 'Hạng', width: 7, align: 'center' },
      { header: 'Căn cứ', width: 35 },
    ],
    data.units.map((u, i) => [String(i + 1), u.unitName, u.awardLabel, u.votesText, u.rank === null ? '' : String(u.rank), u.basis]),
    { keepWithLast: pdf.signatureBlockHeight(block) },
  );
  pdf.signatureBlock(block);
  return pdf.finish(issuanceFooter(data, DRAFT_NOTE));
}
