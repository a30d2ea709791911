import { createHash } from 'node:crypto';

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

export function auditHash(content: AuditContent): string {
  return createHash('sha256').update(content.prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** seq of the first entry whose link or hash does not match. */
  brokenAtSeq?: number;
  problem?: 'hash' | 'link';
}

/**
 * Walks entries in seq order, carrying the previous hash between batches.
 * Returns the state to continue with, or the first broken entry.
 */
export function checkChainBatch(
  entries: Array<AuditContent & { seq: number; hash: string }>,
  previousHash: string,
): { lastHash: string; broken?: { seq: number; problem: 'hash' | 'link' } } {
  let prev = previousHash;
  for (const entry of entries) {
    if (entry.prevHash !== prev) return { lastHash: prev, broken: { seq: entry.seq, problem: 'link' } };
    const { seq: _seq, hash, ...content } = entry;
    if (auditHash(content) !== hash) return { lastHash: prev, broken: { seq: entry.seq, problem: 'hash' } };
    prev = hash;
  }
  return { lastHash: prev };
}
