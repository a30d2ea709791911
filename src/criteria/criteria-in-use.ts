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
  const [row] = await rawQuery<{ n: number | string }>(m, "SELECT count(*) AS n FROM score_sheets WHERE criteria_set_id = ? AND status IN ('SUBMITTED', 'LOCKED')", [criteriaSetId]);
  const n = Number(row?.n ?? 0);
  if (n > 0) {
    throw new AppException(
      ErrorCode.BusinessRule,
      `${what}: đã có ${n} phiếu chấm nộp theo bộ tiêu chí của giao ước. Sửa lúc này thì các chữ ký giao ước bị hủy giữa kỳ chấm điểm và điểm đã chấm có thể không còn khớp với nội dung đã ký.`,
    );
  }
}
