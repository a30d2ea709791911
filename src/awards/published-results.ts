import type { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { ScoringConfigsRepository } from '../scoring/scoring-configs.repository';

/**
 * The review meeting weighs the candidates against the year's ranking (the Cờ thi đua goes to the leading units): it
 * is held, and its attendance and votes recorded, on the published results only, never on sheets still open to
 * change. `act` names what was refused, as the page words it.
 */
export async function requirePublishedResults(m: EntityManager, configs: ScoringConfigsRepository, clusterId: string, year: number, act: string): Promise<void> {
  const config = await configs.get(m, clusterId, year);
  if (config.publishedAt) return;
  const state = config.version ? `Kết quả chấm điểm năm ${year} chưa được công bố (hoặc đang được mở lại để sửa)` : `Năm ${year} chưa có kết quả chấm điểm được công bố`;
  const message = `${state}: hội nghị bình xét căn cứ kết quả đã công bố, chưa thể ${act}. Công bố kết quả ở trang Kết quả xếp hạng trước.`;
  throw new AppException(ErrorCode.BusinessRule, message, [{ field: 'year', code: 'unpublished', message }]);
}
