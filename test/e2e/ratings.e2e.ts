import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, demoIds, startTestApp } from '../support/test-app';

/** The legal rating of a collective (by decision) and the impediments to proposing it, over HTTP. */
describe(`legal ratings and impediments (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let reviewer: string;
  let secretary: string;
  let last: { id: string; name: string };
  const base = () => `/api/clusters/${ids.cum6}/years/2019`;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const candidate = async () => {
    const meeting = (await t.http.get(`${base()}/review-meeting`).set(auth(secretary)).expect(200)).body;
    return meeting.results.find((r: { award: string }) => r.award === 'CERTIFICATE_OF_MERIT').candidates.find((c: { unit: { id: string } }) => c.unit.id === last.id);
  };

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    reviewer = await t.token('reviewer');
    secretary = await t.token('cum6.secretary');
    // The unit ranked last in 2019: a Bằng khen by rank is out of its reach.
    const ranking = (await t.http.get(`${base()}/scoring/ranking`).set(auth(reviewer)).expect(200)).body;
    const row = ranking.rows.at(-1);
    last = { id: row.unit.id, name: row.unit.name };
    const members = ranking.rows.map((r: { unit: { id: string } }) => r.unit.id);
    let meeting = await t.http.post(`${base()}/review-meeting`).set(auth(secretary)).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Nguyễn Văn Ký', minutesBy: 'Trần Thư Ký' }).expect(201);
    meeting = await t.http.put(`${base()}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.body.version, entries: members.map((unitId: string) => ({ unitId, status: 'PRESENT' })) }).expect(200);
    await t.http.put(`${base()}/review-meeting/ballots`).set(auth(secretary)).send({ version: meeting.body.version, ballots: [{ unitId: last.id, award: 'CERTIFICATE_OF_MERIT', votesFor: 6 }] }).expect(200);
  });
  after(() => t.close());

  it('ranked last and without ratings by decision, the unit is not eligible for the Bằng khen, whatever its points band', async () => {
    const c = await candidate();
    assert.equal(c.eligible, false);
  });

  it('two consecutive years rated "hoàn thành xuất sắc nhiệm vụ" by decision open the Bằng khen; a secretariat cannot record a rating', async () => {
    const body = (year: number, n: string) => ({ rating: 'EXCELLENT', decidedBy: 'Ủy ban nhân dân tỉnh', decisionNumber: n, decisionDate: `${year + 1}-01-20`, reason: 'Theo quyết định xếp loại' });
    await t.http.put(`/api/units/${last.id}/ratings/2019`).set(auth(secretary)).send(body(2019, '20/QĐ-UBND')).expect(403);
    // The organiser is not rated; a Sở TTTT that ended on 28/02/2025 has no 2026 rating.
    assert.equal((await t.http.put(`/api/units/${ids.ministry}/ratings/2019`).set(auth(reviewer)).send(body(2019, '1/QĐ')).expect(422)).body.details[0].field, 'unitId');
    assert.equal((await t.http.put(`/api/units/${last.id}/ratings/2026`).set(auth(reviewer)).send({ ...body(2026, '1/QĐ'), decisionDate: '2026-11-30' }).expect(422)).body.details[0].field, 'year');
    const early = await t.http.put(`/api/units/${last.id}/ratings/2019`).set(auth(reviewer)).send({ ...body(2019, '20/QĐ-UBND'), decisionDate: '2018-12-31' }).expect(400);
    assert.equal(early.body.details[0].field, 'decisionDate');
    await t.http.put(`/api/units/${last.id}/ratings/2019`).set(auth(reviewer)).send(body(2019, '20/QĐ-UBND')).expect(200);
    assert.equal((await candidate()).eligible, false, 'one year is not enough');
    const r2018 = (await t.http.put(`/api/units/${last.id}/ratings/2018`).set(auth(reviewer)).send(body(2018, '15/QĐ-UBND')).expect(200)).body;
    const c = await candidate();
    assert.equal(c.eligible, true);
    assert.match(c.eligibilityReason, /Hai năm liên tục được xếp loại hoàn thành xuất sắc nhiệm vụ/);
    // A correction needs the version read; a stale one answers 409.
    await t.http.put(`/api/units/${last.id}/ratings/2018`).set(auth(reviewer)).send({ ...body(2018, '16/QĐ-UBND'), version: r2018.version + 5 }).expect(409);
    const standing = (await t.http.get(`/api/units/${last.id}/standing`).set(auth(secretary)).expect(200)).body;
    assert.deepEqual(standing.ratings.map((r: { year: number; ratingLabel: string; decisionNumber: string }) => [r.year, r.ratingLabel, r.decisionNumber]), [
      [2019, 'Hoàn thành xuất sắc nhiệm vụ', '20/QĐ-UBND'],
      [2018, 'Hoàn thành xuất sắc nhiệm vụ', '15/QĐ-UBND'],
    ]);
  });

  it('an impediment in force today refuses the proposal with its reason, changing nothing; once ended, the proposal is made', async () => {
    const imp = (await t.http.post(`/api/units/${last.id}/impediments`).set(auth(reviewer)).send({ kind: 'INSPECTION', fromDate: '2026-01-05', reference: 'Kết luận thanh tra số 12/KL-TTr', reason: 'Theo kết luận thanh tra' }).expect(201)).body;
    const before = await t.snapshot();
    const refused = await t.http.post(`${base()}/proposals`).set(auth(secretary)).send({ award: 'CERTIFICATE_OF_MERIT', unitId: last.id }).expect(422);
    assert.equal(refused.body.details[0].field, 'unitId');
    assert.match(refused.body.details[0].message, /đang bị thanh tra, kiểm tra có dấu hiệu vi phạm \(Kết luận thanh tra số 12\/KL-TTr, từ 05\/01\/2026\)/);
    assert.equal(await t.snapshot(), before);
    const backwards = await t.http.patch(`/api/impediments/${imp.id}`).set(auth(reviewer)).send({ version: imp.version, toDate: '2025-12-31', reason: 'Kết thúc' }).expect(400);
    assert.equal(backwards.body.details[0].field, 'toDate');
    await t.http.patch(`/api/impediments/${imp.id}`).set(auth(reviewer)).send({ version: imp.version, toDate: '2026-03-31', reason: 'Đã khắc phục theo kết luận' }).expect(200);
    await t.http.post(`${base()}/proposals`).set(auth(secretary)).send({ award: 'CERTIFICATE_OF_MERIT', unitId: last.id }).expect(201);
  });
});
