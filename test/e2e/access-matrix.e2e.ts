import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { POLICY, Permission, Scope } from '../../src/access/access.policy';
import { ACCESS_KEY, AccessRule } from '../../src/common/auth/auth.decorators';
import { Role } from '../../src/common/auth/roles';
import { AuditController } from '../../src/audit/audit.controller';
import { AuthController } from '../../src/auth/auth.controller';
import { UsersController } from '../../src/auth/users.controller';
import { ClusterDecisionsController } from '../../src/clusters/cluster-decisions.controller';
import { ClustersController } from '../../src/clusters/clusters.controller';
import { AwardsController } from '../../src/awards/awards.controller';
import { ScoringController } from '../../src/scoring/scoring.controller';
import { UnitsController } from '../../src/units/units.controller';
import { AccessService } from '../../src/access/access.service';
import { openSessionPrincipal } from '../../src/auth/authenticator';
import { SessionsRepository } from '../../src/auth/sessions.repository';
import { AppException } from '../../src/common/errors/app.exception';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, demoIds, startTestApp } from '../support/test-app';

const USERS = ['admin', 'reviewer', 'cum6.secretary', 'cum1.secretary', 'gialai', 'kontum'] as const;
type User = (typeof USERS)[number];
type Expect = Record<User, number>;
type ClusterKey = 'cum1' | 'cum6' | 'cum7' | 'naCum1';
type OrganizerKey = 'ministry' | 'ngheAn';

/**
 * Facts of the demo data, stated here independently of the code under test: who each account is, which
 * organiser each cluster has, who works for, chairs (manages the years of) or is a member of which cluster.
 */
const ORGANIZER_OF: Record<ClusterKey, OrganizerKey> = { cum1: 'ministry', cum6: 'ministry', cum7: 'ministry', naCum1: 'ngheAn' };
interface Facts {
  role: Role;
  organizer?: OrganizerKey;
  /** Clusters a secretary works for. */
  works?: ClusterKey[];
  /** Cluster-years whose data a secretary's unit manages (its chair years, and hand-over). */
  manages?: Array<[ClusterKey, number]>;
  memberOf?: ClusterKey[];
}
const FACTS: Record<User, Facts> = {
  admin: { role: Role.Admin },
  reviewer: { role: Role.MinistryReviewer, organizer: 'ministry' },
  // Đắk Lắk's secretariat: Cụm 6, chair 2020 (and the later years until another term is recorded: hand-over;
  // Gia Lai chaired 2019).
  'cum6.secretary': { role: Role.ClusterSecretary, works: ['cum6'], manages: [['cum6', 2020], ['cum6', 2021], ['cum6', 2022], ['cum6', 2023], ['cum6', 2024]] },
  // Hải Phòng's secretariat: Cụm 1, chair from 2023; Cần Thơ chaired 2022; no term before 2022 is recorded, so the
  // assigned secretariat keeps those years.
  'cum1.secretary': { role: Role.ClusterSecretary, works: ['cum1'], manages: [['cum1', 2019], ['cum1', 2020], ['cum1', 2021], ['cum1', 2023], ['cum1', 2024]] },
  gialai: { role: Role.UnitOfficer, memberOf: ['cum6'] },
  kontum: { role: Role.UnitOfficer, memberOf: ['cum6'] },
};

/** Whether the facts put a target in a scope of the policy. */
function inScope(f: Facts, scope: Scope | undefined, target: { cluster?: ClusterKey; organizer?: OrganizerKey; year?: number }): boolean {
  const cluster = target.cluster;
  const organizer = target.organizer ?? (cluster ? ORGANIZER_OF[cluster] : undefined);
  const manages = (year: number) => (f.manages ?? []).some(([c, y]) => c === cluster && y === year);
  switch (scope) {
    case undefined:
      return false;
    case 'all':
      return true;
    case 'organizer':
      return f.organizer !== undefined && f.organizer === organizer;
    case 'assigned':
      return !!cluster && (f.works ?? []).includes(cluster);
    case 'member':
      return !!cluster && (f.memberOf ?? []).includes(cluster);
    case 'yearSecretariat':
      return !!cluster && (f.works ?? []).includes(cluster) && (target.year === undefined || manages(target.year));
    case 'awardsSecretariat':
      return !!cluster && (f.works ?? []).includes(cluster) && (target.year === undefined || manages(target.year + 1) || manages(target.year));
  }
}

