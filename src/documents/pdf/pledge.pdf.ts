import { Decree30Document, SignatureCell } from './decree30';
import { DocumentContent, ElectronicRecord, cellSigners } from './electronic-record';
import { pointsVi } from './vietnamese-dates';
import { SYSTEM_NAME } from '../../common/system-name';

/**
 * The kinds of criteria a pledge lists, in this order. The same values as criteria's CriterionKind, written
 * here because documents do not import features: the compiler still refuses a kind this file cannot draw.
 */
export type PledgeCriterionKind = 'SCORED' | 'BONUS' | 'PENALTY';

export interface PledgeCriterion {
  code: string;
  text: string;
  maxPoints: number;
  kind: PledgeCriterionKind;
  /** How the points follow when not given directly ("Định lượng theo chỉ tiêu: tỷ lệ với chỉ tiêu..."). */
  rule?: string;
  children: PledgeCriterion[];
}

/** Each unit's targets (chỉ tiêu giao): one column per criterion, one row per unit; cells already worded. */
export interface PledgeTargets {
  criteria: string[];
  rows: Array<{ unitName: string; cells: string[] }>;
  /** "TC5 — Công an tỉnh A: lý do" for the criteria not applicable to a unit. */
  notApplicable: string[];
}

/** Everything a pledge PDF shows, as plain data (documents never query the database). */
export interface PledgeDocumentData {
  documentId: string;
  organizerName: string;
  clusterName: string;
  documentNumber: string | null;
  place: string;
  date: string;
  title: string;
  theme: string | null;
  legalBases: string[];
  purpose: string;
  implementation: string;
  criteria: PledgeCriterion[];
  totalPoints: number;
  /** Present when the set has targets or criteria not applicable to some unit. */
  targets?: PledgeTargets;
  signatories: SignatureCell[];
  draft: boolean;
  verifyUrl: string;
  /** Mã định danh of the issuer (the cluster's document code). */
  issuerCode?: string | null;
}

/** The Appendix VI information of the pledge: signed by the leader of every member unit, no recipients. */
export function pledgeRecord(data: DocumentContent<PledgeDocumentData>): ElectronicRecord {
  return {
    issuerCode: data.issuerCode ?? null,
    number: data.documentNumber,
    date: data.date,
    type: data.title,
    summary: data.theme,
    ...cellSigners(data.signatories),
    recipients: [],
  };
}

const LETTERS = 'abcdeghiklmnopqrstuvxy';

function label(level: number, index: number): string {
  if (level === 1) return `${index + 1}.`;
  if (level === 2) return `${LETTERS[index] ?? index + 1})`;
  return '-';
}

/** Bản giao ước thi đua, Decree 30 layout (unsigned: the caller signs the returned buffer). */
export async function renderPledge(data: PledgeDocumentData): Promise<Buffer> {
  return (await renderPledgeForSigning(data)).pdf;
}

/** The pledge and where each member's signature cell is, in the order of data.signatories (for its signature fields). */
export async function renderPledgeForSigning(data: PledgeDocumentData): Promise<{ pdf: Buffer; cells: Decree30Document['signatureCells'] }> {
  const pdf = new Decree30Document({ title: data.title, subject: `${data.title} — ${data.clusterName}`, documentId: data.documentId, record: pledgeRecord(data) });
  pdf
    .header({ parentBody: data.organizerName, issuingBody: data.clusterName, number: data.documentNumber, place: data.place, date: data.date })
    .documentType(data.title, data.theme ? [data.theme] : [])
    .legalBases(data.legalBases);
  // The bases lead to the act itself (Decree 30: "Căn cứ …," then who does what), not straight to the first heading.
  if (data.legalBases.length) pdf.paragraph(`Các đơn vị thành viên ${data.clusterName} thống nhất ký kết giao ước thi đua năm ${data.date.slice(0, 4)} với các nội dung sau:`);

  pdf.heading('I. MỤC ĐÍCH, YÊU CẦU');
  for (const p of splitParagraphs(data.purpose)) pdf.paragraph(p);

  pdf.heading('II. NỘI DUNG GIAO ƯỚC');
  const groups: Array<[PledgeCriterionKind, string | null]> = [
    ['SCORED', null],
    ['BONUS', 'Điểm thưởng'],
    ['PENALTY', 'Điểm trừ'],
  ];
  for (const [kind, title] of groups) {
    const items = data.criteria.filter((c) => c.kind === kind);
    if (!items.length) continue;
    // A heading keeps with its first item rather than end a page alone.
    if (title) pdf.heading(`${title}:`);
    const walk = (nodes: PledgeCriterion[], level: number) =>
      nodes.forEach((n, i) => {
        const points = kind === 'PENALTY' ? `(trừ tối đa ${pointsVi(n.maxPoints)} điểm)` : `(tối đa ${pointsVi(n.maxPoints)} điểm)`;
        pdf.item(label(level, i), n.rule ? `${n.text} (${n.rule})` : n.text, points, level);
        walk(n.children, level + 1);
      });
    walk(items, 1);
  }
  pdf.paragraph(`Tổng điểm tối đa của các tiêu chí chấm điểm: ${pointsVi(data.totalPoints)} điểm.`, { font: 'Tinos-Italic' });
  if (data.targets) {
    const t = data.targets;
    pdf.heading('Chỉ tiêu giao cho từng đơn vị:');
    if (t.criteria.length) {
      // A target is a short figure ("1.200 hồ sơ"): each criterion's column gets 14 % of the width (together at
      // most 60 %), the unit's name the rest, so that names keep to one line when the criteria are few.
      const share = Math.min(60, 14 * t.criteria.length);
      pdf.table([{ header: 'Đơn vị', width: 100 - share }, ...t.criteria.map((c) => ({ header: c, width: share / t.criteria.length, align: 'right' as const }))], t.rows.map((r) => [r.unitName, ...r.cells]));
    }
    for (const line of t.notApplicable) pdf.paragraph(`Không áp dụng: ${line}.`, { font: 'Tinos-Italic' });
  }

  pdf.heading('III. TỔ CHỨC THỰC HIỆN');
  for (const p of splitParagraphs(data.implementation)) pdf.paragraph(p);

  pdf.signatureGrid('Đại diện các đơn vị thành viên ký giao ước', data.signatories, data.signatories.length > 8 ? 3 : 2);

  const bytes = await pdf.finish({
    qrText: data.verifyUrl,
    lines: [
      data.draft
        ? `DỰ THẢO — chưa đủ chữ ký của các đơn vị thành viên. Mã tài liệu: ${data.documentId}.`
        : `Văn bản do ${SYSTEM_NAME} phát hành và ký số. Mã tài liệu: ${data.documentId}.`,
      'Kiểm tra tính toàn vẹn tại:',
      data.verifyUrl,
    ],
    watermark: data.draft ? 'DỰ THẢO' : null,
  });
  return { pdf: bytes, cells: pdf.signatureCells };
}

function splitParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
