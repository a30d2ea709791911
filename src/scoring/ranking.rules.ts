/**
 * Scoring and ranking rules, pure and deterministic. Points are integer hundredths (95,5 → 9550).
 *
 * Final score of a unit, by the cluster-year's rule:
 *  - CLUSTER: the consolidated sheet the secretariat agrees (điểm cụm thống nhất);
 *  - PEER_MEAN: the mean of the peer sheets (chấm chéo);
 *  - PEER_TRIMMED_MEAN: the same, dropping the highest and the lowest sheet when there are four or more;
 *  - with `normalize`, each peer scorer's totals are brought onto the scale of all peer totals by the cluster's
 *    method, for scorers that scored enough units (normalization.rules).
 * Ranking: total, then more criteria at maximum, then smaller penalties. Units equal on all three are tied,
 * shown as such, and settled by vote or by the chair, never by insertion order. (The preference for collectives
 * with a large share of women is not a ranking step: it chooses between equally qualified award candidates,
 * where and from when a decree says so: awards.rules.selectWithinQuota.)
 */
import { Band, BandCode, bandFor } from './bands.rules';
import { Entries, LeafCriterion, SheetTotals, pts, sheetTotals } from './sheet.rules';
import { UnitMeasures, applyNotApplicable, measuredReasons, resolveLeaderPoints } from './measured-ranking.rules';
import { NORMALIZE_METHOD_LABELS, Normalization, NormalizeMethod, normalizationOf, normalizationWorking, normalizedTotal, pointsScale } from './normalization.rules';

export type { Band, BandCode } from './bands.rules';

export { entryProblem, pts, sheetTotals } from './sheet.rules';
export type { Entries, LeafCriterion, SheetTotals } from './sheet.rules';

export const FINAL_SCORE_RULES = ['CLUSTER', 'PEER_MEAN', 'PEER_TRIMMED_MEAN'] as const;
export type FinalScoreRule = (typeof FINAL_SCORE_RULES)[number];

/** The kind of sheet a rule computes the final score from: the cluster's consolidated sheet, or the peer sheets. */
export const countedKind = (rule: string): ScorerKind => (rule === 'CLUSTER' ? 'CLUSTER' : 'PEER');
export const SCORER_KINDS = ['SELF', 'PEER', 'CLUSTER', 'MINISTRY'] as const;
export type ScorerKind = (typeof SCORER_KINDS)[number];

export interface ScoredSheet {
  kind: ScorerKind;
  /** The scoring unit (SELF, PEER) or a label for CLUSTER / MINISTRY. */
  scorerId: string;
  targetId: string;
  entries: Entries;
  /** Achieved values of measured criteria (hundredths), when the sheet has any. */
  facts?: Entries;
}

export interface RankingConfig {
  rule: FinalScoreRule;
  normalize: boolean;
  /** How (normalization.rules), and from how many units scored a scorer is normalised. */
  normalizeMethod: NormalizeMethod;
  normalizeMinUnits: number;
  /** Flag a self-score above the final score by more than this (hundredths). */
  selfMargin: number;
  /** Flag a peer sheet further than this from the median of the other peer sheets (hundredths). */
  peerOutlier: number;
  /** Highest band first. */
  bands: Band[];
}

export interface RankedUnit {
  id: string;
  name: string;
  /** Share of women in hundredths of a percent, or null when unknown. */
  womenShare: number | null;
}

export type FlagKind = 'SELF_ABOVE_FINAL' | 'PEER_OUTLIER' | 'NOT_NORMALIZED';

export interface Flag {
  kind: FlagKind;
  scorerId: string | null;
  /** How far, in hundredths. */
  gap: number;
  message: string;
}

