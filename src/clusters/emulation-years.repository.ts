import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { findOneRaw } from '../database/raw-sql';
import { updateVersioned } from '../database/unit-of-work';
import { EmulationYear } from './emulation-year.entity';

/** Năm thi đua of each cluster with its phase dates: lookups and the writes. */
@Injectable()
export class EmulationYearsRepository {
  /** A cluster's years, the latest first. */
  list(m: EntityManager, clusterId: string): Promise<EmulationYear[]> {
    return m.find(EmulationYear, { where: { clusterId }, order: { year: 'DESC' } });
  }

  /** The year of a cluster, or null (one prepared statement: every save of a member's sheet checks the scoring window). */
  find(m: EntityManager, clusterId: string, year: number): Promise<EmulationYear | null> {
    return findOneRaw(m, EmulationYear, { clusterId, year });
  }

  exists(m: EntityManager, clusterId: string, year: number): Promise<boolean> {
    return m.exists(EmulationYear, { where: { clusterId, year } });
  }

  async insert(m: EntityManager, row: EmulationYear): Promise<void> {
    await m.insert(EmulationYear, row);
  }

  /** The optimistic update of a year's phases (409 when the client's version is not the stored one). */
  update(m: EntityManager, current: EmulationYear, expectedVersion: number, changes: Partial<EmulationYear>): Promise<EmulationYear> {
    return updateVersioned(m, EmulationYear, current, expectedVersion, changes, 'năm thi đua');
  }
}
