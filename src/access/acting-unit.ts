import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';

/**
 * The member unit the caller acts for among `members` (the units of a cluster-year): the caller's own unit, or a
 * unit it succeeded after a merger (Sở KH&CN Đắk Lắk acts for Sở TTTT Phú Yên and Sở TTTT Đắk Lắk when a past year
 * is replayed). When the caller succeeded several members of the year, `requested` names the one; null when none.
 */
export function actingUnit(p: Principal, members: readonly string[], requested?: string | null): string | null {
  if (requested) {
    if (!p.unitIds.includes(requested)) throw AppException.forbidden('Mỗi đơn vị chỉ được làm việc này cho chính đơn vị mình hoặc đơn vị mình kế thừa.');
    return members.includes(requested) ? requested : null;
  }
  const mine = p.unitIds.filter((id) => members.includes(id));
  if (mine.length > 1) {
    throw AppException.field(ErrorCode.BusinessRule, 'unitId', 'Đơn vị của bạn kế thừa nhiều đơn vị thành viên của năm này: hãy chọn đơn vị thực hiện (unitId).');
  }
  return mine[0] ?? null;
}
