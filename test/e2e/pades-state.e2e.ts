import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fingerprint } from '../../src/documents/signing/unit-keys.service';
import { testCa } from '../support/pades-tools';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, binary, demoIds, startTestApp } from '../support/test-app';
import { sha256Hex } from '../../src/common/durable-file';

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

  it('a pledge’s signed file an earlier version kept in data/pledges becomes its first stored revision', async () => {
    const ids = await demoIds(t);
    const secretary = await t.token('cum6.secretary');
    const base = `/api/clusters/${ids.cum6}/years/2020/pledge`;
    const created = await t.http.post(base).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020', documentNumber: '01/GƯ-CTĐ6' }).expect(201);
    await t.http.post(`${base}/open`).auth(secretary, { type: 'bearer' }).send({ version: created.body.version }).expect(200);
    const download = async () => (await t.http.get(`${base}/signed-pdf`).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200)).body as Buffer;
    const prepared = await download();
    // As an earlier version left it: the file in the folder, nothing recorded on the pledge.
    await t.dataSource.query(`UPDATE pledges SET signed_file_path = NULL, signed_file_sha256 = NULL WHERE id = ${TEST_DB === 'postgres' ? '$1' : '?'}`, [created.body.id]);
    const legacy = Buffer.concat([prepared, Buffer.from('% kept by an earlier version\n')]);
    const folder = join(t.dataDir, 'pledges');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${created.body.id}.signed.pdf`), legacy);
    assert.ok((await download()).equals(legacy), 'the kept file is served, not a new one');
    const [row] = (await t.dataSource.query(`SELECT signed_file_path AS path, signed_file_sha256 AS sha FROM pledges WHERE id = ${TEST_DB === 'postgres' ? '$1' : '?'}`, [created.body.id])) as Array<{ path: string; sha: string }>;
    assert.equal(row.sha, sha256Hex(legacy));
    assert.equal(row.path, `pledges/${created.body.id}/${row.sha}.pdf`);
    assert.ok(existsSync(join(folder, `${created.body.id}.signed.adopted.pdf`)));
    assert.ok((await download()).equals(legacy), 'and stays the latest revision');
  });

  it('PostgreSQL: a stored key or certificate altered in the table is refused, with a message, not used', { skip: TEST_DB !== 'postgres' ? 'the folder is the store on SQLite' : false }, async () => {
    await t.dataSource.query("UPDATE pades_files SET content = $1 WHERE path = 'trust/thidua-test-ca.pem'", [Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')]);
    const res = await t.http.get('/api/signing/trusted-roots').auth(admin, { type: 'bearer' });
    assert.equal(res.status, 500);
    assert.match(res.body.message, /Dữ liệu ký số lưu trữ .* bị thay đổi/);
  });
});
