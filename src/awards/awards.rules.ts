/**
 * Award rules, pure: which rule version applies, the vote threshold, eligibility, and the selection of
 * proposals within the quota. Ratios are in basis points (8000 = 80 %).
 */
export const AWARD_CODES = ['EMULATION_FLAG', 'CERTIFICATE_OF_MERIT'] as const;
export type AwardCode = (typeof AWARD_CODES)[number];

export interface RuleVersion {
  basis: string;
  validFrom: string;
  validTo: string | null;
  /** Approval needed for each award, as a share of ALL members of the cluster (basis points). */
  minApproval: Record<AwardCode, number>;
}

/** The rule version in force on 31 December of the emulation year (the year decides). */
export function ruleForYear(versions: RuleVersion[], year: number): RuleVersion | null {
  const day = `${year}-12-31`;
  return versions.find((v) => v.validFrom <= day && (v.validTo === null || day <= v.validTo)) ?? null;
}

/** Votes for, out of all members (absent members' written opinions are votes like the others). */
export function approval(votesFor: number, members: number): number {
  return members > 0 ? Math.floor((votesFor * 10000) / members) : 0;
}

export const ratioText = (bp: number) => `${(bp / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`;

export function threshold(award: AwardCode, votesFor: number, members: number, rule: RuleVersion): { ratio: number; required: number; passed: boolean } {
  const ratio = approval(votesFor, members);
  const required = rule.minApproval[award];
  return { ratio, required, passed: ratio >= required };
}

export interface EligibilityInput {
  award: AwardCode;
  member: boolean;
  /** Rank in the cluster's ranking of the year (null when unranked). */
  rank: number | null;
  flagQuota: number;
  meritQuota: number;
  /** "Hoàn thành xuất sắc nhiệm vụ" recorded for the year and the year before. */
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
    if (e.rank !== null && e.rank <= e.flagQuota) return { eligible: true, reason: `Dẫn đầu cụm (hạng ${e.rank}).` };
    return { eligible: false, reason: `Cờ thi đua chỉ dành cho đơn vị dẫn đầu cụm (${e.flagQuota} vị trí đầu bảng xếp hạng)${e.rank ? `; đơn vị xếp hạng ${e.rank}` : '; đơn vị chưa được xếp hạng'}.` };
  }
  if (e.rank !== null && e.rank <= e.flagQuota + e.meritQuota) return { eligible: true, reason: `Xếp hạng xuất sắc trong cụm (hạng ${e.rank}).` };
  if (e.excellentThisYear && e.excellentLastYear) return { eligible: true, reason: 'Hai năm liên tục hoàn thành xuất sắc nhiệm vụ.' };
  return { eligible: false, reason: 'Bằng khen cần xếp hạng xuất sắc trong cụm hoặc hai năm liên tục hoàn thành xuất sắc nhiệm vụ.' };
}

export interface Candidate {
  unitId: string;
  votesFor: number;
  passed: boolean;
  eligible: boolean;
}

/**
 * The units proposed for one award: those that passed and are eligible, by votes, within the quota.
 * A tie at the last place stays open (tiedAtLastPlace) unless the meeting chair's recorded decision
 * names, in order, the units that take the contested places.
 */
export function selectWithinQuota(candidates: Candidate[], quota: number, chairDecision: string[] = []): { selected: string[]; tiedAtLastPlace: string[] } {
  const ok = candidates.filter((c) => c.passed && c.eligible).sort((a, b) => b.votesFor - a.votesFor || a.unitId.localeCompare(b.unitId));
  if (ok.length <= quota) return { selected: ok.map((c) => c.unitId), tiedAtLastPlace: [] };
  const cut = ok[quota - 1].votesFor;
  const above = ok.filter((c) => c.votesFor > cut).map((c) => c.unitId);
  const tied = ok.filter((c) => c.votesFor === cut).map((c) => c.unitId);
  const places = quota - above.length;
  if (tied.length === places) return { selected: [...above, ...tied], tiedAtLastPlace: [] };
  const decided = chairDecision.filter((id) => tied.includes(id)).slice(0, places);
  if (decided.length === places) return { selected: [...above, ...decided], tiedAtLastPlace: [] };
  return { selected: above, tiedAtLastPlace: tied };
}
