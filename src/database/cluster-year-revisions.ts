import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { executeRaw, rawQuery } from './raw-sql';

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

  /** Bumps every cluster-year a unit is a member of (its names or share of women changed). */
  async bumpForUnit(m: EntityManager, unitId: string): Promise<void> {
    const rows = await rawQuery<{ cluster_id: string; year: number | string }>(m, 'SELECT cluster_id, year FROM memberships WHERE unit_id = ?', [unitId]);
    for (const r of rows) await this.bump(m, r.cluster_id, Number(r.year));
  }
}

type TransactionData = { revisionBumps?: Set<string> };

function pendingBumps(m: EntityManager): Set<string> | undefined {
  return (m.queryRunner?.data as TransactionData | undefined)?.revisionBumps;
}

function upsert(m: EntityManager, clusterId: string, year: number): Promise<number> {
  return executeRaw(
    m,
    'INSERT INTO cluster_year_revisions (cluster_id, year, revision) VALUES (?, ?, 1) ON CONFLICT (cluster_id, year) DO UPDATE SET revision = cluster_year_revisions.revision + 1',
    [clusterId, year],
  );
}

/** UnitOfWork.write: collect the bumps of this transaction (made by flushRevisionBumps before the commit). */
export function collectRevisionBumps(m: EntityManager): void {
  if (m.queryRunner) (m.queryRunner.data as TransactionData).revisionBumps = new Set();
}

/** UnitOfWork.write, after the work and before the commit: one bump per cluster-year written, in a fixed order. */
export async function flushRevisionBumps(m: EntityManager): Promise<void> {
  const pending = pendingBumps(m);
  if (!pending?.size) return;
  for (const key of [...pending].sort()) {
    const [year, clusterId] = key.split('|');
    await upsert(m, clusterId, Number(year));
  }
  pending.clear();
}

export function stopCollectingRevisionBumps(m: EntityManager): void {
  if (m.queryRunner) delete (m.queryRunner.data as TransactionData).revisionBumps;
}
