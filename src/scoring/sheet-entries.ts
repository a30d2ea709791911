import { AppException, ErrorDetail } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { formatDateTimeVi } from '../common/time';
import type { LastChange } from '../audit/audit.repository';
import { entryProblem } from './sheet.rules';
import type { ScoreSheet } from './score-sheet.entity';
import type { LeafWithText } from './scoring-context';
import type { EntryDto } from './scoring.dto';

/** Entries as hundredths, or every problem at once (all-or-nothing). */
export function checkedEntries(entries: EntryDto[], leaves: LeafWithText[]): Map<string, { points: number; note: string | null }> {
  const byCode = new Map(leaves.map((l) => [l.code, l]));
  const problems: ErrorDetail[] = [];
  const values = new Map<string, { points: number; note: string | null }>();
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
    const points = Math.round(e.points * 100);
    const problem = entryProblem(leaf, points);
    if (problem) problems.push({ field: `entries.${i}.points`, code: 'outOfRange', message: problem });
    values.set(e.code, { points, note: e.note?.trim() || null });
  });
  if (problems.length) {
    const code = problems.every((p) => p.code === 'outOfRange') ? ErrorCode.ScoreOutOfRange : ErrorCode.ValidationFailed;
    throw new AppException(code, problems[0].message, problems);
  }
  return values;
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
