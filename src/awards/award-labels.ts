import type { EntityManager } from 'typeorm';
import { rawQuery } from '../database/raw-sql';
import { AWARD_CODES, type AwardCode } from './awards.rules';

/**
 * The names of the awards as the catalogue (table `awards`) keeps them — the one place they are written;
 * minutes, dossiers, proposals and reports all print them from here.
 */
export async function awardLabels(m: EntityManager): Promise<Record<AwardCode, string>> {
  const rows = await rawQuery<{ code: AwardCode; name: string }>(m, 'SELECT code, name FROM awards');
  const names = new Map(rows.map((r) => [r.code, r.name]));
  return Object.fromEntries(AWARD_CODES.map((code) => [code, names.get(code) ?? code])) as Record<AwardCode, string>;
}
