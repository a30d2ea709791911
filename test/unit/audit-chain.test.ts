import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuditContent, GENESIS_HASH, auditHash, canonicalJson, checkChainBatch } from '../../src/audit/audit-chain';

function chain(n: number) {
  const entries: Array<AuditContent & { seq: number; hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: AuditContent = {
      occurredAt: `2026-01-01T00:00:0${i % 10}.000Z`,
      actorId: null,
      actorUsername: 'system',
      action: 'unit.update',
      entityType: 'unit',
      entityId: `u${i}`,
      before: canonicalJson({ name: `A${i}` }),
      after: canonicalJson({ name: `B${i}` }),
      reason: 'Cập nhật',
      requestId: null,
      organizerId: null,
      clusterId: null,
      prevHash: prev,
    };
    const hash = auditHash(content);
    entries.push({ ...content, seq: i, hash });
    prev = hash;
  }
  return entries;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
  it('keeps Vietnamese text', () => assert.equal(canonicalJson({ t: 'Đắk Lắk' }), '{"t":"Đắk Lắk"}'));
});

describe('checkChainBatch', () => {
  it('accepts an intact chain, across batches', () => {
    const entries = chain(6);
    const first = checkChainBatch(entries.slice(0, 3), GENESIS_HASH);
    assert.equal(first.broken, undefined);
    const second = checkChainBatch(entries.slice(3), first.lastHash);
    assert.equal(second.broken, undefined);
    assert.equal(second.lastHash, entries[5].hash);
  });

  const tamperings: Array<[string, (e: ReturnType<typeof chain>) => ReturnType<typeof chain>, number, 'hash' | 'link']> = [
    ['a changed field', (e) => e.map((x) => (x.seq === 3 ? { ...x, reason: 'khác' } : x)), 3, 'hash'],
    ['a changed snapshot', (e) => e.map((x) => (x.seq === 2 ? { ...x, after: '{"name":"X"}' } : x)), 2, 'hash'],
    ['a removed entry', (e) => e.filter((x) => x.seq !== 3), 4, 'link'],
    ['swapped entries', (e) => [e[0], e[2], e[1], ...e.slice(3)], 3, 'link'],
    ['a recomputed hash without fixing the next link', (e) =>
        e.map((x) => {
          if (x.seq !== 2) return x;
          const { seq, hash: _old, ...content } = x;
          return { ...content, seq, actorUsername: 'eve', hash: auditHash({ ...content, actorUsername: 'eve' }) };
        }), 3, 'link'],
  ];
  for (const [name, tamper, seq, problem] of tamperings) {
    it(`detects ${name}`, () => {
      const result = checkChainBatch(tamper(chain(5)), GENESIS_HASH);
      assert.deepEqual(result.broken, { seq, problem });
    });
  }
});
