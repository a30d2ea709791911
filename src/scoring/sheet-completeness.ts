import type { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { CriteriaRepository } from '../criteria/criteria.repository';
import { rawQuery } from '../database/raw-sql';
import type { ScoreSheet } from './score-sheet.entity';
import type { ScoreSheetsRepository } from './score-sheets.repository';
import { takesFact } from '../criteria/measure.rules';
import { entryProblem } from './sheet.rules';

/**
 * What a sheet must hold before it is handed in: a score for every criterion (but those its target marks "không áp
 * dụng"), and — on a unit's self-score — the evidence its criteria require ("Cần minh chứng") for every score or
 * bonus it claims (a penalty it admits, or nothing claimed, needs none). Refused with each criterion named.
 */
export async function requireComplete(m: EntityManager, criteria: CriteriaRepository, sheets: ScoreSheetsRepository, sheet: ScoreSheet): Promise<void> {
  const leaves = await criteria.leaves(m, sheet.criteriaSetId);
  const entries = await sheets.entries(m, sheet.id);
  const entered = new Set(entries.map((e) => e.criterionCode));
  const { notApplicable } = await criteria.unitTargets(m, sheet.criteriaSetId, sheet.targetUnitId);
  const missing = leaves.filter((l) => !entered.has(l.code) && !notApplicable.has(l.code));
  if (missing.length) {
    throw new AppException(
      ErrorCode.BusinessRule,
      `Chưa chấm đủ các tiêu chí: ${missing.map((l) => l.code).join(', ')}.`,
      missing.map((l) => ({ field: `entries.${l.code}`, code: 'missing', message: `Chưa chấm tiêu chí ${l.code}.` })),
    );
  }
  // Points given under a maximum the criteria have since lowered (or another kind) are not handed in: scored again.
  const byCode = new Map(leaves.map((l) => [l.code, l]));
  const outOfRange = entries.flatMap((e) => {
    const leaf = byCode.get(e.criterionCode);
    const problem = leaf && !(leaf.rule && takesFact(leaf.rule)) ? entryProblem(leaf, e.points) : null;
    return problem ? [{ field: `entries.${e.criterionCode}`, code: 'outOfRange', message: problem }] : [];
  });
  if (outOfRange.length) {
    throw new AppException(ErrorCode.ScoreOutOfRange, `Điểm không còn đúng với bộ tiêu chí hiện hành: ${outOfRange.map((d) => d.message).join(' ')} Nhập lại rồi nộp.`, outOfRange);
  }
  await requireEvidence(m, leaves, entries, sheet);
}

/** On a unit's self-score, a file for every criterion marked "Cần minh chứng" that has points or a bonus claimed. */
export async function requireEvidence(m: EntityManager, leaves: Array<{ code: string; kind: string }>, entries: Array<{ criterionCode: string; points: number; achieved?: number | null }>, sheet: ScoreSheet): Promise<void> {
  if (sheet.scorerKind !== 'SELF') return;
  const kinds = new Map(leaves.map((l) => [l.code, l.kind]));
  const claimed = new Set(entries.filter((e) => kinds.get(e.criterionCode) !== 'PENALTY' && (e.points > 0 || (e.achieved ?? 0) > 0)).map((e) => e.criterionCode));
  const [required, evidenced] = await Promise.all([
    rawQuery<{ code: string }>(m, 'SELECT c.code FROM criteria c WHERE c.set_id = ? AND c.evidence_required = TRUE AND NOT EXISTS (SELECT 1 FROM criteria k WHERE k.parent_id = c.id) ORDER BY c.position', [sheet.criteriaSetId]),
    rawQuery<{ criterion_code: string }>(m, 'SELECT DISTINCT criterion_code FROM evidence_files WHERE sheet_id = ?', [sheet.id]),
  ]);
  const has = new Set(evidenced.map((r) => r.criterion_code));
  const lacking = required.map((r) => r.code).filter((code) => claimed.has(code) && !has.has(code));
  if (lacking.length) {
    throw new AppException(
      ErrorCode.BusinessRule,
      `Chưa có tài liệu minh chứng cho các tiêu chí yêu cầu minh chứng: ${lacking.join(', ')}. Tải minh chứng lên trước khi nộp phiếu tự chấm.`,
      lacking.map((code) => ({ field: `evidence.${code}`, code: 'missing', message: `Tiêu chí ${code} cần tài liệu minh chứng.` })),
    );
  }
}
