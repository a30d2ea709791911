import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, demoIds, draftsCum6In2019, ph, startTestApp } from '../support/test-app';

/**
 * The confirmed proposals sent together: one sending, one Tờ trình, all or none (session 25's new-user trial: sending
 * four proposals one row at a time issued four Tờ trình the same day). A re-entered year gives the original's date
 * with the sending.
 */
describe(`sending the confirmed proposals together (${TEST_DB})`, () => {
  let t: TestApp;
  let secretary: string;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const drafts: Array<{ id: string; version: number }> = [];
  const base = () => `/api/clusters/${ids.cum6}/years/2019`;
  const issued = async (kind: string) =>
    (await t.dataSource.query(`SELECT document_number, document_date FROM issued_documents WHERE kind = ${ph(1)} AND cluster_id = ${ph(2)} AND year = 2019`, [kind, ids.cum6])) as Array<{ document_number: string; document_date: string }>;

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    drafts.push(...(await draftsCum6In2019(t, secretary, [ids.gialai, ids.daklak])));
  });
  after(() => t.close());

  it('refuses, changing nothing: no proposal, a stale version, a date before the meeting, a ministry reviewer, another year’s proposal', async () => {
    const reviewer = await t.token('reviewer');
    const before = await t.snapshot();
    const send = (token: string, body: object, path = `${base()}/proposals/submit`) => t.http.post(path).auth(token, { type: 'bearer' }).send(body);
    const empty = await send(secretary, { proposals: [] }).expect(400);
    assert.equal(empty.body.details[0].field, 'proposals');
    assert.equal(empty.body.details[0].message, 'Chọn ít nhất một đề nghị để gửi.');
    // All or none: the second's stale version undoes the first's sending.
    const stale = await send(secretary, { proposals: [drafts[0], { ...drafts[1], version: drafts[1].version + 5 }] }).expect(409);
    assert.equal(stale.body.details[0].field, 'version');
    const early = await send(secretary, { proposals: drafts, issuedOn: '2020-03-05' }).expect(400);
    assert.equal(early.body.details[0].field, 'issuedOn');
    assert.match(early.body.details[0].message, /không được trước ngày họp bình xét \(06\/03\/2020\)/);
    await send(reviewer, { proposals: drafts }).expect(403);
    const elsewhere = await send(secretary, { proposals: drafts }, `/api/clusters/${ids.cum6}/years/2020/proposals/submit`);
    assert.ok([404, 422].includes(elsewhere.status), `${elsewhere.status} ${JSON.stringify(elsewhere.body)}`);
    assert.equal(await t.snapshot(), before, 'nothing changed');
  });

  it('names every proposal without its achievement report at once, changing nothing', async () => {
    const rows = (await t.dataSource.query(`SELECT * FROM achievement_reports WHERE proposal_id IN (${ph(1)}, ${ph(2)})`, drafts.map((d) => d.id))) as Array<Record<string, unknown>>;
    assert.equal(rows.length, 2);
    await t.dataSource.query(`DELETE FROM achievement_reports WHERE proposal_id IN (${ph(1)}, ${ph(2)})`, drafts.map((d) => d.id));
    try {
      const before = await t.snapshot();
      const res = await t.http.post(`${base()}/proposals/submit`).auth(secretary, { type: 'bearer' }).send({ proposals: drafts }).expect(422);
      assert.equal(res.body.message, 'Có 2 đề nghị chưa có báo cáo thành tích:');
      assert.deepEqual(res.body.details.map((d: { field: string }) => d.field), ['reports', 'reports']);
      const named = res.body.details.map((d: { message: string }) => /cho (Sở [^;]+?) chưa có báo cáo/.exec(d.message)?.[1]).sort();
      assert.deepEqual(named, ['Sở Thông tin và Truyền thông tỉnh Gia Lai', 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk'].sort());
      assert.equal(await t.snapshot(), before, 'nothing changed');
      // A stale version is still refused first, as when sent alone.
      const stale = await t.http.post(`${base()}/proposals/submit`).auth(secretary, { type: 'bearer' }).send({ proposals: drafts.map((d) => ({ ...d, version: d.version + 5 })) }).expect(409);
      assert.equal(stale.body.details[0].field, 'version');
    } finally {
      for (const row of rows) {
        const columns = Object.keys(row);
        await t.dataSource.query(`INSERT INTO achievement_reports (${columns.join(', ')}) VALUES (${columns.map((_, i) => ph(i + 1)).join(', ')})`, columns.map((c) => row[c]));
      }
    }
  });

  it('two proposals sent together with the original’s date: one Tờ trình, one list, one minutes, dated as given', async () => {
    const sent = await t.http.post(`${base()}/proposals/submit`).auth(secretary, { type: 'bearer' }).send({ proposals: drafts, issuedOn: '2020-03-10' }).expect(200);
    assert.deepEqual(sent.body.map((x: { status: string }) => x.status), ['SUBMITTED', 'SUBMITTED']);
    assert.deepEqual(await issued('SUBMISSION'), [{ document_number: '01/TTr-CTĐ6', document_date: '2020-03-10' }]);
    assert.equal((await issued('LIST')).length, 1);
    assert.deepEqual(await issued('MINUTES'), [{ document_number: '01/BB-CTĐ6', document_date: '2020-03-06' }]);
    const page = (await t.http.get(`/cum/${ids.cum6}/nam/2019/binh-xet`).auth(secretary, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    assert.doesNotMatch(page, /awaiting-issue|proposals\/submit"/, 'nothing waits, nothing left to send');
  });
});
