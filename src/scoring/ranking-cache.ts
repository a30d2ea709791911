import { createHash } from 'node:crypto';
import { rawQuery } from '../database/raw-sql';
import { EntityManager } from 'typeorm';
import type { RankingView } from './scoring.dto';

/**
 * Rankings are recomputed only when something they depend on changed. The fingerprint is read from the
 * database (one query, answered by the read memo while the database is unchanged), so the cache stays
 * right with several processes too:
 * every change of a sheet, the configuration, the criteria or the members bumps a version, a count or
 * a timestamp it covers.
 */
export class RankingCache {
  private readonly entries = new Map<string, { fingerprint: string; view: RankingView; body?: RankingBody }>();

  constructor(private readonly maxEntries = 500) {}

  async fingerprint(m: EntityManager, clusterId: string, year: number, postgres: boolean): Promise<string> {
    const text = (expr: string) => (postgres ? `CAST(${expr} AS TEXT)` : expr);
    const sql = `SELECT
      (SELECT ${text('COUNT(*)')} || ':' || ${text('COALESCE(SUM(version), 0)')} || ':' || COALESCE(MAX(updated_at), '')
         FROM score_sheets WHERE cluster_id = ? AND year = ?) AS sheets,
      (SELECT ${text('COALESCE(MAX(version), 0)')} || ':' || COALESCE(MAX(published_at), '')
         FROM scoring_configs WHERE cluster_id = ? AND year = ?) AS config,
      (SELECT ${text('COUNT(*)')} || ':' || ${text('COALESCE(SUM(version), 0)')} || ':' || COALESCE(MAX(updated_at), '')
         FROM criteria_sets WHERE cluster_id = ? AND year = ?) AS criteria,
      (SELECT ${text('COUNT(*)')} || ':' || COALESCE(MAX(ms.created_at), '') || ':' || ${text('COALESCE(SUM(u.version), 0)')}
         FROM memberships ms JOIN units u ON u.id = ms.unit_id WHERE ms.cluster_id = ? AND ms.year = ?) AS members`;
    const [row] = await rawQuery<{ sheets: string; config: string; criteria: string; members: string }>(m, sql, [clusterId, year, clusterId, year, clusterId, year, clusterId, year]);
    return `${row.sheets}|${row.config}|${row.criteria}|${row.members}`;
  }

  get(key: string, fingerprint: string): RankingView | undefined {
    const hit = this.entries.get(key);
    return hit && hit.fingerprint === fingerprint ? hit.view : undefined;
  }

  /**
   * The JSON of a view as sent, with its entity tag: made once per cached view (reads of a ranking far
   * outnumber its changes), so a read neither serialises nor hashes it again.
   */
  body(key: string, view: RankingView): RankingBody {
    const hit = this.entries.get(key);
    if (!hit || hit.view !== view) return rankingBody(view);
    return (hit.body ??= rankingBody(view));
  }

  set(key: string, fingerprint: string, view: RankingView): void {
    this.entries.delete(key);
    this.entries.set(key, { fingerprint, view });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** A ranking's JSON as sent, and its strong entity tag (a digest of those bytes). */
export interface RankingBody {
  json: Buffer;
  etag: string;
}

function rankingBody(view: RankingView): RankingBody {
  const json = Buffer.from(JSON.stringify(view), 'utf8');
  return { json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` };
}
