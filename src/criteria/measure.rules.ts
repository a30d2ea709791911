/**
 * How a criterion turns facts into points, pure. All numbers are integer hundredths (points, achieved values and
 * targets alike: 12,5 → 1250). The criterion's kind (SCORED, BONUS, PENALTY) gives the sign and the ceiling; its
 * measure says how the points follow:
 *  - POINTS: the scorer gives the points (today's rule);
 *  - QUANTITATIVE: the scorer gives the achieved value, the unit has a target, and a formula gives the points:
 *      PROPORTIONAL        max × achieved ÷ target, capped at max;
 *      RELATIVE_TO_LEADER  with r = achieved ÷ target and L the best r of the cluster (the leader):
 *                          under target (r < 1): max × r × ½; the leader, at or over target (r = L ≥ 1): max;
 *                          between target and leader (1 ≤ r < L): max/2 + max/2 × (r − 1) ÷ (L − 1);
 *      BANDED              the points of the highest band whose lower bound the achieved value reaches, else 0;
 *  - PASS_FAIL: achieved 1 (đạt; for a penalty: the fault happened) gives max, 0 gives nothing;
 *  - PER_COUNT: points per occurrence × count, capped at max.
 * Penalties come out negative. A criterion may be not applicable to a unit (with a reason): see scaledScored.
 */

export const MEASURES = ['POINTS', 'QUANTITATIVE', 'PASS_FAIL', 'PER_COUNT'] as const;
export type Measure = (typeof MEASURES)[number];
export const FORMULAS = ['PROPORTIONAL', 'RELATIVE_TO_LEADER', 'BANDED'] as const;
export type Formula = (typeof FORMULAS)[number];

export const MEASURE_LABELS: Record<Measure, string> = {
  POINTS: 'Chấm điểm trực tiếp',
  QUANTITATIVE: 'Định lượng theo chỉ tiêu',
  PASS_FAIL: 'Đạt / không đạt',
  PER_COUNT: 'Tính theo số lần',
};
export const FORMULA_LABELS: Record<Formula, string> = {
  PROPORTIONAL: 'Tỷ lệ với chỉ tiêu (tối đa bằng điểm tối đa)',
  RELATIVE_TO_LEADER: 'So với chỉ tiêu và đơn vị dẫn đầu cụm',
  BANDED: 'Theo khung kết quả',
};

/** A band of achieved values: from `from` (inclusive) up, `points`. */
export interface MeasureBand {
  from: number;
  points: number;
}

export interface MeasureRule {
  measure: Measure;
  formula: Formula | null;
  /** PER_COUNT: points per occurrence. */
  perCount: number | null;
  /** BANDED: the bands, in any order. */
  bands: MeasureBand[] | null;
  /** What the achieved value counts ("vụ", "%", "tỷ đồng"), shown with it. */
  factUnit: string | null;
}

/** The criterion kinds of criteria.rules (not imported: that file builds on this one). */
type CriterionKind = 'SCORED' | 'BONUS' | 'PENALTY';

export interface MeasuredCriterion extends MeasureRule {
  code: string;
  kind: CriterionKind;
  maxPoints: number;
}

export interface Fact {
  achieved: number;
  /** QUANTITATIVE: the unit's target (hundredths), else null. */
  target: number | null;
  /** RELATIVE_TO_LEADER: the leader's ratio achieved ÷ target (a plain number), else null. */
  leaderRatio?: number | null;
}

/** The points and the arithmetic behind them, in words a person checks by hand. */
export interface Computed {
  points: number;
  working: string;
}

export const POINTS_RULE: MeasureRule = { measure: 'POINTS', formula: null, perCount: null, bands: null, factUnit: null };

/** Whether the scorer enters a fact (achieved value) rather than points. */
export const takesFact = (rule: Pick<MeasureRule, 'measure'>): boolean => rule.measure !== 'POINTS';

