import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { CriteriaChangeHook } from '../criteria/criteria-change.hook';
import { PledgesRepository } from './pledges.repository';

/** The criteria are the pledge's content: changing them while it is being signed withdraws the signatures, once confirmed. */
@Injectable()
export class PledgeCriteriaHook implements CriteriaChangeHook {
  constructor(private readonly pledges: PledgesRepository) {}

  async beforeChange(m: EntityManager, criteriaSetId: string, confirmed: boolean, reason: string): Promise<void> {
    const pledge = await this.pledges.openOnCriteriaSet(m, criteriaSetId);
    if (!pledge) return;
    const active = await this.pledges.countActiveSignatures(m, pledge.id);
    if (active > 0) {
      if (!confirmed) {
        throw new AppException(
          ErrorCode.PledgeSignaturesWouldReset,
          `Bản giao ước đang ký đã có ${active} đơn vị ký: sửa bộ tiêu chí sẽ hủy các chữ ký này. Gửi lại với confirmResetSignatures = true để xác nhận.`,
          [{ field: 'confirmResetSignatures', code: 'required', message: `Cần xác nhận hủy ${active} chữ ký.` }],
        );
      }
      await this.pledges.withdrawActiveSignatures(m, pledge.id, `Bộ tiêu chí được chỉnh sửa: ${reason}`);
    }
    // The signed file holds the old criteria: the next signature or download prepares it again.
    await this.pledges.update(m, pledge, pledge.version, { signedFilePath: null, signedFileSha256: null });
  }
}
