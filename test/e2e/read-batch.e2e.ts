import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { QueryRunner } from 'typeorm';
import { rawQuery } from '../../src/database/raw-sql';
import { ScoreSheetViews } from '../../src/scoring/score-sheet-views';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, demoIds, startTestApp } from '../support/test-app';
import { assertSaveRoundTrips, sentQueries } from '../support/round-trips';

/** Plain reads started together on a transaction's connection: one round trip on PostgreSQL, the same rows as alone. */
describe(`reads started together (${TEST_DB})`, () => {
  let t: TestApp;
  let runner: QueryRunner;
  const sent: string[] = [];
  before(async () => {
    t = await startTestApp();
    runner = t.dataSource.createQueryRunner();
    if (TEST_DB === 'postgres') {
      const client = (await runner.connect()) as { query: (...args: unknown[]) => unknown };
      const query = client.query.bind(client);
      client.query = (...args: unknown[]) => (sent.push(typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text), query(...args));
    }
  });
  after(async () => {
    await runner.release();
    await t.close();
  });

  const reads = [
    ['SELECT code, short_name FROM units WHERE code = ?', ['STTTT-GIALAI']],
    ['SELECT count(*) AS n FROM units WHERE kind = ? AND active_to IS NULL', ['DEPARTMENT']],
    // A value SQL text must escape: quotes, a backslash, a question mark, Vietnamese.
    ["SELECT ? AS echoed, ? AS n, ? AS b", ["O'Brien \\ ? Sở Thông tin và Truyền thông", -3, true]],
    // A number against a text column, typed as the column is (as a bound value would be).
    ['SELECT count(*) AS n FROM units WHERE code = ?', [5]],
  ] as const;

  it('answer as each read alone, in one round trip on PostgreSQL', async () => {
    const alone = [];
    for (const [sql, params] of reads) alone.push(await rawQuery(runner.manager, sql, [...params]));
    sent.length = 0;
    const together = await Promise.all(reads.map(([sql, params]) => rawQuery(runner.manager, sql, [...params])));
    assert.deepEqual(together, alone);
    assert.equal(together[2][0].echoed, "O'Brien \\ ? Sở Thông tin và Truyền thông");
    assert.equal((together[0] as Array<{ short_name: string }>)[0].short_name.length > 0, true);
    if (TEST_DB === 'postgres') assert.deepEqual(sent[0]?.split(';\n').map((q) => q.slice(0, 15)), reads.map(() => 'EXECUTE thidua_'), 'EXECUTEs of prepared statements');
    if (TEST_DB === 'postgres') assert.equal(sent.length, 1, `round trips: ${sent.length}`);
    // Statements not yet prepared on this connection go one by one the first time (which prepares them), then together.
    const fresh = [['SELECT ? AS a', ['x']], ['SELECT ? AS b', ['y']]] as const;
    for (const expected of [2, 1]) {
      sent.length = 0;
      assert.deepEqual(await Promise.all(fresh.map(([sql, params]) => rawQuery(runner.manager, sql, [...params]))), [[{ a: 'x' }], [{ b: 'y' }]]);
      if (TEST_DB === 'postgres') assert.equal(sent.length, expected);
    }
  });

  it('a value SQL text cannot carry sends the reads one by one, and a failing read fails its batch', async () => {
    if (TEST_DB === 'postgres') {
      sent.length = 0;
      const [a, b] = await Promise.all([rawQuery(runner.manager, 'SELECT ?::timestamptz AS d', [new Date('2026-12-02T00:00:00Z')]), rawQuery(runner.manager, 'SELECT ? AS s', ['x'])]);
      assert.deepEqual([(a[0].d as Date).toISOString(), b[0].s, sent.length], ['2026-12-02T00:00:00.000Z', 'x', 2]);
    }
    // A statement never prepared (it cannot be) sends its batch one by one: only it fails.
    const failing = await Promise.allSettled([rawQuery(runner.manager, 'SELECT 1 AS one'), rawQuery(runner.manager, 'SELECT * FROM no_such_table')]);
    assert.deepEqual(failing.map((f) => f.status), ['fulfilled', 'rejected']);
    // The connection still answers afterwards.
    assert.deepEqual((await rawQuery<{ one: number }>(runner.manager, 'SELECT 1 AS one')).map((r) => Number(r.one)), [1]);
  });

  it("a sheet's save: its reads in one round trip with the sheet's, then its commit (PostgreSQL); the answer is the sheet as read afterwards", { skip: IN_PROCESS_ONLY }, async () => {
    const ids = await demoIds(t);
    const secretary = await t.token('cum6.secretary');
    const base = `/api/clusters/${ids.cum6}/years/2021`;
    await t.http.post(`${base}/criteria`).auth(secretary, { type: 'bearer' }).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);
    let sheet = (await t.http.post(`${base}/scoring/sheets`).auth(secretary, { type: 'bearer' }).send({ targetUnitId: ids.gialai, kind: 'CLUSTER' }).expect(201)).body;
    // The first saves on a connection prepare its statements (sent one by one); the pool's connections get theirs.
    let queries: string[] = [];
    for (let i = 0; i < 6; i++) {
      queries = await sentQueries(async () => {
        sheet = (await t.http.put(`${base}/scoring/sheets/${sheet.id}/entries`).auth(secretary, { type: 'bearer' }).send({ version: sheet.version, entries: [{ code: 'TC1', points: 2 + i }, { code: 'TC9', points: 1 }] }).expect(200)).body;
      });
    }
    if (TEST_DB === 'postgres') assertSaveRoundTrips(queries);
    const read = (await t.http.get(`${base}/scoring/sheets/${sheet.id}`).auth(secretary, { type: 'bearer' }).expect(200)).body;
    assert.deepEqual(sheet, read);
    assert.deepEqual([read.entries.find((e: { code: string }) => e.code === 'TC1').points, read.target.id, read.criteriaVersionNo], [7, ids.gialai, 1]);

    // Read by another sheet's id (a sheet deleted or created between the batch's statements reads so): read again by the sheet's own.
    const other = (await t.http.post(`${base}/scoring/sheets`).auth(secretary, { type: 'bearer' }).send({ targetUnitId: ids.daklak, kind: 'CLUSTER' }).expect(201)).body;
    const views = t.app.get(ScoreSheetViews);
    const row = { id: sheet.id, clusterId: ids.cum6, year: 2021, criteriaSetId: (await rawQuery<{ criteria_set_id: string }>(t.dataSource.manager, 'SELECT criteria_set_id FROM score_sheets WHERE id = ?', [sheet.id]))[0].criteria_set_id, targetUnitId: ids.gialai, scorerUnitId: null } as never;
    const [own, crossed] = await Promise.all([views.forSave(t.dataSource.manager, sheet.id)(row), views.forSave(t.dataSource.manager, other.id)(row)]);
    assert.deepEqual(crossed, own);
    assert.deepEqual([own.entries.length, own.units.has(ids.gialai), own.units.has(ids.daklak)], [2, true, false]);
  });
});
