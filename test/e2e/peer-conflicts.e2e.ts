import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, demoIds, startTestApp } from '../support/test-app';

describe(`conflicts of interest in peer scoring, computed before the assignment (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let kontum: string;
  let lamdong: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    kontum = await ids.unit('STTTT-KONTUM');
    lamdong = await ids.unit('STTTT-LAMDONG');
  });
  after(() => t.close());

  const url = (path: string) => `/api/clusters/${ids.cum6}/years/2021/scoring${path}`;

  it('a unit on its own successor is refused with the reason; an override with its reason lets it stand', async () => {
    // Kon Tum merged into Gia Lai at the end of 2024 (in this test; Gia Lai is active the day after): Sở KH&CN Gia Lai now acts for both.
    const admin = await t.token('admin');
    const unit = await t.http.get(`/api/units/${kontum}`).auth(admin, { type: 'bearer' }).expect(200);
    await t.http.patch(`/api/units/${kontum}`).auth(admin, { type: 'bearer' }).send({ version: unit.body.version, reason: 'Sáp nhập (dữ liệu thử)', successorId: ids.gialai, activeTo: '2024-12-31' }).expect(200);
    await t.http
      .put(url('/config'))
      .auth(secretary, { type: 'bearer' })
      .send({ rule: 'PEER_MEAN', normalize: false, selfMargin: 5, peerOutlier: 10, bands: [{ minPoints: 0, label: 'Hoàn thành nhiệm vụ' }], peerMode: 'ALL', peerK: 1, reason: 'Chấm chéo toàn cụm' })
      .expect(200);
    await t.http.post(`/api/clusters/${ids.cum6}/years/2021/criteria`).auth(secretary, { type: 'bearer' }).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);

    const conflicts = await t.http.get(url('/conflicts')).auth(secretary, { type: 'bearer' }).expect(200);
    const pair = conflicts.body.find((c: { scorer: { id: string }; target: { id: string } }) => c.scorer.id === kontum && c.target.id === ids.gialai);
    assert.match(pair.reason, /^Sở Thông tin và Truyền thông tỉnh Gia Lai là đơn vị kế thừa của Sở Thông tin và Truyền thông tỉnh Kon Tum\.$/);
    assert.equal(pair.overridden, false);
    // Phú Yên and Đắk Lắk were both merged into Sở KH&CN Đắk Lắk (the demo's 2025 reorganisation).
    assert.ok(conflicts.body.some((c: { reason: string }) => /cùng được sáp nhập vào/.test(c.reason)));

    const gialaiOfficer = await t.token('skhcn.gialai');
    const before = await t.snapshot();
    const refused = await t.http.post(url('/sheets')).auth(gialaiOfficer, { type: 'bearer' }).send({ targetUnitId: ids.gialai, kind: 'PEER', scorerUnitId: kontum });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'INVALID_SCORER');
    assert.equal(refused.body.details[0].message, `Xung đột lợi ích: ${pair.reason}`);
    assert.equal(await t.snapshot(), before, 'nothing written');

    const noReason = await t.http.post(url('/conflicts/overrides')).auth(secretary, { type: 'bearer' }).send({ scorerUnitId: kontum, targetUnitId: ids.gialai });
    assert.equal(noReason.status, 400);
    const unitOfficer = await t.http.post(url('/conflicts/overrides')).auth(gialaiOfficer, { type: 'bearer' }).send({ scorerUnitId: kontum, targetUnitId: ids.gialai, reason: 'Tự cho phép' });
    assert.equal(unitOfficer.status, 403);
    const overridden = await t.http.post(url('/conflicts/overrides')).auth(secretary, { type: 'bearer' }).send({ scorerUnitId: kontum, targetUnitId: ids.gialai, reason: 'Hội nghị cụm đồng ý giữ phân công' }).expect(200);
    const now = overridden.body.find((c: { scorer: { id: string }; target: { id: string } }) => c.scorer.id === kontum && c.target.id === ids.gialai);
    assert.deepEqual([now.overridden, now.overrideReason], [true, 'Hội nghị cụm đồng ý giữ phân công']);
    await t.http.post(url('/sheets')).auth(gialaiOfficer, { type: 'bearer' }).send({ targetUnitId: ids.gialai, kind: 'PEER', scorerUnitId: kontum }).expect(201);
    const audit = await t.http.get('/api/audit').query({ action: 'scoring.conflict_override' }).auth(await t.token('reviewer'), { type: 'bearer' }).expect(200);
    assert.equal(audit.body.items[0].reason, 'Hội nghị cụm đồng ý giữ phân công');
  });

  it('a declared relation is a conflict both ways, with its reason', async () => {
    await t.http.post(url('/conflicts/relations')).auth(secretary, { type: 'bearer' }).send({ unitAId: lamdong, unitBId: ids.gialai, reason: 'Lãnh đạo hai sở có quan hệ gia đình.' }).expect(200);
    const gialaiOfficer = await t.token('skhcn.gialai');
    const refused = await t.http.post(url('/sheets')).auth(gialaiOfficer, { type: 'bearer' }).send({ targetUnitId: lamdong, kind: 'PEER', scorerUnitId: ids.gialai });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.details[0].message, 'Xung đột lợi ích: Quan hệ đã khai báo: Lãnh đạo hai sở có quan hệ gia đình.');
  });
  it('a declared relation can be removed, with a reason, audited; the pair may then be scored', async () => {
    const gialaiOfficer = await t.token('skhcn.gialai');
    const listed = await t.http.get(url('/conflicts/relations')).auth(gialaiOfficer, { type: 'bearer' }).expect(200);
    assert.deepEqual(listed.body.map((r: { reason: string }) => r.reason), ['Lãnh đạo hai sở có quan hệ gia đình.']);
    const before = await t.snapshot();
    const byMember = await t.http.post(url('/conflicts/relations/remove')).auth(gialaiOfficer, { type: 'bearer' }).send({ unitAId: ids.gialai, unitBId: lamdong, reason: 'Thử' });
    assert.equal(byMember.status, 403);
    const noReason = await t.http.post(url('/conflicts/relations/remove')).auth(secretary, { type: 'bearer' }).send({ unitAId: ids.gialai, unitBId: lamdong });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.details[0].field, 'reason');
    const unknown = await t.http.post(url('/conflicts/relations/remove')).auth(secretary, { type: 'bearer' }).send({ unitAId: ids.gialai, unitBId: kontum, reason: 'Nhầm' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.details[0].field, 'unitBId');
    assert.equal(await t.snapshot(), before, 'refusals change nothing');

    // Either order names the same relation.
    const removed = await t.http.post(url('/conflicts/relations/remove')).auth(secretary, { type: 'bearer' }).send({ unitAId: ids.gialai, unitBId: lamdong, reason: 'Lãnh đạo sở đã chuyển công tác.' }).expect(200);
    assert.ok(!removed.body.some((c: { reason: string }) => /Quan hệ đã khai báo/.test(c.reason)));
    assert.deepEqual((await t.http.get(url('/conflicts/relations')).auth(secretary, { type: 'bearer' }).expect(200)).body, []);
    const audit = await t.http.get('/api/audit').query({ action: 'scoring.relation_remove' }).auth(await t.token('reviewer'), { type: 'bearer' }).expect(200);
    assert.equal(audit.body.items[0].reason, 'Lãnh đạo sở đã chuyển công tác.');
    assert.equal(audit.body.items[0].before.reason, 'Lãnh đạo hai sở có quan hệ gia đình.');
    await t.http.post(url('/sheets')).auth(gialaiOfficer, { type: 'bearer' }).send({ targetUnitId: lamdong, kind: 'PEER', scorerUnitId: ids.gialai }).expect(201);
  });
});
