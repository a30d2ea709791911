import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, TestApp, demoCredentials, demoIds, startTestApp } from '../support/test-app';

/**
 * Two instances on one PostgreSQL behind the balancer (scripts/cluster-ci.mjs starts them and passes
 * CLUSTER_INSTANCE_URLS and CLUSTER_PIDS): what one instance does, the other honours — sessions, the login throttle,
 * the ranking's cache —, concurrent writes through the balancer lose nothing, and one instance killed during a
 * write burst loses no acknowledged write.
 */
const [urlA, urlB] = (process.env.CLUSTER_INSTANCE_URLS ?? '').split(',');
const [pidA, pidB] = (process.env.CLUSTER_PIDS ?? '').split(',').map(Number);

async function call(url: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('two instances behind the balancer', { skip: !urlA || !urlB ? 'run by scripts/cluster-ci.mjs' : false }, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    admin = await t.token('admin');
  });
  after(() => t.close());

  it('a session opened on one instance is honoured by the other, and ended on both by a sign-out on one', async () => {
    const login = await call(urlA, 'POST', '/api/auth/login', undefined, demoCredentials('lamdong'));
    assert.equal(login.status, 200);
    const token = login.body.accessToken as string;
    assert.equal((await call(urlB, 'GET', '/api/auth/me', token)).status, 200);
    assert.equal((await call(urlB, 'POST', '/api/auth/logout', token)).status, 204);
    const refused = await call(urlA, 'GET', '/api/auth/me', token);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'AUTH_SESSION_ENDED');
  });

  it('the login throttle counts the failures made on both instances', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await call(i % 2 ? urlB : urlA, 'POST', '/api/auth/login', undefined, { username: 'kontum', password: `sai-mat-khau-${i}` });
      if (res.status === 429) break;
      assert.equal(res.status, 401);
    }
    for (const url of [urlA, urlB]) {
      const blocked = await call(url, 'POST', '/api/auth/login', undefined, { username: 'kontum', password: DEMO_PASSWORD });
      assert.equal(blocked.status, 429, 'blocked on either instance, even with the right password');
    }
  });

  it('a change made on one instance is in the ranking the other instance had cached', async () => {
    const secretary = await t.token('cum6.secretary');
    const ranking = `/api/clusters/${ids.cum6}/years/2019/scoring/ranking`;
    const shortNameIn = (body: { rows: Array<{ unit: { id: string; shortName: string } }> }) => body.rows.find((r) => r.unit.id === ids.daklak)!.unit.shortName;
    const first = await call(urlA, 'GET', ranking, secretary);
    assert.equal(first.status, 200);
    const unit = (await call(urlB, 'GET', `/api/units/${ids.daklak}`, admin)).body;
    assert.equal((await call(urlB, 'PATCH', `/api/units/${ids.daklak}`, admin, { version: unit.version, shortName: 'Đắk Lắk (đổi ở B)', reason: 'Đổi tên viết tắt' })).status, 200);
    assert.equal(shortNameIn((await call(urlA, 'GET', ranking, secretary)).body), 'Đắk Lắk (đổi ở B)');
  });

  it('200 concurrent creations through the balancer: all acknowledged, all stored, each audited once, the chain linear', async () => {
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => t.http.post('/api/units').auth(admin, { type: 'bearer' }).send({ code: `CL-${i}`, kind: 'MEMBER', name: `Đơn vị hai máy ${i}`, shortName: `HM ${i}` })));
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [201]);
    const [{ n }] = await t.dataSource.query("SELECT count(*) AS n FROM units u JOIN audit_entries a ON a.entity_id = u.id AND a.action = 'unit.create' WHERE u.code LIKE 'CL-%'");
    assert.equal(Number(n), 200);
    assert.equal((await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' })).body.ok, true);
  });

  it('100 concurrent edits of one version through the balancer: exactly one wins', async () => {
    const path = `/api/clusters/${ids.cum6}/years/2020`;
    const token = await t.token('cum6.secretary');
    const current = (await t.http.get(path).auth(token, { type: 'bearer' }).expect(200)).body;
    const days = Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2020, 2, 10 + i)).toISOString().slice(0, 10));
    const responses = await Promise.all(days.map((day) => t.http.patch(path).auth(token, { type: 'bearer' }).send({ version: current.version, midYearReviewOn: day, reason: 'Dời lịch sơ kết' })));
    assert.equal(responses.filter((r) => r.status === 200).length, 1);
    assert.equal(responses.filter((r) => r.status === 409).length, 99);
  });

  it('one instance killed during a write burst: no acknowledged write is lost, the other serves on', { timeout: 120_000 }, async () => {
    const acknowledged = new Set<string>();
    const failed: string[] = [];
    let killedAt = 0;
    let afterKill = 0;
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const code = `KILL-${w}-${i}`;
        try {
          const res = await t.http.post('/api/units').auth(admin, { type: 'bearer' }).send({ code, kind: 'MEMBER', name: `Đơn vị thử ngắt ${code}`, shortName: code });
          if (res.status === 201) {
            acknowledged.add(code);
            if (killedAt) afterKill++;
          } else if (res.status >= 500 && ![502, 503, 504].includes(res.status)) failed.push(`${code}: ${res.status}`);
        } catch {
          /* a connection cut with the killed instance: not acknowledged */
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 800));
    process.kill(pidA, 'SIGKILL');
    killedAt = Date.now();
    await new Promise((r) => setTimeout(r, 2500));
    stop = true;
    await Promise.all(writers);
    assert.deepEqual(failed, []);
    const rows = (await t.dataSource.query("SELECT code FROM units WHERE code LIKE 'KILL-%'")) as Array<{ code: string }>;
    const present = new Set(rows.map((r) => r.code));
    assert.deepEqual([...acknowledged].filter((c) => !present.has(c)), [], 'acknowledged writes lost');
    assert.ok(afterKill > 0, 'the surviving instance acknowledged writes after the kill');
    const [{ n }] = await t.dataSource.query("SELECT count(*) AS n FROM units u WHERE u.code LIKE 'KILL-%' AND NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.entity_id = u.id AND a.action = 'unit.create')");
    assert.equal(Number(n), 0, 'no unit without its audit entry');
    assert.equal((await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' })).body.ok, true);
    process.stdout.write(`# kill: ${acknowledged.size} acknowledged writes (${afterKill} after the kill) all present\n`);
  });

  it('what the balancer answers itself is in the application’s error shape, in Vietnamese: no instance up (the last one killed), 503', { timeout: 30_000 }, async () => {
    process.kill(pidB, 'SIGKILL');
    let res = await fetch(`${process.env.E2E_BASE_URL}/api/health`);
    for (let i = 0; res.status !== 503 && i < 40; i++) {
      await new Promise((r) => setTimeout(r, 250));
      res = await fetch(`${process.env.E2E_BASE_URL}/api/health`);
    }
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual([body.statusCode, body.code], [503, 'SERVICE_UNAVAILABLE']);
    assert.match(String(body.message), /^Hệ thống tạm thời chưa sẵn sàng/);
  });
});
