import { Decree30Document, SignatureBlock } from './decree30';
import { DocumentContent, ElectronicRecord, blockSigner } from './electronic-record';
import { pointsVi } from './vietnamese-dates';
import { SYSTEM_NAME } from '../../common/system-name';

/** Bảng tổng hợp kết quả chấm điểm, as plain data. */
export interface ScoreboardDocumentData {
  documentId: string;
  verifyUrl: string;
  organizerName: string;
  clusterName: string;
  year: number;
  place: string;
  date: string;
  ruleLabel: string;
  criteria: Array<{ code: string; maxPoints: number }>;
  rows: Array<{ rank: number | null; tie: boolean; unitName: string; finalPoints: Array<number | null>; total: number | null; band: string | null }>;
  notes: string[];
  chairUnitName: string | null;
  published: boolean;
  /** Mã định danh of the issuer (the cluster's document code). */
  issuerCode?: string | null;
}

// The chair unit signs for the cluster once the results are published (a draft carries no signature block); no
// person's name is known here, so the name slot stays empty.
const scoreboardBlock = (data: DocumentContent<ScoreboardDocumentData>): SignatureBlock | null =>
  data.chairUnitName && data.published ? { authority: `TM. ${data.clusterName}`, title: 'Cụm trưởng', unit: data.chairUnitName, status: '(Văn bản ký số bởi hệ thống)', signer: '', nameSlot: false } : null;

/** The Appendix VI information of the scoreboard: it prints no number and no recipients. */
export function scoreboardRecord(data: DocumentContent<ScoreboardDocumentData>): ElectronicRecord {
  const block = scoreboardBlock(data);
  const signer = block ? blockSigner(block) : { signerPosition: null, signerName: null };
  return { issuerCode: data.issuerCode ?? null, number: null, date: data.date, type: 'Bảng tổng hợp kết quả chấm điểm', summary: `Thi đua năm ${data.year}`, ...signer, recipients: [] };
}

export async function renderScoreboard(data: ScoreboardDocumentData): Promise<Buffer> {
  const pdf = new Decree30Document({
    title: `Bảng tổng hợp kết quả chấm điểm thi đua năm ${data.year}`,
    subject: `Kết quả chấm điểm năm ${data.year} — ${data.clusterName}`,
    documentId: data.documentId,
    landscape: true,
    record: scoreboardRecord(data),
  });
  pdf
    .header({ parentBody: data.organizerName, issuingBody: data.clusterName, number: null, place: data.place, date: data.date })
    .documentType('Bảng tổng hợp kết quả chấm điểm', [`Thi đua năm ${data.year}`]);
  pdf.paragraph(`Cách tính điểm cuối cùng: ${data.ruleLabel}.`, { indent: false, font: 'Tinos-Italic' });
  const block = scoreboardBlock(data);
  // The last rows of the table stay on the page of the notes and the signature block.
  const tail = data.notes.reduce((h, note) => h + pdf.paragraphHeight(note, 'Tinos-Italic') + 4, 0) + (block ? pdf.signatureBlockHeight(block) : 0);
  pdf.table(
    [
      // Shares that keep a unit's full name and the usual band ("Hoàn thành xuất sắc nhiệm vụ") on one line each with
      // nine criteria: a cluster's scoreboard of six members (Cụm 6) then fits one page with its signature block.
      { header: 'Hạng', width: 5, align: 'center' },
      { header: 'Đơn vị', width: 31 },
      ...data.criteria.map((c) => ({ header: `${c.code}\n(${pointsVi(c.maxPoints)})`, width: 5, align: 'center' as const })),
      { header: 'Tổng điểm', width: 7, align: 'center' },
      { header: 'Phân loại điểm (cụm)', width: 24 },
    ],
    data.rows.map((r) => [
      r.rank === null ? '—' : r.tie ? `${r.rank}*` : String(r.rank),
      r.unitName,
      ...r.finalPoints.map((p) => (p === null ? '' : pointsVi(p))),
      r.total === null ? '' : pointsVi(r.total),
      r.band ?? '',
    ]),
    // Many criteria make narrow columns: a smaller size keeps the unit names readable.
    { keepWithLast: tail, size: data.criteria.length <= 12 ? 10 : data.criteria.length <= 16 ? 9 : 8 },
  );
  for (const note of data.notes) pdf.paragraph(note, { indent: false, font: 'Tinos-Italic' });
  if (block) pdf.signatureBlock(block);
  return pdf.finish({
    qrText: data.verifyUrl,
    lines: [
      data.published ? `Văn bản do ${SYSTEM_NAME} phát hành và ký số. Mã tài liệu: ${data.documentId}.` : `DỰ THẢO — kết quả chưa công bố. Mã tài liệu: ${data.documentId}.`,
      'Kiểm tra tính toàn vẹn tại:',
      data.verifyUrl,
    ],
    watermark: data.published ? null : 'DỰ THẢO',
  });
}
