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

/** How many score sheets were handed in (submitted, returned since, or locked at publication) against the criteria set. */
export async function scoredSheets(m: EntityManager, criteriaSetId: string): Promise<number> {
  // A returned sheet was handed in once: its scorer resends it against the criteria it was scored on.
  const [row] = await rawQuery<{ n: number | string }>(m, "SELECT count(*) AS n FROM score_sheets WHERE criteria_set_id = ? AND status IN ('SUBMITTED', 'LOCKED', 'RETURNED')", [criteriaSetId]);
  return Number(row?.n ?? 0);
}

/**
 * A signed set is amended (a new version) only before the scoring rests on it: once a sheet of the cluster-year was
 * handed in (against any version of its criteria; a returned one too), or the year published, the points given, the
 * ranking and the documents issued from it would change under the same year (an amendment rewrote a published,
 * awarded year's ranking: security review 4, 05/12/2026). On PostgreSQL the year's sheets are locked first, in the
 * order a submit locks them (its sheet, then the year's revision), so a submit under way is waited for and counted.
 */
export async function refuseAmendmentWhenScored(m: EntityManager, clusterId: string, year: number, versionNo: number): Promise<void> {
  if (m.connection.options.type === 'postgres') await rawQuery(m, 'SELECT id FROM score_sheets WHERE cluster_id = ? AND year = ? ORDER BY id FOR UPDATE', [clusterId, year]);
  const [[row], [config]] = await Promise.all([
    rawQuery<{ n: number | string }>(m, "SELECT count(*) AS n FROM score_sheets WHERE cluster_id = ? AND year = ? AND status IN ('SUBMITTED', 'LOCKED', 'RETURNED')", [clusterId, year]),
    rawQuery<{ published_at: string | null }>(m, 'SELECT published_at FROM scoring_configs WHERE cluster_id = ? AND year = ?', [clusterId, year]),
  ]);
  const n = Number(row?.n ?? 0);
  if (n > 0 || config?.published_at) {
    const why = n > 0 ? `đã có ${n} phiếu chấm nộp năm ${year}` : `kết quả chấm điểm năm ${year} đã công bố`;
    throw AppException.field(
      ErrorCode.BusinessRule,
      'versionNo',
      `Không lập được bản sửa đổi của phiên bản ${versionNo}: ${why}. Điểm đã chấm, kết quả xếp hạng và văn bản đã ban hành đều căn cứ bộ tiêu chí hiện hành; bản sửa đổi chỉ lập được trước khi các đơn vị nộp phiếu chấm.`,
    );
  }
}
