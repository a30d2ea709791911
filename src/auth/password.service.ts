import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/**
 * Tests only (TEST_CHEAP_ARGON2=1, accepted with NODE_ENV=test alone, see loadConfig): 1 MiB, 1 iteration. The
 * parameters are written in each hash, so hashes made with either setting verify under both.
 */
const TEST_OPTIONS = { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  /** Compared against when the user does not exist, so both paths take the same time. */
  private dummyHash?: Promise<string>;
  private readonly options: typeof OPTIONS | typeof TEST_OPTIONS;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = config.testCheapArgon2 && !config.production ? TEST_OPTIONS : OPTIONS;
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
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

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

let common: Set<string> | undefined;

/**
 * The 49,233 most common passwords of @zxcvbn-ts/language-common (gathered from breach corpora), plus words
 * of this system that people pick first.
 */
function commonPasswords(): Set<string> {
  if (!common) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
    common = new Set([...dictionary['passwords-common'], 'thiduakhenthuong', 'thiduakhenthuong1', 'matkhaumoi123', 'matkhau123456']);
  }
  return common;
}

/**
 * ASVS 5.0 (V6.2): at least 12 characters (up to 128, any character), not a common or breached password, not
 * built on the user name; no composition rules. Returns the Vietnamese problem or null.
 */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Mật khẩu phải dài ít nhất ${MIN_PASSWORD_LENGTH} ký tự (nên dùng một cụm từ dễ nhớ).`;
  if (length > MAX_PASSWORD_LENGTH) return `Mật khẩu dài tối đa ${MAX_PASSWORD_LENGTH} ký tự.`;
  const lower = password.normalize('NFC').toLowerCase();
  if (commonPasswords().has(lower) || commonPasswords().has(lower.replace(/[\d\W_]+$/u, ''))) {
    return 'Mật khẩu này quá phổ biến (nằm trong danh sách mật khẩu hay bị dò hoặc đã bị lộ): hãy chọn mật khẩu khác.';
  }
  if (new Set(lower).size < 4) return 'Mật khẩu quá đơn giản (quá ít ký tự khác nhau).';
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && lower.includes(name)) return 'Mật khẩu không được chứa tên đăng nhập.';
  return null;
}
