import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, EntityNotFoundError } from 'typeorm';
import { nowIso } from '../common/time';
import { ClusterYearRevisions } from '../database/cluster-year-revisions';
import { executeRaw, rawQuery } from '../database/raw-sql';
import { updateVersioned } from '../database/unit-of-work';
import { CriteriaSet } from './criteria-set.entity';
import type { CriterionKind, CriterionNode } from './criteria.rules';
import { Criterion, CriterionTarget } from './criterion.entity';
import { ruleOf } from './criteria-tree';
import type { Formula, Measure, MeasureRule } from './measure.rules';

/** A scored leaf of a criteria set (a criterion without sub-items), in hundredths. */
export interface CriterionLeaf {
  code: string;
  maxPoints: number;
  kind: CriterionKind;
  text: string;
  rule: MeasureRule;
}

type LeafRow = { id: string; parent_id: string | null; code: string; max_points: number | string; kind: CriterionKind; text: string; measure: Measure | null; formula: Formula | null; per_count: number | string | null; bands: string | null; fact_unit: string | null };

/**
 * Criteria sets (in versions) and their criteria: every query of them, and the writes, which bump the
 * cluster-year's revision (the ranking shows the criteria) in the same transaction.
 */
@Injectable()
export class CriteriaRepository {
  constructor(private readonly revisions: ClusterYearRevisions) {}

  /** The latest version of a year's set, or null. */
  latest(m: EntityManager, clusterId: string, year: number): Promise<CriteriaSet | null> {
    return m.findOne(CriteriaSet, { where: { clusterId, year }, order: { versionNo: 'DESC' } });
  }

  /** Every version of a year's set, the first one first. */
  versions(m: EntityManager, clusterId: string, year: number): Promise<CriteriaSet[]> {
    return m.find(CriteriaSet, { where: { clusterId, year }, order: { versionNo: 'ASC' } });
  }

  /** One version of a year's set, or null. */
  version(m: EntityManager, clusterId: string, year: number, versionNo: number): Promise<CriteriaSet | null> {
    return m.findOne(CriteriaSet, { where: { clusterId, year, versionNo } });
  }

  /** A set by id; one that must exist (TypeORM's EntityNotFoundError otherwise). */
  get(m: EntityManager, id: string): Promise<CriteriaSet> {
    return m.findOneOrFail(CriteriaSet, { where: { id } });
  }

  /** The version number of a set that must exist. */
  async versionNo(m: EntityManager, id: string): Promise<number> {
    // A prepared statement: every sheet view (after each sheet write) asks it.
    const [row] = await rawQuery<{ version_no: number | string }>(m, 'SELECT version_no FROM criteria_sets WHERE id = ?', [id]);
    if (!row) throw new EntityNotFoundError(CriteriaSet, { id });
    return Number(row.version_no);
  }

  /** Whether the cluster-year has a set (in any version). */
  existsFor(m: EntityManager, clusterId: string, year: number): Promise<boolean> {
    return m.exists(CriteriaSet, { where: { clusterId, year } });
  }

  /** The criteria of a set (the whole tree, flat), by position among siblings. */
  criteria(m: EntityManager, setId: string): Promise<Criterion[]> {
    return m.find(Criterion, { where: { setId }, order: { position: 'ASC' } });
  }

  /** Whether a set has any criterion. */
  hasCriteria(m: EntityManager, setId: string): Promise<boolean> {
    return m.exists(Criterion, { where: { setId } });
  }

  /** The scored leaves of a set (criteria without sub-items), in reading order. */
  async leaves(m: EntityManager, setId: string): Promise<CriterionLeaf[]> {
    // A raw read: the leaves are read on every save of a sheet.
    return leavesOf(await rawQuery<LeafRow>(m, `${LEAVES} WHERE set_id = ? ORDER BY position`, [setId]));
  }

  /**
   * A sheet's save reads these by the sheet's id (its set and target unit never change), so that on PostgreSQL they
   * go in the round trip of the sheet's own read (rawQuery's batch): the leaves of its set, the target unit's targets
   * and its set's id and version number. The score_sheets table is named, not imported (scoring builds on criteria).
   */
  async ofSheet(m: EntityManager, sheetId: string): Promise<{ set: { id: string; versionNo: number } | null; leaves: CriterionLeaf[]; unitTargets: UnitTargets }> {
    const [sets, leaves, targets] = await Promise.all([
      rawQuery<{ id: string; version_no: number | string }>(m, 'SELECT id, version_no FROM criteria_sets WHERE id = (SELECT criteria_set_id FROM score_sheets WHERE id = ?)', [sheetId]),
      rawQuery<LeafRow>(m, `${LEAVES} WHERE set_id = (SELECT criteria_set_id FROM score_sheets WHERE id = ?) ORDER BY position`, [sheetId]),
      rawQuery<TargetRow>(m, `${TARGETS} WHERE (set_id, unit_id) = (SELECT criteria_set_id, target_unit_id FROM score_sheets WHERE id = ?)`, [sheetId]),
    ]);
    return { set: sets[0] ? { id: sets[0].id, versionNo: Number(sets[0].version_no) } : null, leaves: leavesOf(leaves), unitTargets: unitTargetsOf(targets) };
  }