/** A controller class, as the test reads its metadata. */
type Controller = { name: string; prototype: object };

/** The roles a route admits, read from its @Auth metadata. */
function routeRoles(controller: Controller, method: string): Role[] | 'public' {
  // As the guard reads it: the handler's rule, else the controller's.
  const rule = (Reflect.getMetadata(ACCESS_KEY, (controller.prototype as Record<string, object>)[method]) ?? Reflect.getMetadata(ACCESS_KEY, controller)) as AccessRule | undefined;
  assert.ok(rule, `${controller.name}.${method} has an access rule`);
  return rule.public ? 'public' : rule.roles;
}

interface Need {
  permission: Permission;
  cluster?: ClusterKey;
  organizer?: OrganizerKey;
  year?: number;
}

/**
 * The answer the policy gives each account: 403 if the route does not admit its role; for an object of a
 * cluster, 404 if the account may not read the cluster, 403 if it may read it but lacks the permission;
 * else `ok`.
 */
function expected(route: [Controller, string], need: Need | null, ok: number): Expect {
  const roles = routeRoles(...route);
  const out = {} as Expect;
  for (const user of USERS) {
    const f = FACTS[user];
    if (roles !== 'public' && !roles.includes(f.role)) out[user] = 403;
    else if (!need) out[user] = ok;
    else if (need.cluster && !inScope(f, POLICY[Permission.ClusterRead][f.role], need)) out[user] = 404;
    else out[user] = inScope(f, POLICY[need.permission][f.role], need) ? ok : 403;
  }
  return out;
}

/** Same answer for every role but the listed ones (unit visibility: a scope query, not yet in the policy table). */
const all = (status: number, except: Partial<Expect> = {}): Expect =>
  Object.fromEntries(USERS.map((u) => [u, except[u] ?? status])) as Expect;

