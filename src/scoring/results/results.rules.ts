/**
 * Per-criterion results, pure (points in integer hundredths): for each unit its final points per criterion (as the
 * ranking computed them), the cluster's mean and best on that criterion, and where it lost points.
 *
 *  - lost: a scored or bonus criterion loses its maximum minus the points; a penalty loses the points deducted;
 *  - best: the most points any ranked unit has on the criterion (for a penalty: the smallest deduction);
 *  - mean: over the ranked units that have points on the criterion, rounded to hundredths.
 */
import type { CriterionKind } from '../../criteria/criteria.rules';

export interface ResultCriterion {
  code: string;
  kind: CriterionKind;
  maxPoints: number;
}

export interface ResultInput {
  unitId: string;
  /** Final points per criterion; null: not ranked (no final score). */
  entries: Record<string, number> | null;
}

export interface CriterionAggregate {
  code: string;
  mean: number | null;
  best: number | null;
  /** How many ranked units have points on it. */
  units: number;
}

export interface UnitCriterionResult {
  code: string;
  points: number | null;
  lost: number | null;
  /** Points behind the cluster's best (0 for the best). */
  behindBest: number | null;
}

export interface UnitResult {
  unitId: string;
  criteria: UnitCriterionResult[];
  lostTotal: number;
  /** The criteria where it lost points, most lost first (ties in criteria order). */
  losses: Array<{ code: string; lost: number }>;
}

/** Points lost on a criterion by a unit that has `points` on it. */
export function lostOn(c: ResultCriterion, points: number): number {
  return c.kind === 'PENALTY' ? Math.abs(points) : c.maxPoints - points;
}

export function criterionAggregates(criteria: ResultCriterion[], rows: ResultInput[]): CriterionAggregate[] {
  return criteria.map((c) => {
    const values = rows.map((r) => r.entries?.[c.code]).filter((v): v is number => v != null);
    if (!values.length) return { code: c.code, mean: null, best: null, units: 0 };
    return { code: c.code, mean: Math.round(values.reduce((a, b) => a + b, 0) / values.length), best: Math.max(...values), units: values.length };
  });
}

/** Each unit's results against the aggregates (computed over all ranked units, whoever is shown). */
export function unitResults(criteria: ResultCriterion[], rows: ResultInput[], aggregates: CriterionAggregate[]): UnitResult[] {
  const best = new Map(aggregates.map((a) => [a.code, a.best]));
  return rows.map((r) => {
    const list = criteria.map((c) => {
      const points = r.entries?.[c.code];
      if (points == null) return { code: c.code, points: null, lost: null, behindBest: null };
      const b = best.get(c.code);
      return { code: c.code, points, lost: lostOn(c, points), behindBest: b == null ? null : b - points };
    });
    const losses = list.filter((x) => (x.lost ?? 0) > 0).map((x) => ({ code: x.code, lost: x.lost! }));
    losses.sort((a, b) => b.lost - a.lost);
    return { unitId: r.unitId, criteria: list, lostTotal: losses.reduce((a, x) => a + x.lost, 0), losses };
  });
}
