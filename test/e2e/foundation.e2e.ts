import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS } from '../../src/database/migrations';
import { SeedService } from '../../src/database/seed/seed.service';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, demoIds, startTestApp } from '../support/test-app';

describe(`foundation (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
  });
  after(() => t.close());

  it('answers health with the database checked', async () => {
    const res = await t.http.get('/api/health').expect(200);
    assert.deepEqual(res.body, { status: 'ok', database: TEST_DB });
    assert.ok(res.headers['x-request-id']);
  });

  it('API answers are not kept by browsers or proxies; security headers are set', async () => {
    const me = await t.http.get('/api/auth/me').auth(await t.token('gialai'), { type: 'bearer' }).expect(200);
    assert.equal(me.headers['cache-control'], 'no-store');
    const refused = await t.http.get('/api/units').expect(401);
    assert.equal(refused.headers['cache-control'], 'no-store');
    assert.equal(me.headers['x-content-type-options'], 'nosniff');
    assert.match(String(me.headers['content-security-policy']), /script-src 'self'/);
    // Served over plain HTTP (the default public address): no upgrade of the page's assets to https.
    assert.doesNotMatch(String(me.headers['content-security-policy']), /upgrade-insecure-requests/);
    assert.equal(me.headers['x-frame-options'], 'SAMEORIGIN');
  });

  it('serves the OpenAPI document with every route under /api and bearer security', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    assert.equal(res.body.openapi.startsWith('3.'), true);
    const paths = Object.keys(res.body.paths);
    for (const p of ['/api/health', '/api/auth/login', '/api/units', '/api/clusters/{id}/members', '/api/audit', '/api/audit/verify']) {
      assert.ok(paths.includes(p), `${p} documented`);
    }
    assert.ok(res.body.components.securitySchemes.bearer);
    await t.http.get('/api/docs').expect(200);
  });

  it('the Cụm 6 secretariat lists the six 2020 members of Cụm thi đua số 6', async () => {
    const token = await t.token('cum6.secretary');
    const clusters = await t.http.get('/api/clusters').auth(token, { type: 'bearer' }).expect(200);
    assert.deepEqual(clusters.body.map((c: { name: string }) => c.name), ['Cụm thi đua số 6']);
    const members = await t.http.get(`/api/clusters/${ids.cum6}/members?year=2020`).auth(token, { type: 'bearer' }).expect(200);
    const names = members.body.map((m: { unit: { shortName: string } }) => m.unit.shortName);
    assert.deepEqual(
      names,
      ['Sở TTTT Đắk Lắk', 'Sở TTTT Đắk Nông', 'Sở TTTT Gia Lai', 'Sở TTTT Kon Tum', 'Sở TTTT Lâm Đồng', 'Sở TTTT Phú Yên'],
      'listed in Vietnamese alphabetical order (Đ after D)',
    );
    const full = members.body.map((m: { unit: { name: string } }) => m.unit.name);
    assert.ok(full.includes('Sở Thông tin và Truyền thông tỉnh Gia Lai'));
    assert.ok(full.includes('Sở Thông tin và Truyền thông tỉnh Đắk Lắk'));
    assert.ok(members.body.every((m: { year: number }) => m.year === 2020));
  });

  it('the same token gets 404 on Cụm 1 and its members, years and units', async () => {
    const token = await t.token('cum6.secretary');
    for (const path of [`/api/clusters/${ids.cum1}`, `/api/clusters/${ids.cum1}/members?year=2022`, `/api/clusters/${ids.cum1}/years`, `/api/units/${ids.hanoi}`]) {
      const res = await t.http.get(path).auth(token, { type: 'bearer' });
      assert.equal(res.status, 404, path);
      assert.equal(res.body.code, 'NOT_FOUND');
    }
  });

  it('finds Đắk Lắk by "dak lak", ignoring accents and case', async () => {
    const token = await t.token('cum6.secretary');
    for (const q of ['dak lak', 'DAK LAK', 'Đắk Lắk', 'đắk lắk', 'lak dak']) {
      const res = await t.http.get('/api/units').query({ q }).auth(token, { type: 'bearer' }).expect(200);
      assert.deepEqual(
        res.body.items.map((u: { name: string }) => u.name),
        ['Sở Thông tin và Truyền thông tỉnh Đắk Lắk'],
        q,
      );
    }
    const admin = await t.token('admin');
    const all = await t.http.get('/api/units').query({ q: 'dak' }).auth(admin, { type: 'bearer' }).expect(200);
    assert.deepEqual(all.body.items.map((u: { shortName: string }) => u.shortName).sort(), [
      'Sở KH&CN Đắk Lắk',
      'Sở KH&CN Đắk Lắk (trước 01/07/2025)',
      'Sở KH&CN Đắk Nông',
      'Sở TTTT Đắk Lắk',
      'Sở TTTT Đắk Nông',
    ], 'the Sở TTTT, the Sở KH&CN of the old provinces (03–06/2025) and of the merged province');
    // A word matches the start of a word: "phu yen" is Phú Yên's units, not Bình Phước's "Truyền thông".
    const phuyen = await t.http.get('/api/units').query({ q: 'phu yen' }).auth(admin, { type: 'bearer' }).expect(200);
    assert.ok(phuyen.body.items.length > 0);
    assert.deepEqual(phuyen.body.items.filter((u: { name: string }) => !u.name.includes('Phú Yên')).map((u: { name: string }) => u.name), []);
    const literal = await t.http.get('/api/units').query({ q: '%' }).auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(literal.body.total, 0, '"%" is not a wildcard');
  });

  it('keeps history: Bộ TTTT ended on 28/02/2025 with Bộ KH&CN as its successor', async () => {
    const admin = await t.token('admin');
    const res = await t.http.get(`/api/units/${ids.ministry}`).auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(res.body.activeTo, '2025-02-28');
    const successor = await t.http.get(`/api/units/${res.body.successorId}`).auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(successor.body.name, 'Bộ Khoa học và Công nghệ');
    assert.equal(successor.body.activeFrom, '2025-03-01');
  });

  it('loads the emulation years with their reference dates', async () => {
    const token = await t.token('cum6.secretary');
    const years = await t.http.get(`/api/clusters/${ids.cum6}/years`).auth(token, { type: 'bearer' }).expect(200);
    const byYear = Object.fromEntries(years.body.map((y: { year: number }) => [y.year, y]));
    assert.equal(byYear[2020].pledgeSigningOn, '2020-03-06');
    assert.equal(byYear[2019].reviewMeetingOn, '2020-03-06');
    assert.equal(byYear[2020].memberCount, 6);
  });

  it('seeding again changes nothing (idempotent)', { skip: IN_PROCESS_ONLY }, async () => {
    const before = await t.snapshot();
    await t.app.get(SeedService).run({ demo: true });
    assert.equal(await t.snapshot(), before);
  });

  it('the schema made by the migrations matches the entities exactly', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    assert.deepEqual(
      pending.upQueries.map((q) => q.query),
      [],
      'the entities and the migrations disagree: add a migration',
    );
  });

  it('the migrations can be reverted and applied again', { skip: IN_PROCESS_ONLY }, async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await t.dataSource.createQueryRunner().getTables(['units', 'audit_entries', 'leadership_terms']);
    assert.equal(tables.length, 0);
    await t.dataSource.runMigrations({ transaction: 'each' });
    await t.app.get(SeedService).run({ demo: true });
    await t.http.get('/api/health').expect(200);
  });
});
