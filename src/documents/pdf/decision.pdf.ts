import { Decree30Document } from './decree30';
import { DocumentContent, ElectronicRecord, blockSigner, recipientEntries } from './electronic-record';
import { SYSTEM_NAME } from '../../common/system-name';

/** Dự thảo quyết định khen thưởng, as plain data. */
export interface DecisionDraftData {
  documentId: string;
  verifyUrl: string;
  ministryName: string;
  ministryCode: string;
  place: string;
  /** Null in a draft: the signer dates it ("ngày … tháng … năm …"). */
  date: string | null;
  year: number;
  /** The body that handles emulation at the ministry on the decision's date (e.g. "Vụ Thi đua – Khen thưởng"). */
  standingBody: string;
  awards: Array<{ awardLabel: string; citation: string; rewardText: string; units: Array<{ unitName: string; clusterName: string }> }>;
  legalBases: string[];
  /** The system's notes printed after the recipients (not the decision's text): decisions recorded, proposals left out. */
  notes?: string[];
}

const decisionSummary = (data: DocumentContent<DecisionDraftData>) => `Về việc tặng ${data.awards.map((a) => a.awardLabel).join(' và ')} năm ${data.year}`;
// The Minister signs in their own right; the name is left for the signer.
const DECISION_BLOCK = { authority: '', title: 'Bộ trưởng', status: '(Dự thảo — chưa ký)', signer: '' };
/**
 * Decree 30 keeps a copy with the drafting unit, by its initials: "Vụ Thi đua – Khen thưởng" → TĐKT, "Vụ Tổ chức cán
 * bộ" → TCCB (the standing body drafts the decision). A body that is not a Vụ by name keeps no initials here.
 */
export const draftingInitials = (body: string): string | null =>
  /^Vụ /.test(body) ? body.slice(3).split(/[\s–-]+/).filter(Boolean).map((w) => w[0].toLocaleUpperCase('vi')).join('') : null;
/** The head of the standing body, as a decision names them: "Vụ trưởng Vụ …", else "Thủ trưởng …". */
export const headOf = (body: string): string => `${/^Vụ /.test(body) ? 'Vụ trưởng' : 'Thủ trưởng'} ${body}`;
const decisionRecipients = (data: DocumentContent<DecisionDraftData>) => {
  const initials = draftingInitials(data.standingBody);
  return [`- Như Điều ${data.awards.length + 1};`, '- Các Thứ trưởng;', `- ${data.standingBody};`, `- Lưu: VT${initials ? `, ${initials}` : ''}.`];
};

/**
 * The Appendix VI information of the draft: it has no number and no date yet (the blanks are the signer's) and no
 * signer's name, so those stay null rather than invented; the issuer is the ministry (its unit code).
 */
export function decisionRecord(data: DocumentContent<DecisionDraftData>): ElectronicRecord {
  return { issuerCode: data.ministryCode, number: null, date: data.date, type: 'Quyết định', summary: decisionSummary(data), ...blockSigner(DECISION_BLOCK), recipients: recipientEntries(decisionRecipients(data)) };
}

export async function renderDecisionDraft(data: DecisionDraftData): Promise<Buffer> {
  const pdf = new Decree30Document({ title: `Dự thảo quyết định khen thưởng năm ${data.year}`, subject: data.ministryName, documentId: data.documentId, record: decisionRecord(data) });
  pdf
    .header({ parentBody: '', issuingBody: data.ministryName, number: `      /QĐ-${data.ministryCode}`, place: data.place, date: data.date })
    .documentType('Quyết định', [decisionSummary(data)]);
  pdf.paragraph(`BỘ TRƯỞNG ${data.ministryName.toLocaleUpperCase('vi')}`, { align: 'center', indent: false, font: 'Tinos-Bold' });
  pdf.legalBases(data.legalBases);
  pdf.paragraph('QUYẾT ĐỊNH:', { align: 'center', indent: false, font: 'Tinos-Bold' });
  data.awards.forEach((a, i) => {
    pdf.paragraph(`Tặng ${a.awardLabel} cho ${String(a.units.length).padStart(2, '0')} tập thể có tên sau đây, ${a.citation} năm ${data.year}:`, { lead: `Điều ${i + 1}.` });
    pdf.table([{ header: 'STT', width: 8, align: 'center' }, { header: 'Tên tập thể', width: 62 }, { header: 'Cụm thi đua', width: 30 }], a.units.map((u, k) => [String(k + 1), u.unitName, u.clusterName]));
    pdf.paragraph(a.rewardText, { font: 'Tinos-Italic' });
  });
  const last = `Điều ${data.awards.length + 1}`;
  const closing = `Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, ${headOf(data.standingBody)} và các tập thể có tên tại ${data.awards.map((_, i) => `Điều ${i + 1}`).join(', ')} chịu trách nhiệm thi hành Quyết định này./.`;
  const block = DECISION_BLOCK;
  const recipients = decisionRecipients(data);
  // The closing article stays on the page of the signature block, which is never alone on its page.
  pdf.keepTogether(pdf.paragraphHeight(`${last}. ${closing}`) + pdf.signatureBlockHeight(block, recipients));
  pdf.paragraph(closing, { lead: `${last}.` });
  pdf.signatureBlock(block, recipients);
  if (data.notes?.length) pdf.paragraph(`Ghi chú của hệ thống (không thuộc nội dung quyết định): ${data.notes.join(' ')}`, { font: 'Tinos-Italic', indent: false });
  return pdf.finish({ qrText: data.verifyUrl, lines: [`DỰ THẢO quyết định do ${SYSTEM_NAME} lập từ các đề nghị đã gửi Bộ, đang thẩm định hoặc đã phê duyệt. Mã tài liệu: ${data.documentId}.`, 'Kiểm tra tính toàn vẹn tại:', data.verifyUrl], watermark: 'DỰ THẢO' });
}