export interface RankingRow {
  unitId: string;
  name: string;
  rank: number | null;
  tie: boolean;
  final: SheetTotals | null;
  finalEntries: Entries | null;
  band: string | null;
  /** The band's stable code (decisions rest on it, not on the label). */
  bandCode: BandCode | null;
  selfTotal: number | null;
  sheetsUsed: number;
  flags: Flag[];
  reasons: string[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The normalisation of the peer sheets ranked, or null when the cluster-year does not normalise (or has no peer sheet). */
export function peerNormalization(leaves: LeafCriterion[], sheets: ScoredSheet[], config: Pick<RankingConfig, 'normalize' | 'normalizeMethod' | 'normalizeMinUnits'>): Normalization | null {
  if (!config.normalize) return null;
  const totals = sheets.filter((s) => s.kind === 'PEER').map((s) => ({ scorerId: s.scorerId, targetId: s.targetId, total: sheetTotals(leaves, s.entries).total }));
  return normalizationOf(totals, { method: config.normalizeMethod, minUnits: config.normalizeMinUnits }, pointsScale(leaves));
}

interface FinalScore {
  totals: SheetTotals;
  /** The final points per criterion (the cluster sheet's, or the mean of the kept peer sheets). */
  entries: Entries;
  used: number;
  note: string;
  /** The sheets the score rests on. */
  sheets: ScoredSheet[];
}

/** The final score of one unit by the rule, or null with the reason it has none. */
export function finalScore(
  leaves: LeafCriterion[],
  sheets: ScoredSheet[],
  config: Pick<RankingConfig, 'rule'>,
  norm: Normalization | null,
): FinalScore | { missing: string } {
  if (config.rule === 'CLUSTER') {
    const cluster = sheets.find((s) => s.kind === 'CLUSTER');
    if (!cluster) return { missing: 'Chưa có phiếu điểm cụm thống nhất.' };
    return { totals: sheetTotals(leaves, cluster.entries), entries: { ...cluster.entries }, used: 1, note: 'điểm cụm thống nhất', sheets: [cluster] };
  }
  let peers = sheets.filter((s) => s.kind === 'PEER');
  if (!peers.length) return { missing: 'Chưa có phiếu chấm chéo.' };
  const adjusted = (s: ScoredSheet) => normalizedTotal(norm, s.scorerId, sheetTotals(leaves, s.entries).total);
  let note = `trung bình ${peers.length} phiếu chấm chéo`;
  if (config.rule === 'PEER_TRIMMED_MEAN' && peers.length >= 4) {
    const order = [...peers].sort((a, b) => adjusted(a) - adjusted(b) || a.scorerId.localeCompare(b.scorerId));
    peers = order.slice(1, -1);
    note = `trung bình ${peers.length} phiếu chấm chéo, bỏ phiếu cao nhất và thấp nhất`;
  }
  if (norm) note += `, chuẩn hóa theo người chấm: ${NORMALIZE_METHOD_LABELS[norm.method]}`;
  const meanEntries: Entries = {};
  for (const leaf of leaves) meanEntries[leaf.code] = Math.round(mean(peers.map((s) => s.entries[leaf.code] ?? 0)));
  const detail = sheetTotals(leaves, meanEntries);
  const total = Math.round(mean(peers.map(adjusted)));
  return { totals: { ...detail, total }, entries: meanEntries, used: peers.length, note, sheets: peers };
}

/** 1 when a ranks above b, -1 when below, 0 when equal on every tie-break; with the deciding step. */
export function compareUnits(a: { totals: SheetTotals }, b: { totals: SheetTotals }): { order: number; step: 'total' | 'criteriaAtMax' | 'penalty' | null } {
  if (a.totals.total !== b.totals.total) return { order: Math.sign(a.totals.total - b.totals.total), step: 'total' };
  if (a.totals.criteriaAtMax !== b.totals.criteriaAtMax) {
    return { order: Math.sign(a.totals.criteriaAtMax - b.totals.criteriaAtMax), step: 'criteriaAtMax' };
  }
  if (a.totals.penalty !== b.totals.penalty) return { order: Math.sign(a.totals.penalty - b.totals.penalty), step: 'penalty' };
  return { order: 0, step: null };
}

function decidedBy(step: string, winner: RankedUnit & { totals: SheetTotals }, other: RankedUnit & { totals: SheetTotals }): string {
  switch (step) {
    case 'criteriaAtMax':
      return `có ${winner.totals.criteriaAtMax} tiêu chí đạt điểm tối đa (${other.name}: ${other.totals.criteriaAtMax})`;
    case 'penalty':
      return `bị trừ ít điểm hơn (${pts(winner.totals.penalty)} so với ${pts(other.totals.penalty)})`;
    default:
      return `tổng điểm cao hơn`;
  }
}

/** The ranking of the members, each row with the reasons it stands where it does. */
export function rankMembers(units: RankedUnit[], leaves: LeafCriterion[], given: ScoredSheet[], config: RankingConfig, measures?: UnitMeasures): RankingRow[] {
  return rankWithNormalization(units, leaves, given, config, measures).rows;
}

/** The ranking, with the normalisation applied to the peer sheets (null when none was). */
export function rankWithNormalization(units: RankedUnit[], leaves: LeafCriterion[], given: ScoredSheet[], config: RankingConfig, measures?: UnitMeasures): { rows: RankingRow[]; normalization: Normalization | null } {
  const sheets = measures ? resolveLeaderPoints(leaves, given, measures) : given;
  const norm = config.rule === 'CLUSTER' ? null : peerNormalization(leaves, sheets, config);
  const scored: Array<RankedUnit & { totals: SheetTotals; used: number; note: string }> = [];
  const names = new Map(units.map((u) => [u.id, u.name]));
  const rows = new Map<string, RankingRow>();

  for (const unit of units) {
    const own = sheets.filter((s) => s.targetId === unit.id);
    const self = own.find((s) => s.kind === 'SELF');
    const result = finalScore(leaves, own, config, norm);
    const row: RankingRow = {
      unitId: unit.id,
      name: unit.name,
      rank: null,
      tie: false,
      final: null,
      finalEntries: null,
      band: null,
      bandCode: null,
      selfTotal: self ? sheetTotals(leaves, self.entries).total : null,
      sheetsUsed: 0,
      flags: [],
      reasons: [],
    };
    rows.set(unit.id, row);
    if ('missing' in result) {
      row.reasons.push(`Chưa xếp hạng: ${result.missing}`);
      continue;
    }
    if (measures) {
      const scaled = applyNotApplicable(leaves, result.totals, measures.notApplicable.get(unit.id));
      result.totals = scaled.totals;
      row.reasons.push(...measuredReasons(leaves, result.sheets, sheets, unit.id, measures));
      if (scaled.reason) row.reasons.push(scaled.reason);
    }
    row.final = result.totals;
    row.finalEntries = result.entries;
    row.sheetsUsed = result.used;
    row.reasons.unshift(`Điểm cuối cùng ${pts(result.totals.total)} (${result.note}).`);
    const band = bandFor(result.totals.total, config.bands);
    if (band) {
      row.band = band.label;
      row.bandCode = band.code;
      row.reasons.push(`Phân loại theo điểm của cụm: ${band.label} (từ ${pts(band.minPoints)} điểm; không phải xếp loại mức độ hoàn thành nhiệm vụ của cấp có thẩm quyền).`);
    }
    if (norm) {
      const used = result.sheets.map((s) => normalizationWorking(norm, names.get(s.scorerId) ?? s.scorerId, s.scorerId, sheetTotals(leaves, s.entries).total));
      row.reasons.push(`Chuẩn hóa (${NORMALIZE_METHOD_LABELS[norm.method]}): ${used.join('; ')}.`);
      row.flags.push(...notNormalizedFlags(norm, result.sheets, names));
    }
    row.flags.push(...divergenceFlags(unit, own, leaves, result.totals.total, config, norm, names));
    scored.push({ ...unit, totals: result.totals, used: result.used, note: result.note });
  }

  const sorted = [...scored].sort((a, b) => -compareUnits(a, b).order || a.name.localeCompare(b.name, 'vi'));
  sorted.forEach((unit, i) => {
    const row = rows.get(unit.id)!;
    const above = sorted[i - 1];
    const below = sorted[i + 1];
    const withAbove = above ? compareUnits(above, unit) : null;
    const withBelow = below ? compareUnits(unit, below) : null;
    row.rank = withAbove && withAbove.order === 0 ? rows.get(above.id)!.rank : i + 1;
    row.tie = withAbove?.order === 0 || withBelow?.order === 0;
    if (withAbove && withAbove.step && withAbove.step !== 'total') {
      row.reasons.push(`Bằng tổng điểm với ${above.name}, xếp sau vì ${above.name} ${decidedBy(withAbove.step, above, unit)}.`);
    }
    if (withBelow && withBelow.step && withBelow.step !== 'total') {
      row.reasons.push(`Bằng tổng điểm với ${below.name}, xếp trên vì ${decidedBy(withBelow.step, unit, below)}.`);
    }
    const tiedWith = [above, below].filter((u, k) => u && [withAbove, withBelow][k]?.order === 0).map((u) => u!.name);
    if (tiedWith.length) {
      row.reasons.push(`Đồng hạng với ${tiedWith.join(', ')} ở mọi tiêu chí xếp hạng: cần bỏ phiếu hoặc Cụm trưởng quyết định.`);
    }
  });
  const ordered = units.map((u) => rows.get(u.id)!).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'vi'));
  return { rows: ordered, normalization: norm };
}

