import { organizerWord } from '../common/cluster-label';
import { formatDateVi } from '../common/time';
import { AwardResult, CandidateResult, ratioText, requirementText } from './awards.rules';

/** The life of an award proposal, as a state machine. */
export const PROPOSAL_STATUSES = ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'REJECTED'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type ProposalAction = 'submit' | 'claim' | 'approve' | 'reject' | 'return' | 'resubmit';

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  DRAFT: 'Dự thảo',
  SUBMITTED: 'Đã gửi Bộ',
  IN_REVIEW: 'Đang thẩm định',
  RETURNED: 'Trả lại để bổ sung',
  APPROVED: 'Đã phê duyệt',
  REJECTED: 'Không phê duyệt',
};

/**
 * A status as the cluster's pages say it: a proposal is sent to the cluster's organiser ("Đã gửi Bộ" for a ministry's
 * cluster, "Đã gửi Sở" for a department's — Nghệ An's district clusters).
 */
export function proposalStatusLabel(status: ProposalStatus, organizerName: string | undefined): string {
  return status === 'SUBMITTED' && organizerName ? `Đã gửi ${organizerWord(organizerName)}` : PROPOSAL_STATUS_LABELS[status];
}

/** `reasonRequired`: the step states why (the message when it does not): a refusal, a return, and what a resubmission added. */
interface Step {
  to: ProposalStatus;
  by: 'cluster' | 'ministry';
  reasonRequired: string | null;
}

const TRANSITIONS: Record<ProposalAction, Step & { from: ProposalStatus[] }> = {
  submit: { from: ['DRAFT'], to: 'SUBMITTED', by: 'cluster', reasonRequired: null },
  resubmit: { from: ['RETURNED'], to: 'SUBMITTED', by: 'cluster', reasonRequired: 'Cần ghi nội dung đã bổ sung khi gửi lại đề nghị.' },
  claim: { from: ['SUBMITTED'], to: 'IN_REVIEW', by: 'ministry', reasonRequired: null },
  approve: { from: ['IN_REVIEW'], to: 'APPROVED', by: 'ministry', reasonRequired: null },
  reject: { from: ['IN_REVIEW'], to: 'REJECTED', by: 'ministry', reasonRequired: 'Cần ghi lý do khi không phê duyệt đề nghị.' },
  return: { from: ['IN_REVIEW'], to: 'RETURNED', by: 'ministry', reasonRequired: 'Cần ghi lý do khi trả lại đề nghị.' },
};

/** The next status, or the Vietnamese reason the action is not allowed now. */
export function transition(status: ProposalStatus, action: ProposalAction): Step | { problem: string } {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    return { problem: `Không thể "${ACTION_LABELS[action]}" đề nghị đang ở trạng thái "${PROPOSAL_STATUS_LABELS[status]}".` };
  }
  return { to: t.to, by: t.by, reasonRequired: t.reasonRequired };
}

export const ACTION_LABELS: Record<ProposalAction, string> = {
  submit: 'gửi Bộ',
  resubmit: 'gửi lại',
  claim: 'nhận thẩm định',
  approve: 'phê duyệt',
  reject: 'không phê duyệt',
  return: 'trả lại',
};

/** Why the secretariat may not propose a unit for an award from the meeting's results, or null. */
export interface ProposalCheck {
  year: number;
  awardLabel: string;
  /** The meeting's result for the award. */
  result: AwardResult;
  unitId: string;
  /** Proposals already made for the award (not rejected). */
  taken: number;
}

