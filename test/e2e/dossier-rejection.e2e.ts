import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, binary, demoIds, draftsCum6In2019, ph, startTestApp } from '../support/test-app';

/**
 * What the cluster sent stands when the ministry later rejects a unit: no warning that a Tờ trình waits, no new Tờ
 * trình for another date, and the meeting page still opens once every proposal is rejected (session 25's review:
 * the page answered 404, and a re-entered year invited a second Tờ trình without the rejected unit).
 */
describe(`a rejection after sending does not make a new dossier (${TEST_DB})`, () => {
  let t: TestApp;
  let secretary: string;
  let reviewer: string;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const sent: Array<{ id: string; version: number }> = [];
  const base = () => `/api/clusters/${ids.cum6}/years/2019`;
  const page = async () => (await t.http.get(`/cum/${ids.cum6}/nam/2019/binh-xet`).auth(secretary, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
  const count = async (kind: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM issued_documents WHERE kind = ${ph(1)} AND cluster_id = ${ph(2)} AND year = 2019`, [kind, ids.cum6]))[0].n);
  const reject = async (i: number) => {
    const claimed = (await t.http.post(`/api/proposals/${sent[i].id}/claim`).auth(reviewer, { type: 'bearer' }).send({ version: sent[i].version }).expect(200)).body;
    await t.http.post(`/api/proposals/${sent[i].id}/reject`).auth(reviewer, { type: 'bearer' }).send({ version: claimed.version, reason: 'Chưa đủ tiêu chuẩn' }).expect(200);
  };

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    reviewer = await t.token('reviewer');
    // 2019 is re-entered today (the demo opens it now): its Tờ trình waits for the date on the original.
    for (const draft of await draftsCum6In2019(t, secretary, [ids.gialai, ids.daklak])) {
      sent.push((await t.http.post(`/api/proposals/${draft.id}/submit`).auth(secretary, { type: 'bearer' }).send({ version: draft.version }).expect(200)).body);
    }
  });
  after(() => t.close());

  it('the Tờ trình of a re-entered year waits, the page says so, and issuing it on its date issues the list with it', async () => {
    assert.equal(await count('SUBMISSION'), 0);
    assert.match(await page(), /data-testid="awaiting-issue">Tờ trình của các đề nghị đã gửi chưa được ban hành\. Năm 2019 được nhập lại/);
    await t.http.get(`${base()}/proposals/submission.pdf?issuedOn=2020-03-10`).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    assert.deepEqual([await count('SUBMISSION'), await count('LIST')], [1, 1], 'the list goes with its Tờ trình');
    assert.doesNotMatch(await page(), /awaiting-issue/);
  });

  it('a unit rejected later: no warning, and no second Tờ trình for another date', async () => {
    await reject(1);
    assert.doesNotMatch(await page(), /awaiting-issue/);
    const refused = await t.http.get(`${base()}/proposals/submission.pdf?issuedOn=2020-03-25`).auth(secretary, { type: 'bearer' }).expect(422);
    assert.equal(refused.body.details[0].field, 'issuedOn');
    assert.match(refused.body.message, /^Cụm đã ban hành tờ trình số 01\/TTr-CTĐ6 ngày 10\/03\/2020 và từ đó không gửi đề nghị nào làm hồ sơ thay đổi/);
    assert.equal(await count('SUBMISSION'), 1);
  });

  it('every proposal rejected: the meeting page still opens, with what was issued', async () => {
    await reject(0);
    const html = await page();
    assert.doesNotMatch(html, /awaiting-issue/);
    assert.match(html, /Tờ trình đề nghị khen thưởng \(PDF\)/);
  });
});
