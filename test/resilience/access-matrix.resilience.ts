import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ACCESS_KEY, AccessRule } from '../../src/common/auth/auth.decorators';
import { Role } from '../../src/common/auth/roles';
import { TestApp, demoIds, startTestApp } from '../support/test-app';

interface Route {
  method: string;
  path: string;
  rule: AccessRule | undefined;
  handler: string;
}

/** Every route of the application, read from the controllers' metadata (not from a hand-made list). */
function routesOf(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const fn = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof fn !== 'function' || Reflect.getMetadata(METHOD_METADATA, fn) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number];
        const sub = String(Reflect.getMetadata(PATH_METADATA, fn) ?? '');
        const path = ('/' + [base, sub].filter((p) => p && p !== '/').join('/')).replace(/\/+/g, '/');
        const rule = (Reflect.getMetadata(ACCESS_KEY, fn) ?? Reflect.getMetadata(ACCESS_KEY, type)) as AccessRule | undefined;
        routes.push({ method, path: path === '' ? '/' : path, rule, handler: `${type.name}.${name}` });
      }
    }
  }
  return routes;
}

const USERS: Array<{ username: string; role: Role }> = [
  { username: 'admin', role: Role.Admin },
  { username: 'reviewer', role: Role.MinistryReviewer },
  { username: 'cum6.secretary', role: Role.ClusterSecretary },
  { username: 'gialai', role: Role.UnitOfficer },
];

describe('access matrix from the route metadata: every route × every role × own and other scope', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let routes: Route[];
  const tokens: Record<string, string> = {};
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    routes = routesOf(t);
    for (const u of USERS) tokens[u.username] = await t.token(u.username);
  });
  after(() => t.close());

  /** Fills a route's parameters: `scope` chooses Cụm 6 (own) or Cụm 1 (another cluster of the same ministry). */
  function fill(path: string, scope: 'own' | 'other'): string {
    const cluster = scope === 'own' ? ids.cum6 : ids.cum1;
    const unit = scope === 'own' ? ids.gialai : ids.hanoi;
    return path
      .replace(/^\/api\/units\/:id/, `/api/units/${unit}`)
      .replace(/^\/api\/clusters\/:id/, `/api/clusters/${cluster}`)
      .replace(/^\/cum\/:id/, `/cum/${cluster}`)
      .replace(/:year/g, '2020')
      .replace(/:versionNo/g, '1')
      .replace(/:[A-Za-z]+/g, () => randomUUID());
  }

  const send = (r: Route, path: string, token?: string) => {
    const req = (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[r.method.toLowerCase()](`${path}${path.includes('?') ? '&' : '?'}kind=CLUSTER&year=2020`);
    if (token) req.auth(token, { type: 'bearer' });
    return r.method === 'GET' || r.method === 'DELETE' ? req : req.send({});
  };

  it('finds the routes, and none is without an access rule', () => {
    assert.ok(routes.length > 100, `routes found: ${routes.length}`);
    const open = routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path} (${r.handler})`);
    assert.deepEqual(open, [], 'every route names its roles or says it is public');
    const publicRoutes = routes.filter((r) => r.rule?.public).map((r) => `${r.method} ${r.path}`).sort();
    assert.deepEqual(publicRoutes, [
      'GET /api/documents/:id/verification',
      'GET /api/health',
      'GET /api/health/live',
      'GET /api/health/ready',
      // The demo test CA's certificate and revocation list, named in the certificates it issues.
      'GET /api/signing/test-ca.crl',
      'GET /api/signing/test-ca.crt',
      'GET /dang-nhap',
      'GET /xac-thuc',
      'GET /xac-thuc/:id',
      'POST /api/auth/login',
      'POST /api/documents/verify',
      'POST /dang-nhap',
    ]);
  });

  it('without a session every closed route answers 401 and changes nothing', async () => {
    const before = await t.snapshot();
    for (const r of routes.filter((x) => x.rule && !x.rule.public)) {
      const res = await send(r, fill(r.path, 'own'));
      assert.equal(res.status, 401, `${r.method} ${r.path}`);
    }
    assert.equal(await t.snapshot(), before);
  });

  it('a role the route does not name is refused with 403 by every route, and nothing changes', async () => {
    const before = await t.snapshot();
    let checked = 0;
    for (const r of routes) {
      if (!r.rule || r.rule.public) continue;
      const roles = r.rule.roles;
      for (const u of USERS.filter((x) => !roles.includes(x.role))) {
        const res = await send(r, fill(r.path, 'own'), tokens[u.username]);
        assert.equal(res.status, 403, `${u.username} ${r.method} ${r.path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        assert.equal(res.body.code, 'FORBIDDEN');
        checked++;
      }
    }
    assert.ok(checked > 50, `refusals checked: ${checked}`);
    assert.equal(await t.snapshot(), before);
  });

  it('another cluster’s data never answers 2xx to its non-members: reads are 404, writes 4xx, nothing changes', async () => {
    const before = await t.snapshot();
    let checked = 0;
    for (const r of routes) {
      if (!r.rule || r.rule.public) continue;
      if (!/^\/(api\/clusters|api\/units|cum)\/:id/.test(r.path)) continue;
      for (const u of USERS.filter((x) => (x.role === Role.ClusterSecretary || x.role === Role.UnitOfficer) && r.rule!.public === false && (r.rule as { roles: Role[] }).roles.includes(x.role))) {
        if (/^\/api\/units\/:id$/.test(r.path) && r.method !== 'GET') continue; // unit writes are the organiser's: refused by role above
        const res = await send(r, fill(r.path, 'other'), tokens[u.username]);
        if (r.method === 'GET') assert.ok([404, 400].includes(res.status), `${u.username} ${r.method} ${r.path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        else assert.ok(res.status >= 400 && res.status < 500, `${u.username} ${r.method} ${r.path}: ${res.status}`);
        checked++;
      }
    }
    assert.ok(checked > 40, `other-scope requests checked: ${checked}`);
    assert.equal(await t.snapshot(), before);
  });

  it('in its own scope a named role is let through the guard on every read route', async () => {
    for (const r of routes.filter((x) => x.method === 'GET' && x.rule && !x.rule.public)) {
      for (const u of USERS.filter((x) => (r.rule as { roles: Role[] }).roles.includes(x.role))) {
        const res = await send(r, fill(r.path, 'own'), tokens[u.username]);
        assert.ok(res.status !== 401 && res.status < 500, `${u.username} GET ${r.path}: ${res.status}`);
        if (res.status === 403) assert.notEqual(res.body.message, 'Bạn không có quyền thực hiện thao tác này.', `${u.username} GET ${r.path} was refused without a reason of its own`);
      }
    }
  });
});
