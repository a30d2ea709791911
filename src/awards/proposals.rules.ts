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

const TRANSITIONS: Record<ProposalAction, { from: ProposalStatus[]; to: ProposalStatus; by: 'cluster' | 'ministry'; needsReason: boolean }> = {
  submit: { from: ['DRAFT'], to: 'SUBMITTED', by: 'cluster', needsReason: false },
  resubmit: { from: ['RETURNED'], to: 'SUBMITTED', by: 'cluster', needsReason: false },
  claim: { from: ['SUBMITTED'], to: 'IN_REVIEW', by: 'ministry', needsReason: false },
  approve: { from: ['IN_REVIEW'], to: 'APPROVED', by: 'ministry', needsReason: false },
  reject: { from: ['IN_REVIEW'], to: 'REJECTED', by: 'ministry', needsReason: true },
  return: { from: ['IN_REVIEW'], to: 'RETURNED', by: 'ministry', needsReason: true },
};

/** The next status, or the Vietnamese reason the action is not allowed now. */
export function transition(status: ProposalStatus, action: ProposalAction): { to: ProposalStatus; by: 'cluster' | 'ministry'; needsReason: boolean } | { problem: string } {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    return { problem: `Không thể "${ACTION_LABELS[action]}" đề nghị đang ở trạng thái "${PROPOSAL_STATUS_LABELS[status]}".` };
  }
  return { to: t.to, by: t.by, needsReason: t.needsReason };
}

export const ACTION_LABELS: Record<ProposalAction, string> = {
  submit: 'gửi Bộ',
  resubmit: 'gửi lại',
  claim: 'nhận thẩm định',
  approve: 'phê duyệt',
  reject: 'không phê duyệt',
  return: 'trả lại',
};
