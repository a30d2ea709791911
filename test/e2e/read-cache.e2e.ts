import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { rawQuery } from '../../src/database/raw-sql';
import { TEST_DB, TestApp, demoIds, ph, startTestApp } from '../support/test-app';

/**
 * What is kept between requests stays right: the ranking, cached per process under its cluster-year's
 * revision, and its entity tag (a 304 only while nothing it shows changed, never before the caller's access
 * is checked), whether the change was made by this process or by another instance on the same database.
 */
describe(`cached reads stay right (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
  });
  after(() => t.close());

  const ranking = () => `/api/clusters/${ids.cum6}/years/2019/scoring/ranking`;
  const rowOf = (body: { rows: Array<{ unit: { id: string; shortName?: string; name?: string } }> }, unitId: string) => body.rows.find((r) => r.unit.id === unitId)!;

  it('the ranking carries an entity tag: 304 while unchanged, a new tag after a change, access checked first', async () => {
    const first = await t.http.get(ranking()).auth(secretary, { type: 'bearer' }).expect(200);
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/);
    assert.equal(first.headers['cache-control'], 'private, no-cache');

    const again = await t.http.get(ranking()).auth(secretary, { type: 'bearer' }).set('If-None-Match', etag).expect(304);
    assert.equal(again.text ?? '', '');
    // Another member of the cluster may read it (published): same tag. No token: 401, tag or not.
    await t.http.get(ranking()).auth(await t.token('phuyen'), { type: 'bearer' }).set('If-None-Match', etag).expect(304);
    await t.http.get(ranking()).set('If-None-Match', etag).expect(401);
    // A secretariat of another cluster: 404, tag or not.
    await t.http.get(ranking()).auth(await t.token('cum1.secretary'), { type: 'bearer' }).set('If-None-Match', etag).expect(404);

    // Renaming a member changes what the ranking shows: the old tag no longer matches.
    const unit = (await t.http.get(`/api/units/${ids.daklak}`).auth(await t.token('admin'), { type: 'bearer' }).expect(200)).body;
    await t.http
      .patch(`/api/units/${ids.daklak}`)
      .auth(await t.token('admin'), { type: 'bearer' })
      .send({ version: unit.version, shortName: 'Sở TTTT Đắk Lắk (mới)', reason: 'Đổi tên viết tắt' })
      .expect(200);
    const changed = await t.http.get(ranking()).auth(secretary, { type: 'bearer' }).set('If-None-Match', etag).expect(200);
    assert.notEqual(changed.headers.etag, etag);
    assert.equal(rowOf(changed.body, ids.daklak).unit.shortName, 'Sở TTTT Đắk Lắk (mới)');
  });

  /** Runs statements on a connection of its own, as another process would ("?" placeholders). */
  async function fromAnotherConnection(statements: Array<[string, unknown[]]>): Promise<void> {
    if (TEST_DB === 'postgres') {
      const client = new Client({ connectionString: t.databaseUrl });
      await client.connect();
      try {
        for (const [sql, params] of statements) {
          let i = 0;
          await client.query(sql.replace(/\?/g, () => `$${++i}`), params);
        }
      } finally {
        await client.end();
      }
      return;
    }
    const other = new Database(join(t.dataDir, 'thidua.sqlite'));
    try {
      for (const [sql, params] of statements) other.prepare(sql).run(...params);
    } finally {
      other.close();
    }
  }

  it('a change committed by another instance is seen at once (session revoked, unit renamed)', async () => {
    const token = await t.token('lamdong');
    await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
    const before = await t.http.get(ranking()).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.get(ranking()).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);

    // Another instance renames the unit as the app does: the unit, and the revision of its cluster-years, in one transaction.
    await fromAnotherConnection([
      ['UPDATE units SET short_name = ?, version = version + 1 WHERE id = ?', ['Đắk Lắk (tiến trình khác)', ids.daklak]],
      ['UPDATE cluster_year_revisions SET revision = revision + 1 WHERE (cluster_id, year) IN (SELECT cluster_id, year FROM memberships WHERE unit_id = ?)', [ids.daklak]],
    ]);
    const after = await t.http.get(ranking()).auth(secretary, { type: 'bearer' }).expect(200);
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.equal(rowOf(after.body, ids.daklak).unit.shortName, 'Đắk Lắk (tiến trình khác)');
    await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);

    await fromAnotherConnection([[`UPDATE sessions SET revoked_at = ? WHERE user_id = (SELECT id FROM users WHERE username = 'lamdong') AND revoked_at IS NULL`, [new Date().toISOString()]]]);
    const refused = await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    assert.equal(refused.body.code, 'AUTH_SESSION_ENDED');

    // And the other way: a change of this process is seen by the next read at once.
    const unit = (await t.http.get(`/api/units/${ids.daklak}`).auth(await t.token('admin'), { type: 'bearer' }).expect(200)).body;
    await t.http.patch(`/api/units/${ids.daklak}`).auth(await t.token('admin'), { type: 'bearer' }).send({ version: unit.version, shortName: 'Sở TTTT Đắk Lắk', reason: 'Trả lại tên viết tắt' }).expect(200);
    assert.equal(rowOf((await t.http.get(ranking()).auth(secretary, { type: 'bearer' }).expect(200)).body, ids.daklak).unit.shortName, 'Sở TTTT Đắk Lắk');
  });

  it('raw reads: callers get copies; a transaction reads its own writes, and a rolled-back write is never served later', async () => {
    const m = t.dataSource.manager;
    const sql = `SELECT id, short_name FROM units WHERE id = ?`;
    const [row] = await rawQuery<{ id: string; short_name: string }>(m, sql, [ids.gialai]);
    const original = row.short_name;
    row.short_name = 'đã sửa trong bộ nhớ';
    assert.equal((await rawQuery<{ short_name: string }>(m, sql, [ids.gialai]))[0].short_name, original);

    await assert.rejects(
      t.dataSource.transaction(async (tx) => {
        await tx.query(`UPDATE units SET short_name = ${ph(1)} WHERE id = ${ph(2)}`, ['chưa cam kết', ids.gialai]);
        assert.equal((await rawQuery<{ short_name: string }>(tx, sql, [ids.gialai]))[0].short_name, 'chưa cam kết');
        throw new Error('rollback');
      }),
      /rollback/,
    );
    assert.equal((await rawQuery<{ short_name: string }>(m, sql, [ids.gialai]))[0].short_name, original);

    await t.dataSource.transaction((tx) => tx.query(`UPDATE units SET short_name = ${ph(1)} WHERE id = ${ph(2)}`, ['đã cam kết', ids.gialai]));
    assert.equal((await rawQuery<{ short_name: string }>(m, sql, [ids.gialai]))[0].short_name, 'đã cam kết');
    await t.dataSource.query(`UPDATE units SET short_name = ${ph(1)} WHERE id = ${ph(2)}`, [original, ids.gialai]);
    assert.equal((await rawQuery<{ short_name: string }>(m, sql, [ids.gialai]))[0].short_name, original);
  });

  it('a unit renamed moves the revision of a cluster-year it has sheets in, also once its membership is removed', async () => {
    const admin = await t.token('admin');
    const as = { type: 'bearer' } as const;
    const base = `/api/clusters/${ids.cum6}/years/2021`;
    const unit = (await t.http.post('/api/units').auth(admin, as).send({ code: 'REV-REMOVED', kind: 'MEMBER', name: 'Sở đã rời cụm', shortName: 'Sở rời cụm' }).expect(201)).body;
    const membership = (await t.http.post(`/api/clusters/${ids.cum6}/members`).auth(admin, as).send({ unitId: unit.id, year: 2021 }).expect(201)).body;
    await t.http.post(`${base}/criteria`).auth(admin, as).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);
    await t.http.post(`${base}/scoring/sheets`).auth(admin, as).send({ targetUnitId: unit.id, kind: 'CLUSTER' }).expect(201);
    await t.http.delete(`/api/clusters/${ids.cum6}/members/${membership.membershipId}`).auth(admin, as).send({ version: membership.version, reason: 'Rời cụm giữa năm' }).expect((r) => assert.equal(r.status, 204, JSON.stringify(r.body)));
    const revision = async () => Number((await rawQuery<{ revision: number }>(t.dataSource.manager, 'SELECT revision FROM cluster_year_revisions WHERE cluster_id = ? AND year = ?', [ids.cum6, 2021]))[0].revision);
    const before = await revision();
    const current = (await t.http.get(`/api/units/${unit.id}`).auth(admin, as).expect(200)).body;
    await t.http.patch(`/api/units/${unit.id}`).auth(admin, as).send({ version: current.version, name: 'Sở đã rời cụm (tên mới)', reason: 'Đổi tên' }).expect(200);
    assert.equal(await revision(), before + 1);
  });
});

