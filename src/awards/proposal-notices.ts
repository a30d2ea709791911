import { formatDateVi, todayInVietnam } from '../common/time';
import type { Notice } from '../notifications/notifier';

/** What the secretariat is told when the organiser (Bộ, Sở) returns a proposal, refuses or approves it (once per step: the version). */
export function decisionNotice(
  cluster: { id: string; tag: string },
  pr: { id: string; version: number; year: number; awardLabel: string; unit: { name: string }; reviewNote: string | null; resubmitBy?: string | null; decisionNumber?: string | null; decisionDate?: string | null; sentTo?: string },
  action: 'return' | 'reject' | 'approve',
  deadline: string | null,
): Notice {
  // The cluster's organiser, in one word ("Bộ", "Sở" or "cơ quan tổ chức"), as the pages say it.
  const org = pr.sentTo ?? 'Bộ';
  const what = action === 'return' ? `được ${org} trả lại để bổ sung` : action === 'reject' ? `không được ${org} phê duyệt` : `được ${org} phê duyệt`;
  // A reason typed without its full stop still ends its sentence before the next one.
  const reason = (pr.reviewNote ?? '').trim().replace(/[^.!?…]$/, '$&.');
  // An approval is dated by its decision (a past year's may be recorded long after it); the day of recording is said as such.
  const when = action === 'approve' ? `: Quyết định khen thưởng số ${pr.decisionNumber ?? ''}${pr.decisionDate ? ` ngày ${formatDateVi(pr.decisionDate)}` : ''} (ghi nhận trên hệ thống ngày ${formatDateVi(todayInVietnam())}).` : ` ngày ${formatDateVi(todayInVietnam())}. Lý do: ${reason}`;
  return {
    kind: `proposal.${action}`,
    subject: `[${cluster.tag}] Hồ sơ đề nghị tặng ${pr.awardLabel} cho ${pr.unit.name} năm ${pr.year} ${what}`,
    body: `Hồ sơ đề nghị tặng ${pr.awardLabel} cho ${pr.unit.name} (${cluster.tag}, năm thi đua ${pr.year}) ${what}${when}${action === 'return' ? resendBy(pr.resubmitBy ?? null, deadline, org) : ''}`,
    link: `/cum/${cluster.id}/nam/${pr.year}/binh-xet`,
    dueOn: action === 'return' ? (pr.resubmitBy ?? deadline) : null,
    dedupKey: `proposal.${action}:${pr.id}:${pr.version}`,
  };
}

/** The date a returned proposal is to be resent by: the organiser's own, else the year's deadline (said to be past when it is). */
function resendBy(resubmitBy: string | null, deadline: string | null, org: string): string {
  if (resubmitBy) return ` Hạn gửi bổ sung: ${formatDateVi(resubmitBy)}.`;
  if (!deadline) return '';
  return ` ${org.charAt(0).toUpperCase()}${org.slice(1)} không đặt hạn gửi bổ sung; hạn gửi hồ sơ đề nghị khen thưởng của năm: ${formatDateVi(deadline)}${deadline < todayInVietnam() ? ' (đã qua)' : ''}.`;
}

/** What the reviewer who returned a proposal is told when the cluster resends it (once per sending: the version). */
export function resubmitNotice(cluster: { id: string; tag: string }, pr: { id: string; version: number; year: number; awardLabel: string; unit: { name: string }; supplementNote: string | null; sentTo?: string }): Notice {
  const added = (pr.supplementNote ?? '').trim().replace(/[^.!?…]$/, '$&.');
  return {
    kind: 'proposal.resubmit',
    subject: `[${cluster.tag}] Hồ sơ đề nghị tặng ${pr.awardLabel} cho ${pr.unit.name} năm ${pr.year} đã được gửi lại sau khi bổ sung`,
    body: `${cluster.tag} gửi lại hồ sơ đề nghị tặng ${pr.awardLabel} cho ${pr.unit.name} (năm thi đua ${pr.year}) ngày ${formatDateVi(todayInVietnam())}, sau khi ${pr.sentTo ?? 'Bộ'} trả lại để bổ sung. Nội dung bổ sung: ${added} Hồ sơ chờ nhận thẩm định lại.`,
    link: `/tham-dinh/${pr.id}`,
    dueOn: null,
    dedupKey: `proposal.resubmit:${pr.id}:${pr.version}`,
  };
}
