/**
 * Award rules, pure: which rule version applies, the vote threshold, eligibility, and the selection of
 * proposals within the quota. Ratios are in basis points (8000 = 80 %).
 */
import type { BandCode } from '../scoring/bands.rules';

export const AWARD_CODES = ['EMULATION_FLAG', 'CERTIFICATE_OF_MERIT'] as const;
export type AwardCode = (typeof AWARD_CODES)[number];

export interface RuleVersion {
  basis: string;
  validFrom: string;
  validTo: string | null;
  /** Approval needed for each award, as a share of ALL members of the cluster (basis points). */
  minApproval: Record<AwardCode, number>;
  /**
   * Per award, whether the share must be exceeded ("quá bán": more than half, so 3 of 6 fails) rather than
   * reached ("từ 80% trở lên": 4 of 5 passes). Missing: reached.
   */
  strictlyAbove?: Partial<Record<AwardCode, boolean>>;
  /** Members present the meeting needs to decide (basis points of all members); null or missing: none set. */
  quorum?: number | null;
}

/** The rule version in force on 31 December of the emulation year (the year decides). */
export function ruleForYear(versions: RuleVersion[], year: number): RuleVersion | null {
  const day = `${year}-12-31`;
  return versions.find((v) => v.validFrom <= day && (v.validTo === null || day <= v.validTo)) ?? null;
}

/**
 * Votes for, out of all members (absent members' written opinions are votes like the others), in basis
 * points rounded half up (4 of 6 → 6667, printed 66,67 %). For display: pass/fail compares the exact
 * fraction (meetsShare), never this rounded figure.
 */
export function approval(votesFor: number, members: number): number {
  return members > 0 ? Math.floor((2 * votesFor * 10000 + members) / (2 * members)) : 0;
}

/** Whether votesFor/members reaches (or, strictly, exceeds) a share given in basis points, in exact integers. */
export function meetsShare(votesFor: number, members: number, shareBp: number, strictly: boolean): boolean {
  if (members <= 0) return false;
  const left = votesFor * 10000;
  const right = shareBp * members;
  return strictly ? left > right : left >= right;
}

/** A share in basis points as Vietnamese text with two decimals at most: 6667 → "66,67%", 8000 → "80%". */
export const ratioText = (bp: number) => `${(bp / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`;

/** The requirement as words: "trên 50%" (strictly more) or "từ 80% trở lên". */
export const requirementText = (bp: number, strictly: boolean) => (strictly ? `trên ${ratioText(bp)}` : `từ ${ratioText(bp)} trở lên`);

/**
 * The approval of a candidate against the rule in force. With no rule in force for the year (`rule` null)
 * nothing is required and nothing passes: `required` is null.
 */
export function threshold(award: AwardCode, votesFor: number, members: number, rule: RuleVersion | null): { ratio: number; required: number | null; strictly: boolean; passed: boolean } {
  const ratio = approval(votesFor, members);
  if (!rule) return { ratio, required: null, strictly: false, passed: false };
  const required = rule.minApproval[award];
  const strictly = rule.strictlyAbove?.[award] ?? false;
  return { ratio, required, strictly, passed: meetsShare(votesFor, members, required, strictly) };
}

export interface EligibilityInput {
  award: AwardCode;
  member: boolean;
  /** Rank in the cluster's ranking of the year (null when unranked). */
  rank: number | null;
  flagQuota: number;
  meritQuota: number;
  /**
   * Rated "hoàn thành xuất sắc nhiệm vụ" by the competent authority's decision (collective_ratings) for the year
   * and for the year before: the legal rating of a collective, not the cluster's points band.
   */
  excellentThisYear: boolean;
  excellentLastYear: boolean;
}

/**
 * Cờ thi đua: only for units leading the cluster's ranking (within the Cờ quota, ties included).
 * Bằng khen: for units ranked outstanding (within the Cờ and Bằng khen places together), or with two
 * consecutive years of "hoàn thành xuất sắc nhiệm vụ".
 */
