import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, demoIds, draftsCum6In2019, startTestApp } from '../support/test-app';

/**
 * The Tờ trình each proposal went with, as the reviewer reads it (independent review, session 26): recorded when the
 * sending issues it, kept when a returned proposal goes again unchanged, and set when a re-entered year's Tờ trình is
 * issued later with the original's date. A later sending of another proposal does not move it.
 */
describe(`the Tờ trình a proposal went with (${TEST_DB})`, () => {
  let t: TestApp;
  let secretary: string;
  let reviewer: string;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const made: Record<'A' | 'B', { id: string; version: number }> = {} as never;
  const base = () => `/api/clusters/${ids.cum6}/years/2019`;
  const sentLine = async (id: string) => {
    const page = (await t.http.get(`/tham-dinh/${id}`).auth(reviewer, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    return /<p>(Gửi Bộ[^<]*)<\/p>/.exec(page)?.[1] ?? '';
  };
  const version = async (id: string) => ((await t.http.get(`${base()}/proposals`).auth(secretary, { type: 'bearer' }).expect(200)).body as Array<{ id: string; version: number }>).find((x) => x.id === id)!.version;

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    reviewer = await t.token('reviewer');
    [made.A, made.B] = await draftsCum6In2019(t, secretary, [ids.gialai, ids.daklak]);
  });
  after(() => t.close());

  it('A goes with Tờ trình 01 of 10/03/2020, and keeps it when sent again unchanged after a return', async () => {
    await t.http.post(`${base()}/proposals/submit`).auth(secretary, { type: 'bearer' }).send({ proposals: [made.A], issuedOn: '2020-03-10' }).expect(200);
    assert.match(await sentLine(made.A.id), /^Gửi Bộ kèm tờ trình số 01\/TTr-CTĐ6 ngày 10\/03\/2020 \(ghi nhận trên hệ thống ngày \d{2}\/\d{2}\/\d{4}\)/);
    const claimed = (await t.http.post(`/api/proposals/${made.A.id}/claim`).auth(reviewer, { type: 'bearer' }).send({ version: await version(made.A.id) }).expect(200)).body;
    await t.http.post(`/api/proposals/${made.A.id}/return`).auth(reviewer, { type: 'bearer' }).send({ version: claimed.version, reason: 'Bổ sung xác nhận của cơ quan chủ quản' }).expect(200);
    await t.http.post(`/api/proposals/${made.A.id}/resubmit`).auth(secretary, { type: 'bearer' }).send({ version: await version(made.A.id), reason: 'Đã bổ sung xác nhận' }).expect(200);
    assert.match(await sentLine(made.A.id), /^Gửi Bộ kèm tờ trình số 01\/TTr-CTĐ6 ngày 10\/03\/2020/, 'the dossier is unchanged: Tờ trình 01 stands for it');
  });

  it('B sent alone in the re-entered year waits for its Tờ trình; issued later with the original’s date, it is B’s, and A keeps 01', async () => {
    await t.http.post(`/api/proposals/${made.B.id}/submit`).auth(secretary, { type: 'bearer' }).send({ version: await version(made.B.id) }).expect(200);
    assert.match(await sentLine(made.B.id), /^Gửi Bộ ngày \d{2}\/\d{2}\/\d{4} \(hôm nay\)/, 'no Tờ trình yet: the day the sending was recorded');
    await t.http.get(`${base()}/proposals/submission.pdf?issuedOn=2020-03-15`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.match(await sentLine(made.B.id), /^Gửi Bộ kèm tờ trình số 02\/TTr-CTĐ6 ngày 15\/03\/2020/);
    assert.match(await sentLine(made.A.id), /^Gửi Bộ kèm tờ trình số 01\/TTr-CTĐ6 ngày 10\/03\/2020/, 'a later sending of another proposal does not move it');
    const queue = (await t.http.get('/tham-dinh?nam=2019').auth(reviewer, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    assert.ok(queue.includes('15/03/2020<br><small class="muted">tờ trình số 02/TTr-CTĐ6; ghi nhận trên hệ thống ngày'));
    // A was returned and resent: the queue says so after its Tờ trình.
    assert.ok(queue.includes('10/03/2020<br><small class="muted">tờ trình số 01/TTr-CTĐ6; gửi lại sau khi bổ sung, ghi nhận trên hệ thống ngày'));
  });
});
