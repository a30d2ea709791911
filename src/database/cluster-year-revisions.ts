import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { executeRaw, rawQuery } from './raw-sql';
import { pgInline } from './sql-literal';

/**
 * The revision of a cluster-year (table `cluster_year_revisions`): every write to what its scoring shows
 * bumps it in the same transaction, so a cache keyed on it (the ranking) is right for every instance.
 */
@Injectable()
export class ClusterYearRevisions {
  /**
   * Bumps one cluster-year in the write's transaction. Inside UnitOfWork.write the bump is made once per
   * cluster-year at the end of the work (flushRevisionBumps): the row is a hot one on PostgreSQL, and its lock,
   * held to the commit, then serialises only the end of the writes (as the audit append does), not all of them.
   */
  async bump(m: EntityManager, clusterId: string, year: number): Promise<void> {
    const pending = pendingBumps(m);
    if (pending) pending.add(`${year}|${clusterId}`);
    else await upsert(m, clusterId, year);
  }

  /**
   * Bumps every cluster-year a unit is a member of, or has a sheet in (a member removed keeps its sheets, which the
   * scoreboard lists by the unit's name): its names or share of women changed.
   */
  async bumpForUnit(m: EntityManager, unitId: string): Promise<void> {
    const rows = await rawQuery<{ cluster_id: string; year: number | string }>(
      m,
      'SELECT cluster_id, year FROM memberships WHERE unit_id = ? UNION SELECT cluster_id, year FROM score_sheets WHERE target_unit_id = ? OR scorer_unit_id = ?',
      [unitId, unitId, unitId],
    );
    for (const r of rows) await this.bump(m, r.cluster_id, Number(r.year));
  }
}

type TransactionData = { revisionBumps?: Set<string> };

function pendingBumps(m: EntityManager): Set<string> | undefined {
  return (m.queryRunner?.data as TransactionData | undefined)?.revisionBumps;
}

const UPSERT = 'INSERT INTO cluster_year_revisions (cluster_id, year, revision) VALUES (?, ?, 1) ON CONFLICT (cluster_id, year) DO UPDATE SET revision = cluster_year_revisions.revision + 1';

function upsert(m: EntityManager, clusterId: string, year: number): Promise<number> {
  return executeRaw(m, UPSERT, [clusterId, year]);
}

/** Each pending cluster-year, in a fixed order (so two transactions lock the rows in the same order). */
function takePending(m: EntityManager): Array<{ clusterId: string; year: number }> {
  const pending = pendingBumps(m);
  if (!pending?.size) return [];
  const keys = [...pending].sort();
  pending.clear();
  return keys.map((key) => {
    const [year, clusterId] = key.split('|');
    return { clusterId, year: Number(year) };
  });
}

/** UnitOfWork.write: collect the bumps of this transaction (made by flushRevisionBumps before the commit). */
export function collectRevisionBumps(m: EntityManager): void {
  if (m.queryRunner) (m.queryRunner.data as TransactionData).revisionBumps = new Set();
}

/** UnitOfWork.write, after the work and before the commit: one bump per cluster-year written, in a fixed order. */
export async function flushRevisionBumps(m: EntityManager): Promise<void> {
  for (const { clusterId, year } of takePending(m)) await upsert(m, clusterId, year);
}

/**
 * PostgreSQL, instead of flushRevisionBumps: the bumps as SQL text, sent with the COMMIT in one round trip, so that
 * the hot revision row is locked only while the server runs them.
 */
export function revisionBumpStatements(m: EntityManager): string[] {
  return takePending(m).map(({ clusterId, year }) => pgInline(UPSERT, [clusterId, year]));
}

export function stopCollectingRevisionBumps(m: EntityManager): void {
  if (m.queryRunner) delete (m.queryRunner.data as TransactionData).revisionBumps;
}
