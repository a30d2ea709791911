import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, startTestApp } from '../support/test-app';

describe(`the legal catalogue over HTTP (${TEST_DB})`, () => {
  let t: TestApp;
  let admin: string;
  before(async () => {
    t = await startTestApp();
    admin = await t.token('admin');
  });
  after(() => t.close());

  it('every role reads the catalogue: texts and figures with their sources or assumptions', async () => {
    const res = await t.http.get('/api/legal').auth(await t.token('phuyen'), { type: 'bearer' }).expect(200);
    const d152 = res.body.texts.find((x: { code: string }) => x.code === 'ND-152-2025');
    assert.equal(d152.signedOn, '2025-06-14');
    assert.equal(d152.effectiveFrom, '2025-07-01');
    assert.match(d152.citation, /^Căn cứ Nghị định số 152\/2025\/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền/);
    assert.ok(res.body.values.some((v: { code: string; amount: number }) => v.code === 'LCS-2019-07' && v.amount === 1_490_000));
    for (const row of [...res.body.texts, ...res.body.values]) assert.ok(row.sourceUrl || row.assumption, row.code);
  });

  it('the page lists each figure’s basis apart from its source link (not "…/NĐ-CPNguồn")', async () => {
    const page = await t.http.get('/phap-ly').auth(await t.token('phuyen'), { type: 'bearer' }).set('Accept', 'text/html').expect(200);
    const bases = [...page.text.matchAll(/<td data-label="Căn cứ">([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    assert.ok(bases.length > 5, 'the figures are listed');
    for (const cell of bases) assert.doesNotMatch(cell, /[^\s>]<a [^>]*>Nguồn<\/a>/, cell.slice(0, 200));
  });

  it('what applies on a date: the 2019 review submitted in January 2020 for Bộ TTTT, and the 2025 review in 2026 for Bộ KH&CN', async () => {
    const y2020 = (await t.http.get('/api/legal/on?date=2020-01-15&sector=BTTTT').auth(admin, { type: 'bearer' }).expect(200)).body;
    assert.deepEqual(y2020.texts.map((x: { code: string }) => x.code), ['LUAT-15-2003', 'ND-91-2017', 'TT-09-2018-BTTTT']);
    assert.equal(y2020.baseSalary.amount, 1_490_000);
    assert.equal(y2020.rewards.find((r: { award: string }) => r.award === 'EMULATION_FLAG').amountVnd, 11_920_000);
    const y2026 = (await t.http.get('/api/legal/on?date=2026-01-20&sector=BKHCN').auth(admin, { type: 'bearer' }).expect(200)).body;
    assert.deepEqual(y2026.texts.map((x: { code: string }) => x.code), ['LUAT-06-2022', 'ND-152-2025', 'TT-25-2025-BKHCN']);
    assert.equal(y2026.rewards.find((r: { award: string }) => r.award === 'EMULATION_FLAG').amountVnd, 18_720_000, 'Điều 50 khoản 2 điểm e: 8 × 2,340,000');
    assert.equal(y2026.rewards.find((r: { award: string }) => r.award === 'CERTIFICATE_OF_MERIT').amountVnd, null, 'an assumed multiple gives no amount');
  });

  it('the amending law of 2026 is catalogued but not cited until an administrator confirms its citation from the official text', async () => {
    const on = async () => (await t.http.get('/api/legal/on?date=2026-12-01&sector=BKHCN').auth(admin, { type: 'bearer' }).expect(200)).body.texts.map((x: { code: string }) => x.code);
    assert.deepEqual(await on(), ['LUAT-06-2022', 'ND-152-2025', 'TT-25-2025-BKHCN']);
    const row = (await t.http.get('/api/legal').auth(admin, { type: 'bearer' }).expect(200)).body.texts.find((x: { code: string }) => x.code === 'LUAT-06-2026');
    assert.equal(row.citation, null);
    assert.match(row.assumption, /chưa đọc nguyên văn luật/);
    const citation = 'Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng số 06/2026/QH16 ngày 23 tháng 4 năm 2026;';
    await t.http.patch(`/api/legal/texts/${row.id}`).auth(admin, { type: 'bearer' }).send({ version: row.version, citation, assumption: null, reason: 'Đối chiếu bản chính thức trên Công báo' }).expect(200);
    assert.deepEqual(await on(), ['LUAT-06-2022', 'LUAT-06-2026', 'ND-152-2025', 'TT-25-2025-BKHCN'], 'the amending law after the law it amends');
    assert.deepEqual((await t.http.get('/api/legal/on?date=2026-09-30&sector=BKHCN').auth(admin, { type: 'bearer' }).expect(200)).body.texts.map((x: { code: string }) => x.code), ['LUAT-06-2022', 'ND-152-2025', 'TT-25-2025-BKHCN'], 'not before 01/10/2026');
  });

  it('an administrator corrects a figure with a reason: audited, versioned, and a stale edit answers 409', async () => {
    const list = (await t.http.get('/api/legal').auth(admin, { type: 'bearer' }).expect(200)).body;
    const row = list.values.find((v: { code: string }) => v.code === 'HS-BK-152-2025');
    const changed = await t.http
      .patch(`/api/legal/values/${row.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ version: row.version, article: 'Điều 54 khoản 2', sourceUrl: 'https://example.gov.vn/nd-152-2025', assumption: null, reason: 'Đã đối chiếu nguyên văn Nghị định 152/2025/NĐ-CP' })
      .expect(200);
    assert.equal(changed.body.version, row.version + 1);
    assert.equal(changed.body.assumption, null);
    const on = (await t.http.get('/api/legal/on?date=2025-12-20&sector=BKHCN').auth(admin, { type: 'bearer' }).expect(200)).body;
    assert.equal(on.rewards.find((r: { award: string }) => r.award === 'CERTIFICATE_OF_MERIT').amountVnd, 7_020_000, 'confirmed: 3 × 2,340,000');
    const stale = await t.http.patch(`/api/legal/values/${row.id}`).auth(admin, { type: 'bearer' }).send({ version: row.version, amount: 90, reason: 'Sửa lần hai' }).expect(409);
    assert.equal(stale.body.code, 'VERSION_CONFLICT');
    const audit = (await t.http.get(`/api/audit?entityType=legal_value&entityId=${row.id}`).auth(admin, { type: 'bearer' }).expect(200)).body;
    const entries = Array.isArray(audit) ? audit : audit.items;
    assert.ok(entries.some((e: { action: string; reason: string }) => e.action === 'legal_value.update' && e.reason === 'Đã đối chiếu nguyên văn Nghị định 152/2025/NĐ-CP'));
  });

  it('adds a text; a duplicate code, a period ending before it starts, or a missing reason changes nothing', async () => {
    const body = { code: 'TT-99-2026-BKHCN', kind: 'Thông tư', role: 'CIRCULAR', sector: 'BKHCN', number: '99/2026/TT-BKHCN', issuer: 'Bộ Khoa học và Công nghệ', title: 'Thông tư thử', effectiveFrom: '2026-09-01', reason: 'Bổ sung văn bản mới' };
    const before = await t.snapshot();
    const backwards = await t.http.post('/api/legal/texts').auth(admin, { type: 'bearer' }).send({ ...body, effectiveTo: '2026-01-01' }).expect(400);
    assert.equal(backwards.body.details[0].field, 'effectiveTo');
    const noReason = await t.http.post('/api/legal/texts').auth(admin, { type: 'bearer' }).send({ ...body, reason: undefined }).expect(400);
    assert.equal(noReason.body.details[0].field, 'reason');
    const missing = await t.http.post('/api/legal/texts').auth(admin, { type: 'bearer' }).send({ code: 'TT-98-2026-BKHCN', reason: 'Bổ sung văn bản mới' }).expect(400);
    assert.deepEqual([...new Set(missing.body.details.map((d: { field: string }) => d.field))].sort(), ['issuer', 'kind', 'number', 'role', 'title']);
    const badUrl = await t.http.post('/api/legal/texts').auth(admin, { type: 'bearer' }).send({ ...body, sourceUrl: 'javascript:alert(1)' }).expect(400);
    assert.equal(badUrl.body.details[0].field, 'sourceUrl');
    assert.equal(await t.snapshot(), before);
    await t.http.post('/api/legal/texts').auth(admin, { type: 'bearer' }).send(body).expect(201);
    const dup = await t.http.post('/api/legal/texts').auth(admin, { type: 'bearer' }).send(body).expect(409);
    assert.equal(dup.body.details[0].field, 'code');
  });

  it('only an administrator edits the catalogue', async () => {
    const list = (await t.http.get('/api/legal').auth(admin, { type: 'bearer' }).expect(200)).body;
    const row = list.texts[0];
    for (const user of ['reviewer', 'cum6.secretary', 'phuyen']) {
      await t.http.patch(`/api/legal/texts/${row.id}`).auth(await t.token(user), { type: 'bearer' }).send({ version: row.version, title: 'x', reason: 'Thử quyền' }).expect(403);
    }
    await t.http.get('/api/legal').expect(401);
  });
});
