import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fingerprint } from '../../src/documents/signing/unit-keys.service';
import { testCa } from '../support/pades-tools';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, startTestApp } from '../support/test-app';

/**
 * Where the signing state lives: data/pades on SQLite; the table pades_files on PostgreSQL, where what an earlier
 * version kept in the instance's folder is taken in on first read and every read checks the stored SHA-256.
 * Writes into the data folder, so it runs in-process only.
 */
describe(`the signing state (${TEST_DB})`, { skip: IN_PROCESS_ONLY }, () => {
  let t: TestApp;
  let admin: string;
  const root = testCa();
  const sha = fingerprint(root.certificate);
  before(async () => {
    t = await startTestApp();
    admin = await t.token('admin');
  });
  after(() => t.close());

  it('a root an earlier version kept in data/pades/trust is still trusted (PostgreSQL: taken into pades_files)', async () => {
    const trust = join(t.dataDir, 'pades', 'trust');
    mkdirSync(trust, { recursive: true });
    writeFileSync(join(trust, `${sha}.pem`), root.certificate);
    const roots = await t.http.get('/api/signing/trusted-roots').auth(admin, { type: 'bearer' }).expect(200);
    assert.ok(roots.body.some((r: { sha256: string }) => r.sha256 === sha), 'the root kept in the folder is listed');
    assert.ok(roots.body.some((r: { subject: string }) => /thidua demo test CA/.test(r.subject)), 'with the demo CA');
    if (TEST_DB === 'postgres') {
      const rows = (await t.dataSource.query('SELECT path FROM pades_files WHERE path = $1', [`trust/${sha}.pem`])) as unknown[];
      assert.equal(rows.length, 1, 'taken into the shared table');
      assert.ok(existsSync(join(trust, `${sha}.pem.adopted`)) && !existsSync(join(trust, `${sha}.pem`)), 'the local copy set aside');
      const again = await t.http.get('/api/signing/trusted-roots').auth(admin, { type: 'bearer' }).expect(200);
      assert.deepEqual(again.body, roots.body);
    } else {
      assert.ok(existsSync(join(trust, `${sha}.pem`)), 'SQLite keeps the folder');
    }
  });

  it('PostgreSQL: a stored key or certificate altered in the table is refused, with a message, not used', { skip: TEST_DB !== 'postgres' ? 'the folder is the store on SQLite' : false }, async () => {
    await t.dataSource.query("UPDATE pades_files SET content = $1 WHERE path = 'trust/thidua-test-ca.pem'", [Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')]);
    const res = await t.http.get('/api/signing/trusted-roots').auth(admin, { type: 'bearer' });
    assert.equal(res.status, 500);
    assert.match(res.body.message, /Dữ liệu ký số lưu trữ .* bị thay đổi/);
  });
});
