import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { call, sleep, spawnServer } from './server';
import { demoCredentials } from '../support/test-app';
import { seededSqliteDataDir } from '../support/template';

/**
 * SIGTERM during a write burst: readiness answers 503 while liveness stays 200 (the balancer takes the instance
 * out), the requests in flight finish and are answered, the process exits 0, and every acknowledged write is stored.
 */
describe('graceful stop: SIGTERM drains, finishes the requests in flight and exits 0', { skip: process.env.TEST_DB === 'postgres' ? 'SQLite file database' : false }, () => {
  it('no request answered 5xx, every acknowledged write stored, readiness 503 while draining', { timeout: 120_000 }, async () => {
    const dataDir = seededSqliteDataDir('thidua-stop-');
    const port = 3900 + Math.floor(Math.random() * 100);
    const server = await spawnServer(dataDir, port, { SHUTDOWN_DRAIN_SECONDS: '1' });
    try {
      const admin = (await call(server.url, 'POST', '/api/auth/login', undefined, demoCredentials('admin'))).body.accessToken as string;
      assert.equal((await call(server.url, 'GET', '/api/health/ready')).status, 200);
      const acknowledged = new Set<string>();
      const answered: number[] = [];
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const code = `STOP-${w}-${i}`;
          try {
            const res = await call(server.url, 'POST', '/api/units', admin, { code, kind: 'MEMBER', name: `Đơn vị thử dừng ${code}`, shortName: code });
            answered.push(res.status);
            if (res.status === 201) acknowledged.add(code);
          } catch {
            return; // the server stopped accepting: refused, not a lost answer
          }
        }
      };
      const writers = Array.from({ length: 6 }, (_, w) => writer(w));
      await sleep(400);
      server.child.kill('SIGTERM');
      await sleep(300);
      const ready = await call(server.url, 'GET', '/api/health/ready');
      assert.equal(ready.status, 503, 'readiness refuses while draining');
      assert.equal((await call(server.url, 'GET', '/api/health/live')).status, 200, 'liveness stays up');
      assert.equal(await server.exited, 0, 'exits 0');
      stop = true;
      await Promise.all(writers);
      assert.deepEqual(answered.filter((s) => s >= 500), [], 'no request answered 5xx');
      const db = new Database(join(dataDir, 'thidua.sqlite'), { fileMustExist: true });
      try {
        const present = new Set((db.prepare("SELECT code FROM units WHERE code LIKE 'STOP-%'").all() as Array<{ code: string }>).map((r) => r.code));
        assert.deepEqual([...acknowledged].filter((c) => !present.has(c)), []);
      } finally {
        db.close();
      }
      assert.ok(acknowledged.size > 6, `writes were acknowledged (${acknowledged.size})`);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