function divergenceFlags(
  unit: RankedUnit,
  own: ScoredSheet[],
  leaves: LeafCriterion[],
  final: number,
  config: RankingConfig,
  norm: Normalization | null,
  names: Map<string, string>,
): Flag[] {
  const flags: Flag[] = [];
  const self = own.find((s) => s.kind === 'SELF');
  if (self) {
    const gap = sheetTotals(leaves, self.entries).total - final;
    if (gap > config.selfMargin) {
      flags.push({
        kind: 'SELF_ABOVE_FINAL',
        scorerId: unit.id,
        gap,
        message: `Tự chấm cao hơn điểm cuối cùng ${pts(gap)} điểm (ngưỡng ${pts(config.selfMargin)}).`,
      });
    }
  }
  const peers = own.filter((s) => s.kind === 'PEER');
  if (peers.length >= 3) {
    const totals = peers.map((s) => normalizedTotal(norm, s.scorerId, sheetTotals(leaves, s.entries).total));
    peers.forEach((s, i) => {
      // Against the median of the other sheets: one outlier cannot drag the reference and flag the rest.
      const gap = Math.round(Math.abs(totals[i] - median(totals.filter((_, j) => j !== i))));
      if (gap > config.peerOutlier) {
        flags.push({
          kind: 'PEER_OUTLIER',
          scorerId: s.scorerId,
          gap,
          message: `Phiếu chấm chéo của ${names.get(s.scorerId) ?? s.scorerId} lệch ${pts(gap)} điểm so với trung vị các phiếu khác (ngưỡng ${pts(config.peerOutlier)}).`,
        });
      }
    });
  }
  return flags;
}

/** The sheets a final score rests on whose scorer is left raw: it scored fewer units than the guard asks. */
function notNormalizedFlags(norm: Normalization, used: ScoredSheet[], names: Map<string, string>): Flag[] {
  return used
    .map((s) => norm.scorers.get(s.scorerId))
    .filter((s): s is NonNullable<typeof s> => !!s && !s.applied)
    .map((s) => ({
      kind: 'NOT_NORMALIZED' as const,
      scorerId: s.scorerId,
      gap: 0,
      message: `Phiếu chấm chéo của ${names.get(s.scorerId) ?? s.scorerId} không được chuẩn hóa (giữ nguyên điểm): đơn vị này mới chấm ${s.units} đơn vị, cần ít nhất ${norm.minUnits}.`,
    }));
}