export function eligibility(e: EligibilityInput): { eligible: boolean; reason: string } {
  if (!e.member) return { eligible: false, reason: 'Đơn vị không phải thành viên của cụm trong năm này.' };
  if (e.award === 'EMULATION_FLAG') {
    // The first is the leader; with a quota of several Cờ the next ones are among the leading units, not "the" leader.
    if (e.rank !== null && e.rank <= e.flagQuota) return { eligible: true, reason: e.rank === 1 ? 'Dẫn đầu cụm (hạng 1).' : `Xếp hạng ${e.rank} trong cụm, trong ${e.flagQuota} vị trí dẫn đầu được xét Cờ thi đua theo chỉ tiêu.` };
    return { eligible: false, reason: `Cờ thi đua chỉ dành cho đơn vị dẫn đầu cụm (${e.flagQuota} vị trí đầu bảng xếp hạng)${e.rank ? `; đơn vị xếp hạng ${e.rank}` : '; đơn vị chưa được xếp hạng'}.` };
  }
  // The places the quotas give (Cờ and Bằng khen together), not the cluster's points band ("xuất sắc" is a rating).
  if (e.rank !== null && e.rank <= e.flagQuota + e.meritQuota) return { eligible: true, reason: `Xếp hạng ${e.rank} trong cụm, trong ${e.flagQuota + e.meritQuota} vị trí đầu được xét khen thưởng theo chỉ tiêu.` };
  if (e.excellentThisYear && e.excellentLastYear) return { eligible: true, reason: 'Hai năm liên tục được xếp loại hoàn thành xuất sắc nhiệm vụ (theo quyết định của cấp có thẩm quyền).' };
  return { eligible: false, reason: `Bằng khen cần xếp hạng trong ${e.flagQuota + e.meritQuota} vị trí đầu của cụm theo chỉ tiêu hoặc hai năm liên tục hoàn thành xuất sắc nhiệm vụ.` };
}

export interface Candidate {
  unitId: string;
  votesFor: number;
  passed: boolean;
  eligible: boolean;
}

/**
 * The shares of women a confirmed preference reads: the members whose share reaches it (`preferred`) and those with a
 * share recorded at all (`recorded`); null while no such rule is confirmed.
 */
export interface WomenShares {
  preferred: ReadonlySet<string>;
  recorded: ReadonlySet<string>;
}

/**
 * The units proposed for one award: those that passed and are eligible, by votes, within the quota.
 * A tie at the last place stays open (tiedAtLastPlace) unless the meeting chair's recorded decision
 * names, in order, the units that take the contested places.
 */
export function selectWithinQuota(candidates: Candidate[], quota: number, chairDecision: string[] = [], women: WomenShares | null = null): { selected: string[]; tiedAtLastPlace: string[] } {
  const ok = candidates.filter((c) => c.passed && c.eligible).sort((a, b) => b.votesFor - a.votesFor || a.unitId.localeCompare(b.unitId));
  if (ok.length <= quota) return { selected: ok.map((c) => c.unitId), tiedAtLastPlace: [] };
  const cut = ok[quota - 1].votesFor;
  const above = ok.filter((c) => c.votesFor > cut).map((c) => c.unitId);
  const tied = ok.filter((c) => c.votesFor === cut).map((c) => c.unitId);
  const places = quota - above.length;
  if (tied.length === places) return { selected: [...above, ...tied], tiedAtLastPlace: [] };
  // Between equally qualified candidates, the decree in force prefers collectives with a large share of women: the
  // preferred ones first, the chair then decides the places left among the others (or, when more are preferred than
  // places, among the preferred). Only when every tied unit's share is recorded: a missing figure decides nothing.
  const preferred = women && tied.every((id) => women.recorded.has(id)) ? tied.filter((id) => women.preferred.has(id)) : [];
  const first = preferred.length <= places ? preferred : [];
  const pool = preferred.length > places ? preferred : tied.filter((id) => !first.includes(id));
  const left = places - first.length;
  if (left === 0 || pool.length === left) return { selected: [...above, ...first, ...(left ? pool : [])], tiedAtLastPlace: [] };
  const decided = chairDecision.filter((id) => pool.includes(id)).slice(0, left);
  if (decided.length === left) return { selected: [...above, ...first, ...decided], tiedAtLastPlace: [] };
  return { selected: [...above, ...first], tiedAtLastPlace: pool };
}