export function proposalRefusal(c: ProposalCheck): { field: 'unitId' | 'award'; message: string } | null {
  const candidate = c.result.candidates.find((x) => x.unitId === c.unitId);
  const label = c.awardLabel;
  if (!candidate) return { field: 'unitId', message: `Đơn vị chưa được bỏ phiếu đề nghị ${label} tại hội nghị bình xét (hoặc không phải thành viên của cụm).` };
  if (!candidate.eligible) return { field: 'unitId', message: `Đơn vị không đủ điều kiện ${label}: ${candidate.eligibilityReason}` };
  if (c.result.quorumMet === false) return { field: 'unitId', message: 'Hội nghị bình xét chưa đủ số thành viên có mặt theo quy chế hoạt động của cụm: chưa đề nghị được.' };
  if (candidate.required === null) return { field: 'unitId', message: `Chưa có quy định về tỷ lệ phiếu đồng ý áp dụng cho năm ${c.year}: chưa thể đề nghị ${label}.` };
  if (!candidate.passed) {
    return { field: 'unitId', message: `Đơn vị đạt ${ratioText(candidate.ratio)} số phiếu đồng ý trên tổng số thành viên, chưa đạt mức ${requirementText(candidate.required, candidate.strictly)} của ${label}.` };
  }
  if (c.taken >= c.result.quota) return { field: 'award', message: `Đã đủ chỉ tiêu ${c.result.quota} ${label} của cụm năm ${c.year}.` };
  if (!candidate.selected) {
    return { field: 'unitId', message: c.result.tiedAtLastPlace.length ? 'Đơn vị đồng phiếu ở vị trí cuối: cần quyết định của chủ trì hội nghị.' : `Đơn vị không nằm trong ${c.result.quota} đơn vị có nhiều phiếu nhất.` };
  }
  return null;
}

/** The basis a proposal records: why the unit is eligible and the approval it had against the share the cluster applies. */
export function basisNote(candidate: CandidateResult): string {
  const required = candidate.required === null ? '' : `; mức đồng ý cần đạt: ${requirementText(candidate.required, candidate.strictly)}`;
  return `${candidate.eligibilityReason} Đạt ${ratioText(candidate.ratio)} số phiếu đồng ý trên tổng số thành viên${required}.`.slice(0, 500);
}

/**
 * Why an award decision cannot bear `date` (YYYY-MM-DD), or null: it decides on what the cluster's review meeting
 * voted, so it is not dated before that meeting, nor before the ministry that decides (the cluster's organiser) began.
 */
export function decisionDateProblem(date: string, meetingHeldOn: string, organizer: { shortName: string; activeFrom: string | null } | null): string | null {
  if (date < meetingHeldOn) return `Ngày quyết định không được trước ngày hội nghị bình xét đã bầu đề nghị này (${formatDateVi(meetingHeldOn)}).`;
  if (organizer?.activeFrom && date < organizer.activeFrom) return `Ngày quyết định không được trước ngày ${organizer.shortName} bắt đầu hoạt động (${formatDateVi(organizer.activeFrom)}).`;
  return null;
}

/** The legal catalogue's DOSSIER_REPORT row in force for an award on the act's date (legal.rules CatalogueValue). */
export interface ReportRule {
  code: string;
  amount: number | null;
  textRef: string | null;
  article: string | null;
  assumption: string | null;
}

/**
 * Why a proposal's dossier may not be sent (or approved) yet: it lacks the proposed unit's achievement report that
 * the rule in force requires; null when it has one or no rule requires it. The text and article are cited only when
 * the catalogue has them confirmed; an assumed rule says so instead of printing itself as law.
 */
export function missingReportProblem(rule: ReportRule | null, reports: number, what: { award: string; unit: string; action: 'submit' | 'resubmit' | 'approve' }): string | null {
  if (!rule?.amount || reports > 0) return null;
  const basis = rule.assumption === null && rule.textRef
    ? `${rule.textRef}${rule.article ? `, ${rule.article}` : ''}`
    : 'căn cứ pháp lý xem trang Pháp lý, mục “Báo cáo thành tích trong hồ sơ đề nghị”';
  const when = what.action === 'approve' ? 'trước khi phê duyệt: trả lại để cụm bổ sung' : `trước khi ${what.action === 'submit' ? 'gửi' : 'gửi lại'} đề nghị`;
  return `Hồ sơ đề nghị ${what.award} cho ${what.unit} chưa có báo cáo thành tích của đơn vị; cần có báo cáo thành tích ${when} (${basis}).`;
}

/** What a step of the workflow is given: the version read, and the reason or decision the step needs. */
export type StepInput = { version: number; reason?: string; decisionNumber?: string; decisionDate?: string; resubmitBy?: string };
