import type { EntityManager } from 'typeorm';
import type { ScoreSheet } from './score-sheet.entity';
import type { ScoreSheetsRepository } from './score-sheets.repository';
import type { LeafWithText } from './scoring-context';

/**
 * For the RELATIVE_TO_LEADER criteria a save touches: the best ratio achieved ÷ target on the other sheets of the
 * same kind in the cluster-year, so the points stored are those of the moment; the ranking works them out again
 * against the final leader (measured-ranking.rules). Points-only saves ask nothing.
 */
export async function leaderRatiosFor(m: EntityManager, sheets: ScoreSheetsRepository, sheet: ScoreSheet, leaves: LeafWithText[], codes: string[]): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  for (const leaf of leaves) if (leaf.rule?.formula === 'RELATIVE_TO_LEADER' && codes.includes(leaf.code)) out.set(leaf.code, await sheets.leaderRatio(m, sheet, leaf.code));
  return out;
}
