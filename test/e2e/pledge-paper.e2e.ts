import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatDateVi, todayInVietnam } from '../../src/common/time';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { TEST_DB, TestApp, actorFor, binary, demoIds, ph, startTestApp } from '../support/test-app';

const MEMBERS = ['STTTT-GIALAI', 'STTTT-PHUYEN', 'STTTT-DAKLAK', 'STTTT-LAMDONG', 'STTTT-KONTUM', 'STTTT-DAKNONG'];

/**
 * Signatures made on paper at the signing conference (or a past year entered later), recorded by the secretariat with
 * the day on the paper: the pledge completes with them, its PDF says so, its signed file has no digital field for them.
 */
describe(`paper signatures of the pledge (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  const bearer = { type: 'bearer' } as const;
  const base = () => `/api/clusters/${ids.cum6}/years/2022/pledge`;
  const unit = (code: string) => ids.unit(code);
  const paper = (token: string, body: Record<string, unknown>) => t.http.post(`${base()}/paper-signatures`).auth(token, bearer).send(body);
  const valid = async (code: string) => ({ unitId: await unit(code), signerName: 'Nguyễn Văn An', signerTitle: 'Giám đốc', signedOn: '2022-03-10', reason: 'Ký tại hội nghị ký giao ước; bản giấy lưu tại Văn phòng Cụm' });

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    const created = await t.http.post(`/api/clusters/${ids.cum6}/years/2022/pledge`).auth(secretary, bearer).send({ template: 'CUM6-2020', signingDate: '2022-03-10' }).expect(201);
    await t.http.post(`${base()}/open`).auth(secretary, bearer).send({ version: created.body.version }).expect(200);
  });
  after(() => t.close());

  it('refuses bad input in Vietnamese at its field, and a unit officer; nothing changes', async () => {
    const gialai = await valid('STTTT-GIALAI');
    const officer = (await actorFor(t, 'gialai')).token;
    const before = await t.snapshot();
    const cases: Array<[string, Record<string, unknown>, number, string, RegExp]> = [
      ['an impossible date', { ...gialai, signedOn: '2022-02-30' }, 400, 'signedOn', /ngày/i],
      ['a day still ahead', { ...gialai, signedOn: '2099-01-01' }, 400, 'signedOn', /không được sau hôm nay/],
      ['before the pledge’s own date', { ...gialai, signedOn: '2022-03-09' }, 400, 'signedOn', /không được trước ngày của bản giao ước \(10\/03\/2022\)/],
      ['after the unit ended (merged in 2025)', { ...gialai, signedOn: '2025-08-01' }, 400, 'signedOn', /hoạt động đến hết ngày \d{2}\/\d{2}\/\d{4}: không thể ký sau ngày đó/],
      ['a unit that is not a member that year', { ...gialai, unitId: ids.hanoi }, 400, 'unitId', /không phải thành viên của cụm trong năm 2022/],
      ['a NUL byte in the signer’s name', { ...gialai, signerName: 'Nguyễn\u0000An' }, 400, 'signerName', /./],
      ['no reason', { ...gialai, reason: '' }, 400, 'reason', /./],
      ['no unit', { ...gialai, unitId: undefined }, 400, 'unitId', /./],
    ];
    for (const [what, body, status, field, message] of cases) {
      const res = await paper(secretary, body);
      assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.details?.[0]?.field, field, what);
      assert.match(res.body.details[0].message, message, what);
    }
    await paper(officer, gialai).expect(403);
    await t.http.post(`${base()}/paper-signatures/withdraw`).auth(secretary, bearer).send({ unitId: gialai.unitId, reason: 'Ghi nhầm' }).expect(404);
    assert.equal(await t.snapshot(), before);
  });

  it('records a paper signature with the day on the paper; a second one, or the unit signing again in the system, is refused; it can be taken back', async () => {
    const body = await valid('STTTT-GIALAI');
    const recorded = (await paper(secretary, body).expect(201)).body as { signedCount: number; signatories: Array<{ unit: { id: string }; paperSignedOn: string | null; signedBy: string | null; signed: boolean }> };
    const row = recorded.signatories.find((s) => s.unit.id === body.unitId)!;
    assert.deepEqual([recorded.signedCount, row.signed, row.paperSignedOn, row.signedBy], [1, true, '2022-03-10', 'cum6.secretary']);
    assert.equal((await paper(secretary, body)).status, 409);
    const officer = await actorFor(t, 'gialai');
    const again = await t.http.post(`${base()}/signatures`).auth(officer.token, bearer).send({ signerName: 'Nguyễn Văn An', signerTitle: 'Giám đốc', unitId: body.unitId });
    assert.equal(again.status, 409);
    const [audit] = await t.dataSource.query(`SELECT reason, after FROM audit_entries WHERE action = ${ph(1)}`, ['pledge.sign_paper']);
    assert.equal(audit.reason, body.reason);
    assert.equal((typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after).paperSignedOn, '2022-03-10');
    const withdrawn = (await t.http.post(`${base()}/paper-signatures/withdraw`).auth(secretary, bearer).send({ unitId: body.unitId, reason: 'Ghi nhầm người ký' }).expect(200)).body;
    assert.equal(withdrawn.signedCount, 0);
    assert.equal(Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM audit_entries WHERE action = ${ph(1)}`, ['pledge.withdraw_paper_signature']))[0].n), 1);
  });

  it('one member signs in the system, the others on paper: the pledge completes, its PDF and its signed file say which is which', async () => {
    const phuyen = await actorFor(t, 'phuyen');
    await t.http.post(`${base()}/signatures`).auth(phuyen.token, bearer).send({ signerName: 'Lê Văn Bình', signerTitle: 'Giám đốc', unitId: await unit('STTTT-PHUYEN') }).expect(201);
    let last: { status: string; signedCount: number } = { status: '', signedCount: 0 };
    for (const code of MEMBERS.filter((c) => c !== 'STTTT-PHUYEN')) last = (await paper(secretary, await valid(code)).expect(201)).body;
    assert.deepEqual([last.status, last.signedCount], ['COMPLETE', 6]);
    const signed = (await t.http.get(`${base()}/signed-pdf`).auth(secretary, bearer).buffer(true).parse(binary).expect(200)).body as Buffer;
    const verified = (await t.http.post('/api/documents/verify').attach('file', signed, 'giao-uoc-2022.pdf').expect(200)).body.signatures as Array<{ valid: boolean; fieldName: string }>;
    // Phú Yên's digital signature and the secretariat's seal: no field for those who signed on paper.
    assert.deepEqual(verified.map((v) => [v.fieldName, v.valid]).sort(), [[`member-${await unit('STTTT-PHUYEN')}`, true], [`organisation-${ids.cum6}`, true]].sort());
    if (POPPLER_MISSING) return;
    const text = squash(pdftotext(tempFile((await t.http.get(`${base()}/pdf`).auth(secretary, bearer).buffer(true).parse(binary).expect(200)).body)));
    assert.equal(text.split('Đã ký trên bản giấy ngày 10/03/2022').length - 1, 5, text.slice(-1200));
    assert.ok(text.includes(`thống ngày ${formatDateVi(todayInVietnam())})`) && text.split('Đã ký lúc').length - 1 === 1, text.slice(-1200));
  });
});
