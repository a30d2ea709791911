import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/**
 * Tests only (TEST_CHEAP_ARGON2=1, accepted with NODE_ENV=test alone, see loadConfig): 1 MiB, 1 iteration. The
 * parameters are written in each hash, so hashes made with either setting verify under both.
 */
const TEST_OPTIONS = { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  /** Compared against when the user does not exist, so both paths take the same time. */
  private dummyHash?: Promise<string>;
  private readonly options: typeof ARGON2_OPTIONS | typeof TEST_OPTIONS;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = config.testCheapArgon2 && !config.production ? TEST_OPTIONS : ARGON2_OPTIONS;
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  /** Whether hashes are made with the baseline ARGON2_OPTIONS (not the tests' cheap ones): a hash made beforehand with them fits. */
  get baseline(): boolean {
    return this.options === ARGON2_OPTIONS;
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= this.hash('thidua-timing-equaliser');
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../common/password-policy';
