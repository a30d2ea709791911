import type { EntityManager } from 'typeorm';
import { AppException, ErrorDetail } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { formatDateTimeVi } from '../common/time';
import { rawQuery } from '../database/raw-sql';
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
export async function staleWithAuthor(m: EntityManager, sheet: ScoreSheet): Promise<AppException> {
  const [last] = await rawQuery<{ actor_username: string; full_name: string | null; occurred_at: string }>(
    m,
    `SELECT a.actor_username, u.full_name, a.occurred_at FROM audit_entries a LEFT JOIN users u ON u.username = a.actor_username
      WHERE a.entity_type = 'score_sheet' AND a.entity_id = ? ORDER BY a.seq DESC LIMIT 1`,
    [sheet.id],
  );
  if (!last) return stale(sheet.version);
  const who = last.full_name ? `${last.full_name} (${last.actor_username})` : last.actor_username;
  return new AppException(ErrorCode.VersionConflict, undefined, [
    { field: 'version', code: 'stale', message: `Phiếu đã được ${who} thay đổi lúc ${formatDateTimeVi(last.occurred_at)}; phiên bản hiện tại là ${sheet.version}.` },
  ]);
}

export function stale(current: number): AppException {
  return new AppException(ErrorCode.VersionConflict, undefined, [{ field: 'version', code: 'stale', message: `Phiếu đã được người khác thay đổi; phiên bản hiện tại là ${current}.` }]);
}
