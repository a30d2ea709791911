import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CriteriaRepository, type UnitTargets } from '../criteria/criteria.repository';
import { findRaw } from '../database/raw-sql';
import { unitRef } from '../units/unit-ref';
import { UnitsRepository } from '../units/units.repository';
import { Unit } from '../units/unit.entity';
import { ScoreSheetsRepository } from './score-sheets.repository';
import { sheetTotals } from './sheet.rules';
import { ScoreEntry } from './score-entry.entity';
import { SCORER_KIND_LABELS, SHEET_STATUS_LABELS, ScoreSheet } from './score-sheet.entity';
import type { LeafWithText } from './scoring-context';
import type { SheetView } from './scoring.dto';

type Context = { units: Map<string, Unit>; versionNo: number };
type Known = { leaves: LeafWithText[]; entries: ScoreEntry[]; unitTargets?: UnitTargets } & Partial<Context>;

/** Views of sheets, with their units, entries and criteria read through the repositories. */
@Injectable()
export class ScoreSheetViews {
  constructor(
    private readonly criteria: CriteriaRepository,
    private readonly units: UnitsRepository,
    private readonly sheets: ScoreSheetsRepository,
  ) {}

  /** What the view of `sheet` reads besides its criteria and entries (its units, its set's version), read together. */
  async context(m: EntityManager, sheet: ScoreSheet): Promise<Context> {
    const [units, versionNo] = await Promise.all([this.units.byIds(m, unitIdsOf([sheet])), this.criteria.versionNo(m, sheet.criteriaSetId)]);
    return { units, versionNo };
  }

  /**
   * What a sheet's save reads besides the sheet (its leaves, its target's targets, its entries, its view's context),
   * started by the sheet's id before the sheet is read and its access checked, so that on PostgreSQL all go in one
   * round trip (rawQuery's batch). The answer, for the sheet once found writable, is read again by the sheet's set
   * and units should these differ from the sheet's (they never change, but a sheet deleted or created between the
   * batch's statements is read so). Nothing read is used before the sheet is found writable.
   */
  forSave(m: EntityManager, sheetId: string): (sheet: ScoreSheet) => Promise<Required<Known>> {
    const reading = Promise.all([this.criteria.ofSheet(m, sheetId), this.sheets.entries(m, sheetId), findRaw(m, Unit, UNITS_OF_SHEET, [sheetId, sheetId])]);
    reading.catch(() => undefined); // a sheet not found or refused never asks for it
    return async (sheet) => {
      const [{ set, leaves, unitTargets }, entries, units] = await reading;
      // The units are read last in the batch: a sheet there with this set and these units was there for the rest too.
      const byId = new Map(units.map((u) => [u.id, u]));
      if (set?.id === sheet.criteriaSetId && unitIdsOf([sheet]).every((id) => byId.has(id))) return { leaves, unitTargets, entries, units: byId, versionNo: set.versionNo };
      const [again, targets, current, context] = await Promise.all([this.criteria.leaves(m, sheet.criteriaSetId), this.criteria.unitTargets(m, sheet.criteriaSetId, sheet.targetUnitId), this.sheets.entries(m, sheet.id), this.context(m, sheet)]);
      return { leaves: again, unitTargets: targets, entries: current, ...context };
    };
  }

  /** `known` passes the leaves and entries (and context) of a single sheet the caller already has. */
  of(m: EntityManager, sheets: ScoreSheet[], known?: Known): Promise<SheetView[]> {
    return sheetViews(m, { criteria: this.criteria, units: this.units, sheets: this.sheets }, sheets, known);
  }
}

/** The units of a sheet (its target, its scorer unit if any), by the sheet's id. */
const UNITS_OF_SHEET = 'id IN ((SELECT target_unit_id FROM score_sheets WHERE id = ?), (SELECT scorer_unit_id FROM score_sheets WHERE id = ?))';

/** The units of these sheets: their targets and their scorer units. */
export function unitIdsOf(sheets: ScoreSheet[]): string[] {
  return [...new Set(sheets.flatMap((s) => [s.targetUnitId, s.scorerUnitId]).filter((x): x is string => !!x))];
}

async function sheetViews(
  m: EntityManager,
  { criteria, units: unitsRepo, sheets: sheetsRepo }: { criteria: CriteriaRepository; units: UnitsRepository; sheets: ScoreSheetsRepository },
  sheets: ScoreSheet[],
  known?: Known,
): Promise<SheetView[]> {
  if (!sheets.length) return [];
  const units = known?.units ?? (await unitsRepo.byIds(m, unitIdsOf(sheets)));
  const entries = known?.entries ?? (await sheetsRepo.entriesOf(m, sheets.map((s) => s.id)));
  const sets = new Map<string, { versionNo: number; leaves: LeafWithText[] }>();
  for (const id of new Set(sheets.map((s) => s.criteriaSetId))) {
    sets.set(id, { versionNo: known?.versionNo ?? (await criteria.versionNo(m, id)), leaves: known?.leaves ?? (await criteria.leaves(m, id)) });
  }
  const targets = new Map<string, UnitTargets>();
  for (const s of sheets) {
    const key = `${s.criteriaSetId}|${s.targetUnitId}`;
    if (!targets.has(key)) targets.set(key, known?.unitTargets ?? (await criteria.unitTargets(m, s.criteriaSetId, s.targetUnitId)));
  }
  return sheets.map((s) => {
    const set = sets.get(s.criteriaSetId)!;
    const unit = targets.get(`${s.criteriaSetId}|${s.targetUnitId}`)!;
    const mine = new Map(entries.filter((e) => e.sheetId === s.id).map((e) => [e.criterionCode, e]));
    const totals = sheetTotals(set.leaves, Object.fromEntries([...mine].map(([k, e]) => [k, e.points])));
    return {
      id: s.id,
      clusterId: s.clusterId,
      year: s.year,
      target: unitRef(units.get(s.targetUnitId), s.targetUnitId),
      kind: s.scorerKind,
      kindLabel: SCORER_KIND_LABELS[s.scorerKind],
      scorer: s.scorerUnitId ? unitRef(units.get(s.scorerUnitId), s.scorerUnitId) : null,
      status: s.status,
      statusLabel: SHEET_STATUS_LABELS[s.status],
      returnReason: s.returnReason,
      submittedAt: s.submittedAt,
      lockedAt: s.lockedAt,
      criteriaVersionNo: set.versionNo,
      entries: set.leaves.map((l) => {
        const e = mine.get(l.code);
        const target = unit.targets.get(l.code);
        return {
          code: l.code,
          text: l.text,
          maxPoints: l.maxPoints / 100,
          kind: l.kind,
          points: e ? e.points / 100 : null,
          note: e?.note ?? null,
          measure: l.rule?.measure ?? 'POINTS',
          achieved: e?.achieved == null ? null : e.achieved / 100,
          target: target == null ? null : target / 100,
          notApplicable: unit.notApplicable.get(l.code) ?? null,
        };
      }),
      totals: { total: totals.total / 100, bonus: totals.bonus / 100, penalty: totals.penalty / 100, criteriaAtMax: totals.criteriaAtMax },
      version: s.version,
      updatedAt: s.updatedAt,
    };
  });
}
