import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { AuditContent, GENESIS_HASH, anchorMac, auditHash, checkChainBatch } from '../../src/audit/audit-chain';
import { acceptTotp, decryptSecret, deviceIdFor, encryptSecret, hashRecoveryCode, isRemembered, newDeviceToken, newRecoveryCodes, newRememberToken, newTotpSecret, totpCode } from '../../src/auth/mfa';
import { MAX_INPUT_DEPTH, cleanFileName, sanitizeInput, textProblem } from '../../src/common/validation/input-hygiene';
import { zipProblem } from '../../src/documents/excel/zip-inspection';
import { safeNext } from '../../src/web/web-auth.controller';
import { lyingZip } from '../support/hostile-input';

describe('safeNext: only a path of this site follows a login', () => {
  const cases: Array<[unknown, string]> = [
    ['/cum/6?nam=2020#xep-hang', '/cum/6?nam=2020#xep-hang'],
    ['/%2F%2Fevil', '/%2F%2Fevil'],
    ['/\t/evil.example/phish', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\n/evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\\/evil.example', '/'],
    ['/..//evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
    [undefined, '/'],
    [['/a'], '/'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(safeNext(input), expected));
});

describe('input hygiene', () => {
  const texts: Array<[string, boolean, string | null]> = [
    ['Phú Yên', false, null],
    ['dòng 1\ndòng 2', true, null],
    ['dòng 1\ndòng 2', false, 'một dòng'],
    ['cột\tcột', false, 'một dòng'],
    ['admin\u0000', true, 'điều khiển'],
    ['a\u0007b', true, 'điều khiển'],
    ['x\u0085y', true, 'điều khiển'],
    ['Phú\u200bYên', true, 'vô hình'],
    ['\u202eevil', true, 'vô hình'],
    ['\ufeffBOM', true, 'vô hình'],
    ['so\u00adft', true, 'vô hình'],
    ['\ud800', true, 'không hợp lệ'],
    ['a\udc00b', true, 'không hợp lệ'],
    ['emoji 😀 ok', true, null],
  ];
  for (const [text, multiline, problem] of texts) {
    it(`${JSON.stringify(text)} (${multiline ? 'multi-line' : 'one line'}) → ${problem ?? 'accepted'}`, () => {
      const found = textProblem(text, multiline);
      if (problem === null) assert.equal(found, null);
      else assert.match(found ?? '', new RegExp(problem));
    });
  }

  it('normalises every string to NFC in place, keys and nested values included', () => {
    const body = { name: 'Phú Yên'.normalize('NFD'), list: [{ note: 'Đắk Lắk'.normalize('NFD') }] };
    sanitizeInput(body);
    assert.equal(body.name, 'Phú Yên'.normalize('NFC'));
    assert.equal(body.list[0].note, 'Đắk Lắk'.normalize('NFC'));
  });

  it('names the offending field by its path', () => {
    assert.throws(() => sanitizeInput({ entries: [{ code: 'TC1' }, { note: 'a\u0000' }] }), (e: { details: Array<{ field: string }> }) => e.details[0].field === 'entries.1.note');
  });

  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels without recursion (a 100,000-level value does not overflow)`, () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    assert.throws(() => sanitizeInput(deep), /lồng nhau quá sâu/);
    let ok: unknown = 1;
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) ok = { a: ok };
    assert.doesNotThrow(() => sanitizeInput(ok));
  });

  it('cleans uploaded file names: NFC, no control or invisible characters, no path', () => {
    assert.equal(cleanFileName('Báo cáo.pdf'.normalize('NFD')), 'Báo cáo.pdf');
    assert.equal(cleanFileName('../../etc/passwd'), '.._.._etc_passwd');
    assert.equal(cleanFileName('a\u202e\u0000fdp.exe'), 'afdp.exe');
    assert.equal(cleanFileName('\u200b'), 'tep');
  });
});

describe('zipProblem: real inflated sizes, not declared ones', () => {
  it('refuses an entry whose real size passes the budget, though it declares 1,000 bytes', () => {
    assert.match(zipProblem(lyingZip(60 * 1024 * 1024)) ?? '', /vượt quá 50 MB/);
  });
  it('refuses an entry whose real size differs from the declared one', () => {
    assert.match(zipProblem(lyingZip(5000)) ?? '', /khai báo sai kích thước/);
  });
  it('accepts an honest entry', () => {
    const honest = lyingZip(1000);
    assert.equal(zipProblem(honest), null);
  });
  it('refuses a corrupt archive', () => {
    const broken = lyingZip(1000);
    broken.fill(0, 40, 60);
    assert.notEqual(zipProblem(broken), null);
  });
});

describe('multi-factor authentication', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 11, 1, 8, 0, 15);
  const step = Math.floor(now / 30_000);
  it('accepts the code of now and of one step either side, once', () => {
    assert.equal(acceptTotp(secret, totpCode(secret, now), null, now), step);
    assert.equal(acceptTotp(secret, totpCode(secret, now - 30_000), null, now), step - 1);
    assert.equal(acceptTotp(secret, totpCode(secret, now + 30_000), null, now), step + 1);
    assert.equal(acceptTotp(secret, totpCode(secret, now - 90_000), null, now), null, 'too old');
    assert.equal(acceptTotp(secret, totpCode(secret, now), step, now), null, 'a step already used');
    assert.equal(acceptTotp(secret, '12345', null, now), null);
    assert.equal(acceptTotp(secret, 'abcdef', null, now), null);
  });
  it('encrypts the secret (a wrong key or a changed byte reads nothing)', () => {
    const key = randomBytes(32);
    const stored = encryptSecret(secret, key);
    assert.ok(!stored.includes(secret));
    assert.equal(decryptSecret(stored, key), secret);
    assert.equal(decryptSecret(stored, randomBytes(32)), null);
    assert.equal(decryptSecret(stored.slice(0, -2) + (stored.endsWith('A') ? 'BB' : 'AA'), key), null);
  });
  it('makes ten distinct recovery codes, hashed the same with or without the dash', () => {
    const codes = newRecoveryCodes();
    assert.equal(new Set(codes).size, 10);
    assert.ok(codes.every((c) => /^[a-z2-7]{5}-[a-z2-7]{5}$/.test(c)));
    assert.equal(hashRecoveryCode(codes[0]), hashRecoveryCode(codes[0].replace('-', '').toUpperCase()));
  });
  it('device cookies are bound to their account and key; remembered devices to the enrolment and expiry', () => {
    const key = randomBytes(32);
    const token = newDeviceToken('kontum', key);
    assert.ok(deviceIdFor(token, 'kontum', key));
    assert.equal(deviceIdFor(token, 'lamdong', key), null);
    assert.equal(deviceIdFor(token, 'kontum', randomBytes(32)), null);
    const remember = newRememberToken('u1', '2026-12-01T08:00:00.000Z', now + 1000, key);
    assert.equal(isRemembered(remember, 'u1', '2026-12-01T08:00:00.000Z', key, now), true);
    assert.equal(isRemembered(remember, 'u1', '2026-12-02T08:00:00.000Z', key, now), false, 'a new enrolment forgets old devices');
    assert.equal(isRemembered(remember, 'u1', '2026-12-01T08:00:00.000Z', key, now + 2000), false, 'expired');
    assert.equal(isRemembered(remember, 'u2', '2026-12-01T08:00:00.000Z', key, now), false);
  });
});

describe('the keyed audit chain', () => {
  const key = randomBytes(32);
  const entry = (prevHash: string, action: string): AuditContent => ({
    occurredAt: '2026-12-01T08:00:00.000Z', actorId: null, actorUsername: 'system', action, entityType: 'unit', entityId: 'x',
    before: null, after: null, reason: null, requestId: null, organizerId: null, clusterId: null, prevHash,
  });
  it('entries from keyedFromSeq on are HMACs: a chain recomputed with plain SHA-256 breaks at the first keyed entry', () => {
    const a = entry(GENESIS_HASH, 'a');
    const aHash = auditHash(a);
    const b = entry(aHash, 'b');
    const bHash = auditHash(b, key);
    const chain = [{ ...a, seq: 1, hash: aHash }, { ...b, seq: 2, hash: bHash }];
    assert.equal(checkChainBatch(chain, GENESIS_HASH, { key, fromSeq: 2 }).broken, undefined);
    const forged = [{ ...a, seq: 1, hash: aHash }, { ...b, seq: 2, hash: auditHash(b) }];
    assert.deepEqual(checkChainBatch(forged, GENESIS_HASH, { key, fromSeq: 2 }).broken, { seq: 2, problem: 'hash' });
  });
  it('the anchor\'s signature covers where keying starts and the head', () => {
    const anchor = { keyedFromSeq: 1, headSeq: 10, headHash: 'f'.repeat(64) };
    assert.notEqual(anchorMac(anchor, key), anchorMac({ ...anchor, headSeq: 8 }, key));
    assert.notEqual(anchorMac(anchor, key), anchorMac({ ...anchor, keyedFromSeq: 11 }, key));
    assert.notEqual(anchorMac(anchor, key), anchorMac(anchor, randomBytes(32)));
  });
});
