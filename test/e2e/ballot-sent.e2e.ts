import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, attachReport, demoIds, startTestApp } from '../support/test-app';

/**
 * A secret ballot and the proposals that rest on the meeting's result (second security review, 05/12/2026): a
 * proposal of an award is not sent while a ballot of that award is open, and once sent, no ballot of it opens, closes
 * or is decided — so a session can neither rewrite a sent proposal's basis nor be left open for good.
 */
describe(`a secret ballot and the proposals sent on the meeting's result (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
  });
  after(() => t.close());

  it('a proposal waits while the ballot of its award is open (results entered by hand before); nothing written', async () => {
    const secretary = await t.token('cum6.secretary');
    const base = `/api/clusters/${ids.cum6}/years/2019`;
    const members = ((await t.http.get(`/api/clusters/${ids.cum6}/members?year=2019`).set(auth(secretary)).expect(200)).body as Array<{ unit: { id: string } }>).map((x) => x.unit.id);
    let meeting = (await t.http.post(`${base}/review-meeting`).set(auth(secretary)).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Chủ trì', minutesBy: 'Thư ký' }).expect(201)).body;
    meeting = (await t.http.put(`${base}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.version, entries: members.map((unitId) => ({ unitId, status: 'PRESENT' })) }).expect(200)).body;
    await t.http.put(`${base}/review-meeting/ballots`).set(auth(secretary)).send({ version: meeting.version, ballots: [{ unitId: ids.daklak, award: 'EMULATION_FLAG', votesFor: 6 }] }).expect(200);
    const proposal = (await t.http.post(`${base}/proposals`).set(auth(secretary)).send({ award: 'EMULATION_FLAG', unitId: ids.daklak }).expect(201)).body as { id: string; version: number };
    await attachReport(t, secretary, proposal.id);
    // The secretariat then opens a secret ballot of the same award (nothing sent yet: allowed).
    await t.http.post(`${base}/review-meeting/ballot-sessions`).set(auth(secretary)).send({ award: 'EMULATION_FLAG', mode: 'ONLINE' }).expect(201);
    const current = ((await t.http.get(`${base}/proposals`).set(auth(secretary)).expect(200)).body as Array<{ id: string; version: number }>).find((x) => x.id === proposal.id)!;
    const before = await t.snapshot();
    const sent = await t.http.post(`/api/proposals/${proposal.id}/submit`).set(auth(secretary)).send({ version: current.version });
    assert.deepEqual([sent.status, sent.body.message], [422, 'Phiên bỏ phiếu kín của danh hiệu này đang mở tại hội nghị: đóng phiên (kiểm phiếu) trước khi gửi đề nghị.'], JSON.stringify(sent.body));
    assert.equal(await t.snapshot(), before);
  });
});
