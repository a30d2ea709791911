import type { CriteriaTargetsView } from '../criteria/criteria-targets.dto';
import type { CriterionView } from '../criteria/criteria.dto';
import { FORMULA_LABELS, MEASURE_LABELS } from '../criteria/measure.rules';
import type { PledgeTargets } from '../documents/pdf/pledge.pdf';

const num = (x: number) => x.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/** How a measured criterion's points follow, in the pledge's words. */
export function ruleWords(c: CriterionView): string {
  const head = MEASURE_LABELS[c.measure];
  if (c.measure === 'QUANTITATIVE' && c.formula === 'BANDED' && c.bands?.length) {
    const bands = [...c.bands].sort((a, b) => b.from - a.from).map((b) => `từ ${num(b.from)}${c.factUnit ? ` ${c.factUnit}` : ''}: ${num(b.points)} điểm`);
    return `${head}, ${FORMULA_LABELS.BANDED.toLowerCase()}: ${bands.join('; ')}`;
  }
  if (c.measure === 'QUANTITATIVE' && c.formula) return `${head}, ${FORMULA_LABELS[c.formula].toLowerCase()}`;
  if (c.measure === 'PER_COUNT' && c.perCount != null) return `${num(c.perCount)} điểm mỗi ${c.factUnit ?? 'lần'}`;
  return head;
}

/** The pledge's table of targets, or nothing when the set has neither targets nor criteria not applicable. */
export function pledgeTargets(v: CriteriaTargetsView): { targets?: PledgeTargets } {
  const columns = v.criteria.filter((c) => c.needsTarget);
  if (!columns.length && !v.targets.some((t) => t.notApplicableReason)) return {};
  const byKey = new Map(v.targets.map((t) => [`${t.criterionCode}|${t.unitId}`, t]));
  const names = new Map(v.units.map((u) => [u.unitId, u.name]));
  return {
    targets: {
      criteria: columns.map((c) => (c.factUnit ? `${c.code} (${c.factUnit})` : c.code)),
      rows: v.units.map((u) => ({
        unitName: u.name,
        cells: columns.map((c) => {
          const t = byKey.get(`${c.code}|${u.unitId}`);
          if (t?.notApplicableReason) return 'Không áp dụng';
          return t?.target == null ? '—' : num(t.target);
        }),
      })),
      notApplicable: v.targets.filter((t) => t.notApplicableReason).map((t) => `${t.criterionCode} — ${names.get(t.unitId) ?? t.unitId}: ${t.notApplicableReason}`),
    },
  };
}
