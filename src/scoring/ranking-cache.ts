import { createHash } from 'node:crypto';
import type { RankingView } from './scoring.dto';

/**
 * Rankings of this process, each under the cluster-year's revision (table `cluster_year_revisions`), which
 * every write to what the ranking shows bumps in its own transaction: a revision read from the database
 * that differs from the kept one means recompute, so the cache is right with several instances too.
 */
export class RankingCache {
  private readonly entries = new Map<string, { revision: number; view: RankingView; body?: RankingBody }>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string, revision: number): RankingView | undefined {
    const hit = this.entries.get(key);
    return hit && hit.revision === revision ? hit.view : undefined;
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

  set(key: string, revision: number, view: RankingView): void {
    this.entries.delete(key);
    this.entries.set(key, { revision, view });
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
