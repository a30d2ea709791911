import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * Multi-factor authentication and device cookies, as pure functions over the server's keys:
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of drift either way) with the `otpauth` library,
 * the TOTP secret encrypted at rest (AES-256-GCM), recovery codes stored as SHA-256 hashes (they are
 * 50 random bits each, so a slow hash adds nothing), and signed cookies for known and remembered devices.
 */
export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = 'thidua';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, username: string): string {
  return totp(secretBase32, username).toString();
}

/** The code of a moment (tests, the README's demo). */
export function totpCode(secretBase32: string, at = Date.now()): string {
  return totp(secretBase32, 'x').generate({ timestamp: at });
}

/**
 * The time step a 6-digit code belongs to (within one step of now), or null. A step at or before `lastStep`
 * is refused: a code is accepted once.
 */
export function acceptTotp(secretBase32: string, code: string, lastStep: number | null | undefined, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32, 'x').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
  return lastStep !== null && lastStep !== undefined && step <= lastStep ? null : step;
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
export function encryptSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function decryptSecret(stored: string, key: Buffer): string | null {
  const [v, iv, tag, data] = stored.split('.');
  if (v !== 'v1' || !iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** Ten recovery codes "xxxxx-xxxxx" (lowercase base32, 50 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b & 31]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5, 10)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase().replace(/[\s-]/g, '')).digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z2-7]{5}-?[a-z2-7]{5}$/i.test(code.trim());
}

function mac(key: Buffer, ...parts: string[]): string {
  return createHmac('sha256', key).update(parts.join('\n')).digest('base64url');
}

function sameMac(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * The known-device cookie (OWASP "device cookies"): issued to a browser at each successful sign-in of an
 * account; an attempt that presents it for that account is throttled per device, not per account or address,
 * so an attacker's burst does not lock the owner out of their usual browser.
 */
export function newDeviceToken(username: string, key: Buffer): string {
  const id = randomUUID();
  const name = Buffer.from(username).toString('base64url');
  return `d1.${name}.${id}.${mac(key, 'device', username, id)}`;
}

/** The device id when the token is genuine and was issued to `username`, else null. */
export function deviceIdFor(token: string | undefined, username: string, key: Buffer): string | null {
  const [v, name, id, sig] = (token ?? '').split('.');
  if (v !== 'd1' || !name || !id || !sig) return null;
  if (Buffer.from(name, 'base64url').toString() !== username) return null;
  return sameMac(sig, mac(key, 'device', username, id)) ? id : null;
}

/** The remembered-device cookie: the second factor is not asked again on this browser until it expires. */
export function newRememberToken(userId: string, mfaEnabledAt: string, expiresAtMs: number, key: Buffer): string {
  return `r1.${userId}.${expiresAtMs}.${mac(key, 'mfa-remember', userId, mfaEnabledAt, String(expiresAtMs))}`;
}

/** Valid for this user's current enrolment and not expired. */
export function isRemembered(token: string | undefined, userId: string, mfaEnabledAt: string, key: Buffer, now = Date.now()): boolean {
  const [v, id, expires, sig] = (token ?? '').split('.');
  if (v !== 'r1' || id !== userId || !/^\d+$/.test(expires ?? '') || Number(expires) < now || !sig) return false;
  return sameMac(sig, mac(key, 'mfa-remember', userId, mfaEnabledAt, expires));
}
