/**
 * Per-scorer normalisation of peer scores, pure (points in integer hundredths). A lenient or harsh peer scorer
 * should not move the ranking, so each scorer's sheet totals are brought onto the scale of all peer totals of the
 * cluster-year ("pooled": every submitted or locked peer sheet) by the method the cluster chooses:
 *
 *  - MEAN_SHIFT: x' = x − m_s + M (the scorer's mean becomes the pooled mean);
 *  - Z_SCORE:    x' = M + S × (x − m_s) ÷ s_s (the scorer's mean and standard deviation become the pooled ones);
 *  - MIN_MAX:    x' = L + (H − L) × (x − lo_s) ÷ (hi_s − lo_s) (the scorer's lowest and highest total become the
 *                pooled lowest and highest);
 *
 * where m_s, s_s, lo_s, hi_s are the scorer's mean, population standard deviation, lowest and highest total, and
 * M, S, L, H the same over all peer totals. A scorer whose totals are all equal (no spread) takes the shift only.
 * The result stays on the criteria's points scale: it is clamped to [−(sum of penalty maxima), sum of scored and
 * bonus maxima] and rounded to hundredths.
 *
 * Guard: a scorer is normalised only when it scored at least `minUnits` units (the statistics of one or two
 * sheets say nothing about a scorer's leniency); otherwise its sheets are left raw and flagged.
 */
import { num } from '../criteria/measure.rules';
import type { LeafCriterion } from './sheet.rules';

export const NORMALIZE_METHODS = ['MEAN_SHIFT', 'Z_SCORE', 'MIN_MAX'] as const;
export type NormalizeMethod = (typeof NORMALIZE_METHODS)[number];
export const NORMALIZE_METHOD_LABELS: Record<NormalizeMethod, string> = {
  MEAN_SHIFT: 'dịch theo điểm trung bình',
  Z_SCORE: 'điểm chuẩn z (trung bình và độ lệch chuẩn)',
  MIN_MAX: 'co giãn min–max (điểm thấp nhất và cao nhất)',
};

export interface NormalizationRule {
  method: NormalizeMethod;
  /** A scorer is normalised only when it scored at least this many units. */
  minUnits: number;
}

export interface PeerTotal {
  scorerId: string;
  targetId: string;
  total: number;
}

interface Stats {
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export interface ScorerNormalization extends Stats {
  scorerId: string;
  /** How many distinct units it scored. */
  units: number;
  applied: boolean;
}

export interface Normalization extends NormalizationRule {
  pooled: Stats;
  /** The points scale the result is kept on. */
  scale: { lo: number; hi: number };
  scorers: Map<string, ScorerNormalization>;
}

function stats(xs: number[]): Stats {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
  return { mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

/** The range of a sheet's total on these criteria: all penalties taken, to every scored and bonus criterion at maximum. */
export function pointsScale(leaves: LeafCriterion[]): { lo: number; hi: number } {
  const sum = (kinds: string[]) => leaves.filter((l) => kinds.includes(l.kind)).reduce((a, l) => a + l.maxPoints, 0);
  return { lo: -sum(['PENALTY']), hi: sum(['SCORED', 'BONUS']) };
}

/** Each peer scorer's statistics and whether it is normalised; null when there are no peer totals. */
export function normalizationOf(totals: PeerTotal[], rule: NormalizationRule, scale: { lo: number; hi: number }): Normalization | null {
  if (!totals.length) return null;
  const byScorer = new Map<string, PeerTotal[]>();
  for (const t of totals) byScorer.set(t.scorerId, [...(byScorer.get(t.scorerId) ?? []), t]);
  const scorers = new Map<string, ScorerNormalization>();
  for (const [scorerId, own] of byScorer) {
    const units = new Set(own.map((t) => t.targetId)).size;
    scorers.set(scorerId, { scorerId, units, applied: units >= rule.minUnits, ...stats(own.map((t) => t.total)) });
  }
  return { ...rule, pooled: stats(totals.map((t) => t.total)), scale, scorers };
}

/** A peer sheet's total after normalisation (the total itself when its scorer is left raw or unknown). */
export function normalizedTotal(n: Normalization | null, scorerId: string, total: number): number {
  const s = n?.scorers.get(scorerId);
  if (!n || !s || !s.applied) return total;
  const P = n.pooled;
  let x: number;
  if (n.method === 'Z_SCORE' && s.sd > 0) x = P.mean + (P.sd * (total - s.mean)) / s.sd;
  else if (n.method === 'MIN_MAX' && s.max > s.min) x = P.min + ((P.max - P.min) * (total - s.min)) / (s.max - s.min);
  else x = total - s.mean + P.mean;
  return Math.round(Math.min(n.scale.hi, Math.max(n.scale.lo, x)));
}

/** The working of one sheet's normalisation, in words (points, not hundredths). */
export function normalizationWorking(n: Normalization, scorerName: string, scorerId: string, total: number): string {
  const s = n.scorers.get(scorerId);
  if (!s) return '';
  const P = n.pooled;
  const r = (x: number) => num(Math.round(x));
  const after = normalizedTotal(n, scorerId, total);
  if (!s.applied) return `phiếu của ${scorerName} giữ nguyên ${num(total)} (mới chấm ${s.units} đơn vị, cần ít nhất ${n.minUnits})`;
  if (n.method === 'Z_SCORE' && s.sd > 0) {
    return `phiếu của ${scorerName}: ${r(P.mean)} + ${r(P.sd)} × (${num(total)} − ${r(s.mean)}) ÷ ${r(s.sd)} = ${num(after)}`;
  }
  if (n.method === 'MIN_MAX' && s.max > s.min) {
    return `phiếu của ${scorerName}: ${num(P.min)} + (${num(P.max)} − ${num(P.min)}) × (${num(total)} − ${num(s.min)}) ÷ (${num(s.max)} − ${num(s.min)}) = ${num(after)}`;
  }
  return `phiếu của ${scorerName}: ${num(total)} − ${r(s.mean)} + ${r(P.mean)} = ${num(after)}`;
}