  /** Inserts a new set (a first version or an amendment) with its tree of criteria. */
  async insert(m: EntityManager, set: CriteriaSet, items: CriterionNode[]): Promise<void> {
    await m.insert(CriteriaSet, set);
    await this.insertTree(m, set.id, items);
    await this.revisions.bump(m, set.clusterId, set.year);
  }

  /** The optimistic update of a set (else 409) replacing its whole tree; answers the set as written. */
  async replace(m: EntityManager, set: CriteriaSet, expectedVersion: number, changes: Pick<CriteriaSet, 'title' | 'totalPoints' | 'updatedAt'>, items: CriterionNode[]): Promise<CriteriaSet> {
    const updated = await updateVersioned(m, CriteriaSet, set, expectedVersion, changes, 'bộ tiêu chí');
    await m.delete(Criterion, { setId: set.id });
    await this.insertTree(m, set.id, items);
    await this.revisions.bump(m, set.clusterId, set.year);
    return updated;
  }

  /** The targets (and not-applicable marks) of a set. */
  targets(m: EntityManager, setId: string): Promise<CriterionTarget[]> {
    return m.find(CriterionTarget, { where: { setId } });
  }

  /** One unit's targets and not-applicable marks in a set, by criterion code (a raw read: every sheet save asks it). */
  async unitTargets(m: EntityManager, setId: string, unitId: string): Promise<UnitTargets> {
    return unitTargetsOf(await rawQuery<TargetRow>(m, `${TARGETS} WHERE set_id = ? AND unit_id = ?`, [setId, unitId]));
  }

  /** Replaces every target of a set (the set is unlocked: the service checks). */
  async replaceTargets(m: EntityManager, set: CriteriaSet, rows: CriterionTarget[]): Promise<void> {
    await m.delete(CriterionTarget, { setId: set.id });
    for (const row of rows) await m.insert(CriterionTarget, row);
    await this.revisions.bump(m, set.clusterId, set.year);
  }

  /** Copies a set's targets to its amendment. */
  async copyTargets(m: EntityManager, fromSetId: string, toSetId: string): Promise<void> {
    for (const t of await this.targets(m, fromSetId)) await m.insert(CriterionTarget, { ...t, id: randomUUID(), setId: toSetId });
  }

  /**
   * The cluster-year's draft sheets follow its amended set (nothing was handed in yet: refuseAmendmentWhenScored),
   * each moving its version so that a save or submit read before the amendment answers 409. Their points for the
   * criteria the amendment removed or redefined (`changedCodes`: maximum, kind or rule) are cleared, to be scored
   * again — kept, a 5 under a maximum lowered to 3 would be handed in and counted. Answers what was cleared.
   */
  async moveDraftSheets(m: EntityManager, clusterId: string, year: number, toSetId: string, changedCodes: string[]): Promise<Array<{ sheetId: string; criteria: string[] }>> {
    const cleared = await this.clearPoints(m, "SELECT id FROM score_sheets WHERE cluster_id = ? AND year = ? AND status = 'DRAFT'", [clusterId, year], changedCodes);
    await executeRaw(m, "UPDATE score_sheets SET criteria_set_id = ?, version = version + 1, updated_at = ? WHERE cluster_id = ? AND year = ? AND status = 'DRAFT'", [toSetId, nowIso(), clusterId, year]);
    await this.revisions.bump(m, clusterId, year);
    return cleared;
  }

  /**
   * An unlocked set edited in place: its drafts' points for the criteria removed or redefined are cleared (to be
   * scored again), each such draft moving its version. (A set with a sheet handed in is not edited: refuseWhenScored.)
   */
  async clearRedefinedPoints(m: EntityManager, set: CriteriaSet, changedCodes: string[]): Promise<Array<{ sheetId: string; criteria: string[] }>> {
    const cleared = await this.clearPoints(m, "SELECT id FROM score_sheets WHERE criteria_set_id = ? AND status = 'DRAFT'", [set.id], changedCodes);
    for (const { sheetId } of cleared) await executeRaw(m, 'UPDATE score_sheets SET version = version + 1, updated_at = ? WHERE id = ?', [nowIso(), sheetId]);
    if (cleared.length) await this.revisions.bump(m, set.clusterId, set.year);
    return cleared;
  }

