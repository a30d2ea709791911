import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { backupSqlite, inspectSqlite, restoreSqlite } from '../../src/database/backup';
import { DEMO_PASSWORD, TEST_DB, TestApp, startTestApp } from '../support/test-app';

describe('backup and restore of the SQLite database (online backup API)', { skip: TEST_DB === 'postgres' ? 'PostgreSQL uses pg_dump (README)' : false }, () => {
  let t: TestApp;
  let admin: string;
  const others: TestApp[] = [];
  before(async () => {
    t = await startTestApp();
    admin = await t.token('admin');
  });
  after(async () => {
    for (const o of others) await o.close();
    await t.close();
  });

  const addUnit = (i: number) =>
    t.http.post('/api/units').auth(admin, { type: 'bearer' }).send({ code: `SAO-LUU-${i}`, kind: 'MEMBER', name: `Đơn vị sao lưu ${i}`, shortName: `SL ${i}` });

  it('the backup command writes a copy, and the folders it makes, readable by its user only (security review)', () => {
    const destination = join(mkdtempSync(join(tmpdir(), 'thidua-backup-')), 'ngoai', 'ban-sao.sqlite');
    // Run from a shell with the usual umask 022 (the test process has the server's 077, which a child would inherit).
    execFileSync('sh', ['-c', 'umask 022; exec "$0" "$@"', process.execPath, resolve(__dirname, '../../src/cli/backup.js'), 'backup', destination], { env: { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: '' }, stdio: 'pipe' });
    assert.deepEqual([statSync(destination).mode & 0o777, statSync(dirname(destination)).mode & 0o777], [0o600, 0o700]);
  });

  it('copies a consistent state while the server keeps writing', async () => {
    const db = join(t.dataDir, 'thidua.sqlite');
    const writes = Promise.all(Array.from({ length: 40 }, (_, i) => addUnit(i)));
    const check = await backupSqlite(db, join(t.dataDir, 'backups', 'dang-ghi.sqlite'));
    const results = await writes;
    assert.ok(results.every((r) => r.status === 201));
    assert.equal(check.integrity, 'ok');
    assert.ok(check.rows.units >= 54, 'the reference units are in the copy');
    assert.ok(check.rows.audit_entries > 0);
    await assert.rejects(backupSqlite(db, check.file), /đã tồn tại/, 'an existing backup is never overwritten');
  });

  it('a restored backup holds every record of the moment it was taken, and the app starts on it', async () => {
    await addUnit(1000).expect(201);
    const db = join(t.dataDir, 'thidua.sqlite');
    const backup = await backupSqlite(db, join(t.dataDir, 'backups', 'yen-tinh.sqlite'));
    const atBackup = await t.snapshot();
    await addUnit(1001).expect(201); // after the backup: must not be in the restore

    const target = join(t.dataDir, 'restored', 'thidua.sqlite');
    const restored = await restoreSqlite(backup.file, target);
    assert.equal(restored.previous, null);
    assert.deepEqual(restored.rows, backup.rows);
    // A restore needs the server key of the database's deployment (it keys the audit chain and the MFA secrets).
    const app2 = await startTestApp({ SQLITE_PATH: target, SERVER_KEY: readFileSync(join(t.dataDir, 'server-key'), 'utf8').trim() });
    others.push(app2);
    assert.equal(await app2.snapshot(), atBackup, 'every row of every table is back, nothing more');
    // The admin's code was used before the backup (a code is accepted once): the browser remembered for MFA signs
    // in without one, as the remembered-device cookie is bound to the account and the same server key.
    const token = (
      await app2.http.post('/api/auth/login').set('Cookie', `thidua_mfa=${t.rememberedDevice('admin')}`).send({ username: 'admin', password: DEMO_PASSWORD }).expect(200)
    ).body.accessToken as string;
    const found = await app2.http.get('/api/units?q=sao luu 1000').auth(token, { type: 'bearer' }).expect(200);
    assert.equal(found.body.items.length, 1);
    const later = await app2.http.get('/api/units?q=sao luu 1001').auth(token, { type: 'bearer' }).expect(200);
    assert.equal(later.body.items.length, 0);
    const chain = await app2.http.get('/api/audit/verify').auth(token, { type: 'bearer' }).expect(200);
    assert.equal(chain.body.ok, true, 'the audit chain of the restored database is intact');
  });

  it('restoring over an existing database keeps the old file, and refuses a file that is not a backup', async () => {
    const target = join(t.dataDir, 'restored2', 'thidua.sqlite');
    const first = await backupSqlite(join(t.dataDir, 'thidua.sqlite'), join(t.dataDir, 'backups', 'lan-1.sqlite'));
    await restoreSqlite(first.file, target);
    const again = await restoreSqlite(first.file, target, new Date('2026-01-02T03:04:05Z'));
    assert.ok(again.previous && existsSync(again.previous));
    assert.equal(inspectSqlite(again.previous!).integrity, 'ok');
    await assert.rejects(restoreSqlite(join(__dirname, 'backup.e2e.js'), join(t.dataDir, 'x.sqlite')), /not a database|không phải|file is not/i);
  });
});
