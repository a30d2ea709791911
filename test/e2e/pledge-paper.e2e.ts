import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { formatDateVi, todayInVietnam } from '../../src/common/time';
import { NSS_MISSING, issuedByDemoCa, nssDatabase } from '../support/pades-tools';
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
  const verify = async (pdf: Buffer) => (await t.http.post('/api/documents/verify').attach('file', pdf, 'giao-uoc.pdf').expect(200)).body.signatures as Array<{ valid: boolean; fieldName: string; certificateSubject: string; paperSignedOn: string | null }>;
  const signedFile = async (url: string) => (await t.http.get(`${url}/signed-pdf`).auth(secretary, bearer).buffer(true).parse(binary).expect(200)).body as Buffer;
  const openPledge = async (token: string, cluster: string, year: number, signingDate: string) => {
    const url = `/api/clusters/${cluster}/years/${year}/pledge`;
    const created = await t.http.post(url).auth(token, bearer).send({ template: 'CUM6-2020', signingDate }).expect(201);
    await t.http.post(`${url}/open`).auth(token, bearer).send({ version: created.body.version }).expect(200);
    return url;
  };
  const valid = async (code: string) => ({ unitId: await unit(code), signerName: 'Nguyễn Văn An', signerTitle: 'Giám đốc', signedOn: '2022-03-10', reason: 'Ký tại hội nghị ký giao ước; bản giấy lưu tại Văn phòng Cụm' });

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    await openPledge(secretary, ids.cum6, 2022, '2022-03-10');
  });
  after(() => t.close());

  it('refuses bad input in Vietnamese at its field, and a unit officer; nothing changes', async () => {
    const gialai = await valid('STTTT-GIALAI');
    const officer = (await actorFor(t, 'gialai')).token;
    // Cụm 1's 2022 pledge, opened by the administrator, for the hand-over below.
    const cum1 = await openPledge(await t.token('admin'), ids.cum1, 2022, '2022-03-10');
    const cum1Secretary = await t.token('cum1.secretary');
    const cum1Unit = ((await t.http.get(cum1).auth(cum1Secretary, bearer).expect(200)).body as { signatories: Array<{ unit: { id: string } }> }).signatories[0].unit.id;
    const before = await t.snapshot();
    const cases: Array<[string, Record<string, unknown>, number, string, RegExp]> = [
      ['a unit whose first day is after the date', { ...gialai, unitId: await unit('SKHCN-GIALAI') }, 400, 'unitId', /không phải thành viên/],
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
    // The hand-over: Cụm 1's secretary may not change 2022, chaired by another unit (as it may not edit the pledge).
    const handOver = await t.http.post(`${cum1}/paper-signatures`).auth(cum1Secretary, bearer).send({ ...gialai, unitId: cum1Unit });
    assert.equal(handOver.status, 403, JSON.stringify(handOver.body));
    assert.match(handOver.body.message, /Cụm trưởng/);
    await t.http.post(`${cum1}/paper-signatures/withdraw`).auth(cum1Secretary, bearer).send({ unitId: cum1Unit, reason: 'Thử' }).expect(403);
    // Another cluster's secretary does not see this one.
    assert.ok([403, 404].includes((await t.http.post(`${cum1}/paper-signatures`).auth(secretary, bearer).send({ ...gialai, unitId: cum1Unit })).status));
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
    // The unit does not take back what the secretariat recorded for it: the secretariat does.
    const byUnit = await t.http.post(`${base()}/signatures/withdraw`).auth(officer.token, bearer).send({ unitId: body.unitId, reason: 'Rút' });
    assert.equal(byUnit.status, 422, JSON.stringify(byUnit.body));
    assert.match(byUnit.body.details[0].message, /do thư ký cụm ghi nhận/);
    const withdrawn = (await t.http.post(`${base()}/paper-signatures/withdraw`).auth(secretary, bearer).send({ unitId: body.unitId, reason: 'Ghi nhầm người ký' }).expect(200)).body;
    assert.equal(withdrawn.signedCount, 0);
    assert.equal(Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM audit_entries WHERE action = ${ph(1)}`, ['pledge.withdraw_paper_signature']))[0].n), 1);
  });

  it('one member signs in the system, the others on paper: the pledge completes, its PDF and its signed file say which is which', async () => {
    const phuyen = await actorFor(t, 'phuyen');
    await t.http.post(`${base()}/signatures`).auth(phuyen.token, bearer).send({ signerName: 'Lê Văn Bình', signerTitle: 'Giám đốc', unitId: await unit('STTTT-PHUYEN') }).expect(201);
    const others = MEMBERS.filter((c) => c !== 'STTTT-PHUYEN');
    for (const code of others.slice(0, -1)) await paper(secretary, await valid(code)).expect(201);
    // The last one completes the pledge and locks its criteria: only once confirmed (it cannot be taken back).
    const before = await t.snapshot();
    const unconfirmed = await paper(secretary, await valid(others.at(-1)!));
    assert.deepEqual([unconfirmed.status, unconfirmed.body.code, unconfirmed.body.details[0].field], [409, 'PLEDGE_WOULD_COMPLETE', 'confirmComplete']);
    assert.equal(await t.snapshot(), before, 'nothing recorded');
    const last = (await paper(secretary, { ...(await valid(others.at(-1)!)), confirmComplete: true }).expect(201)).body;
    assert.deepEqual([last.status, last.signedCount], ['COMPLETE', 6]);
    // Every field signed: Phú Yên's by its own key; the five signed on paper by the secretariat's, which closed the file.
    const verified = await verify(await signedFile(base()));
    assert.equal(verified.length, 7);
    assert.ok(verified.every((v) => v.valid), JSON.stringify(verified));
    assert.deepEqual(verified.filter((v) => v.paperSignedOn).length, 5, 'the verification says which were signed on paper');
    const seal = verified.find((v) => v.fieldName === `organisation-${ids.cum6}`)!.certificateSubject;
    const subjectOf = async (code: string) => { const field = `member-${await unit(code)}`; return verified.find((v) => v.fieldName === field)?.certificateSubject; };
    assert.notEqual(await subjectOf('STTTT-PHUYEN'), seal);
    for (const code of others) assert.equal(await subjectOf(code), seal, code);
    if (POPPLER_MISSING) return;
    const text = squash(pdftotext(tempFile((await t.http.get(`${base()}/pdf`).auth(secretary, bearer).buffer(true).parse(binary).expect(200)).body)));
    assert.equal(text.split('Đã ký trên bản giấy ngày 10/03/2022').length - 1, 5, text.slice(-1200));
    assert.ok(text.includes(`thống ngày ${formatDateVi(todayInVietnam())})`) && text.split('Đã ký lúc').length - 1 === 1, text.slice(-1200));
  });

  it('a unit’s own-tool signature stays when another member’s paper signature is recorded afterwards', { skip: NSS_MISSING || POPPLER_MISSING }, async () => {
    const url = await openPledge(secretary, ids.cum6, 2023, '2023-03-10');
    const kontum = await actorFor(t, 'kontum');
    const own = await issuedByDemoCa(t, 'Kon Tum leader token');
    await t.http.post(`${url}/signatures/certificate`).auth(kontum.token, bearer).field('unitId', kontum.unitId).attach('file', own.certificate, 'kontum.cer').expect(201);
    const input = tempFile((await t.http.get(`${url}/signed-pdf`).auth(kontum.token, bearer).buffer(true).parse(binary).expect(200)).body as Buffer);
    execFileSync('pdfsig', ['-nssdir', `sql:${nssDatabase(own, own.caCert, 'token')}`, '-sign', `member-${kontum.unitId}`, '-nick', 'token', input, `${input}.signed.pdf`]);
    await t.http.post(`${url}/signatures/upload`).auth(kontum.token, bearer).field('signerName', 'Lê Văn Cường').field('signerTitle', 'Giám đốc').field('unitId', kontum.unitId).attach('file', readFileSync(`${input}.signed.pdf`), 'signed.pdf').expect(201);
    const uploaded = await signedFile(url);
    await t.http.post(`${url}/paper-signatures`).auth(secretary, bearer).send({ ...(await valid('STTTT-GIALAI')), signedOn: '2023-03-10' }).expect(201);
    const after = await signedFile(url);
    assert.ok(after.subarray(0, uploaded.length).equals(uploaded), 'the file grew by a revision: nothing before it changed');
    const verified = await verify(after);
    assert.match(verified.find((v) => v.fieldName === `member-${kontum.unitId}`)!.certificateSubject, /Kon Tum leader token/);
    assert.ok(verified.every((v) => v.valid), JSON.stringify(verified));
  });

  it('editing the pledge after a paper signature prepares its signed file again from the new text', async () => {
    const url = await openPledge(secretary, ids.cum6, 2021, '2021-03-12');
    await t.http.post(`${url}/paper-signatures`).auth(secretary, bearer).send({ ...(await valid('STTTT-GIALAI')), signedOn: '2021-03-12' }).expect(201);
    const current = (await t.http.get(url).auth(secretary, bearer).expect(200)).body;
    await t.http.patch(url).auth(secretary, bearer).send({ version: current.version, reason: 'Sửa tên bản giao ước', title: 'Bản giao ước thi đua năm 2021 (sửa đổi)', confirmResetSignatures: true }).expect(200);
    for (const user of ['gialai', 'phuyen', 'daklak', 'lamdong', 'kontum', 'daknong']) {
      const a = await actorFor(t, user);
      await t.http.post(`${url}/signatures`).auth(a.token, bearer).send({ signerName: `Giám đốc ${user}`, signerTitle: 'Giám đốc', unitId: a.unitId }).expect(201);
    }
    const file = await signedFile(url);
    const verified = await verify(file);
    assert.equal(verified.length, 7, 'six members in the system and the seal');
    if (POPPLER_MISSING) return;
    const text = squash(pdftotext(tempFile(file)));
    assert.ok(text.includes('BẢN GIAO ƯỚC THI ĐUA NĂM 2021 (SỬA ĐỔI)') && !text.includes('Đã ký trên bản giấy'), text.slice(0, 400));
  });
});
