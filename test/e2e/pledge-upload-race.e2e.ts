import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it, mock } from 'node:test';
import { FileStore } from '../../src/database/file-store';
import { PdfFile } from '../../src/documents/signing/pades/pdf-file';
import { NSS_MISSING, issuedByDemoCa, nssDatabase } from '../support/pades-tools';
import { POPPLER_MISSING, tempFile } from '../support/pdf-tools';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, actorFor, binary, demoIds, startTestApp } from '../support/test-app';

/**
 * A revision a unit signed with its own tool is checked against the signed file as it stood when the pledge's lock was
 * taken; the secretariat's edit (which withdraws the signatures and sets the file aside) does not take that lock. The
 * pointer moves only from the revision the upload was checked against (compare and set), and a revision not recorded
 * is not kept (second read of 05/12/2026, helper-89: the upload pointed the pledge back at the old text).
 * In process only: the store is held (mocked) while the other request runs.
 */
describe(`an own-tool upload racing an edit or a click (${TEST_DB})`, { skip: POPPLER_MISSING || NSS_MISSING || IN_PROCESS_ONLY }, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
  });
  after(() => t.close());
  const base = () => `/api/clusters/${ids.cum6}/years/2020/pledge`;
  const signedPdf = async (token: string) => (await t.http.get(`${base()}/signed-pdf`).auth(token, { type: 'bearer' }).buffer(true).parse(binary).expect(200)).body as Buffer;
  /** The unit registers a certificate and signs its own field of the latest revision with pdfsig. */
  async function ownSigned(actor: { token: string; unitId: string }, cn: string): Promise<Buffer> {
    const own = await issuedByDemoCa(t, cn, 'RSA');
    await t.http.post(`${base()}/signatures/certificate`).auth(actor.token, { type: 'bearer' }).field('unitId', actor.unitId).attach('file', own.certificate, `${cn}.cer`).expect(201);
    const input = tempFile(await signedPdf(actor.token));
    execFileSync('pdfsig', ['-nssdir', `sql:${nssDatabase(own, own.caCert, 'token')}`, '-sign', `member-${actor.unitId}`, '-nick', 'token', input, `${input}.signed.pdf`]);
    return readFileSync(`${input}.signed.pdf`);
  }
  const upload = (actor: { token: string; unitId: string }, pdf: Buffer) =>
    t.http.post(`${base()}/signatures/upload`).auth(actor.token, { type: 'bearer' }).field('signerName', 'Người ký').field('signerTitle', 'Giám đốc').field('unitId', actor.unitId).attach('file', pdf, 'signed.pdf');
  /** The pledge as the secretariat reads it. */
  const pledgeNow = async () => (await t.http.get(base()).auth(secretary, { type: 'bearer' }).expect(200)).body as { title: string; signedCount: number; version: number };
  /** Polls until `done` holds (the other request's transaction committed; its answer may wait for the pledge's lock). */
  async function until(done: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 200 && !(await done()); i++) await new Promise((r) => setTimeout(r, 50));
  }
  /** While `bytes` are being stored, `meanwhile` runs (to the point it waits for). */
  function whileStoring(bytes: Buffer, meanwhile: () => Promise<void>) {
    const store = t.app.get(FileStore);
    const put = store.put.bind(store);
    let done = false;
    return mock.method(store, 'put', async (path: string, stored: Buffer) => {
      if (stored.equals(bytes) && !done) {
        done = true;
        await meanwhile();
      }
      return put(path, stored);
    });
  }

  it('the pledge edited while an upload is stored: the upload is refused, the file follows the edit', async () => {
    await t.http.post(base()).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020', documentNumber: '01/GƯ-CTĐ6' }).expect(201);
    const current = await t.http.get(base()).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.post(`${base()}/open`).auth(secretary, { type: 'bearer' }).send({ version: current.body.version }).expect(200);
    const [gialai, kontum] = await Promise.all([actorFor(t, 'gialai'), actorFor(t, 'kontum')]);
    await t.http.post(`${base()}/signatures`).auth(gialai.token, { type: 'bearer' }).send({ signerName: 'Người ký 1', signerTitle: 'Giám đốc', unitId: gialai.unitId }).expect(201);
    const signed = await ownSigned(kontum, 'Kon Tum token');
    let edit: Promise<number> = Promise.resolve(0);
    const held = whileStoring(signed, async () => {
      const now = await pledgeNow();
      edit = t.http.patch(base()).auth(secretary, { type: 'bearer' }).send({ version: now.version, reason: 'Sửa tiêu đề', title: 'Giao ước thi đua năm 2020 (sửa)', confirmResetSignatures: true }).then((r) => r.status);
      await until(async () => (await pledgeNow()).title.endsWith('(sửa)'));
    });
    const res = await upload(kontum, signed);
    held.mock.restore();
    assert.equal(await edit, 200, 'the edit went through');
    assert.deepEqual([res.status, res.body.details?.[0]?.field], [409, 'file'], JSON.stringify(res.body));
    assert.match(res.body.message, /^Bản giao ước vừa được thay đổi/);
    const pledge = (await t.http.get(base()).auth(secretary, { type: 'bearer' }).expect(200)).body;
    assert.deepEqual([pledge.title, pledge.signedCount], ['Giao ước thi đua năm 2020 (sửa)', 0], 'the edit withdrew Gia Lai’s signature; Kon Tum’s was not recorded');
    const file = await signedPdf(secretary);
    assert.ok(!file.subarray(0, signed.length).equals(signed), 'not the uploaded revision');
    assert.ok(new PdfFile(file).signatureFields().every((f) => !f.value), 'a file prepared anew, no signature in it');
    assert.match(execFileSync('pdftotext', [tempFile(file), '-']).toString(), /\((sửa|SỬA)\)/, 'the edited text');
    // The refused revision is not kept: the verification does not call it one the system keeps.
    const verified = await t.http.post('/api/documents/verify').attach('file', signed, 'giao-uoc.pdf').expect(200);
    assert.doesNotMatch(String(verified.body.message), /hệ thống lưu giữ|bản ký số hiện hành/, verified.body.message);
  });

  it('the unit’s click recorded while its upload is stored: the upload is refused and its revision not kept', async () => {
    const lamdong = await actorFor(t, 'lamdong');
    const signed = await ownSigned(lamdong, 'Lam Dong token');
    let clicked: Promise<number> = Promise.resolve(0);
    const held = whileStoring(signed, async () => {
      const before = (await pledgeNow()).signedCount;
      clicked = t.http.post(`${base()}/signatures`).auth(lamdong.token, { type: 'bearer' }).send({ signerName: 'Người ký', signerTitle: 'Giám đốc', unitId: lamdong.unitId }).then((r) => r.status);
      await until(async () => (await pledgeNow()).signedCount > before);
    });
    const res = await upload(lamdong, signed);
    held.mock.restore();
    assert.deepEqual([await clicked, res.status, res.body.code], [201, 409, 'ALREADY_SIGNED']);
    const verified = await t.http.post('/api/documents/verify').attach('file', signed, 'giao-uoc.pdf').expect(200);
    assert.doesNotMatch(String(verified.body.message), /hệ thống lưu giữ|bản ký số hiện hành/, verified.body.message);
  });
});
