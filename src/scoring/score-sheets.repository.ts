import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere, In } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { nowIso } from '../common/time';
import { ClusterYearRevisions } from '../database/cluster-year-revisions';
import { executeRaw, findOneRaw, rawQuery } from '../database/raw-sql';
import { updateVersioned } from '../database/unit-of-work';
import { writeAtCommit } from '../database/postgres-transaction';
import { ScoreEntry } from './score-entry.entity';
import { ScoreSheet } from './score-sheet.entity';
import { stale } from './sheet-entries';

/**
 * Score sheets and their entries: every query of them, and every write, which also bumps the cluster-year's
 * revision (the ranking's cache key) in the same transaction.
 */
@Injectable()
export class ScoreSheetsRepository {
  constructor(private readonly revisions: ClusterYearRevisions) {}

  find(m: EntityManager, clusterId: string, year: number, sheetId: string): Promise<ScoreSheet | null> {
    return findOneRaw(m, ScoreSheet, { id: sheetId, clusterId, year });
  }

  exists(m: EntityManager, where: Pick<ScoreSheet, 'clusterId' | 'year' | 'targetUnitId' | 'scorerKind' | 'scorerKey'>): Promise<boolean> {
    return m.exists(ScoreSheet, { where });
  }

  /** Sheets of a cluster-year, optionally of some statuses. */
  list(m: EntityManager, clusterId: string, year: number, statuses?: ScoreSheet['status'][]): Promise<ScoreSheet[]> {
    return m.find(ScoreSheet, { where: { clusterId, year, ...(statuses ? { status: In(statuses) } : {}) } });
  }

  /** The sheets matching `where`, oldest first. */
  where(m: EntityManager, where: FindOptionsWhere<ScoreSheet>): Promise<ScoreSheet[]> {
    return m.find(ScoreSheet, { where, order: { createdAt: 'ASC' } });
  }

  /** One scorer's sheets of a cluster-year. */
  ofScorer(m: EntityManager, clusterId: string, year: number, scorerKind: ScoreSheet['scorerKind'], scorerKey: string): Promise<ScoreSheet[]> {
    return m.find(ScoreSheet, { where: { clusterId, year, scorerKind, scorerKey } });
  }

  async entries(m: EntityManager, sheetId: string): Promise<ScoreEntry[]> {
    const rows = await rawQuery<{ criterion_code: string; points: number | string; note: string | null; achieved: number | string | null }>(
      m,
      'SELECT criterion_code, points, note, achieved FROM score_entries WHERE sheet_id = ?',
      [sheetId],
    );
    return rows.map((r) => ({ sheetId, criterionCode: r.criterion_code, points: Number(r.points), note: r.note, achieved: r.achieved == null ? null : Number(r.achieved) }));
  }

  entriesOf(m: EntityManager, sheetIds: string[]): Promise<ScoreEntry[]> {
    return sheetIds.length ? m.find(ScoreEntry, { where: { sheetId: In(sheetIds) } }) : Promise.resolve([]);
  }

  /** The points of every submitted or locked sheet of a cluster-year, by sheet and criterion code (one raw query). */
  async submittedPoints(m: EntityManager, clusterId: string, year: number): Promise<Map<string, Record<string, number>>> {
    const rows = await rawQuery<{ sheet_id: string; criterion_code: string; points: number | string }>(
      m,
      `SELECT e.sheet_id, e.criterion_code, e.points FROM score_entries e JOIN score_sheets s ON s.id = e.sheet_id
        WHERE s.cluster_id = ? AND s.year = ? AND s.status IN ('SUBMITTED', 'LOCKED')`,
      [clusterId, year],
    );
    const points = new Map<string, Record<string, number>>();
    for (const r of rows) {
      let sheet = points.get(r.sheet_id);
      if (!sheet) points.set(r.sheet_id, (sheet = {}));
      sheet[r.criterion_code] = Number(r.points);
    }
    return points;
  }

