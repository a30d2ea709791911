/**
 * The ranking's side of criteria that measure (criteria/measure.rules), pure: the points of a RELATIVE_TO_LEADER
 * criterion depend on the cluster's leader, so they are worked out again over all the sheets ranked (per kind of
 * scorer: the leader among the cluster's consolidated sheets, among the peer sheets...); the reasons show the
 * arithmetic; criteria not applicable to a unit rescale its scored points (measure.rules.scaledScored).
 */
import { leaderRatio, measuredPoints, num, scaledScored } from '../criteria/measure.rules';
import type { Entries, LeafCriterion, SheetTotals } from './sheet.rules';

/** What these rules read of a ranked sheet (ranking.rules' ScoredSheet). */
interface MeasuredSheet {
  kind: string;
  targetId: string;
  entries: Entries;
  facts?: Entries;
}

/** Per unit: each criterion's target, and the criteria not applicable to it with the reason. */
export interface UnitMeasures {
  targets: Map<string, Map<string, number | null>>;
  notApplicable: Map<string, Map<string, string>>;
}

const isMeasured = (l: LeafCriterion) => !!l.rule && l.rule.measure !== 'POINTS';

/** The sheets with the points of their leader-relative criteria worked out against the leader of their kind. */
export function resolveLeaderPoints<S extends MeasuredSheet>(leaves: LeafCriterion[], sheets: S[], measures: UnitMeasures): S[] {
  const relative = leaves.filter((l) => l.rule?.formula === 'RELATIVE_TO_LEADER');
  if (!relative.length) return sheets;
  const target = (unitId: string, code: string) => measures.targets.get(unitId)?.get(code) ?? null;
  const leaders = new Map<string, number | null>();
  for (const leaf of relative) {
    for (const kind of new Set(sheets.map((s) => s.kind))) {
      const facts = sheets.filter((s) => s.kind === kind && s.facts?.[leaf.code] != null).map((s) => ({ achieved: s.facts![leaf.code], target: target(s.targetId, leaf.code) }));
      leaders.set(`${kind}|${leaf.code}`, leaderRatio(facts));
    }
  }
  return sheets.map((s) => {
    if (!s.facts) return s;
    const entries = { ...s.entries };
    for (const leaf of relative) {
      const achieved = s.facts[leaf.code];
      const t = target(s.targetId, leaf.code);
      if (achieved == null || !t) continue;
      entries[leaf.code] = measuredPoints({ ...leaf.rule!, code: leaf.code, kind: leaf.kind, maxPoints: leaf.maxPoints }, { achieved, target: t, leaderRatio: leaders.get(`${s.kind}|${leaf.code}`) }).points;
    }
    return { ...s, entries };
  });
}

/** The working of each measured criterion on the sheets a final score rests on, in words. */
export function measuredReasons(leaves: LeafCriterion[], used: MeasuredSheet[], all: MeasuredSheet[], unitId: string, measures: UnitMeasures): string[] {
  const out: string[] = [];
  for (const leaf of leaves.filter(isMeasured)) {
    if (measures.notApplicable.get(unitId)?.has(leaf.code)) continue;
    const withFact = used.filter((s) => s.facts?.[leaf.code] != null);
    if (!withFact.length) continue;
    const c = { ...leaf.rule!, code: leaf.code, kind: leaf.kind, maxPoints: leaf.maxPoints };
    const t = measures.targets.get(unitId)?.get(leaf.code) ?? null;
    if (withFact.length === 1) {
      const s = withFact[0];
      const leader = leaf.rule!.formula === 'RELATIVE_TO_LEADER' ? leaderRatio(all.filter((x) => x.kind === s.kind && x.facts?.[leaf.code] != null).map((x) => ({ achieved: x.facts![leaf.code], target: measures.targets.get(x.targetId)?.get(leaf.code) ?? null }))) : null;
      out.push(`${measuredPoints(c, { achieved: s.facts![leaf.code], target: t, leaderRatio: leader }).working}.`);
    } else {
      const points = withFact.map((s) => s.entries[leaf.code] ?? 0);
      out.push(`${leaf.code}: điểm tính từ kết quả của ${withFact.length} phiếu (${points.map(num).join('; ')}), trung bình ${num(Math.round(points.reduce((a, b) => a + b, 0) / points.length))} điểm.`);
    }
  }
  return out;
}

/** Totals rescaled for the criteria not applicable to the unit, with the reason; the totals as they were otherwise. */
export function applyNotApplicable(leaves: LeafCriterion[], totals: SheetTotals, reasons: Map<string, string> | undefined): { totals: SheetTotals; reason: string | null } {
  if (!reasons?.size) return { totals, reason: null };
  const scoredLeaves = leaves.filter((l) => l.kind === 'SCORED');
  const fullMax = scoredLeaves.reduce((a, l) => a + l.maxPoints, 0);
  const skipped = scoredLeaves.filter((l) => reasons.has(l.code));
  if (!skipped.length) return { totals, reason: null };
  const applicableMax = fullMax - skipped.reduce((a, l) => a + l.maxPoints, 0);
  const scored = totals.total - totals.bonus - totals.penalty;
  const scaled = scaledScored(scored, fullMax, applicableMax);
  const list = skipped.map((l) => `${l.code} (${reasons.get(l.code)})`).join(', ');
  return {
    totals: { ...totals, total: scaled + totals.bonus + totals.penalty },
    reason: `Không áp dụng: ${list}; điểm chấm ${num(scored)} quy về thang ${num(fullMax)}: ${num(scored)} × ${num(fullMax)} ÷ ${num(applicableMax)} = ${num(scaled)}.`,
  };
}
