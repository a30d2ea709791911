import { formatDateVi } from '../../common/time';

/**
 * The emulation council's vote, pure: a proposal passes with the share of ALL council members in force on the
 * meeting's date that the legal catalogue gives (COUNCIL_SHARE); written opinions of absent members count; when
 * the share is one half and the votes are exactly half, the chair's vote decides. No share for the award on that
 * date: the vote is recorded, nothing is required of it (passed null).
 */
import { approval, meetsShare, ratioText, requirementText } from '../awards.rules';
import type { CatalogueValue } from '../../legal/legal.rules';

export const COUNCIL = 'Hội đồng Thi đua – Khen thưởng';

/** The share line of an award as the minutes print it: the source when the catalogue has one, else said unverified. */
export function shareBasis(awardLabel: string, share: CatalogueValue | null, printed = false): string {
  if (!share) return `${awardLabel}: chưa xác định được văn bản quy định tỷ lệ biểu quyết của ${COUNCIL} vào ngày họp; kết quả biểu quyết được ghi nhận, không đối chiếu với tỷ lệ.`;
  const required = `${requirementText(share.amount!, share.strictlyAbove)} ${share.label ?? 'tổng số thành viên Hội đồng'}`;
  // An unverified source is not cited (the page marks it); the minutes say the share is one applied for want of a
  // text found, not a rule of law.
  if (share.assumption) return printed ? `${awardLabel}: kết quả được đối chiếu với mức ${required}; đây là mức tạm áp dụng, chưa xác minh được văn bản quy định tỷ lệ này vào ngày họp.` : `${awardLabel}: cần ${required} (mức Bộ áp dụng; căn cứ chưa được xác minh trong danh mục pháp lý).`;
  return `${awardLabel}: cần ${required} (${[share.article, share.textRef].filter(Boolean).join(' ')}).`;
}

export interface ShareRule {
  amount: number;
  strictlyAbove: boolean;
  quorum: number | null;
}

export interface CouncilVote {
  members: number;
  /** Members present or with a written opinion. */
  voting: number;
  present: number;
  votesFor: number;
  chairFor: boolean;
  share: ShareRule | null;
}

export interface CouncilOutcome {
  ratio: number;
  ratioText: string;
  requiredText: string | null;
  /** null: no share applies to this award on the meeting's date. */
  passed: boolean | null;
  byChair: boolean;
}

export function councilOutcome(v: CouncilVote): CouncilOutcome {
  const ratio = approval(v.votesFor, v.members);
  if (!v.share) return { ratio, ratioText: ratioText(ratio), requiredText: null, passed: null, byChair: false };
  const requiredText = requirementText(v.share.amount, v.share.strictlyAbove);
  let passed = meetsShare(v.votesFor, v.members, v.share.amount, v.share.strictlyAbove);
  let byChair = false;
  if (!passed && v.share.amount === 5000 && v.votesFor * 2 === v.members) {
    passed = v.chairFor;
    byChair = true;
  }
  return { ratio, ratioText: ratioText(ratio), requiredText, passed, byChair };
}

/** Whether the attendance meets the quorum (a share of all members present), when the catalogue sets one. */
export function quorumMet(present: number, members: number, quorum: number | null): boolean {
  return quorum === null || meetsShare(present, members, quorum, false);
}

/** A ballot that counts more votes than members voting, or negative ones, is refused. */
export function ballotProblem(votesFor: number, voting: number): string | null {
  if (votesFor > voting) return `Số phiếu đồng ý (${votesFor}) lớn hơn số thành viên biểu quyết (${voting}: có mặt và có ý kiến bằng văn bản).`;
  return null;
}

/** A decision (or its draft) dated before the council's meeting whose minutes it cites. */
export const councilDateProblem = (heldOn: string): string =>
  `Ngày quyết định không được trước ngày họp Hội đồng Thi đua – Khen thưởng (${formatDateVi(heldOn)}), vì quyết định căn cứ biên bản cuộc họp này.`;

const ROLE_ORDER = { CHAIR: 0, VICE_CHAIR: 1, MEMBER: 2 } as const;

/**
 * The council's list as a decision lists it: those in office on the day first, the chair, the vice-chairs, then the
 * members by name; then the other terms, the latest ending first (a term's members share its end), each in the same order.
 */
export function councilListOrder<T extends { role: keyof typeof ROLE_ORDER; name: string; fromDate: string; toDate: string | null }>(members: T[], today: string): T[] {
  const inOffice = (x: T): number => (x.fromDate <= today && (x.toDate === null || today <= x.toDate) ? 0 : 1);
  const term = (x: T): string => (inOffice(x) ? (x.toDate ?? x.fromDate) : '');
  return [...members].sort((a, b) => inOffice(a) - inOffice(b) || term(b).localeCompare(term(a)) || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name, 'vi'));
}
