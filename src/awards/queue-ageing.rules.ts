import { todayInVietnam } from '../common/time';
import { PROPOSAL_STATUS_LABELS, ProposalStatus } from './proposals.rules';

/** The statuses in which a proposal waits for someone (Bộ to claim or decide, the cluster to complete it). */
export const WAITING_STATUSES = ['SUBMITTED', 'IN_REVIEW', 'RETURNED'] as const satisfies readonly ProposalStatus[];

/** The age bands of the reviewers' ageing chart (days in the current status, upper bound included; null: no bound). */
export const AGE_BANDS: ReadonlyArray<{ label: string; upTo: number | null }> = [
  { label: '0–7 ngày', upTo: 7 },
  { label: '8–14 ngày', upTo: 14 },
  { label: '15–30 ngày', upTo: 30 },
  { label: 'Trên 30 ngày', upTo: null },
];

/** Whole calendar days (in Vietnam) from an instant to `today` (YYYY-MM-DD); 0 on the same day, never negative. */
export function daysSince(sinceIso: string, today: string): number {
  const from = Date.parse(`${todayInVietnam(new Date(sinceIso))}T00:00:00Z`);
  const to = Date.parse(`${today}T00:00:00Z`);
  return Math.max(0, Math.round((to - from) / 86_400_000));
}

/** The index in AGE_BANDS of an age in days. */
export function ageBand(days: number): number {
  const i = AGE_BANDS.findIndex((b) => b.upTo !== null && days <= b.upTo);
  return i === -1 ? AGE_BANDS.length - 1 : i;
}

export interface AgeingRow {
  status: ProposalStatus;
  statusLabel: string;
  /** How many proposals of the status fall in each band of AGE_BANDS. */
  counts: number[];
  total: number;
}

/**
 * The ageing table: per waiting status (all three, in workflow order, even when empty), how many proposals have
 * been in it for how long. `since` is when each entered its current status; decided proposals are left out.
 */
export function ageingTable(proposals: ReadonlyArray<{ status: ProposalStatus; since: string }>, today: string): AgeingRow[] {
  return WAITING_STATUSES.map((status) => {
    const counts = AGE_BANDS.map(() => 0);
    for (const p of proposals) if (p.status === status) counts[ageBand(daysSince(p.since, today))]++;
    return { status, statusLabel: PROPOSAL_STATUS_LABELS[status], counts, total: counts.reduce((a, b) => a + b, 0) };
  });
}