/** This year's standing of a unit in the cluster's ranking. */
export interface Standing {
  rank: number | null;
  bandCode: BandCode | null;
}

export interface MeetingInput {
  memberIds: string[];
  ballots: Array<{ award: AwardCode; unitId: string; votesFor: number }>;
  /** The rule version in force for the year, or null when none is. */
  rule: RuleVersion | null;
  quotas: Record<AwardCode, number>;
  /** This year's ranking, by unit. */
  standings: ReadonlyMap<string, Standing>;
  /** The units rated "hoàn thành xuất sắc nhiệm vụ" by decision, for the year and for the year before. */
  excellent: { thisYear: ReadonlySet<string>; lastYear: ReadonlySet<string> };
  /** The chair's recorded decisions on ties at the last place, per award. */
  tieDecisions: Partial<Record<AwardCode, string[]>>;
  /**
   * The shares of women as the meeting recorded them, read by a preference for collectives with a large share of
   * women confirmed in the legal catalogue on the meeting's date; null (or absent) when no such rule is confirmed.
   */
  women?: WomenShares | null;
  /** Members present at the meeting (for the quorum of the cluster's regulation). */
  presentCount?: number;
}

export interface CandidateResult extends Candidate {
  ratio: number;
  /** The approval the rule requires (basis points); null when no rule is in force for the year. */
  required: number | null;
  /** Whether the required share must be exceeded rather than reached. */
  strictly: boolean;
  eligibilityReason: string;
  selected: boolean;
}

export interface AwardResult {
  award: AwardCode;
  quota: number;
  /** false when the rule sets a quorum the meeting did not reach: nothing passes. */
  quorumMet?: boolean;
  /** By votes, most first. */
  candidates: CandidateResult[];
  tiedAtLastPlace: string[];
}

function candidateFacts(input: MeetingInput, award: AwardCode, unitId: string): EligibilityInput {
  const standing = input.standings.get(unitId);
  return {
    award,
    member: input.memberIds.includes(unitId),
    rank: standing?.rank ?? null,
    flagQuota: input.quotas.EMULATION_FLAG,
    meritQuota: input.quotas.CERTIFICATE_OF_MERIT,
    excellentThisYear: input.excellent.thisYear.has(unitId),
    excellentLastYear: input.excellent.lastYear.has(unitId),
  };
}

/** The meeting's results for every award: each candidate's approval, threshold and eligibility, and the selection within the quota. */
export function meetingResults(input: MeetingInput): AwardResult[] {
  const members = input.memberIds.length;
  const quorum = input.rule?.quorum ?? null;
  const quorumMet = quorum === null || meetsShare(input.presentCount ?? 0, members, quorum, false);
  const order = new Map(input.memberIds.map((id, i) => [id, i] as const));
  const rankOf = (unitId: string) => input.standings.get(unitId)?.rank ?? Number.MAX_SAFE_INTEGER;
  return AWARD_CODES.map((award) => {
    const candidates = input.ballots
      .filter((b) => b.award === award)
      .map((b) => {
        const t = threshold(award, b.votesFor, members, input.rule);
        if (!quorumMet) t.passed = false;
        const e = eligibility(candidateFacts(input, award, b.unitId));
        return { unitId: b.unitId, votesFor: b.votesFor, ...t, eligible: e.eligible, eligibilityReason: e.reason };
      })
      // Equal votes (those with none, say) follow the ranking, then the order of the members: the same on every read.
      .sort((a, b) => b.votesFor - a.votesFor || rankOf(a.unitId) - rankOf(b.unitId) || (order.get(a.unitId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.unitId) ?? Number.MAX_SAFE_INTEGER) || a.unitId.localeCompare(b.unitId));
    const selection = selectWithinQuota(candidates, input.quotas[award], input.tieDecisions[award] ?? [], input.women ?? null);
    return {
      award,
      quota: input.quotas[award],
      quorumMet,
      candidates: candidates.map((c) => ({ ...c, selected: selection.selected.includes(c.unitId) })),
      tiedAtLastPlace: selection.tiedAtLastPlace,
    };
  });
}
