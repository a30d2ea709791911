import { Not, type EntityManager } from 'typeorm';
import { AwardProposal } from './award-proposal.entities';
import { rawQuery } from '../database/raw-sql';
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

/**
 * A result a sent proposal rests on stays as it was (as with the ballots entered by hand): a ballot session of that
 * award is not opened, closed or decided once a proposal of the award left the secretariat. `act` as the page words it.
 */
export async function requireNotSent(m: EntityManager, clusterId: string, year: number, award: AwardProposal['awardCode'], act: string): Promise<void> {
  if (!(await m.exists(AwardProposal, { where: { clusterId, year, awardCode: award, status: Not('DRAFT') } }))) return;
  throw AppException.field(ErrorCode.BusinessRule, 'award', `Đã gửi đề nghị khen thưởng năm ${year} của danh hiệu này lên cơ quan tổ chức dựa trên kết quả hội nghị: không thể ${act}, kết quả mà đề nghị căn cứ không thay đổi được nữa.`);
}

/** A proposal is not sent while a secret ballot of its award is open at the meeting: the result it rests on is not in yet. */
export async function requireNoOpenBallot(m: EntityManager, clusterId: string, year: number, award: string): Promise<void> {
  const [open] = await rawQuery(m, "SELECT bs.id FROM ballot_sessions bs JOIN review_meetings rm ON rm.id = bs.meeting_id WHERE rm.cluster_id = ? AND rm.year = ? AND bs.award_code = ? AND bs.status = 'OPEN'", [clusterId, year, award]);
  if (open) throw new AppException(ErrorCode.BusinessRule, 'Phiên bỏ phiếu kín của danh hiệu này đang mở tại hội nghị: đóng phiên (kiểm phiếu) trước khi gửi đề nghị.');
}
