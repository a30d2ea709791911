import { createHash, createHmac } from 'node:crypto';

/** The hash of the (virtual) entry before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

/** The content of an audit entry that its hash covers (everything but seq and hash). */
export interface AuditContent {
  occurredAt: string;
  actorId: string | null;
  actorUsername: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  requestId: string | null;
  organizerId: string | null;
  clusterId: string | null;
  prevHash: string;
}

/** JSON with keys sorted at every level, so the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The entry's hash. With a key (every entry from the anchor's keyedFromSeq on) it is an HMAC-SHA256: whoever
 * can write the database but lacks the server key cannot recompute the chain after changing an entry. Entries
 * written before the chain was keyed keep their plain SHA-256.
 */
export function auditHash(content: AuditContent, key?: Buffer): string {
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  return h.update(content.prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** The chain's head as last appended, signed with the key: kept in the database, unforgeable without the key. */
export interface AuditAnchor {
  keyedFromSeq: number;
  headSeq: number;
  headHash: string;
}

export function anchorMac(anchor: AuditAnchor, key: Buffer): string {
  return createHmac('sha256', key).update(`anchor\n${anchor.keyedFromSeq}\n${anchor.headSeq}\n${anchor.headHash}`).digest('hex');
}

/** A checkpoint (the head at some moment), signed, kept outside the database in dataDir. */
export function checkpointMac(seq: number, hash: string, at: string, key: Buffer): string {
  return createHmac('sha256', key).update(`checkpoint\n${seq}\n${hash}\n${at}`).digest('hex');
}

/**
 * - hash: an entry's content no longer matches its hash (changed, or re-hashed without the key);
 * - link: an entry does not follow the one before (removed or inserted in the middle);
 * - truncated: entries at the end were removed (the signed head or a checkpoint names later ones);
 * - anchor: the signed head is missing, forged, or disagrees with the chain;
 * - checkpoint: a checkpoint outside the database disagrees with the chain (or its signature is wrong).
 */
export type ChainProblem = 'hash' | 'link' | 'truncated' | 'anchor' | 'checkpoint';

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** seq of the first entry affected (changed, or the first one missing). */
  brokenAtSeq?: number;
  problem?: ChainProblem;
}

/**
 * Walks entries in seq order, carrying the previous hash between batches.
 * Returns the state to continue with, or the first broken entry.
 */
export function checkChainBatch(
  entries: Array<AuditContent & { seq: number; hash: string }>,
  previousHash: string,
  keying?: { key: Buffer; fromSeq: number },
): { lastHash: string; broken?: { seq: number; problem: 'hash' | 'link' } } {
  let prev = previousHash;
  for (const entry of entries) {
    if (entry.prevHash !== prev) return { lastHash: prev, broken: { seq: entry.seq, problem: 'link' } };
    const { seq, hash, ...content } = entry;
    const key = keying && seq >= keying.fromSeq ? keying.key : undefined;
    if (auditHash(content, key) !== hash) return { lastHash: prev, broken: { seq: entry.seq, problem: 'hash' } };
    prev = hash;
  }
  return { lastHash: prev };
}