  /** Deletes the entries of `codes` on the sheets `sheetsSql` selects; answers them by sheet. */
  private async clearPoints(m: EntityManager, sheetsSql: string, params: unknown[], codes: string[]): Promise<Array<{ sheetId: string; criteria: string[] }>> {
    if (!codes.length) return [];
    const inCodes = codes.map(() => '?').join(', ');
    const rows = await rawQuery<{ sheet_id: string; criterion_code: string }>(m, `SELECT sheet_id, criterion_code FROM score_entries WHERE sheet_id IN (${sheetsSql}) AND criterion_code IN (${inCodes}) ORDER BY sheet_id, criterion_code`, [...params, ...codes]);
    if (rows.length) await executeRaw(m, `DELETE FROM score_entries WHERE sheet_id IN (${sheetsSql}) AND criterion_code IN (${inCodes})`, [...params, ...codes]);
    const bySheet = new Map<string, string[]>();
    for (const r of rows) bySheet.set(r.sheet_id, [...(bySheet.get(r.sheet_id) ?? []), r.criterion_code]);
    return [...bySheet].map(([sheetId, criteria]) => ({ sheetId, criteria }));
  }

  /** Locks a set (its pledge is signed), moving its version. */
  async lock(m: EntityManager, setId: string): Promise<void> {
    const set = await this.get(m, setId);
    const at = nowIso();
    await m.createQueryBuilder().update(CriteriaSet).set({ lockedAt: at, updatedAt: at, version: () => 'version + 1' }).where('id = :setId', { setId }).execute();
    await this.revisions.bump(m, set.clusterId, set.year);
  }

  /** Inserts a tree of criteria under a set, in order. */
  private async insertTree(m: EntityManager, setId: string, items: CriterionNode[]): Promise<void> {
    const insert = async (nodes: CriterionNode[], parentId: string | null) => {
      for (const [position, node] of nodes.entries()) {
        const id = randomUUID();
        await m.insert(Criterion, {
          id,
          setId,
          parentId,
          position,
          code: node.code,
          text: node.text,
          guidance: node.guidance,
          maxPoints: node.maxPoints,
          kind: node.kind,
          evidenceRequired: node.evidenceRequired,
          measure: node.rule?.measure ?? 'POINTS',
          formula: node.rule?.formula ?? null,
          perCount: node.rule?.perCount ?? null,
          bands: node.rule?.bands ? JSON.stringify(node.rule.bands) : null,
          factUnit: node.rule?.factUnit ?? null,
        });
        await insert(node.children, id);
      }
    };
    await insert(items, null);
  }
}

const LEAVES = 'SELECT id, parent_id, code, max_points, kind, text, measure, formula, per_count, bands, fact_unit FROM criteria';
const TARGETS = 'SELECT criterion_code, target, not_applicable_reason FROM criterion_targets';
type TargetRow = { criterion_code: string; target: number | string | null; not_applicable_reason: string | null };
/** One unit's targets and its not-applicable marks (with their reasons), by criterion code. */
export type UnitTargets = { targets: Map<string, number | null>; notApplicable: Map<string, string> };

/** The leaves of the rows of a set's criteria (by position), walking the tree in reading order. */
function leavesOf(rows: LeafRow[]): CriterionLeaf[] {
  const children = new Map<string | null, LeafRow[]>();
  for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  const out: CriterionLeaf[] = [];
  const walk = (parentId: string | null) => {
    for (const r of children.get(parentId) ?? []) {
      if (children.has(r.id)) walk(r.id);
      else out.push({ code: r.code, maxPoints: Number(r.max_points), kind: r.kind, text: r.text, rule: ruleOf({ measure: r.measure ?? 'POINTS', formula: r.formula, perCount: r.per_count == null ? null : Number(r.per_count), bands: r.bands, factUnit: r.fact_unit }) });
    }
  };
  walk(null);
  return out;
}

function unitTargetsOf(rows: TargetRow[]): UnitTargets {
  const targets = new Map<string, number | null>();
  const notApplicable = new Map<string, string>();
  for (const r of rows) {
    targets.set(r.criterion_code, r.target == null ? null : Number(r.target));
    if (r.not_applicable_reason) notApplicable.set(r.criterion_code, r.not_applicable_reason);
  }
  return { targets, notApplicable };
}
