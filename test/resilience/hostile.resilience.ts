import JSZip from 'jszip';
import { runCouncil } from '../support/council';
import { randomUUID } from 'node:crypto';
import { lyingZip } from '../support/hostile-input';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, TEST_DB, TestApp, demoIds, ph, startTestApp, attachReport } from '../support/test-app';

/**
 * Hostile files at every upload, concurrent editors of the same objects, and a tampered audit row:
 * refused before parsing with a clear Vietnamese message, no lost update, detected.
 */
describe('hostile files, concurrent editors, tampered audit', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let admin: string;
  let sheetPath: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    admin = await t.token('admin');
    await t.http.post(`/api/clusters/${ids.cum6}/years/2020/pledge`).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020' }).expect(201);
    const sheet = await t.http.post(`/api/clusters/${ids.cum6}/years/2020/scoring/sheets`).auth(secretary, { type: 'bearer' }).send({ targetUnitId: ids.gialai, kind: 'CLUSTER' }).expect(201);
    sheetPath = `/api/clusters/${ids.cum6}/years/2020/scoring/sheets/${sheet.body.id}`;
  });
  after(() => t.close());

  it('every upload refuses zip bombs, oversized files, fake PDFs and wrong extensions before parsing, changing nothing', async () => {
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(200 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 1)]);
    const fakePdf = Buffer.from('<html><body>không phải PDF</body></html>');
    const uploads: Array<[string, string, string, Buffer, number, RegExp]> = [
      ['score workbook: zip bomb', `/api/clusters/${ids.cum6}/years/2020/scoring/upload`, 'bom.xlsx', bomb, 422, /bom nén|vượt quá 50 MB/],
      // Headers that lie: 1,000 bytes declared, 256 MB inside (inflating stops at the 50 MB budget).
      ['score workbook: lying zip headers', `/api/clusters/${ids.cum6}/years/2020/scoring/upload`, 'bom-noi-doi.xlsx', lyingZip(256 * 1024 * 1024), 422, /vượt quá 50 MB/],
      ['score workbook: lying zip to a cluster that does not exist', `/api/clusters/${randomUUID()}/years/2020/scoring/upload`, 'bom.xlsx', lyingZip(60 * 1024 * 1024), 404, /Không tìm thấy/],
      ['score workbook: oversized', `/api/clusters/${ids.cum6}/years/2020/scoring/upload`, 'lon.xlsx', Buffer.alloc(3 * 1024 * 1024, 65), 413, /vượt quá dung lượng/],
      ['score workbook: an executable named .xlsx', `/api/clusters/${ids.cum6}/years/2020/scoring/upload`, 'bang.xlsx', exe, 422, /không phải là bảng tính Excel/],
      ['evidence: an executable named .pdf', `${sheetPath}/evidence`, 'minh-chung.pdf', exe, 422, /./],
      ['evidence: HTML named .pdf', `${sheetPath}/evidence`, 'minh-chung.pdf', fakePdf, 422, /./],
      ['evidence: oversized', `${sheetPath}/evidence`, 'minh-chung.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024, 32)]), 413, /vượt quá dung lượng/],
      ['document check: not a PDF', '/api/documents/verify', 'tai-lieu.pdf', fakePdf, 422, /không phải là tệp PDF/],
    ];
    const before = await t.snapshot();
    for (const [name, url, fileName, bytes, status, message] of uploads) {
      // How fast and with how little memory they are refused is measured by `npm run bench:hostile` (budgets: 3 s, 150 MB).
      const res = await t.http.post(url).auth(secretary, { type: 'bearer' }).attach('file', bytes, fileName);
      assert.equal(res.status, status, `${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      assert.match(`${res.body.message} ${JSON.stringify(res.body.details ?? [])}`, message, name);
      assert.match(res.body.message, /[ạ-ỹà-ýĐđăâêôơư]/i, `${name}: the message is Vietnamese`);
      assert.equal(typeof res.body.code, 'string', name);
    }
    assert.equal(await t.snapshot(), before, 'no refused file left a trace');
  });

  it('many editors of one sheet: every stale write is a 409, no update is lost, nothing answers 500', async () => {
    // Each of 9 editors owns one criterion and retries on 409 until its value is in: all 9 values must end up there.
    const codes = ['TC1', 'TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8', 'TC9'];
    const wanted = Object.fromEntries(codes.map((c, i) => [c, i === 8 ? 4.5 : 9.5]));
    let conflicts = 0;
    await Promise.all(
      codes.map(async (code) => {
        for (let attempt = 0; attempt < 100; attempt++) {
          const current = await t.http.get(sheetPath).auth(secretary, { type: 'bearer' }).expect(200);
          const entries = current.body.entries.filter((e: { points: number | null }) => e.points !== null).map((e: { code: string; points: number }) => ({ code: e.code, points: e.points }));
          const mine = entries.filter((e: { code: string }) => e.code !== code).concat([{ code, points: wanted[code] }]);
          const res = await t.http.put(`${sheetPath}/entries`).auth(secretary, { type: 'bearer' }).send({ version: current.body.version, entries: mine });
          assert.ok(res.status === 200 || res.status === 409, `${code}: ${res.status}`);
          if (res.status === 200) return;
          assert.equal(res.body.code, 'VERSION_CONFLICT');
          conflicts++;
        }
        assert.fail(`${code} never got in`);
      }),
    );
    const final = await t.http.get(sheetPath).auth(secretary, { type: 'bearer' }).expect(200);
    assert.deepEqual(Object.fromEntries(final.body.entries.map((e: { code: string; points: number }) => [e.code, e.points])), wanted, 'no update lost');
    assert.ok(conflicts > 0, 'the editors did collide');
    assert.equal(final.body.version, 1 + codes.length, 'one version per successful write');
  });

  it('concurrent reviewers of one proposal: one wins each step, the others get 409', async () => {
    const base = `/api/clusters/${ids.cum6}/years/2019`;
    const units = [ids.daklak, await ids.unit('STTTT-PHUYEN'), ids.gialai, await ids.unit('STTTT-LAMDONG'), await ids.unit('STTTT-KONTUM'), await ids.unit('STTTT-DAKNONG')];
    let meeting = await t.http.post(`${base}/review-meeting`).auth(secretary, { type: 'bearer' }).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Chủ trì', minutesBy: 'Thư ký' }).expect(201);
    meeting = await t.http.put(`${base}/review-meeting/attendance`).auth(secretary, { type: 'bearer' }).send({ version: meeting.body.version, entries: units.map((unitId) => ({ unitId, status: 'PRESENT' })) }).expect(200);
    await t.http.put(`${base}/review-meeting/ballots`).auth(secretary, { type: 'bearer' }).send({ version: meeting.body.version, ballots: [{ unitId: ids.daklak, award: 'EMULATION_FLAG', votesFor: 6 }] }).expect(200);
    let proposal = (await t.http.post(`${base}/proposals`).auth(secretary, { type: 'bearer' }).send({ award: 'EMULATION_FLAG', unitId: ids.daklak }).expect(201)).body;
    await attachReport(t, secretary, proposal.id);
    proposal = (await t.http.post(`/api/proposals/${proposal.id}/submit`).auth(secretary, { type: 'bearer' }).send({ version: proposal.version }).expect(200)).body;
    const reviewer = await t.token('reviewer');
    const claims = await Promise.all(Array.from({ length: 12 }, () => t.http.post(`/api/proposals/${proposal.id}/claim`).auth(reviewer, { type: 'bearer' }).send({ version: proposal.version })));
    assert.deepEqual(claims.map((c) => c.status).sort(), [200, ...Array(11).fill(409)]);
    const claimed = claims.find((c) => c.status === 200)!.body;
    await runCouncil(t, reviewer, ids.ministry, 2019, { [proposal.id]: 5 });
    const decisions = await Promise.all([
      t.http.post(`/api/proposals/${proposal.id}/approve`).auth(reviewer, { type: 'bearer' }).send({ version: claimed.version, decisionNumber: '1/QĐ', decisionDate: '2020-04-15' }),
      t.http.post(`/api/proposals/${proposal.id}/return`).auth(reviewer, { type: 'bearer' }).send({ version: claimed.version, reason: 'Bổ sung hồ sơ' }),
      t.http.post(`/api/proposals/${proposal.id}/reject`).auth(reviewer, { type: 'bearer' }).send({ version: claimed.version, reason: 'Không đủ điều kiện' }),
    ]);
    assert.deepEqual(decisions.map((d) => d.status).sort(), [200, 409, 409], `exactly one decision is taken: ${decisions.map((d) => `${d.status} ${d.body?.code ?? ''} ${d.body?.message ?? ''}`).join('; ')}`);
  });

  it('a burst of 100 concurrent guesses for one account checks at most the limit of passwords; nothing answers 500', async () => {
    const burst = await Promise.all(
      Array.from({ length: 100 }, (_v, i) => t.http.post('/api/auth/login').send({ username: 'daknong', password: i === 76 ? DEMO_PASSWORD : `doan-mo-${i}-mat-khau` })),
    );
    const counts = burst.reduce<Record<number, number>>((c, r) => ({ ...c, [r.status]: (c[r.status] ?? 0) + 1 }), {});
    assert.ok(burst.every((r) => r.status === 200 || r.status === 401 || r.status === 429), JSON.stringify(counts));
    assert.ok((counts[200] ?? 0) + (counts[401] ?? 0) <= 5, `at most 5 checked: ${JSON.stringify(counts)}`);
    const pending = await t.dataSource.query(`SELECT COUNT(*) AS n FROM login_attempts WHERE outcome = ${ph(1)}`, ['PENDING']);
    assert.equal(Number(pending[0].n), 0, 'every reservation was settled');
  });

  it('a tampered audit row is detected by the verifying endpoint', async () => {
    const ok = await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(ok.body.ok, true);
    const [{ seq }] = await t.dataSource.query(`SELECT MIN(seq) AS seq FROM audit_entries WHERE action = ${ph(1)}`, ['score_sheet.update']);
    if (TEST_DB === 'postgres') await t.dataSource.query('ALTER TABLE audit_entries DISABLE TRIGGER trg_audit_append_only');
    else await t.dataSource.query('DROP TRIGGER trg_audit_no_update');
    await t.dataSource.query(`UPDATE audit_entries SET reason = ${ph(1)} WHERE seq = ${ph(2)}`, ['sửa lén', seq]);
    const broken = await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(broken.body.ok, false);
    assert.equal(broken.body.brokenAtSeq, Number(seq));
    assert.match(broken.body.message, /bị sửa đổi/);
  });
});
