import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { Unit } from '../../src/units/unit.entity';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, demoIds, ph, startTestApp } from '../support/test-app';

describe(`concurrent writes (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    admin = await t.token('admin');
  });
  after(() => t.close());

  const countUnits = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM units'))[0].n);

  it('200 concurrent creations all succeed, none lost, none answered 500', async () => {
    const before = await countUnits();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.http
          .post('/api/units')
          .auth(admin, { type: 'bearer' })
          .send({ code: `CONC-${String(i).padStart(3, '0')}`, kind: 'MEMBER', name: `Đơn vị đồng thời ${i}`, shortName: `ĐV ${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    assert.deepEqual([...new Set(statuses)], [201]);
    assert.equal(await countUnits(), before + 200);
    const audit = await t.dataSource.query(`SELECT COUNT(*) AS n FROM audit_entries WHERE action = ${ph(1)}`, ['unit.create']);
    assert.equal(Number(audit[0].n), 200, 'every creation is audited once');
    const verify = await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(verify.body.ok, true, 'the audit chain stays linear under concurrency');
  });

  it('failing writes interleaved with accepted ones never take an acknowledged write with them', async () => {
    const before = await countUnits();
    const requests = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? t.http
            .post('/api/units')
            .auth(admin, { type: 'bearer' })
            .send({ code: `MIX-${String(i).padStart(3, '0')}`, kind: 'MEMBER', name: `Đơn vị ${i}`, shortName: `ĐV ${i}` })
        : // Fails inside its transaction, after several queries: a membership that already exists.
          t.http.post(`/api/clusters/${ids.cum1}/members`).auth(admin, { type: 'bearer' }).send({ unitId: ids.gialai, year: 2020 }),
    );
    const responses = await Promise.all(requests);
    const created = responses.filter((r) => r.status === 201).map((r) => r.body.code as string);
    assert.equal(created.length, 100, JSON.stringify(responses.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body)));
    assert.equal(responses.filter((r) => r.status === 409).length, 100);
    assert.equal(await countUnits(), before + 100, 'every acknowledged creation is stored');
    for (const code of created) {
      const row = await t.dataSource.query(`SELECT id FROM units WHERE code = ${ph(1)}`, [code]);
      assert.equal(row.length, 1, `${code} was acknowledged but is missing`);
    }
  });

  it('transactions that wait on real I/O stay isolated: a rollback never takes another request’s commit', { skip: IN_PROCESS_ONLY }, async () => {
    const uow = t.app.get(UnitOfWork);
    const before = await countUnits();
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        uow.write(async (m) => {
          const now = new Date().toISOString();
          await m.insert(Unit, {
            id: randomUUID(),
            code: `IO-${String(i).padStart(3, '0')}`,
            kind: 'MEMBER',
            name: `Đơn vị ${i}`,
            shortName: `ĐV ${i}`,
            province: null,
            parentId: null,
            activeFrom: null,
            activeTo: null,
            successorId: null,
            womenShareHundredths: null,
            searchKey: `don vi ${i}`,
            version: 1,
            createdAt: now,
            updatedAt: now,
          });
          await new Promise((r) => setTimeout(r, 1)); // a real gap, as with file or network work
          if (i % 2 === 1) throw new Error('rejected');
          return i;
        }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 100);
    assert.equal(await countUnits(), before + 100, 'exactly the committed transactions are stored');
  });

  it('200 concurrent edits with the same version: exactly one wins, 199 get 409, nothing is overwritten', async () => {
    const path = `/api/clusters/${ids.cum6}/years/2020`;
    const token = await t.token('cum6.secretary');
    const current = await t.http.get(path).auth(token, { type: 'bearer' }).expect(200);
    // 200 distinct valid dates between the pledge (06/03/2020) and the end of scoring (10/12/2020).
    const days = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2020, 2, 10 + i)).toISOString().slice(0, 10));
    const responses = await Promise.all(
      days.map((day) =>
        t.http.patch(path).auth(token, { type: 'bearer' }).send({ version: current.body.version, midYearReviewOn: day, reason: 'Dời lịch sơ kết' }),
      ),
    );
    const ok = responses.filter((r) => r.status === 200);
    const conflicts = responses.filter((r) => r.status === 409);
    assert.equal(ok.length, 1);
    assert.equal(conflicts.length, 199);
    assert.ok(conflicts.every((r) => r.body.code === 'VERSION_CONFLICT'));
    const final = await t.http.get(path).auth(token, { type: 'bearer' }).expect(200);
    assert.equal(final.body.version, current.body.version + 1);
    assert.equal(final.body.midYearReviewOn, ok[0].body.midYearReviewOn, 'the stored value is the winner’s');
  });

  it('clients that re-read and retry after a 409 lose no update', async () => {
    const path = `/api/units/${ids.gialai}`;
    const start = (await t.http.get(path).auth(admin, { type: 'bearer' }).expect(200)).body.version;
    const workers = 10;
    const perWorker = 5;
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let i = 0; i < perWorker; i++) {
          for (;;) {
            const current = await t.http.get(path).auth(admin, { type: 'bearer' });
            const res = await t.http
              .patch(path)
              .auth(admin, { type: 'bearer' })
              .send({ version: current.body.version, womenShare: (w * perWorker + i) % 100, reason: `Lần cập nhật ${w}-${i}` });
            if (res.status === 200) break;
            assert.equal(res.status, 409, JSON.stringify(res.body));
            conflicts++;
          }
        }
      }),
    );
    const final = (await t.http.get(path).auth(admin, { type: 'bearer' }).expect(200)).body.version;
    assert.equal(final, start + workers * perWorker, 'every acknowledged update is counted');
    const audited = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM audit_entries WHERE action = ${ph(1)} AND entity_id = ${ph(2)}`,
      ['unit.update', ids.gialai],
    );
    assert.equal(Number(audited[0].n), workers * perWorker);
    assert.ok(conflicts > 0, 'the test did produce conflicts');
  });

  it('concurrent memberships of one unit in two clusters of one organiser: one wins, one 409', async () => {
    const unit = await t.http
      .post('/api/units')
      .auth(admin, { type: 'bearer' })
      .send({ code: 'CONC-MEMBER', kind: 'MEMBER', name: 'Sở thử đồng thời', shortName: 'Sở thử' })
      .expect(201);
    const [a, b] = await Promise.all(
      [ids.cum6, ids.cum1].map((cluster) =>
        t.http.post(`/api/clusters/${cluster}/members`).auth(admin, { type: 'bearer' }).send({ unitId: unit.body.id, year: 2022 }),
      ),
    );
    assert.deepEqual([a.status, b.status].sort(), [201, 409]);
    const rows = await t.dataSource.query(`SELECT COUNT(*) AS n FROM memberships WHERE unit_id = ${ph(1)}`, [unit.body.id]);
    assert.equal(Number(rows[0].n), 1);
  });

  it('20 concurrent saves of one score sheet at one version: one wins, 19 get 409, none of their entries or audit entries is kept', async () => {
    // On PostgreSQL a save's writes go with its COMMIT: the losers pass the version check on what they read, and the
    // database's check of the version bump (thidua_expect_rows) refuses them.
    const secretary = await t.token('cum6.secretary');
    const base = `/api/clusters/${ids.cum6}/years/2021`;
    await t.http.post(`${base}/criteria`).auth(secretary, { type: 'bearer' }).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);
    const sheet = (await t.http.post(`${base}/scoring/sheets`).auth(secretary, { type: 'bearer' }).send({ targetUnitId: ids.gialai, kind: 'CLUSTER' }).expect(201)).body;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.http.put(`${base}/scoring/sheets/${sheet.id}/entries`).auth(secretary, { type: 'bearer' }).send({ version: sheet.version, entries: [{ code: 'TC1', points: 1 + i / 2 }, { code: `TC${2 + (i % 8)}`, points: 1 }] })),
    );
    const ok = responses.filter((r) => r.status === 200);
    assert.equal(ok.length, 1, JSON.stringify(responses.filter((r) => r.status !== 409 && r.status !== 200).map((r) => r.body)));
    assert.ok(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'VERSION_CONFLICT'));
    assert.equal(responses.filter((r) => r.status === 409).length, 19);
    const entries = (await t.dataSource.query(`SELECT criterion_code, points FROM score_entries WHERE sheet_id = ${ph(1)} ORDER BY criterion_code`, [sheet.id])) as Array<{ criterion_code: string; points: number }>;
    assert.deepEqual(entries.map((e) => e.criterion_code), ok[0].body.entries.filter((e: { points: number | null }) => e.points !== null).map((e: { code: string }) => e.code).sort());
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM audit_entries WHERE action = ${ph(1)} AND entity_id = ${ph(2)}`, ['score_sheet.update', sheet.id]);
    assert.equal(Number(n), 1);
    const stored = (await t.http.get(`${base}/scoring/sheets/${sheet.id}`).auth(secretary, { type: 'bearer' }).expect(200)).body;
    assert.equal(stored.version, sheet.version + 1);
    assert.equal((await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200)).body.ok, true);
  });
  it('concurrent saves of several sheets, three at each one\'s version: one wins per sheet, the rest 409; entries and the audit chain whole', async () => {
    // On PostgreSQL the saves ready together commit together (commit-groups.ts): a group holds winners and losers.
    const secretary = await t.token('cum6.secretary');
    const base = `/api/clusters/${ids.cum6}/years/2021`;
    const members = (await t.dataSource.query(`SELECT unit_id FROM memberships WHERE cluster_id = ${ph(1)} AND year = 2021 AND unit_id <> ${ph(2)}`, [ids.cum6, ids.gialai])) as Array<{ unit_id: string }>;
    assert.ok(members.length >= 4, 'the test needs several members');
    const sheets = await Promise.all(members.map(async (m) => (await t.http.post(`${base}/scoring/sheets`).auth(secretary, { type: 'bearer' }).send({ targetUnitId: m.unit_id, kind: 'CLUSTER' }).expect(201)).body as { id: string; version: number }));
    const saves = sheets.flatMap((sheet) => [1, 2, 3].map((points) => ({ sheet, points })));
    const responses = await Promise.all(saves.map(({ sheet, points }) => t.http.put(`${base}/scoring/sheets/${sheet.id}/entries`).auth(secretary, { type: 'bearer' }).send({ version: sheet.version, entries: [{ code: 'TC1', points }] })));
    assert.ok(responses.every((r) => r.status === 200 || (r.status === 409 && r.body.code === 'VERSION_CONFLICT')), JSON.stringify(responses.map((r) => r.status)));
    // A loser is told the version stored after the winner's commit, not the one it sent (grouped with the winner, it
    // is checked again alone once the winner's commit is made).
    for (const [i, r] of responses.entries()) if (r.status === 409) assert.match(r.body.details[0].message, new RegExp(`phiên bản hiện tại là ${saves[i].sheet.version + 1}\\.$`, 'i'));
    for (const sheet of sheets) {
      const won = saves.flatMap((save, i) => (save.sheet === sheet && responses[i].status === 200 ? [save.points] : []));
      assert.equal(won.length, 1, `one save of sheet ${sheet.id} wins`);
      const entries = (await t.dataSource.query(`SELECT points FROM score_entries WHERE sheet_id = ${ph(1)} AND criterion_code = 'TC1'`, [sheet.id])) as Array<{ points: number }>;
      assert.deepEqual(entries.map((e) => Number(e.points)), [won[0] * 100], 'the winner\'s points are stored');
      const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM audit_entries WHERE action = ${ph(1)} AND entity_id = ${ph(2)}`, ['score_sheet.update', sheet.id]);
      assert.equal(Number(n), 1, 'one audit entry per sheet: the winner\'s');
    }
    assert.equal((await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200)).body.ok, true);
  });
});
