import { scoringWindow } from '../clusters/phases.rules';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { EmulationYear } from '../clusters/emulation-year.entity';
import { todayInVietnam } from '../common/time';
import type { FinalScoreRule, LeafCriterion } from './ranking.rules';

export const RULE_LABELS: Record<FinalScoreRule, string> = {
  CLUSTER: 'Điểm cụm thống nhất',
  PEER_MEAN: 'Trung bình điểm chấm chéo',
  PEER_TRIMMED_MEAN: 'Trung bình chấm chéo, bỏ một điểm cao nhất và một điểm thấp nhất khi có từ 4 phiếu chấm trở lên',
};

export { DEFAULT_BANDS } from './bands.rules';

export interface LeafWithText extends LeafCriterion {
  text: string;
}

/**
 * A published year is final until the organiser reopens it: no self, peer or consolidated sheet is created, saved,
 * submitted or filled from a file (`what` says which); the organiser's appraisal, MINISTRY, comes after publication.
 */
export function requireUnpublished(year: number, kind: string, config: { publishedAt: string | null }, what = 'không lập thêm phiếu chấm'): void {
  if (config.publishedAt && kind !== 'MINISTRY') throw new AppException(ErrorCode.SheetState, `Kết quả chấm điểm năm ${year} đã được công bố: ${what} (cơ quan tổ chức cần mở lại kết quả trước).`);
}

/** Member scorers (self and peer) write only within the year's scoring window (its phases), when one is set. */
export function requireScoringWindow(year: number, phases: EmulationYear | null, today = todayInVietnam()): void {
  const window = scoringWindow(year, phases, today);
  if (!window.open) throw new AppException(ErrorCode.ScoringClosed, window.message);
}
