import { Inject, Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { UnitOfWork } from '../database/unit-of-work';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginAttempts } from './login-throttle';

/**
 * The checks a signed-in account repeats on its own settings — its current password (changing it, turning the second
 * factor off) and its authenticator code (enabling, new recovery codes, turning it off) — under the sign-in throttle
 * of the account: past the limit in the window, 429 without checking; a wrong answer counts, a right one clears.
 */
@Injectable()
export class AccountChecks {
  private readonly attempts: LoginAttempts;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    repository: LoginAttemptsRepository,
  ) {
    this.attempts = new LoginAttempts(repository, config.loginWindowSeconds * 1000);
  }

  /** Runs `check` (which throws WrongCurrentPassword or MfaInvalid when the answer is wrong) as one throttled attempt of the account. */
  async guard<T>(userId: string, check: () => Promise<T>): Promise<T> {
    const key = `account:${userId}`;
    const reserved = await this.uow.write((m) => this.attempts.reserve(m, [{ key, limit: this.config.loginMaxFailures }], !this.uow.isSqlite));
    if ('wait' in reserved) {
      throw new AppException(ErrorCode.TooManyLoginAttempts, `Nhập sai mật khẩu hoặc mã xác thực quá nhiều lần. Vui lòng thử lại sau ${reserved.wait} giây.`, [], { 'Retry-After': String(reserved.wait) });
    }
    // Only a wrong password or code counts; another refusal (a second factor already on) neither counts nor clears.
    let outcome: 'right' | 'wrong' | 'other' = 'other';
    try {
      const result = await check();
      outcome = 'right';
      return result;
    } catch (error) {
      if (error instanceof AppException && (error.code === ErrorCode.WrongCurrentPassword || error.code === ErrorCode.MfaInvalid)) outcome = 'wrong';
      throw error;
    } finally {
      await this.uow.write((m) => this.attempts.settle(m, reserved.ids, outcome !== 'wrong', outcome === 'right' ? [key] : [])).catch(() => undefined);
    }
  }
}
