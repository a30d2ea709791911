import { Decree30Document } from './decree30';
import { DocumentContent, ElectronicRecord, cellSigners } from './electronic-record';
import { Issuance, issuanceFooter } from './issuance';
import { pointsVi, longDateVi } from './vietnamese-dates';

/**
 * Biên bản hội nghị bình xét, as plain data. Without a document id, a draft before the cluster sends its proposals:
 * "DỰ THẢO", the number's blank ("    /BB-CTĐ6"), no signature (the meeting's day is its date all the same).
 */
export interface MinutesDocumentData extends Issuance {
  organizerName: string;
  clusterName: string;
  number: string;
  year: number;
  heldOn: string;
  place: string;
  chairedBy: string;
  minutesBy: string;
  /** What the cluster's vote follows: its regulation as cited, or the system's default said to be such. */
  ruleBasis: string | null;
  attendance: Array<{ unitName: string; statusLabel: string; representative: string | null }>;
  memberCount: number;
  ranking: Array<{ rank: number | null; unitName: string; total: number | null; band: string | null }>;
  ballots: Array<{ awardLabel: string; quota: number; requiredText: string | null; rows: Array<{ unitName: string; votesFor: number; ratioText: string; passed: boolean; eligible: boolean; selected: boolean }>; tied: string[] }>;
  nextLeadership: { year: number; chair: string; viceChair: string | null } | null;
  /** The secret ballots held at the meeting (closed ones), per award. */
  ballotSessions?: BallotMinutes[];
  conclusions: string | null;
  /** Mã định danh of the issuer (the cluster's document code). */
  issuerCode?: string | null;
}

/** A closed secret ballot as the minutes state it. */
export interface BallotMinutes {
  awardLabel: string;
  modeLabel: string;
  figures: { issued: number; returned: number; valid: number; invalid: number };
  rows: Array<{ unitName: string; votes: number; shareText: string }>;
  countingCommittee: string[];
  tieReason: string | null;
  /** Written opinions of absent members received, and how the regulation counts them (a sentence). */
  writtenOpinions: number;
  writtenOpinionsNote: string;
}

const minutesSummary = (data: DocumentContent<MinutesDocumentData>) => `Hội nghị bình xét thi đua năm ${data.year} của ${data.clusterName}`;
const minutesSigners = (data: DocumentContent<MinutesDocumentData>, issued = true) => [
  { unitName: 'Thư ký hội nghị', mark: null, title: '', status: issued ? '(Văn bản ký số bởi hệ thống)' : '', signer: data.minutesBy },
  { unitName: 'Chủ trì hội nghị', mark: null, title: '', status: issued ? '(Văn bản ký số bởi hệ thống)' : '', signer: data.chairedBy },
];

/** The Appendix VI information of the Biên bản: dated the meeting's day, signed by its secretary and its chair. */
export function minutesRecord(data: DocumentContent<MinutesDocumentData>): ElectronicRecord {
  return { issuerCode: data.issuerCode ?? null, number: data.number, date: data.heldOn, type: 'Biên bản', summary: minutesSummary(data), ...cellSigners(minutesSigners(data)), recipients: [] };
}

