import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { executeRaw, rawQuery } from './raw-sql';

/**
 * The revision of a cluster-year (table `cluster_year_revisions`): every write to what its scoring shows
 * bumps it in the same transaction, so a cache keyed on it (the ranking) is right for every instance.
 */
@Injectable()
export class ClusterYearRevisions {
  /** The current revision; 0 before the first change. */
  async current(m: EntityManager, clusterId: string, year: number): Promise<number> {
    const [row] = await rawQuery<{ revision: number | string }>(m, 'SELECT revision FROM cluster_year_revisions WHERE cluster_id = ? AND year = ?', [clusterId, year]);
    return Number(row?.revision ?? 0);
  }

  /** Bumps one cluster-year (inside the write's transaction). */
  async bump(m: EntityManager, clusterId: string, year: number): Promise<void> {
    await executeRaw(
      m,
      'INSERT INTO cluster_year_revisions (cluster_id, year, revision) VALUES (?, ?, 1) ON CONFLICT (cluster_id, year) DO UPDATE SET revision = cluster_year_revisions.revision + 1',
      [clusterId, year],
    );
  }

  /** Bumps every cluster-year a unit is a member of (its names or share of women changed). */
  async bumpForUnit(m: EntityManager, unitId: string): Promise<void> {
    const rows = await rawQuery<{ cluster_id: string; year: number | string }>(m, 'SELECT cluster_id, year FROM memberships WHERE unit_id = ?', [unitId]);
    for (const r of rows) await this.bump(m, r.cluster_id, Number(r.year));
  }
}