describe(`access matrix generated from the policy: every role and scope against the routes (${TEST_DB})`, () => {
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
      { name: 'GET /api/units', send: get('/api/units'), expect: expected([UnitsController, 'list'], null, 200) },
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
        expect: expected([UnitsController, 'create'], null, 201),
      },
      {
        name: 'PATCH a unit',
        send: async (token) =>
          t.http
            .patch(`/api/units/${ids.daklak}`)
            .auth(token, { type: 'bearer' })
            .send({ version: await version(`/api/units/${ids.daklak}`), womenShare: 71.5, reason: 'Cập nhật tỷ lệ nữ' }),
        expect: expected([UnitsController, 'update'], null, 200),
      },
      { name: 'GET /api/clusters', send: get('/api/clusters'), expect: expected([ClustersController, 'list'], null, 200) },
      { name: 'GET Cụm 6', send: get(`/api/clusters/${ids.cum6}`), expect: expected([ClustersController, 'get'], { permission: Permission.ClusterRead, cluster: 'cum6' }, 200) },
      {
        name: 'GET Cụm 1',
        send: get(`/api/clusters/${ids.cum1}`),
        expect: expected([ClustersController, 'get'], { permission: Permission.ClusterRead, cluster: 'cum1' }, 200),
      },
      { name: 'GET Nghệ An Cụm 1', send: get(`/api/clusters/${ids.naCum1}`), expect: expected([ClustersController, 'get'], { permission: Permission.ClusterRead, cluster: 'naCum1' }, 200) },
      {
        name: 'PATCH Cụm 6',
        send: async (token) =>
          t.http
            .patch(`/api/clusters/${ids.cum6}`)
            .auth(token, { type: 'bearer' })
            .send({ version: await version(`/api/clusters/${ids.cum6}`), name: 'Cụm thi đua số 6', reason: 'Kiểm tra quyền' }),
        expect: expected([ClustersController, 'update'], { permission: Permission.ClusterOrganize, cluster: 'cum6' }, 200),
      },
      {
        name: 'PATCH Nghệ An Cụm 1',
        send: async (token) =>
          t.http
            .patch(`/api/clusters/${ids.naCum1}`)
            .auth(token, { type: 'bearer' })
            .send({ version: await version(`/api/clusters/${ids.naCum1}`), name: 'Cụm thi đua số 1', reason: 'Kiểm tra quyền' }),
        expect: expected([ClustersController, 'update'], { permission: Permission.ClusterOrganize, cluster: 'naCum1' }, 200),
      },
      {
        // Today the ministry is Bộ KH&CN (Bộ TTTT ended on 28/02/2025); the reviewer acts for both.
        name: 'POST a cluster of Bộ KH&CN',
        send: (token, user) =>
          t.http
            .post('/api/clusters')
            .auth(token, { type: 'bearer' })
            .send({ organizerId: ids.successorMinistry, number: 50 + USERS.indexOf(user), name: 'Cụm thử', documentCode: 'CTĐT' }),
        expect: expected([ClustersController, 'create'], { permission: Permission.OrganizerAct, organizer: 'ministry' }, 201),
      },
      {
        name: 'POST a cluster of Nghệ An',
        send: async (token, user) =>
          t.http
            .post('/api/clusters')
            .auth(token, { type: 'bearer' })
            .send({ organizerId: await ids.unit('SKHCN-NGHEAN'), number: 60 + USERS.indexOf(user), name: 'Cụm thử', documentCode: 'CTĐT' }),
        expect: expected([ClustersController, 'create'], { permission: Permission.OrganizerAct, organizer: 'ngheAn' }, 201),
      },
      { name: 'GET members of Cụm 6', send: get(`/api/clusters/${ids.cum6}/members?year=2020`), expect: expected([ClustersController, 'listMembers'], { permission: Permission.ClusterRead, cluster: 'cum6' }, 200) },
      {
        name: 'GET members of Cụm 1',
        send: get(`/api/clusters/${ids.cum1}/members?year=2022`),
        expect: expected([ClustersController, 'listMembers'], { permission: Permission.ClusterRead, cluster: 'cum1' }, 200),
      },
      {
        name: 'POST a member to Cụm 7 (2024)',
        send: async (token) => {
          const unit = await t.http
            .post('/api/units')
            .auth(await t.token('admin'), { type: 'bearer' })
            .send({ code: `NEW-${randomUUID().slice(0, 8).toUpperCase()}`, kind: 'MEMBER', name: 'Sở mới', shortName: 'Sở mới' });
          return t.http.post(`/api/clusters/${ids.cum7}/members`).auth(token, { type: 'bearer' }).send({ unitId: unit.body.id, year: 2024 });
        },
        expect: expected([ClustersController, 'addMember'], { permission: Permission.ClusterOrganize, cluster: 'cum7' }, 201),
      },
      {
        name: 'DELETE a member of Cụm 6',
        send: async (token) => {
          const members = await t.http.get(`/api/clusters/${ids.cum6}/members?year=2021`).auth(await t.token('admin'), { type: 'bearer' });
          const target = members.body[0].membershipId;
          return t.http.delete(`/api/clusters/${ids.cum6}/members/${target}`).auth(token, { type: 'bearer' }).send({ version: 1, reason: 'Kiểm tra quyền' });
        },
        expect: expected([ClustersController, 'removeMember'], { permission: Permission.ClusterOrganize, cluster: 'cum6' }, 204),
      },
      { name: 'GET years of Cụm 6', send: get(`/api/clusters/${ids.cum6}/years`), expect: expected([ClustersController, 'listYears'], { permission: Permission.ClusterRead, cluster: 'cum6' }, 200) },
      { name: 'GET year 2020 of Cụm 6', send: get(`/api/clusters/${ids.cum6}/years/2020`), expect: expected([ClustersController, 'getYear'], { permission: Permission.ClusterRead, cluster: 'cum6' }, 200) },
      {
        name: 'PATCH year 2020 of Cụm 6',
        send: async (token) =>
          t.http
            .patch(`/api/clusters/${ids.cum6}/years/2020`)
            .auth(token, { type: 'bearer' })
            .send({ version: await version(`/api/clusters/${ids.cum6}/years/2020`), midYearReviewOn: '2020-07-16', reason: 'Dời lịch sơ kết' }),
        expect: expected([ClustersController, 'updateYear'], { permission: Permission.YearManage, cluster: 'cum6', year: 2020 }, 200),
      },
      {
        name: 'PATCH year 2022 of Cụm 1',
        send: async (token) =>
          t.http
            .patch(`/api/clusters/${ids.cum1}/years/2022`)
            .auth(token, { type: 'bearer' })
            .send({ version: await version(`/api/clusters/${ids.cum1}/years/2022`), midYearReviewOn: '2022-07-20', reason: 'Dời lịch sơ kết' }),
        // Cần Thơ chaired 2022: the secretariat of Hải Phòng (chair of 2023) may read it, not change it.
        expect: expected([ClustersController, 'updateYear'], { permission: Permission.YearManage, cluster: 'cum1', year: 2022 }, 200),
      },
      {
        name: 'POST year 2023 of Cụm 6',
        send: async (token, user) => {
          // Each allowed caller creates it once: remove it between rows through the database.
          await t.dataSource.query(`DELETE FROM emulation_years WHERE cluster_id = '${ids.cum6}' AND year = 2023`);
          void user;
          return t.http.post(`/api/clusters/${ids.cum6}/years`).auth(token, { type: 'bearer' }).send({ year: 2023 });
        },
        expect: expected([ClustersController, 'createYear'], { permission: Permission.YearManage, cluster: 'cum6', year: 2023 }, 201),
      },
      {
        name: 'GET the scoring configuration of Cụm 6, 2021',
        send: get(`/api/clusters/${ids.cum6}/years/2021/scoring/config`),
        expect: expected([ScoringController, 'config'], { permission: Permission.ClusterRead, cluster: 'cum6' }, 200),
      },
      {
        name: 'PUT the scoring configuration of Cụm 6, 2021',
        send: async (token) =>
          t.http
            .put(`/api/clusters/${ids.cum6}/years/2021/scoring/config`)
            .auth(token, { type: 'bearer' })
            .send({
              rule: 'PEER_MEAN',
              normalize: false,
              selfMargin: 5,
              peerOutlier: 10,
              bands: [{ minPoints: 95, label: 'Hoàn thành xuất sắc nhiệm vụ' }, { minPoints: 0, label: 'Hoàn thành nhiệm vụ' }],
              peerMode: 'ALL',
              peerK: 2,
              version: (await t.http.get(`/api/clusters/${ids.cum6}/years/2021/scoring/config`).auth(await t.token('admin'), { type: 'bearer' })).body.version ?? undefined,
              reason: 'Kiểm tra quyền',
            }),
        expect: expected([ScoringController, 'putConfig'], { permission: Permission.YearManage, cluster: 'cum6', year: 2021 }, 200),
      },
      {
        name: 'PUT the scoring configuration of Cụm 1, 2022',
        send: async (token) =>
          t.http
            .put(`/api/clusters/${ids.cum1}/years/2022/scoring/config`)
            .auth(token, { type: 'bearer' })
            .send({
              rule: 'CLUSTER',
              normalize: false,
              selfMargin: 5,
              peerOutlier: 10,
              bands: [{ minPoints: 0, label: 'Hoàn thành nhiệm vụ' }],
              peerMode: 'ALL',
              peerK: 2,
              version: (await t.http.get(`/api/clusters/${ids.cum1}/years/2022/scoring/config`).auth(await t.token('admin'), { type: 'bearer' })).body.version ?? undefined,
              reason: 'Kiểm tra quyền',
            }),
        expect: expected([ScoringController, 'putConfig'], { permission: Permission.YearManage, cluster: 'cum1', year: 2022 }, 200),
      },
      {
        name: 'POST a reminder to the units of Cụm 6 that owe 2021 sheets',
        send: async (token) => {
          // Once a day per unit: the reminders of the previous caller are removed through the database.
          await t.dataSource.query(`DELETE FROM notifications WHERE kind = 'scoring.remind'`);
          return t.http.post(`/api/clusters/${ids.cum6}/years/2021/scoring/remind`).auth(token, { type: 'bearer' }).send({});
        },
        expect: expected([ScoringController, 'remind'], { permission: Permission.YearManage, cluster: 'cum6', year: 2021 }, 200),
      },
      {
        name: 'POST the 2019 review meeting of Cụm 6 (held early in 2020)',
        send: async (token) => {
          // Each allowed caller records it once: remove it between rows through the database.
          await t.dataSource.query(`DELETE FROM review_meetings WHERE cluster_id = '${ids.cum6}' AND year = 2019`);
          return t.http
            .post(`/api/clusters/${ids.cum6}/years/2019/review-meeting`)
            .auth(token, { type: 'bearer' })
            .send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Giám đốc Sở TTTT Đắk Lắk', minutesBy: 'Thư ký Cụm thi đua số 6' });
        },
        expect: expected([AwardsController, 'create'], { permission: Permission.AwardsManage, cluster: 'cum6', year: 2019 }, 201),
      },
      { name: 'GET /api/cluster-decisions', send: get('/api/cluster-decisions'), expect: expected([ClusterDecisionsController, 'list'], null, 200) },
      {
        name: 'POST a decision of Bộ TTTT',
        send: (token, user) =>
          t.http
            .post('/api/cluster-decisions')
            .auth(token, { type: 'bearer' })
            .send({ organizerId: ids.ministry, number: `${USERS.indexOf(user) + 1}/QĐ-TEST`, signedOn: '2021-01-15', effectiveYear: 2021 }),
        expect: expected([ClusterDecisionsController, 'create'], { permission: Permission.OrganizerAct, organizer: 'ministry' }, 201),
      },
      {
        name: 'POST a decision of Nghệ An',
        send: (token, user) =>
          t.http
            .post('/api/cluster-decisions')
            .auth(token, { type: 'bearer' })
            .send({ organizerId: ids.ngheAn, number: `${USERS.indexOf(user) + 1}/QĐ-NA`, signedOn: '2021-01-15', effectiveYear: 2021 }),
        expect: expected([ClusterDecisionsController, 'create'], { permission: Permission.OrganizerAct, organizer: 'ngheAn' }, 201),
      },
      { name: 'GET /api/users', send: get('/api/users'), expect: expected([UsersController, 'list'], null, 200) },
      { name: 'GET /api/audit', send: get('/api/audit'), expect: expected([AuditController, 'list'], null, 200) },
      { name: 'GET /api/audit/verify', send: get('/api/audit/verify'), expect: expected([AuditController, 'verify'], null, 200) },
      { name: 'GET /api/auth/me', send: get('/api/auth/me'), expect: expected([AuthController, 'me'], null, 200) },
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

  it('the bulk check agrees with the stated facts for every user, permission, cluster and year; requireAll refuses a list with one cluster out of reach', { skip: IN_PROCESS_ONLY }, async () => {
    const access = t.app.get(AccessService);
    const clusterKeys: ClusterKey[] = ['cum1', 'cum6', 'cum7', 'naCum1'];
    const clusterIds = clusterKeys.map((k) => ids[k]);
    const mismatches: string[] = [];
    for (const user of USERS) {
      const sid = (JSON.parse(Buffer.from((await t.token(user)).split('.')[1], 'base64url').toString()) as { sid: string }).sid;
      const p = openSessionPrincipal(await t.app.get(SessionsRepository).withAccount(t.dataSource.manager, sid), sid)!;
      for (const permission of Object.values(Permission)) {
        for (const year of [undefined, 2019, 2020, 2021, 2023, 2024]) {
          const got = await access.permitted(t.dataSource.manager, p, permission, clusterIds, year);
          const scope = POLICY[permission][FACTS[user].role];
          // Reading is the gate of every other permission (out of read scope: 404, as if the cluster did not exist).
          const want = clusterKeys.filter((c) => inScope(FACTS[user], scope, { cluster: c, year }) && inScope(FACTS[user], POLICY[Permission.ClusterRead][FACTS[user].role], { cluster: c }));
          const gotKeys = clusterKeys.filter((c) => got.has(ids[c]));
          if (gotKeys.join() !== want.join()) mismatches.push(`${user} ${permission} ${year ?? '-'}: ${gotKeys.join()} (expected ${want.join()})`);
        }
      }
      if (user === 'cum6.secretary') {
        const m = t.dataSource.manager;
        assert.equal((await access.requireAll(m, p, Permission.YearManage, [ids.cum6, ids.cum6], 2021)).length, 2);
        await assert.rejects(access.requireAll(m, p, Permission.ClusterRead, [ids.cum6, ids.cum1]), (e: AppException) => e.status === 404);
        await assert.rejects(access.requireAll(m, p, Permission.YearManage, [ids.cum6], 2019), (e: AppException) => e.status === 403 && /Dữ liệu năm 2019|Năm 2019/.test(e.message));
        await assert.rejects(access.requireAll(m, p, Permission.ClusterRead, [ids.cum6, randomUUID()]), (e: AppException) => e.status === 404);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it("a unit of another organiser's scope is not taken into a cluster; nothing written (security review F6)", async () => {
    const reviewer = await t.token('reviewer');
    // A district unit of Nghệ An's clusters: Bộ KH&CN's reviewer cannot see it, so cannot take it either.
    const [row] = await t.dataSource.query(`SELECT id FROM units WHERE code LIKE 'PVHTT-NA-%' ORDER BY code LIMIT 1`);
    const foreign = row.id as string;
    await t.http.get(`/api/units/${foreign}`).auth(reviewer, { type: 'bearer' }).expect(404);
    const before = await t.snapshot();
    const one = await t.http.post(`/api/clusters/${ids.cum7}/members`).auth(reviewer, { type: 'bearer' }).send({ unitId: foreign, year: 2024, reason: 'Thử' });
    assert.deepEqual([one.status, one.body.details?.[0]?.field, one.body.details?.[0]?.message], [422, 'unitId', 'Không tìm thấy đơn vị thành viên này.']);
    assert.equal(await t.snapshot(), before);
    await t.http.get(`/api/units/${foreign}`).auth(reviewer, { type: 'bearer' }).expect(404);
  });

  it('a reviewer sees only the trail of their organiser in the audit log', async () => {
    const res = await t.http.get('/api/audit?limit=500').auth(await t.token('reviewer'), { type: 'bearer' }).expect(200);
    assert.ok(res.body.items.length > 0);
    const organizers = new Set(res.body.items.map((e: { entityType: string }) => e.entityType));
    assert.ok(!organizers.has('user') && !organizers.has('session') && !organizers.has('seed'));
  });

  it('no route is open without a token except health, login, document verification, the demo CA’s publication and the API docs', async () => {
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
    // Document verification is public on purpose: the QR code printed in each document leads there. The probes are
    // public for the balancer and the orchestrator (they tell nothing but up or not). The demo CA's certificate and CRL
    // are public as any CA's repository is (the CRL distribution point of the certificates it issues).
    assert.deepEqual(open.sort(), [
      'GET /api/documents/{id}/verification: 404',
      'GET /api/health/live: 200',
      'GET /api/health/ready: 200',
      'GET /api/health: 200',
      'GET /api/signing/test-ca.crl: 200',
      'GET /api/signing/test-ca.crt: 200',
      'POST /api/auth/login: 400',
      'POST /api/documents/verify: 400',
    ]);
  });
});
