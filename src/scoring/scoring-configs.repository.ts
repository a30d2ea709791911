import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClusterYearRevisions } from '../database/cluster-year-revisions';
import { findOneRaw, rawQuery } from '../database/raw-sql';
import { updateVersioned } from '../database/unit-of-work';
import type { Cluster } from '../clusters/cluster.entity';
import { ScoringConfig, defaultScoringConfig } from './scoring-config.entity';

/** The scoring configuration of a cluster-year: saved the first time, then updated at its version. */
@Injectable()
export class ScoringConfigsRepository {
  constructor(private readonly revisions: ClusterYearRevisions) {}

  /**
   * What a ranking read needs before the ranking itself, in one statement (it is the hottest read): the
   * cluster (for the access check), whether the year's scores are published, and the cluster-year's revision
   * (the ranking cache's key). Null when the cluster does not exist.
   */
  /** The saved configuration of a cluster-year, or the default (version 0, not saved). */
  async get(m: EntityManager, clusterId: string, year: number): Promise<ScoringConfig> {
    return (await findOneRaw(m, ScoringConfig, { clusterId, year })) ?? defaultScoringConfig(clusterId, year);
  }

  async rankingHead(m: EntityManager, clusterId: string, year: number): Promise<{ cluster: Cluster; publishedAt: string | null; revision: number } | null> {
    const [row] = await rawQuery<{ id: string; organizer_id: string; number: number | string; name: string; document_code: string; predecessor_id: string | null; version: number | string; created_at: string; updated_at: string; published_at: string | null; revision: number | string | null }>(
      m,
      `SELECT c.id, c.organizer_id, c.number, c.name, c.document_code, c.predecessor_id, c.version, c.created_at, c.updated_at, sc.published_at, r.revision
         FROM clusters c
         LEFT JOIN scoring_configs sc ON sc.cluster_id = c.id AND sc.year = ?
         LEFT JOIN cluster_year_revisions r ON r.cluster_id = c.id AND r.year = ?
        WHERE c.id = ?`,
      [year, year, clusterId],
    );
    if (!row) return null;
    const cluster: Cluster = { id: row.id, organizerId: row.organizer_id, number: Number(row.number), name: row.name, documentCode: row.document_code, predecessorId: row.predecessor_id, version: Number(row.version), createdAt: row.created_at, updatedAt: row.updated_at };
    return { cluster, publishedAt: row.published_at, revision: Number(row.revision ?? 0) };
  }

  /**
   * Writes `changes` over `current` (the default, version 0, when none was saved yet) if the client's
   * version is current; bumps the cluster-year's revision.
   */
  async save(m: EntityManager, current: ScoringConfig, expectedVersion: number, changes: Partial<ScoringConfig>): Promise<ScoringConfig> {
    let saved: ScoringConfig;
    if (current.version === 0) {
      // The first save: whoever inserts first wins, the other one meets the primary key (409).
      saved = { ...current, ...changes, version: 1, createdAt: changes.updatedAt ?? current.updatedAt };
      await m.insert(ScoringConfig, saved);
    } else {
      saved = await updateVersioned(m, ScoringConfig, current, expectedVersion, changes, 'cấu hình chấm điểm');
    }
    await this.revisions.bump(m, current.clusterId, current.year);
    return saved;
  }
}