/** Hundredths as a number with a decimal comma (1250 → "12,5"). */
export const num = (hundredths: number): string => {
  const sign = hundredths < 0 ? '−' : '';
  const abs = Math.abs(Math.round(hundredths));
  const fraction = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${fraction ? `,${String(fraction).padStart(2, '0').replace(/0$/, '')}` : ''}`;
};
const ratio = (r: number) => (Math.round(r * 10000) / 10000).toLocaleString('vi-VN', { maximumFractionDigits: 4 });

/** Why a rule is not usable for a criterion, or null (checked when the tree is saved). */
export function ruleProblem(c: MeasuredCriterion): string | null {
  if (c.measure === 'POINTS') return null;
  if (c.measure === 'QUANTITATIVE') {
    if (c.kind !== 'SCORED') return `Tiêu chí định lượng ${c.code} phải là tiêu chí chấm điểm.`;
    if (!c.formula) return `Tiêu chí định lượng ${c.code} cần chọn công thức tính điểm.`;
    if (c.formula === 'BANDED') {
      if (!c.bands?.length) return `Tiêu chí ${c.code} tính theo khung cần ít nhất một khung kết quả.`;
      if (c.bands.some((b) => b.points < 0 || b.points > c.maxPoints)) return `Điểm của mỗi khung của ${c.code} phải từ 0 đến điểm tối đa (${num(c.maxPoints)}).`;
      if (new Set(c.bands.map((b) => b.from)).size !== c.bands.length) return `Các khung của ${c.code} không được trùng mức bắt đầu.`;
    }
  }
  if (c.measure === 'PER_COUNT' && !(c.perCount && c.perCount > 0)) return `Tiêu chí ${c.code} tính theo số lần cần số điểm mỗi lần (lớn hơn 0).`;
  return null;
}

/** Why a fact is not acceptable for a criterion, or null. */
export function factProblem(c: MeasuredCriterion, fact: Fact): string | null {
  if (!Number.isInteger(fact.achieved)) return `Kết quả của ${c.code} có tối đa hai chữ số thập phân.`;
  if (fact.achieved < 0) return `Kết quả của ${c.code} không được âm.`;
  if (c.measure === 'PASS_FAIL' && fact.achieved !== 0 && fact.achieved !== 100) return `Tiêu chí ${c.code} chỉ nhận 1 (đạt) hoặc 0 (không đạt).`;
  if (c.measure === 'PER_COUNT' && fact.achieved % 100 !== 0) return `Số lần của ${c.code} phải là số nguyên.`;
  if (c.measure === 'QUANTITATIVE' && c.formula !== 'BANDED' && !(fact.target && fact.target > 0)) return `Đơn vị chưa có chỉ tiêu (lớn hơn 0) cho tiêu chí ${c.code}.`;
  return null;
}

/** The points a fact earns under a criterion's rule (penalties negative), with the working. */
export function measuredPoints(c: MeasuredCriterion, fact: Fact): Computed {
  const max = c.maxPoints;
  const unit = c.factUnit ? ` ${c.factUnit}` : '';
  const sign = c.kind === 'PENALTY' ? -1 : 1;
  const signed = (magnitude: number, working: string): Computed => ({ points: sign * Math.round(magnitude) || 0, working: sign < 0 ? `${working} (điểm trừ)` : working });
  switch (c.measure) {
    case 'PASS_FAIL':
      return fact.achieved ? signed(max, `${c.code}: đạt → ${num(max)} điểm`) : signed(0, `${c.code}: không đạt → 0 điểm`);
    case 'PER_COUNT': {
      const count = fact.achieved / 100;
      const raw = count * (c.perCount ?? 0);
      const capped = Math.min(raw, max);
      return signed(capped, `${c.code}: ${count} lần × ${num(c.perCount ?? 0)} = ${num(raw)}${raw > max ? `, tối đa ${num(max)}` : ''} → ${num(capped)} điểm`);
    }
    case 'QUANTITATIVE':
      return signed(...quantitative(c, fact, unit));
    default:
      return { points: fact.achieved, working: `${c.code}: ${num(fact.achieved)} điểm` };
  }
}

function quantitative(c: MeasuredCriterion, fact: Fact, unit: string): [number, string] {
  const max = c.maxPoints;
  const a = fact.achieved;
  if (c.formula === 'BANDED') {
    const band = [...(c.bands ?? [])].sort((x, y) => y.from - x.from).find((b) => a >= b.from);
    return band ? [band.points, `${c.code}: đạt ${num(a)}${unit} (khung từ ${num(band.from)}) → ${num(band.points)} điểm`] : [0, `${c.code}: đạt ${num(a)}${unit}, dưới khung thấp nhất → 0 điểm`];
  }
  const t = fact.target ?? 0;
  const head = `${c.code}: đạt ${num(a)}${unit} / chỉ tiêu ${num(t)}${unit}`;
  if (c.formula === 'PROPORTIONAL') {
    const raw = (max * a) / t;
    return raw >= max ? [max, `${head}; ${num(max)} × ${num(a)} ÷ ${num(t)} ≥ ${num(max)} → ${num(max)} điểm (tối đa)`] : [raw, `${head}; ${num(max)} × ${num(a)} ÷ ${num(t)} = ${num(Math.round(raw))} điểm`];
  }
  const r = a / t;
  if (r < 1) return [(max * r) / 2, `${head}; dưới chỉ tiêu: ${num(max)} × ${num(a)} ÷ ${num(t)} × ½ = ${num(Math.round((max * r) / 2))} điểm`];
  const leader = Math.max(fact.leaderRatio ?? r, r);
  if (r >= leader) return [max, `${head}; dẫn đầu cụm (tỷ lệ ${ratio(r)}) → ${num(max)} điểm`];
  const pts = max / 2 + ((max / 2) * (r - 1)) / (leader - 1);
  return [pts, `${head}; giữa chỉ tiêu và đơn vị dẫn đầu (tỷ lệ ${ratio(r)}, dẫn đầu ${ratio(leader)}): ${num(max / 2)} + ${num(max / 2)} × (${ratio(r)} − 1) ÷ (${ratio(leader)} − 1) = ${num(Math.round(pts))} điểm`];
}

/** The leader's ratio among facts of a RELATIVE_TO_LEADER criterion (units without a target left out), or null. */
export function leaderRatio(facts: Array<{ achieved: number; target: number | null }>): number | null {
  let best: number | null = null;
  for (const f of facts) if (f.target && f.target > 0) best = Math.max(best ?? -Infinity, f.achieved / f.target);
  return best;
}

/**
 * The rule for criteria not applicable to a unit: its scored points are scaled to the full scale,
 * scored × full max ÷ applicable max (rounded to hundredths), so a unit is neither helped nor hurt by a criterion
 * it cannot meet; bonus and penalty points are added unscaled. Nothing applicable: 0.
 */
export function scaledScored(scored: number, fullMax: number, applicableMax: number): number {
  if (applicableMax <= 0) return 0;
  return applicableMax === fullMax ? scored : Math.round((scored * fullMax) / applicableMax);
}
