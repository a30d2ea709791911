import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { TEST_DB, TestApp, binary, demoIds, startTestApp, actorFor } from '../support/test-app';

describe(`cluster leadership and rotation (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let u: Record<'GL' | 'PY' | 'DL' | 'LD' | 'KT' | 'DN', string>;
  let reviewer: string;
  let secretary: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    u = {
      GL: ids.gialai,
      PY: await ids.unit('STTTT-PHUYEN'),
      DL: ids.daklak,
      LD: await ids.unit('STTTT-LAMDONG'),
      KT: await ids.unit('STTTT-KONTUM'),
      DN: await ids.unit('STTTT-DAKNONG'),
    };
    reviewer = await t.token('reviewer');
    secretary = await t.token('cum6.secretary');
  });
  after(() => t.close());

  const base = () => `/api/clusters/${ids.cum6}`;
  const short = (ref: { shortName: string } | null) => ref?.shortName.replace('Sở TTTT ', '') ?? null;

  it('lists the recorded terms: Đắk Lắk and Gia Lai in 2019, Gia Lai and Phú Yên in 2020', async () => {
    const res = await t.http.get(`${base()}/leadership`).auth(await t.token('kontum'), { type: 'bearer' }).expect(200);
    assert.deepEqual(
      res.body.map((x: { year: number; chair: { shortName: string }; viceChair: { shortName: string } }) => [x.year, short(x.chair), short(x.viceChair)]),
      [
        [2020, 'Gia Lai', 'Phú Yên'],
        [2019, 'Đắk Lắk', 'Gia Lai'],
      ],
    );
  });

  it('previews from 2019: Gia Lai chairs 2020', async () => {
    const res = await t.http.get(`${base()}/rotation/preview?fromYear=2019&years=1`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(short(res.body.steps[0].chair), 'Gia Lai');
    assert.equal(short(res.body.steps[0].viceChair), 'Phú Yên');
  });

  it('previews 2021–2024 by the rule, with a reason for each step; not 2025, which no member serves to its end', async () => {
    const res = await t.http.get(`${base()}/rotation/preview?years=5`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(res.body.fromYear, 2020);
    assert.deepEqual(
      res.body.steps.map((s: { year: number; chair: { shortName: string }; viceChair: { shortName: string } }) => [s.year, short(s.chair), short(s.viceChair)]),
      [
        [2021, 'Phú Yên', 'Lâm Đồng'],
        [2022, 'Lâm Đồng', 'Kon Tum'],
        [2023, 'Kon Tum', 'Đắk Nông'],
        [2024, 'Đắk Nông', 'Đắk Lắk'],
      ],
      // By the rule 2025 would be Đắk Lắk and Gia Lai on 2024's membership, but Sở TTTT Đắk Lắk ended on 28/02/2025.
    );
    for (const step of res.body.steps) assert.ok(step.reasons.length >= 2, JSON.stringify(step));
    assert.match(res.body.steps[0].reasons[0], /Cụm phó năm 2020 \(Sở TTTT Phú Yên\) làm Cụm trưởng năm 2021/);
    assert.ok(res.body.steps.every((step: { assumedMembershipOf: number | null }) => step.assumedMembershipOf === null), 'every forecast year has its membership decision');
  });

  it('refuses bad leadership input in Vietnamese and changes nothing', async () => {
    const officer = (await actorFor(t, 'gialai')).token;
    const before = await t.snapshot();
    const cases: Array<[string, () => ReturnType<typeof t.http.put>, number, string, string?]> = [
      ['a non-member as chair', () => t.http.put(`${base()}/leadership/2021/override`).auth(reviewer, { type: 'bearer' }).send({ chairUnitId: ids.hanoi, viceChairUnitId: u.LD, decisionNumber: '1/QĐ-BTTTT', decisionDate: '2021-03-10', reason: 'Thử sai' }), 422, 'LEADERSHIP_INVALID', 'chairUnitId'],
      ['chair equal to vice-chair', () => t.http.put(`${base()}/leadership/2021/override`).auth(reviewer, { type: 'bearer' }).send({ chairUnitId: u.PY, viceChairUnitId: u.PY, decisionNumber: '1/QĐ-BTTTT', decisionDate: '2021-03-10', reason: 'Thử sai' }), 422, 'LEADERSHIP_INVALID', 'viceChairUnitId'],
      ['a term overlapping a recorded one', () => t.http.post(`${base()}/leadership`).auth(reviewer, { type: 'bearer' }).send({ year: 2020, chairUnitId: u.PY, viceChairUnitId: u.LD, method: 'ELECTION' }), 409, 'LEADERSHIP_TERM_EXISTS', 'year'],
      ['a year without membership', () => t.http.put(`${base()}/leadership/2030/override`).auth(reviewer, { type: 'bearer' }).send({ chairUnitId: u.PY, viceChairUnitId: u.LD, decisionNumber: '1/QĐ-BTTTT', decisionDate: '2025-12-10', reason: 'Thử sai' }), 422, 'NO_MEMBERSHIP', 'year'],
      ['rotation into a year without membership', () => t.http.post(`${base()}/leadership/rotate`).auth(reviewer, { type: 'bearer' }).send({ year: 2030 }), 422, 'NO_MEMBERSHIP', 'year'],
      ['an override without its decision', () => t.http.put(`${base()}/leadership/2021/override`).auth(reviewer, { type: 'bearer' }).send({ chairUnitId: u.PY, viceChairUnitId: u.LD, reason: 'Thiếu số quyết định' }), 400, 'VALIDATION_FAILED', 'decisionNumber'],
      ['an override of a recorded year without its version', () => t.http.put(`${base()}/leadership/2020/override`).auth(reviewer, { type: 'bearer' }).send({ chairUnitId: u.GL, viceChairUnitId: u.DL, decisionNumber: '2/QĐ-BTTTT', decisionDate: '2020-03-10', reason: 'Điều chỉnh' }), 400, 'VALIDATION_FAILED', 'version'],
      ['an override with a stale version', () => t.http.put(`${base()}/leadership/2020/override`).auth(reviewer, { type: 'bearer' }).send({ chairUnitId: u.GL, viceChairUnitId: u.DL, decisionNumber: '2/QĐ-BTTTT', decisionDate: '2020-03-10', reason: 'Điều chỉnh', version: 7 }), 409, 'VERSION_CONFLICT', 'version'],
      ['an override by the secretariat', () => t.http.put(`${base()}/leadership/2021/override`).auth(secretary, { type: 'bearer' }).send({ chairUnitId: u.PY, viceChairUnitId: u.LD, decisionNumber: '1/QĐ-BTTTT', decisionDate: '2021-03-10', reason: 'Không có quyền' }), 403, 'FORBIDDEN'],
      ['an override of another organiser’s cluster', () => t.http.put(`/api/clusters/${ids.naCum1}/leadership/2020/override`).auth(reviewer, { type: 'bearer' }).send({ chairUnitId: u.PY, decisionNumber: '1/QĐ-BTTTT', decisionDate: '2021-03-10', reason: 'Ngoài phạm vi' }), 404, 'NOT_FOUND'],
      ['a rotation order with a stranger', () => t.http.put(`${base()}/rotation`).auth(secretary, { type: 'bearer' }).send({ unitOrder: [u.GL, ids.hanoi], version: 1, reason: 'Thứ tự mới' }), 422, 'LEADERSHIP_INVALID', 'unitOrder'],
      ['a rotation order naming a unit twice', () => t.http.put(`${base()}/rotation`).auth(secretary, { type: 'bearer' }).send({ unitOrder: [u.GL, u.GL], version: 1, reason: 'Thứ tự mới' }), 400, 'VALIDATION_FAILED', 'unitOrder'],
      ['a preview of too many years', () => t.http.get(`${base()}/rotation/preview?years=500`).auth(secretary, { type: 'bearer' }) as never, 400, 'VALIDATION_FAILED', 'years'],
      ['a unit officer recording a term', () => t.http.post(`${base()}/leadership`).auth(officer, { type: 'bearer' }).send({ year: 2021, chairUnitId: u.PY, method: 'ELECTION' }), 403, 'FORBIDDEN'],
    ];
    const problems: string[] = [];
    for (const [name, send, status, code, field] of cases) {
      const res = await send();
      if (res.status !== status || res.body.code !== code) problems.push(`${name}: ${res.status} ${res.body.code} ${JSON.stringify(res.body).slice(0, 200)}`);
      if (field && !res.body.details?.some((d: { field: string }) => d.field === field)) problems.push(`${name}: no detail for ${field}`);
      if (!/[ạảãàáâậầấẩẫăắằặẳẵẻẽèéêệềếểễịỉĩìíọỏõòóôộồốổỗơợờớởỡụủũùúưựừứửữđ]/i.test(res.body.message)) problems.push(`${name}: ${res.body.message}`);
    }
    assert.deepEqual(problems, []);
    assert.equal(await t.snapshot(), before);
  });

  it('hands the secretariat over: Gia Lai manages 2021 until 2021’s chair is set, then only reads it', async () => {
    // Before 2021's term, the 2020 chair's secretariat runs 2021.
    await t.http.post(`${base()}/years`).auth(secretary, { type: 'bearer' }).send({ year: 2021, reason: 'Mở năm thi đua 2021' }).expect(201);
    let year = await t.http.get(`${base()}/years/2021`).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http
      .patch(`${base()}/years/2021`)
      .auth(secretary, { type: 'bearer' })
      .send({ version: year.body.version, pledgeSigningOn: '2021-03-12', reason: 'Lịch ký giao ước' })
      .expect(200);

    // The organiser records the 2021 leadership by decision.
    const override = await t.http
      .put(`${base()}/leadership/2021/override`)
      .auth(reviewer, { type: 'bearer' })
      .send({ chairUnitId: u.PY, viceChairUnitId: u.LD, hostUnitId: u.PY, decisionNumber: '15/QĐ-BTTTT', decisionDate: '2021-03-10', reason: 'Phê duyệt kết quả bầu Cụm trưởng, Cụm phó năm 2021' })
      .expect(200);
    assert.equal(override.body.method, 'ORGANIZER_DECISION');
    assert.equal(override.body.methodLabel, 'Quyết định của cơ quan tổ chức');
    assert.equal(override.body.decisionNumber, '15/QĐ-BTTTT');

    year = await t.http.get(`${base()}/years/2021`).auth(secretary, { type: 'bearer' }).expect(200);
    const denied = await t.http
      .patch(`${base()}/years/2021`)
      .auth(secretary, { type: 'bearer' })
      .send({ version: year.body.version, midYearReviewOn: '2021-07-15', reason: 'Lịch sơ kết' });
    assert.equal(denied.status, 403);
    assert.match(denied.body.message, /Năm 2021 do Sở TTTT Phú Yên làm Cụm trưởng/);

    // The officers of the new chair unit take over 2021, but not 2020: today those of Sở KH&CN Đắk Lắk, which took
    // over Sở TTTT Phú Yên (an account of Phú Yên's own would only read, its unit having ended on 28/02/2025).
    const admin = await t.token('admin');
    await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ username: 'cum6.phuyen', fullName: 'Thư ký Cụm 6 (Sở KH&CN Đắk Lắk, kế thừa Sở TTTT Phú Yên)', role: 'cluster_secretary', unitId: await ids.unit('SKHCN-DAKLAK'), clusterIds: [ids.cum6], password: 'PhuYen-ThuKy-2021' })
      .expect(201);
    const login = await t.http.post('/api/auth/login').send({ username: 'cum6.phuyen', password: 'PhuYen-ThuKy-2021' }).expect(200);
    const phuyen = login.body.accessToken;
    await t.http
      .patch(`${base()}/years/2021`)
      .auth(phuyen, { type: 'bearer' })
      .send({ version: year.body.version, midYearReviewOn: '2021-07-15', reason: 'Lịch sơ kết' })
      .expect(200);
    const y2020 = await t.http.get(`${base()}/years/2020`).auth(phuyen, { type: 'bearer' }).expect(200);
    await t.http
      .patch(`${base()}/years/2020`)
      .auth(phuyen, { type: 'bearer' })
      .send({ version: y2020.body.version, midYearReviewOn: '2020-07-20', reason: 'Sửa lịch cũ' })
      .expect(403);

    // History stays readable to the former secretariat.
    await t.http.get(`${base()}/years/2021`).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.get(`${base()}/leadership/2019`).auth(secretary, { type: 'bearer' }).expect(200);
  });

  it('records the override in the audit log with its decision and reason', async () => {
    const res = await t.http.get('/api/audit').query({ action: 'leadership.override' }).auth(reviewer, { type: 'bearer' }).expect(200);
    assert.equal(res.body.total, 1);
    const [entry] = res.body.items;
    assert.equal(entry.actorUsername, 'reviewer');
    assert.equal(entry.reason, 'Phê duyệt kết quả bầu Cụm trưởng, Cụm phó năm 2021');
    assert.equal(entry.after.decisionNumber, '15/QĐ-BTTTT');
    assert.equal(entry.after.chair.shortName, 'Sở TTTT Phú Yên');
    assert.equal(entry.clusterId, ids.cum6);
  });

  it('records the next year by rotation from the override: Lâm Đồng chairs 2022', async () => {
    const phuyen = (await t.http.post('/api/auth/login').send({ username: 'cum6.phuyen', password: 'PhuYen-ThuKy-2021' })).body.accessToken;
    const res = await t.http.post(`${base()}/leadership/rotate`).auth(phuyen, { type: 'bearer' }).send({ year: 2022, reason: 'Luân phiên năm 2022' }).expect(201);
    assert.deepEqual([short(res.body.chair), short(res.body.viceChair)], ['Lâm Đồng', 'Kon Tum']);
    assert.equal(res.body.method, 'ROTATION');
    assert.match(res.body.note, /Cụm phó năm 2021/);
    // Gia Lai's secretariat is no longer the manager of 2021, so it cannot record 2022.
    await t.http.post(`${base()}/leadership/rotate`).auth(secretary, { type: 'bearer' }).send({ year: 2023 }).expect(403);
  });

  it('edits the agreed order with its version, and the preview follows it', async () => {
    const current = await t.http.get(`${base()}/rotation`).auth(reviewer, { type: 'bearer' }).expect(200);
    assert.equal(current.body.agreed, true);
    assert.deepEqual(current.body.unitOrder.map(short), ['Gia Lai', 'Phú Yên', 'Đắk Lắk', 'Lâm Đồng', 'Kon Tum', 'Đắk Nông']);
    const order = [u.GL, u.PY, u.DL, u.LD, u.DN, u.KT];
    const res = await t.http
      .put(`${base()}/rotation`)
      .auth(reviewer, { type: 'bearer' })
      .send({ unitOrder: order, version: current.body.version, reason: 'Thống nhất thứ tự mới tại hội nghị' })
      .expect(200);
    assert.equal(res.body.version, current.body.version + 1);
    const preview = await t.http.get(`${base()}/rotation/preview?years=1`).auth(reviewer, { type: 'bearer' }).expect(200);
    assert.deepEqual([short(preview.body.steps[0].chair), short(preview.body.steps[0].viceChair)], ['Kon Tum', 'Đắk Nông'], 'after Lâm Đồng (2022) comes Đắk Nông, then Kon Tum in the new order');
  });

  it('exports the history to Excel with Vietnamese headers and names', async () => {
    const res = await t.http
      .get(`${base()}/leadership/export`)
      .auth(await t.token('daknong'), { type: 'bearer' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.match(res.headers['content-type'], /spreadsheetml/);
    assert.match(res.headers['content-disposition'], /filename\*=UTF-8''Lich-su-luan-phien-CT%C4%906\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const sheet = workbook.worksheets[0];
    assert.equal(sheet.name, 'Lịch sử luân phiên');
    assert.equal(sheet.getCell('A1').value, 'LỊCH SỬ CỤM TRƯỞNG, CỤM PHÓ — CỤM THI ĐUA SỐ 6 (BỘ THÔNG TIN VÀ TRUYỀN THÔNG)');
    assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1, 5), ['Năm', 'Cụm trưởng', 'Cụm phó', 'Đơn vị đăng cai']);
    const rows = [4, 5, 6, 7].map((r) => [sheet.getCell(r, 1).value, sheet.getCell(r, 2).value]);
    assert.deepEqual(rows, [
      [2019, 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk'],
      [2020, 'Sở Thông tin và Truyền thông tỉnh Gia Lai'],
      [2021, 'Sở Thông tin và Truyền thông tỉnh Phú Yên'],
      [2022, 'Sở Thông tin và Truyền thông tỉnh Lâm Đồng'],
    ]);
    assert.equal(sheet.getCell(6, 6).value, '15/QĐ-BTTTT ngày 10/03/2021');
  });

  it('keeps other clusters out of reach', async () => {
    await t.http.get(`/api/clusters/${ids.cum1}/leadership`).auth(secretary, { type: 'bearer' }).expect(404);
    await t.http.get(`/api/clusters/${ids.cum1}/rotation/preview`).auth(await t.token('gialai'), { type: 'bearer' }).expect(404);
    await t.http.get(`/api/clusters/${randomUUID()}/leadership`).auth(reviewer, { type: 'bearer' }).expect(404);
  });
});
