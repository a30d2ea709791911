import { AppException, ErrorDetail } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { formatDateTimeVi } from '../common/time';
import type { LastChange } from '../audit/audit.repository';
import { entryProblem } from './sheet.rules';
import { POINTS_RULE, factProblem, measuredPoints, takesFact } from '../criteria/measure.rules';
import type { ScoreSheet } from './score-sheet.entity';
import type { LeafWithText } from './scoring-context';
import type { EntryDto } from './scoring.dto';

export interface EntryValue {
  points: number;
  note: string | null;
  /** The fact of a measured criterion, hundredths; null for points given. */
  achieved: number | null;
}

/** What a sheet's target unit has for the measured criteria: its targets, what is not applicable, the leaders. */
export interface SheetMeasures {
  targets: Map<string, number | null>;
  notApplicable: Map<string, string>;
  /** RELATIVE_TO_LEADER: the best ratio achieved ÷ target of the other sheets of the same kind. */
  leaderRatios: Map<string, number | null>;
}

export const NO_MEASURES: SheetMeasures = { targets: new Map(), notApplicable: new Map(), leaderRatios: new Map() };

/**
 * Entries as hundredths, or every problem at once (all-or-nothing). A criterion that measures takes the achieved
 * value and the points follow from its rule; a criterion not applicable to the unit takes nothing.
 */
export function checkedEntries(entries: EntryDto[], leaves: LeafWithText[], measures: SheetMeasures = NO_MEASURES): Map<string, EntryValue> {
  const byCode = new Map(leaves.map((l) => [l.code, l]));
  const problems: ErrorDetail[] = [];
  const values = new Map<string, EntryValue>();
  entries.forEach((e, i) => {
    const leaf = byCode.get(e.code);
    if (!leaf) {
      problems.push({ field: `entries.${i}.code`, code: 'unknownCriterion', message: `Tiêu chí "${e.code}" không có trong bộ tiêu chí (hoặc có mục con cần chấm).` });
      return;
    }
    if (values.has(e.code)) {
      problems.push({ field: `entries.${i}.code`, code: 'duplicate', message: `Tiêu chí ${e.code} được chấm hai lần.` });
      return;
    }
    const note = e.note?.trim() || null;
    const notApplicable = measures.notApplicable.get(e.code);
    if (notApplicable) {
      problems.push({ field: `entries.${i}.code`, code: 'notApplicable', message: `Tiêu chí ${e.code} không áp dụng cho đơn vị này: ${notApplicable}.` });
      return;
    }
    if (leaf.rule && takesFact(leaf.rule)) {
      if (e.achieved === undefined || e.points !== undefined) {
        problems.push({ field: `entries.${i}.achieved`, code: 'factRequired', message: `Tiêu chí ${e.code} tính điểm từ kết quả: nhập kết quả đạt được, không nhập điểm.` });
        return;
      }
      const fact = factEntry(leaf, Math.round(e.achieved * 100), measures, note);
      if ('problem' in fact) problems.push({ field: `entries.${i}.achieved`, code: 'outOfRange', message: fact.problem });
      else values.set(e.code, fact);
      return;
    }
    if (e.points === undefined) {
      problems.push({ field: `entries.${i}.points`, code: 'required', message: `Nhập điểm của tiêu chí ${e.code}.` });
      return;
    }
    const points = Math.round(e.points * 100);
    const problem = entryProblem(leaf, points);
    if (problem) problems.push({ field: `entries.${i}.points`, code: 'outOfRange', message: problem });
    values.set(e.code, { points, note, achieved: null });
  });
  if (problems.length) {
    const code = problems.every((p) => p.code === 'outOfRange') ? ErrorCode.ScoreOutOfRange : ErrorCode.ValidationFailed;
    throw new AppException(code, problems[0].message, problems);
  }
  return values;
}

/** The entry of a measured criterion from its achieved value (hundredths): the points its rule gives, or the problem. */
export function factEntry(leaf: LeafWithText, achieved: number, measures: SheetMeasures, note: string | null): EntryValue | { problem: string } {
  const c = { ...(leaf.rule ?? POINTS_RULE), code: leaf.code, kind: leaf.kind, maxPoints: leaf.maxPoints };
  const fact = { achieved, target: measures.targets.get(leaf.code) ?? null, leaderRatio: measures.leaderRatios.get(leaf.code) ?? null };
  const problem = factProblem(c, fact);
  return problem ? { problem } : { points: measuredPoints(c, fact).points, note, achieved };
}

/** A stale edit: says who changed the sheet last and when, so the user knows what they are reloading. */
export function staleWithAuthor(sheet: ScoreSheet, last: LastChange | null): AppException {
  if (!last) return stale(sheet.version);
  const who = last.fullName ? `${last.fullName} (${last.actorUsername})` : last.actorUsername;
  return new AppException(ErrorCode.VersionConflict, undefined, [
    { field: 'version', code: 'stale', message: `Phiếu đã được ${who} thay đổi lúc ${formatDateTimeVi(last.occurredAt)}; phiên bản hiện tại là ${sheet.version}.` },
  ]);
}

export function stale(current: number): AppException {
  return new AppException(ErrorCode.VersionConflict, undefined, [{ field: 'version', code: 'stale', message: `Phiếu đã được người khác thay đổi; phiên bản hiện tại là ${current}.` }]);
}
