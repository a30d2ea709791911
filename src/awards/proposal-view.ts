import type { AwardCode } from './awards.rules';

/** An award proposal as the API and the pages show it. */
export interface ProposalView {
  id: string;
  clusterId: string;
  clusterName: string;
  year: number;
  award: AwardCode;
  awardLabel: string;
  unit: { id: string; name: string; shortName: string };
  status: string;
  statusLabel: string;
  /** Who the proposal is sent to, as one word of its cluster's organiser: "Bộ", "Sở" or "cơ quan tổ chức". */
  sentTo: string;
  votesFor: number;
  approvalText: string;
  basisNote: string;
  reviewNote: string | null;
  /** While returned: the date Bộ gave to resend it by (null: none given). */
  resubmitBy: string | null;
  /** What the cluster added when it resent the proposal after a return. */
  supplementNote: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  submittedAt: string | null;
  /** Days (in Vietnam) since it was sent to Bộ; null while a draft. */
  daysSinceSubmitted: number | null;
  /** Days (in Vietnam) in its current status (since its last step; `updatedAt`). */
  daysInStatus: number;
  /** The organiser's service level in days (null: none set). */
  serviceLevelDays: number | null;
  /** While it waits for Bộ (sent, under review): whether it waited past the service level; null otherwise or without one. */
  overServiceLevel: boolean | null;
  version: number;
  updatedAt: string;
}
