import { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { rawQuery } from '../database/raw-sql';

/**
 * Once members have submitted score sheets against a criteria set, the set is no longer edited in place: the points
 * already given would no longer match the criteria, and the pledge's signatures would be withdrawn in the middle of
 * the scoring. (A signed, locked set is amended by a new version instead.)
 */
export async function refuseWhenScored(m: EntityManager, criteriaSetId: string, what = 'Không sửa được bộ tiêu chí'): Promise<void> {
  const n = await scoredSheets(m, criteriaSetId);
  if (n > 0) {
    throw new AppException(
      ErrorCode.BusinessRule,
      `${what}: đã có ${n} phiếu chấm nộp theo bộ tiêu chí của giao ước. Sửa lúc này thì các chữ ký giao ước bị hủy giữa kỳ chấm điểm và điểm đã chấm có thể không còn khớp với nội dung đã ký.`,
    );
  }
}

/** How many score sheets were handed in (submitted, or locked at publication) against the criteria set. */
export async function scoredSheets(m: EntityManager, criteriaSetId: string): Promise<number> {
  const [row] = await rawQuery<{ n: number | string }>(m, "SELECT count(*) AS n FROM score_sheets WHERE criteria_set_id = ? AND status IN ('SUBMITTED', 'LOCKED')", [criteriaSetId]);
  return Number(row?.n ?? 0);
}

/**
 * A signed set is amended (a new version) only before the scoring rests on it: once a sheet was handed in against
 * it, or the year published, the points given, the ranking and the documents issued from it would change under the
 * same year (an amendment rewrote a published, awarded year's ranking: security review 4, 05/12/2026).
 */
export async function refuseAmendmentWhenScored(m: EntityManager, criteriaSetId: string, versionNo: number): Promise<void> {
  const n = await scoredSheets(m, criteriaSetId);
  if (n > 0) {
    throw AppException.field(
      ErrorCode.BusinessRule,
      'versionNo',
      `Không lập được bản sửa đổi: đã có ${n} phiếu chấm nộp theo phiên bản ${versionNo} của bộ tiêu chí. Điểm đã chấm, kết quả xếp hạng và văn bản đã ban hành đều căn cứ phiên bản này; bản sửa đổi chỉ lập được trước khi các đơn vị nộp phiếu chấm.`,
    );
  }
}
