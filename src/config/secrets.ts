import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The JWT signing secret: the configured one, or one generated into dataDir on first start
 * (file mode 0600). The secret itself is never logged.
 */
export function resolveJwtSecret(configured: string | undefined, dataDir: string): { secret: string; generated: boolean } {
  if (configured) return { secret: configured, generated: false };
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return { secret, generated: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, generated: true };
}

/** Keys derived from the server key, one per purpose (HKDF-SHA256), so that no key serves two ends. */
export interface ServerKeys {
  /** Keys the audit chain's hashes and signs its anchor and checkpoints. */
  audit: Buffer;
  /** Encrypts the accounts' TOTP secrets (AES-256-GCM). */
  mfa: Buffer;
  /** Signs the device cookies (known device for the login throttle, remembered device for MFA). */
  device: Buffer;
}

/**
 * The server key (SERVER_KEY, or generated into dataDir/server-key, mode 0600): kept outside the database on
 * purpose, so that someone who can write the database can neither re-key the audit chain nor read the TOTP
 * secrets. Every instance of one deployment needs the same key; back it up with the signing key.
 */
export function resolveServerKeys(configured: string | undefined, dataDir: string): { keys: ServerKeys; generated: boolean } {
  let material = configured;
  let generated = false;
  if (!material) {
    const file = join(dataDir, 'server-key');
    if (existsSync(file)) material = readFileSync(file, 'utf8').trim();
    if (!material || material.length < 32) {
      mkdirSync(dataDir, { recursive: true });
      material = randomBytes(48).toString('base64url');
      writeFileSync(file, `${material}\n`, { mode: 0o600 });
      generated = true;
    }
  }
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', Buffer.from(material!), Buffer.alloc(0), `thidua ${purpose}`, 32));
  return { keys: { audit: derive('audit chain'), mfa: derive('mfa secrets'), device: derive('device cookies') }, generated };
}
