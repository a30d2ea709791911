import { createHash, X509Certificate } from 'node:crypto';
import type { PadesStore } from './pades-store';

/** SHA-256 (hex) of a certificate's DER: how the signing state names and compares certificates. */
export const fingerprint = (der: Buffer): string => createHash('sha256').update(der).digest('hex');
/** A holder id as it appears in the signing state's file names. */
export const safe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * The holder outside `own` (a unit and the units it acts for after a merger) whose certificate this is, or null: by the
 * index of registered certificates (kept since 05/12/2026), a holder's server-held certificate (holders/<id>.crt.pem)
 * or PKCS#11 token (holders/<id>.pkcs11.json), or one registered to a `candidates` holder before the index was kept.
 */
export async function holderOutside(store: PadesStore, own: string[], raw: Buffer, candidates: string[]): Promise<string | null> {
  const sha = fingerprint(raw);
  const mine = new Set(own.map(safe));
  const indexed = (await store.read(`registered-index/${sha}`))?.toString('utf8');
  if (indexed && !mine.has(indexed)) return indexed;
  for (const file of await store.list('holders')) {
    const owner = file.replace(/\.(crt\.pem|pkcs11\.json)$/, '');
    if (owner === file || mine.has(owner)) continue;
    const bytes = await store.read(`holders/${file}`);
    if (!bytes) continue;
    const pem = file.endsWith('.crt.pem') ? bytes.toString('utf8') : (JSON.parse(bytes.toString('utf8')) as { certificatePem: string }).certificatePem;
    if (fingerprint(new X509Certificate(pem).raw) === sha) return owner;
  }
  for (const holder of candidates.map(safe)) if (!mine.has(holder) && (await store.exists(`holders/${holder}.registered/${sha}.pem`))) return holder;
  return null;
}
