/** The password policy (shared by sign-in, accounts and the first administrator's configured password). */
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