export async function renderMinutes(data: MinutesDocumentData): Promise<Buffer> {
  const issued = data.documentId !== null;
  const pdf = new Decree30Document({ title: `${issued ? 'Biên bản' : 'Dự thảo biên bản'} hội nghị bình xét thi đua năm ${data.year}`, subject: data.clusterName, documentId: data.documentId, record: issued ? minutesRecord(data) : undefined });
  pdf
    .header({ parentBody: data.organizerName, issuingBody: data.clusterName, number: data.number, place: data.place, date: data.heldOn })
    .documentType('Biên bản', [minutesSummary(data)]);
  pdf.paragraph(`Hôm nay, ${longDateVi(data.heldOn)}, tại ${data.place}, ${data.clusterName} tổ chức hội nghị bình xét thi đua năm ${data.year}.`);
  pdf.paragraph(`Chủ trì hội nghị: ${data.chairedBy}. Thư ký hội nghị: ${data.minutesBy}.`);

  pdf.heading('I. THÀNH PHẦN THAM DỰ');
  // The representatives' column only when the secretariat recorded any (an empty column read as left unfilled).
  const named = data.attendance.some((a) => a.representative);
  pdf.table(
    [{ header: 'STT', width: 6, align: 'center' }, { header: 'Đơn vị', width: named ? 50 : 68 }, { header: 'Tình trạng', width: 26 }, ...(named ? [{ header: 'Người đại diện', width: 18 }] : [])],
    data.attendance.map((a, i) => [String(i + 1), a.unitName, a.statusLabel, ...(named ? [a.representative ?? ''] : [])]),
  );

  pdf.heading('II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG');
  pdf.table(
    [{ header: 'Hạng', width: 8, align: 'center' }, { header: 'Đơn vị', width: 56 }, { header: 'Tổng điểm', width: 12, align: 'center' }, { header: 'Phân loại điểm (cụm)', width: 24 }],
    data.ranking.map((r) => [r.rank === null ? '—' : String(r.rank), r.unitName, r.total === null ? '' : pointsVi(r.total), r.band ?? '']),
  );
  if (data.ranking.some((r) => r.band)) pdf.paragraph('Phân loại điểm (cụm): phân loại theo điểm của cụm, không phải xếp loại mức độ hoàn thành nhiệm vụ của cấp có thẩm quyền.', { indent: false, font: 'Tinos-Italic' });

  pdf.heading('III. KẾT QUẢ BỎ PHIẾU');
  pdf.paragraph(
    // Typed counts include the written opinions as the secretariat counted them; a secret ballot counts them as the
    // cluster's regulation says, stated at each ballot below (never both ways in one document).
    `Tổng số thành viên của cụm: ${data.memberCount}. Tỷ lệ phiếu tính trên tổng số thành viên; ý kiến bằng văn bản của thành viên vắng mặt ${data.ballotSessions?.length ? 'tính theo quy chế của cụm, như ghi ở từng phiên bỏ phiếu' : 'được tính'}. ` +
      `Mức đồng ý cần đạt theo ${data.ruleBasis ?? 'quy chế hoạt động của cụm'} (không phải ngưỡng biểu quyết của Hội đồng Thi đua – Khen thưởng cấp Bộ).`,
  );
  for (const award of data.ballots) {
    // The award's line stays with its table's header and first row (not alone at the foot of a page).
    pdf.keepTogether(80);
    pdf.paragraph(`${award.awardLabel} (chỉ tiêu ${award.quota}${award.requiredText ? `; cần ${award.requiredText} tổng số thành viên đồng ý` : ''}):`, { indent: false, font: 'Tinos-Bold' });
    pdf.table(
      [{ header: 'Đơn vị', width: 44 }, { header: 'Số phiếu đồng ý', width: 14, align: 'center' }, { header: 'Tỷ lệ', width: 12, align: 'center' }, { header: 'Đạt ngưỡng', width: 10, align: 'center' }, { header: 'Đủ điều kiện', width: 10, align: 'center' }, { header: 'Đề nghị', width: 10, align: 'center' }],
      award.rows.map((r) => [r.unitName, `${r.votesFor}/${data.memberCount}`, r.ratioText, r.passed ? 'Đạt' : 'Không', r.eligible ? 'Có' : 'Không', r.selected ? 'Đề nghị' : '']),
    );
    const ballot = data.ballotSessions?.find((b) => b.awardLabel === award.awardLabel);
    if (ballot) ballotSection(pdf, ballot);
    if (award.tied.length) pdf.paragraph(`Đồng phiếu ở vị trí cuối: ${award.tied.join(', ')} — chờ quyết định của chủ trì hội nghị.`, { font: 'Tinos-Italic' });
  }

  // A meeting that elected no chair (none recorded: the cluster ended, say) has no such section.
  if (data.nextLeadership) {
    pdf.heading(`IV. BẦU CỤM TRƯỞNG, CỤM PHÓ NĂM ${data.nextLeadership.year}`);
    pdf.paragraph(`Hội nghị thống nhất: ${data.nextLeadership.chair} làm Cụm trưởng${data.nextLeadership.viceChair ? `, ${data.nextLeadership.viceChair} làm Cụm phó` : ''} năm ${data.nextLeadership.year}.`);
  }

  pdf.heading(`${data.nextLeadership ? 'V' : 'IV'}. KẾT LUẬN`);
  pdf.paragraph(data.conclusions ?? defaultConclusion(data));
  pdf.paragraph('Biên bản được lập và thông qua tại hội nghị.', { font: 'Tinos-Italic' });

  pdf.signatureGrid('', minutesSigners(data, issued), 2);
  return pdf.finish(issuanceFooter(data, 'DỰ THẢO — chưa ban hành, chưa ký số, chưa có số: cụm ban hành biên bản khi gửi đề nghị khen thưởng.'));
}

/** The count of a secret ballot: the ballots issued, returned, valid and invalid, the votes and shares, the counting committee. */
function ballotSection(pdf: Decree30Document, b: BallotMinutes): void {
  pdf.paragraph(`Bỏ phiếu kín (${b.modeLabel}): số phiếu phát ra ${b.figures.issued}; số phiếu thu về ${b.figures.returned}; số phiếu hợp lệ ${b.figures.valid}; số phiếu không hợp lệ ${b.figures.invalid}.`);
  pdf.table(
    [{ header: 'Ứng viên', width: 60 }, { header: 'Số phiếu đồng ý', width: 20, align: 'center' }, { header: 'Tỷ lệ (trên tổng số thành viên)', width: 20, align: 'center' }],
    b.rows.map((r) => [r.unitName, String(r.votes), r.shareText]),
  );
  if (b.writtenOpinions) pdf.paragraph(`Ý kiến bằng văn bản của thành viên vắng mặt: ${b.writtenOpinions}. ${b.writtenOpinionsNote}`);
  pdf.paragraph(`Ban kiểm phiếu: ${b.countingCommittee.join('; ')}.`);
  if (b.tieReason) pdf.paragraph(`Quyết định của chủ trì hội nghị về trường hợp đồng phiếu: ${b.tieReason}`, { font: 'Tinos-Italic' });
}

/** Without a conclusion recorded: the units the meeting selected (marked "Đề nghị" in section III), award by award. */
function defaultConclusion(data: { ballots: Array<{ awardLabel: string; rows: Array<{ unitName: string; selected: boolean }> }> }): string {
  const picks = data.ballots.map((b) => ({ award: b.awardLabel, units: b.rows.filter((r) => r.selected).map((r) => r.unitName) })).filter((b) => b.units.length);
  if (!picks.length) return 'Không có đơn vị nào đủ điều kiện để hội nghị đề nghị khen thưởng.';
  return `Hội nghị thống nhất đề nghị khen thưởng: ${picks.map((b) => `${b.award} cho ${b.units.join(', ')}`).join('; ')} (các đơn vị ghi "Đề nghị" tại mục III).`;
}