  async insert(m: EntityManager, sheet: ScoreSheet): Promise<void> {
    await m.insert(ScoreSheet, sheet);
    await this.revisions.bump(m, sheet.clusterId, sheet.year);
  }

  /** The optimistic update of a sheet (its version must still be `sheet.version`, else 409). */
  async update(m: EntityManager, sheet: ScoreSheet, changes: Partial<ScoreSheet>): Promise<ScoreSheet> {
    const updated = await updateVersioned(m, ScoreSheet, sheet, sheet.version, { ...changes, updatedAt: nowIso() }, 'phiếu chấm', stale);
    await this.revisions.bump(m, sheet.clusterId, sheet.year);
    return updated;
  }

  /**
   * Writes entries (replacing those of the same criteria) in one statement, with the COMMIT where the transaction
   * defers its writes: always after insert or update, which bump the revision.
   */
  async putEntries(m: EntityManager, sheet: ScoreSheet, values: Map<string, { points: number; note: string | null; achieved?: number | null }>): Promise<void> {
    const codes = [...values.keys()];
    if (!codes.length) return;
    await writeAtCommit(
      m,
      `INSERT INTO score_entries (sheet_id, criterion_code, points, note, achieved) VALUES ${codes.map(() => '(?, ?, ?, ?, ?)').join(', ')} ` +
        'ON CONFLICT (sheet_id, criterion_code) DO UPDATE SET points = excluded.points, note = excluded.note, achieved = excluded.achieved',
      codes.flatMap((code) => [sheet.id, code, values.get(code)!.points, values.get(code)!.note, values.get(code)!.achieved ?? null]),
    );
  }

  /**
   * The best ratio achieved ÷ target of one criterion on the other sheets of a cluster-year's kind of scorer (each
   * against its unit's target in the sheet's set), or null: one aggregate read, asked only by leader-relative saves.
   */
  async leaderRatio(m: EntityManager, sheet: ScoreSheet, code: string): Promise<number | null> {
    const [row] = await rawQuery<{ best: number | string | null }>(
      m,
      'SELECT MAX(e.achieved * 1.0 / t.target) AS best FROM score_entries e JOIN score_sheets s ON s.id = e.sheet_id ' +
        'JOIN criterion_targets t ON t.set_id = s.criteria_set_id AND t.criterion_code = e.criterion_code AND t.unit_id = s.target_unit_id ' +
        'WHERE s.cluster_id = ? AND s.year = ? AND s.scorer_kind = ? AND e.criterion_code = ? AND e.achieved IS NOT NULL AND t.target > 0 AND s.id <> ?',
      [sheet.clusterId, sheet.year, sheet.scorerKind, code, sheet.id],
    );
    return row?.best == null ? null : Number(row.best);
  }

  /** Locks every submitted sheet of a cluster-year in one statement; answers how many. */
  /** Locked sheets back to submitted (a reopened year). */
  async unlock(m: EntityManager, clusterId: string, year: number, at: string): Promise<number> {
    const count = await executeRaw(m, "UPDATE score_sheets SET status = 'SUBMITTED', locked_at = NULL, updated_at = ?, version = version + 1 WHERE cluster_id = ? AND year = ? AND status = 'LOCKED'", [at, clusterId, year]);
    await this.revisions.bump(m, clusterId, year);
    return count;
  }

  async lockSubmitted(m: EntityManager, clusterId: string, year: number, at: string): Promise<number> {
    const locked = await executeRaw(m, "UPDATE score_sheets SET status = 'LOCKED', locked_at = ?, updated_at = ?, version = version + 1 WHERE cluster_id = ? AND year = ? AND status = 'SUBMITTED'", [at, at, clusterId, year]);
    await this.revisions.bump(m, clusterId, year);
    return locked;
  }
}

/** A sheet that does not exist (or that the caller may not know of). */
export const sheetNotFound = () => AppException.notFound('phiếu chấm', 'sheetId');
