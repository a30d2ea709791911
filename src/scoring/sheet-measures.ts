import type { EntityManager } from 'typeorm';
import type { CriteriaRepository } from '../criteria/criteria.repository';
import { leaderRatio } from '../criteria/measure.rules';
import type { ScoreSheet } from './score-sheet.entity';
import type { ScoreSheetsRepository } from './score-sheets.repository';
import type { LeafWithText } from './scoring-context';

/**
 * For the RELATIVE_TO_LEADER criteria a save touches: the best ratio achieved ÷ target on the other sheets of the
 * same kind in the cluster-year, so the points stored are those of the moment; the ranking works them out again
 * against the final leader (measured-ranking.rules). Points-only saves ask nothing.
 */
export async function leaderRatiosFor(
  m: EntityManager,
  repos: { sheets: ScoreSheetsRepository; criteria: CriteriaRepository },
  sheet: ScoreSheet,
  leaves: LeafWithText[],
  codes: string[],
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  const relative = leaves.filter((l) => l.rule?.formula === 'RELATIVE_TO_LEADER' && codes.includes(l.code));
  if (!relative.length) return out;
  const targets = await repos.criteria.targets(m, sheet.criteriaSetId);
  for (const leaf of relative) {
    const targetOf = new Map(targets.filter((t) => t.criterionCode === leaf.code).map((t) => [t.unitId, t.target]));
    const facts = (await repos.sheets.factsOf(m, sheet.clusterId, sheet.year, sheet.scorerKind, leaf.code)).filter((f) => f.sheetId !== sheet.id);
    out.set(leaf.code, leaderRatio(facts.map((f) => ({ achieved: f.achieved, target: targetOf.get(f.unitId) ?? null }))));
  }
  return out;
}
