/**
 * One score sheet's rules, pure: the range of each entry and the sheet's totals. Points are integer
 * hundredths (95,5 → 9550). The ranking of a cluster's members builds on them (ranking.rules.ts).
 */
import type { CriterionKind } from '../criteria/criteria.rules';
import type { MeasureRule } from '../criteria/measure.rules';

export interface LeafCriterion {
  code: string;
  maxPoints: number;
  kind: CriterionKind;
  /** How its points follow from a fact (absent or POINTS: as given). */
  rule?: MeasureRule;
}

/** Points per criterion code (penalties negative). */
export type Entries = Record<string, number>;

export interface SheetTotals {
  total: number;
  bonus: number;
  /** Sum of penalty points, ≤ 0. */
  penalty: number;
  /** Scored criteria at their maximum. */
  criteriaAtMax: number;
}

/** Points from hundredths with a decimal comma (9550 → "95,5"); not toLocaleString, which costs ICU time per call. */
export const pts = (hundredths: number): string => {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(Math.round(hundredths));
  const whole = Math.floor(abs / 100);
  const fraction = abs % 100;
  return fraction === 0 ? `${sign}${whole}` : `${sign}${whole},${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
};

/** Why a point value is out of range for a criterion, or null. */
export function entryProblem(leaf: LeafCriterion, value: number): string | null {
  if (!Number.isInteger(value)) return 'Điểm có tối đa hai chữ số thập phân.';
  if (leaf.kind === 'PENALTY') {
    if (value > 0 || value < -leaf.maxPoints) return `Điểm trừ của ${leaf.code} phải từ −${pts(leaf.maxPoints)} đến 0.`;
  } else if (value < 0 || value > leaf.maxPoints) {
    return `Điểm của ${leaf.code} phải từ 0 đến ${pts(leaf.maxPoints)}.`;
  }
  return null;
}

export function sheetTotals(leaves: LeafCriterion[], entries: Entries): SheetTotals {
  let total = 0;
  let bonus = 0;
  let penalty = 0;
  let criteriaAtMax = 0;
  for (const leaf of leaves) {
    const v = entries[leaf.code] ?? 0;
    total += v;
    if (leaf.kind === 'BONUS') bonus += v;
    if (leaf.kind === 'PENALTY') penalty += v;
    if (leaf.kind === 'SCORED' && v === leaf.maxPoints) criteriaAtMax++;
  }
  return { total, bonus, penalty, criteriaAtMax };
}
