import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClusterYearRevisions } from '../database/cluster-year-revisions';
import { updateVersioned } from '../database/unit-of-work';
import { ScoringConfig } from './scoring-config.entity';

/** The scoring configuration of a cluster-year: saved the first time, then updated at its version. */
@Injectable()
export class ScoringConfigsRepository {
  constructor(private readonly revisions: ClusterYearRevisions) {}

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
