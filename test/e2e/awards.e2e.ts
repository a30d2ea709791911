import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, demoIds, startTestApp, actorFor } from '../support/test-app';

describe(`review meeting and ballots (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let u: Record<'GL' | 'PY' | 'DL' | 'LD' | 'KT' | 'DN', string>;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    u = { GL: ids.gialai, PY: await ids.unit('STTTT-PHUYEN'), DL: ids.daklak, LD: await ids.unit('STTTT-LAMDONG'), KT: await ids.unit('STTTT-KONTUM'), DN: await ids.unit('STTTT-DAKNONG') };
  });
  after(() => t.close());

  const base = () => `/api/clusters/${ids.cum6}/years/2019`;
  const short = (x: { shortName: string }) => x.shortName.replace('Sở TTTT ', '');

  it('the award catalogue and the rule versions are data, readable by every role and by no anonymous caller', async () => {
    await t.http.get('/api/awards/catalogue').expect(401);
    const res = await t.http.get('/api/awards/catalogue').auth(secretary, { type: 'bearer' }).expect(200);
    assert.deepEqual(
      res.body.awards.map((a: { code: string; name: string; rewardMultiple: number; rewardVnd: number }) => [a.code, a.name, a.rewardMultiple, a.rewardVnd]),
      [
        // Today (from 01/07/2026): 8 × the base salary of Decree 161/2026 (2,530,000); the collective's Bằng khen
        // multiple of Decree 152/2025 is an assumption in the catalogue: no amount is given as law.
        ['EMULATION_FLAG', 'Cờ thi đua của Bộ', 8, 20_240_000],
        ['CERTIFICATE_OF_MERIT', 'Bằng khen của Bộ trưởng', 3, null],
      ],
    );
    assert.equal(res.body.awards[0].rewardText, 'Kèm theo tiền thưởng 8 lần mức lương cơ sở (20.240.000 đồng/tập thể; Điều 50 khoản 2 điểm e Nghị định 152/2025/NĐ-CP; mức lương cơ sở 2.530.000 đồng theo Nghị định 161/2026/NĐ-CP).');
    assert.equal(res.body.awards[1].rewardText, 'Mức tiền thưởng theo quy định tại Nghị định 152/2025/NĐ-CP.');
    const decree152 = res.body.ruleVersions.find((v: { basis: string }) => v.basis.endsWith('(giai đoạn Nghị định 152/2025/NĐ-CP)'));
    assert.equal(decree152.validFrom, '2025-07-01');
    assert.equal(decree152.minApproval.EMULATION_FLAG, 8000);
    const decree98 = res.body.ruleVersions.find((v: { basis: string }) => v.basis.endsWith('(giai đoạn Nghị định 98/2023/NĐ-CP)'));
    assert.equal(decree98.validTo, '2025-06-30');
  });

  it('the 2020 secretariat records the 2019 review meeting (held at the start of 2020)', async () => {
    const res = await t.http
      .post(`${base()}/review-meeting`)
      .auth(secretary, { type: 'bearer' })
      .send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Giám đốc Sở TTTT Đắk Lắk', minutesBy: 'Thư ký Cụm thi đua số 6' })
      .expect(201);
    // No operating regulation recorded for Cụm 6: the system's default shares, said to be such (not a decree's).
    assert.equal(res.body.ruleBasis, 'mức áp dụng chung khi cụm chưa ghi nhận quy chế hoạt động');
    assert.equal(res.body.memberCount, 6);
    await t.http.get(`${base()}/awards/quotas`).auth(secretary, { type: 'bearer' }).expect(200).then((r) => assert.deepEqual(r.body, { EMULATION_FLAG: 2, CERTIFICATE_OF_MERIT: 2, version: 0 }));
  });

  it('records attendance (a written opinion counts as a vote) and the ballots: Cờ for Đắk Lắk and Phú Yên, Bằng khen for Gia Lai and Lâm Đồng', async () => {
    let meeting = await t.http.get(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).expect(200);
    meeting = await t.http
      .put(`${base()}/review-meeting/attendance`)
      .auth(secretary, { type: 'bearer' })
      .send({ version: meeting.body.version, entries: [...['GL', 'PY', 'DL', 'LD', 'KT'].map((k) => ({ unitId: u[k as 'GL'], status: 'PRESENT' })), { unitId: u.DN, status: 'WRITTEN_OPINION' }] })
      .expect(200);
    assert.equal(meeting.body.voters, 6);
    const res = await t.http
      .put(`${base()}/review-meeting/ballots`)
      .auth(secretary, { type: 'bearer' })
      .send({
        version: meeting.body.version,
        ballots: [
          { unitId: u.DL, award: 'EMULATION_FLAG', votesFor: 6 },
          { unitId: u.PY, award: 'EMULATION_FLAG', votesFor: 5 },
          { unitId: u.GL, award: 'EMULATION_FLAG', votesFor: 3 },
          { unitId: u.GL, award: 'CERTIFICATE_OF_MERIT', votesFor: 6 },
          { unitId: u.LD, award: 'CERTIFICATE_OF_MERIT', votesFor: 5 },
          { unitId: u.KT, award: 'CERTIFICATE_OF_MERIT', votesFor: 2 },
        ],
      })
      .expect(200);
    const flag = res.body.results.find((r: { award: string }) => r.award === 'EMULATION_FLAG');
    const merit = res.body.results.find((r: { award: string }) => r.award === 'CERTIFICATE_OF_MERIT');
    assert.deepEqual(flag.candidates.filter((c: { selected: boolean }) => c.selected).map((c: { unit: { shortName: string } }) => short(c.unit)), ['Đắk Lắk', 'Phú Yên']);
    assert.deepEqual(merit.candidates.filter((c: { selected: boolean }) => c.selected).map((c: { unit: { shortName: string } }) => short(c.unit)), ['Gia Lai', 'Lâm Đồng']);
    const py = flag.candidates.find((c: { unit: { id: string } }) => c.unit.id === u.PY);
    assert.equal(py.ratioText, '83,33%');
    const gl = flag.candidates.find((c: { unit: { id: string } }) => c.unit.id === u.GL);
    assert.deepEqual([gl.passed, gl.eligible], [false, false], 'Gia Lai: 50 % of members and third in the ranking');
    assert.match(gl.eligibilityReason, /Cờ thi đua chỉ dành cho đơn vị dẫn đầu cụm/);
    const kt = merit.candidates.find((c: { unit: { id: string } }) => c.unit.id === u.KT);
    assert.equal(kt.passed, false);
  });

  it('a tie at the last place is shown, and the chair’s recorded decision settles it', async () => {
    let meeting = await t.http.get(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).expect(200);
    const tie = [
      { unitId: u.GL, award: 'CERTIFICATE_OF_MERIT', votesFor: 6 },
      { unitId: u.LD, award: 'CERTIFICATE_OF_MERIT', votesFor: 5 },
      { unitId: u.PY, award: 'CERTIFICATE_OF_MERIT', votesFor: 5 },
    ];
    meeting = await t.http.put(`${base()}/review-meeting/ballots`).auth(secretary, { type: 'bearer' }).send({ version: meeting.body.version, ballots: tie }).expect(200);
    const open = meeting.body.results.find((r: { award: string }) => r.award === 'CERTIFICATE_OF_MERIT');
    assert.deepEqual(open.tiedAtLastPlace.map(short).sort(), ['Lâm Đồng', 'Phú Yên']);
    meeting = await t.http
      .put(`${base()}/review-meeting/ballots`)
      .auth(secretary, { type: 'bearer' })
      .send({ version: meeting.body.version, ballots: tie, tieDecisions: [{ award: 'CERTIFICATE_OF_MERIT', unitIds: [u.LD] }], reason: 'Chủ trì quyết định theo kết quả xếp hạng' })
      .expect(200);
    const settled = meeting.body.results.find((r: { award: string }) => r.award === 'CERTIFICATE_OF_MERIT');
    assert.deepEqual(settled.tiedAtLastPlace, []);
    assert.deepEqual(settled.candidates.filter((c: { selected: boolean }) => c.selected).map((c: { unit: { shortName: string } }) => short(c.unit)).sort(), ['Gia Lai', 'Lâm Đồng']);
  });

  it('the shares of women the meeting records settle a tie only once the catalogue’s rule is confirmed, before the chair’s decision', async () => {
    const admin = await t.token('admin');
    let meeting = (await t.http.get(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).expect(200)).body;
    const entries = meeting.attendance.map((a: { unit: { id: string }; status: string }) => ({ unitId: a.unit.id, status: a.status, womenShare: a.unit.id === u.PY ? 72.5 : a.unit.id === u.LD ? 69.99 : null }));
    // A share that is not one is refused at its field, in Vietnamese, and nothing changes.
    const before = await t.snapshot();
    const bad = await t.http.put(`${base()}/review-meeting/attendance`).auth(secretary, { type: 'bearer' }).send({ version: meeting.version, entries: entries.map((e: object, i: number) => (i === 0 ? { ...e, womenShare: 100.5 } : e)) }).expect(400);
    assert.equal(bad.body.details[0].field, 'entries.0.womenShare');
    assert.equal(await t.snapshot(), before);
    meeting = (await t.http.put(`${base()}/review-meeting/attendance`).auth(secretary, { type: 'bearer' }).send({ version: meeting.version, entries }).expect(200)).body;
    assert.equal(meeting.attendance.find((a: { unit: { id: string } }) => a.unit.id === u.PY).womenShare, 72.5);
    const merit = () => meeting.results.find((r: { award: string }) => r.award === 'CERTIFICATE_OF_MERIT');
    const selected = () => merit().candidates.filter((c: { selected: boolean }) => c.selected).map((c: { unit: { shortName: string } }) => short(c.unit)).sort();
    // The preference of the decree of 2019 is an assumption in the catalogue: the chair's decision (Lâm Đồng) stands.
    assert.deepEqual(selected(), ['Gia Lai', 'Lâm Đồng']);
    const rule = (await t.http.get('/api/legal').auth(admin, { type: 'bearer' }).expect(200)).body.values.find((v: { code: string }) => v.code === 'UT-NU-91-2017');
    const confirmed = (await t.http.patch(`/api/legal/values/${rule.id}`).auth(admin, { type: 'bearer' }).send({ version: rule.version, assumption: null, reason: 'Kiểm thử: giả sử đã đối chiếu bản chính thức' }).expect(200)).body;
    meeting = (await t.http.get(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).expect(200)).body;
    assert.deepEqual(selected(), ['Gia Lai', 'Phú Yên'], 'Phú Yên (72,5 % women) before Lâm Đồng (69,99 %), whatever the chair decided');
    assert.deepEqual(merit().tiedAtLastPlace, []);
    await t.http.patch(`/api/legal/values/${rule.id}`).auth(admin, { type: 'bearer' }).send({ version: confirmed.version, assumption: rule.assumption, reason: 'Kiểm thử: trả lại giả định' }).expect(200);
    meeting = (await t.http.get(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).expect(200)).body;
    assert.deepEqual(selected(), ['Gia Lai', 'Lâm Đồng']);
  });

  it('refuses bad meeting input in Vietnamese and changes nothing', async () => {
    const meeting = await t.http.get(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).expect(200);
    const officer = (await actorFor(t, 'gialai')).token;
    const reviewer = await t.token('reviewer');
    const admin = await t.token('admin');
    const before = await t.snapshot();
    const cases: Array<[string, Promise<{ status: number; body: { code: string; message: string } }>, number, string]> = [
      ['more votes than voters', t.http.put(`${base()}/review-meeting/ballots`).auth(secretary, { type: 'bearer' }).send({ version: meeting.body.version, ballots: [{ unitId: u.DL, award: 'EMULATION_FLAG', votesFor: 7 }] }), 422, 'BUSINESS_RULE'],
      ['a non-member candidate', t.http.put(`${base()}/review-meeting/ballots`).auth(secretary, { type: 'bearer' }).send({ version: meeting.body.version, ballots: [{ unitId: ids.hanoi, award: 'EMULATION_FLAG', votesFor: 1 }] }), 422, 'BUSINESS_RULE'],
      ['a stale version', t.http.put(`${base()}/review-meeting/ballots`).auth(secretary, { type: 'bearer' }).send({ version: 1, ballots: [] }), 409, 'VERSION_CONFLICT'],
      ['a second meeting', t.http.post(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).send({ heldOn: '2020-03-06', place: 'X', chairedBy: 'Y', minutesBy: 'Z' }), 409, 'DUPLICATE'],
      ['a meeting of a year without members', t.http.post(`/api/clusters/${ids.cum6}/years/2030/review-meeting`).auth(admin, { type: 'bearer' }).send({ heldOn: '2026-03-06', place: 'X', chairedBy: 'Y', minutesBy: 'Z' }), 422, 'NO_MEMBERSHIP'],
      // The ministry decides on the cluster's proposals: its reviewers do not hold the cluster's meeting or make them.
      ['a ministry reviewer recording the cluster’s meeting', t.http.post(`/api/clusters/${ids.cum6}/years/2030/review-meeting`).auth(reviewer, { type: 'bearer' }).send({ heldOn: '2026-03-06', place: 'X', chairedBy: 'Y', minutesBy: 'Z' }), 403, 'FORBIDDEN'],
      ['a ministry reviewer confirming a proposal', t.http.post(`${base()}/proposals`).auth(reviewer, { type: 'bearer' }).send({ award: 'EMULATION_FLAG', unitId: u.DL }), 403, 'FORBIDDEN'],
      ['a ministry reviewer recording ballots', t.http.put(`${base()}/review-meeting/ballots`).auth(reviewer, { type: 'bearer' }).send({ version: meeting.body.version, ballots: [] }), 403, 'FORBIDDEN'],
      // A role that never holds awards.manage is refused before its body is read: 403, not a validation error.
      ['a ministry reviewer electing next year’s chair, with a wrong body', t.http.post(`${base()}/review-meeting/election`).auth(reviewer, { type: 'bearer' }).send({ chairUnitId: 'x', extra: 1 }), 403, 'FORBIDDEN'],
      ['a ministry reviewer sending proposals, with no body', t.http.post(`${base()}/proposals/submit`).auth(reviewer, { type: 'bearer' }), 403, 'FORBIDDEN'],
      ['a ministry reviewer opening a ballot, with a wrong body', t.http.post(`${base()}/review-meeting/ballot-sessions`).auth(reviewer, { type: 'bearer' }).send({ award: 'NONE' }), 403, 'FORBIDDEN'],
      ['a ministry reviewer adding a report, with no file', t.http.post(`/api/proposals/${ids.cum6}/reports`).auth(reviewer, { type: 'bearer' }), 403, 'FORBIDDEN'],
      ['quotas set by a secretariat', t.http.put(`${base()}/awards/quotas`).auth(secretary, { type: 'bearer' }).send({ quotas: [{ award: 'EMULATION_FLAG', quota: 5 }], version: 0, reason: 'Tăng chỉ tiêu' }), 403, 'FORBIDDEN'],
      ['ballots by a unit officer', t.http.put(`${base()}/review-meeting/ballots`).auth(officer, { type: 'bearer' }).send({ version: meeting.body.version, ballots: [] }), 403, 'FORBIDDEN'],
      ['another cluster', t.http.get(`/api/clusters/${ids.cum1}/years/2022/review-meeting`).auth(secretary, { type: 'bearer' }), 404, 'NOT_FOUND'],
    ];
    const problems: string[] = [];
    for (const [name, pending, status, code] of cases) {
      const res = await pending;
      if (res.status !== status || res.body.code !== code) problems.push(`${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    assert.deepEqual(problems, []);
    assert.equal(await t.snapshot(), before);
  });

  it('a stale version on an attendance or ballot write answers 409 before any check of its content, and writes nothing', async () => {
    const meeting = await t.http.get(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).expect(200);
    const current = meeting.body.version as number;
    assert.ok(current > 1);
    const stale = current - 1;
    const everyoneAbsent = Object.values(u).map((unitId) => ({ unitId, status: 'ABSENT' }));
    const before = await t.snapshot();
    const cases: Array<[string, Promise<{ status: number; body: { code: string; details?: Array<{ message: string }> } }>]> = [
      ['attendance', t.http.put(`${base()}/review-meeting/attendance`).auth(secretary, { type: 'bearer' }).send({ version: stale, entries: everyoneAbsent })],
      ['attendance naming a non-member', t.http.put(`${base()}/review-meeting/attendance`).auth(secretary, { type: 'bearer' }).send({ version: stale, entries: [{ unitId: ids.hanoi, status: 'PRESENT' }] })],
      ['ballots', t.http.put(`${base()}/review-meeting/ballots`).auth(secretary, { type: 'bearer' }).send({ version: stale, ballots: [{ unitId: u.DL, award: 'EMULATION_FLAG', votesFor: 1 }] })],
      ['ballots with more votes than voters', t.http.put(`${base()}/review-meeting/ballots`).auth(secretary, { type: 'bearer' }).send({ version: stale, ballots: [{ unitId: u.DL, award: 'EMULATION_FLAG', votesFor: 7 }] })],
    ];
    const problems: string[] = [];
    for (const [name, pending] of cases) {
      const res = await pending;
      if (res.status !== 409 || res.body.code !== 'VERSION_CONFLICT' || res.body.details?.[0]?.message !== `Phiên bản hiện tại là ${current}.`) problems.push(`${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    assert.deepEqual(problems, []);
    assert.equal(await t.snapshot(), before);
    const after = await t.http.get(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.deepEqual(after.body, meeting.body);
  });

  it('the organiser sets the quotas, and the year decides the rule', async () => {
    const res = await t.http.put(`${base()}/awards/quotas`).auth(await t.token('reviewer'), { type: 'bearer' }).send({ quotas: [{ award: 'EMULATION_FLAG', quota: 1 }], version: 0, reason: 'Chỉ tiêu năm 2019 theo hướng dẫn của Bộ' }).expect(200);
    assert.deepEqual(res.body, { EMULATION_FLAG: 1, CERTIFICATE_OF_MERIT: 2, version: 1 });
    // The same write again, on the version it read before: someone else's change is not overwritten.
    const stale = await t.http.put(`${base()}/awards/quotas`).auth(await t.token('reviewer'), { type: 'bearer' }).send({ quotas: [{ award: 'EMULATION_FLAG', quota: 3 }], version: 0, reason: 'Chỉ tiêu cũ' }).expect(409);
    assert.equal(stale.body.code, 'VERSION_CONFLICT');
    assert.equal(stale.body.details[0].message, 'Phiên bản hiện tại là 1.');
    const meeting = await t.http.get(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(meeting.body.results[0].quota, 1);
  });
});
