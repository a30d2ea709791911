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
  const message = `Kết quả chấm điểm năm ${year} chưa được công bố: hội nghị bình xét phải căn cứ vào kết quả đã công bố nên chưa thể ${act}. Kết quả được chốt và công bố tại trang “Kết quả xếp hạng” của năm.`;
  throw new AppException(ErrorCode.BusinessRule, message, [{ field: 'year', code: 'unpublished', message }]);
}
