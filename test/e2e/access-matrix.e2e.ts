import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, demoIds, startTestApp } from '../support/test-app';

const USERS = ['admin', 'reviewer', 'cum6.secretary', 'cum1.secretary', 'gialai', 'kontum'] as const;
type User = (typeof USERS)[number];
type Expect = Record<User, number>;

/** Same answer for every role but the listed ones. */
const all = (status: number, except: Partial<Expect> = {}): Expect =>
  Object.fromEntries(USERS.map((u) => [u, except[u] ?? status])) as Expect;

describe(`access matrix: every role and scope against every route (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
  });
  after(() => t.close());

  /** Fresh version of a versioned resource, read as admin. */
  const version = async (path: string) => (await t.http.get(path).auth(await t.token('admin'), { type: 'bearer' })).body.version;

  interface Row {
    name: string;
    send: (token: string, user: User) => Promise<{ status: number; body: { code?: string } }>;
    expect: Expect;
  }

  const rows = (): Row[] => {
    const get = (path: string) => (token: string) => t.http.get(path).auth(token, { type: 'bearer' });
    return [
      { name: 'GET /api/units', send: get('/api/units'), expect: all(200) },
      { name: 'GET a unit of Cụm 6', send: get(`/api/units/${ids.gialai}`), expect: all(200, { 'cum1.secretary': 404 }) },
      {
        name: 'GET a unit of Cụm 1',
        send: get(`/api/units/${ids.hanoi}`),
        expect: all(404, { admin: 200, reviewer: 200, 'cum1.secretary': 200 }),
      },
      {
        name: 'GET the organiser of Nghệ An',
        send: get(`/api/units/${ids.ngheAn}`),
        expect: all(404, { admin: 200 }),
      },
      {
        name: 'POST /api/units',
        send: (token, user) =>
          t.http
            .post('/api/units')
            .auth(token, { type: 'bearer' })
            .send({ code: `TEST-${user.toUpperCase().replace(/[^A-Z]/g, '')}`, kind: 'MEMBER', name: 'Đơn vị thử', shortName: 'Thử' }),
        expect: all(403, { admin: 201 }),
      },
      {
        name: 'PATCH a unit',
        send: async (token) =>
          t.http
            .patch(`/api/units/${ids.daklak}`)
            .auth(token, { type: 'bearer' })
            .send({ version: await version(`/api/units/${ids.daklak}`), womenShare: 71.5, reason: 'Cập nhật tỷ lệ nữ' }),
        expect: all(403, { admin: 200 }),
      },
      { name: 'GET /api/clusters', send: get('/api/clusters'), expect: all(200) },
      { name: 'GET Cụm 6', send: get(`/api/clusters/${ids.cum6}`), expect: all(200, { 'cum1.secretary': 404 }) },
      {
        name: 'GET Cụm 1',
        send: get(`/api/clusters/${ids.cum1}`),
        expect: all(404, { admin: 200, reviewer: 200, 'cum1.secretary': 200 }),
      },
      { name: 'GET Nghệ An Cụm 1', send: get(`/api/clusters/${ids.naCum1}`), expect: all(404, { admin: 200 }) },
      {
        name: 'PATCH Cụm 6',
        send: async (token) =>
          t.http
            .patch(`/api/clusters/${ids.cum6}`)
            .auth(token, { type: 'bearer' })
            .send({ version: await version(`/api/clusters/${ids.cum6}`), name: 'Cụm thi đua số 6', reason: 'Kiểm tra quyền' }),
        expect: all(403, { admin: 200, reviewer: 200, 'cum1.secretary': 403 }),
      },
      {
        name: 'PATCH Nghệ An Cụm 1',
        send: async (token) =>
          t.http
            .patch(`/api/clusters/${ids.naCum1}`)
            .auth(token, { type: 'bearer' })
            .send({ version: await version(`/api/clusters/${ids.naCum1}`), name: 'Cụm thi đua số 1', reason: 'Kiểm tra quyền' }),
        expect: all(403, { admin: 200, reviewer: 404 }),
      },
      {
        name: 'POST a cluster of Bộ TTTT',
        send: (token, user) =>
          t.http
            .post('/api/clusters')
            .auth(token, { type: 'bearer' })
            .send({ organizerId: ids.ministry, number: 50 + USERS.indexOf(user), name: 'Cụm thử', documentCode: 'CTĐT' }),
        expect: all(403, { admin: 201, reviewer: 201 }),
      },
      {
        name: 'POST a cluster of Nghệ An',
        send: (token, user) =>
          t.http
            .post('/api/clusters')
            .auth(token, { type: 'bearer' })
            .send({ organizerId: ids.ngheAn, number: 60 + USERS.indexOf(user), name: 'Cụm thử', documentCode: 'CTĐT' }),
        expect: all(403, { admin: 201 }),
      },
      { name: 'GET members of Cụm 6', send: get(`/api/clusters/${ids.cum6}/members?year=2020`), expect: all(200, { 'cum1.secretary': 404 }) },
      {
        name: 'GET members of Cụm 1',
        send: get(`/api/clusters/${ids.cum1}/members?year=2022`),
        expect: all(404, { admin: 200, reviewer: 200, 'cum1.secretary': 200 }),
      },
      {
        name: 'POST a member to Cụm 7 (2030)',
        send: async (token) => {
          const unit = await t.http
            .post('/api/units')
            .auth(await t.token('admin'), { type: 'bearer' })
            .send({ code: `NEW-${randomUUID().slice(0, 8).toUpperCase()}`, kind: 'MEMBER', name: 'Sở mới', shortName: 'Sở mới' });
          return t.http.post(`/api/clusters/${ids.cum7}/members`).auth(token, { type: 'bearer' }).send({ unitId: unit.body.id, year: 2030 });
        },
        expect: all(403, { admin: 201, reviewer: 201 }),
      },
      {
        name: 'DELETE a member of Cụm 6',
        send: async (token) => {
          const members = await t.http.get(`/api/clusters/${ids.cum6}/members?year=2021`).auth(await t.token('admin'), { type: 'bearer' });
          const target = members.body[0].membershipId;
          return t.http.delete(`/api/clusters/${ids.cum6}/members/${target}`).auth(token, { type: 'bearer' }).send({ version: 1, reason: 'Kiểm tra quyền' });
        },
        expect: all(403, { admin: 204, reviewer: 204 }),
      },
      { name: 'GET years of Cụm 6', send: get(`/api/clusters/${ids.cum6}/years`), expect: all(200, { 'cum1.secretary': 404 }) },
      { name: 'GET year 2020 of Cụm 6', send: get(`/api/clusters/${ids.cum6}/years/2020`), expect: all(200, { 'cum1.secretary': 404 }) },
      {
        name: 'PATCH year 2020 of Cụm 6',
        send: async (token) =>
          t.http
            .patch(`/api/clusters/${ids.cum6}/years/2020`)
            .auth(token, { type: 'bearer' })
            .send({ version: await version(`/api/clusters/${ids.cum6}/years/2020`), midYearReviewOn: '2020-07-16', reason: 'Dời lịch sơ kết' }),
        expect: all(403, { admin: 200, reviewer: 200, 'cum6.secretary': 200, 'cum1.secretary': 404 }),
      },
      {
        name: 'PATCH year 2022 of Cụm 1',
        send: async (token) =>
          t.http
            .patch(`/api/clusters/${ids.cum1}/years/2022`)
            .auth(token, { type: 'bearer' })
            .send({ version: await version(`/api/clusters/${ids.cum1}/years/2022`), midYearReviewOn: '2022-07-20', reason: 'Dời lịch sơ kết' }),
        // Cần Thơ chaired 2022: the secretariat of Hải Phòng (chair of 2023) may read it, not change it.
        expect: all(403, { admin: 200, reviewer: 200, 'cum6.secretary': 404 }),
      },
      {
        name: 'POST year 2023 of Cụm 6',
        send: async (token, user) => {
          // Each allowed caller creates it once: remove it between rows through the database.
          await t.dataSource.query(`DELETE FROM emulation_years WHERE cluster_id = '${ids.cum6}' AND year = 2023`);
          void user;
          return t.http.post(`/api/clusters/${ids.cum6}/years`).auth(token, { type: 'bearer' }).send({ year: 2023 });
        },
        expect: all(403, { admin: 201, reviewer: 201, 'cum6.secretary': 201, 'cum1.secretary': 404 }),
      },
      { name: 'GET /api/cluster-decisions', send: get('/api/cluster-decisions'), expect: all(403, { admin: 200, reviewer: 200 }) },
      {
        name: 'POST a decision of Bộ TTTT',
        send: (token, user) =>
          t.http
            .post('/api/cluster-decisions')
            .auth(token, { type: 'bearer' })
            .send({ organizerId: ids.ministry, number: `${USERS.indexOf(user) + 1}/QĐ-TEST`, signedOn: '2021-01-15', effectiveYear: 2021 }),
        expect: all(403, { admin: 201, reviewer: 201 }),
      },
      {
        name: 'POST a decision of Nghệ An',
        send: (token, user) =>
          t.http
            .post('/api/cluster-decisions')
            .auth(token, { type: 'bearer' })
            .send({ organizerId: ids.ngheAn, number: `${USERS.indexOf(user) + 1}/QĐ-NA`, signedOn: '2021-01-15', effectiveYear: 2021 }),
        expect: all(403, { admin: 201 }),
      },
      { name: 'GET /api/users', send: get('/api/users'), expect: all(403, { admin: 200 }) },
      { name: 'GET /api/audit', send: get('/api/audit'), expect: all(403, { admin: 200, reviewer: 200 }) },
      { name: 'GET /api/audit/verify', send: get('/api/audit/verify'), expect: all(403, { admin: 200, reviewer: 200 }) },
      { name: 'GET /api/auth/me', send: get('/api/auth/me'), expect: all(200) },
    ];
  };

  it('answers each role as expected on each route', async () => {
    const mismatches: string[] = [];
    for (const row of rows()) {
      for (const user of USERS) {
        const res = await row.send(await t.token(user), user);
        if (res.status !== row.expect[user]) {
          mismatches.push(`${row.name} as ${user}: ${res.status} (expected ${row.expect[user]}) ${JSON.stringify(res.body).slice(0, 200)}`);
        }
        if (res.status >= 400) assert.ok(res.body.code, `${row.name} as ${user} answers an error code`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it('a reviewer sees only the trail of their organiser in the audit log', async () => {
    const res = await t.http.get('/api/audit?limit=500').auth(await t.token('reviewer'), { type: 'bearer' }).expect(200);
    assert.ok(res.body.items.length > 0);
    const organizers = new Set(res.body.items.map((e: { entityType: string }) => e.entityType));
    assert.ok(!organizers.has('user') && !organizers.has('session') && !organizers.has('seed'));
  });

  it('no route is open without a token except health, login, document verification and the API docs', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    const open: string[] = [];
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const url = path.replace(/\{year\}/g, '2020').replace(/\{[^}]+\}/g, randomUUID());
        const res = await (t.http as unknown as Record<string, (u: string) => { send(b: object): Promise<{ status: number }> }>)
          [method](url)
          .send({});
        if (res.status !== 401) open.push(`${method.toUpperCase()} ${path}: ${res.status}`);
      }
    }
    // Document verification is public on purpose: the QR code printed in each document leads there.
    assert.deepEqual(open.sort(), [
      'GET /api/documents/{id}/verification: 404',
      'GET /api/health: 200',
      'POST /api/auth/login: 400',
      'POST /api/documents/verify: 400',
    ]);
  });
});
