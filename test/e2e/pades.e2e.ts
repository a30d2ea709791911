import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it, mock } from 'node:test';
import { generateKey, issueCertificate, keySigner } from '../../src/documents/signing/pades/certificates';
import { forgedRevision } from '../support/pdf-forgery';
import { PdfFile } from '../../src/documents/signing/pades/pdf-file';
import { PdfDict } from '../../src/documents/signing/pades/pdf-syntax';
import { readDss } from '../../src/documents/signing/pades/dss';
import { IncrementalUpdate } from '../../src/documents/signing/pades/pdf-update';
import { NSS_MISSING, QPDF_MISSING, SOFTHSM_MISSING, discPng, issuedByDemoCa, nssDatabase, pkcs12File, softHsmToken, instancesTsaPort, startTsa, testCa } from '../support/pades-tools';
import { UnitKeysService } from '../../src/documents/signing/unit-keys.service';
import { FileStore } from '../../src/database/file-store';
import { POPPLER_MISSING, tempFile } from '../support/pdf-tools';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, actorFor, binary, demoIds, startTestApp } from '../support/test-app';

const MEMBERS = ['gialai', 'phuyen', 'daklak', 'lamdong', 'kontum', 'daknong'];
const SKIP = POPPLER_MISSING || NSS_MISSING || QPDF_MISSING;

/**
 * Every member signs the pledge with its own key, one revision each: five by their server-held keys (the click),
 * one with poppler's pdfsig from an NSS database and uploaded; the secretariat's signature closes the file. The
 * server's signatures get RFC 3161 timestamps from a local TSA (openssl ts behind a small HTTP server).
 */
/** The PKCS#11 token lives in this process's SoftHSM2 configuration: instances behind the balancer cannot open it. */
const TOKEN_SKIPPED = SOFTHSM_MISSING || IN_PROCESS_ONLY;

describe(`the pledge signed by every member with its own key (${TEST_DB})`, { skip: SKIP }, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let tsa: Awaited<ReturnType<typeof startTsa>>;
  before(async () => {
    tsa = await startTsa(instancesTsaPort());
    t = await startTestApp({ TSA_URL: tsa.url });
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    // The TSA's root joins the trust store as an administrator would import a real TSA's.
    await t.http.post('/api/signing/trusted-roots').auth(await t.token('admin'), { type: 'bearer' }).attach('file', tsa.root, 'tsa-root.cer').expect(201);
  });
  after(async () => {
    await t.close();
    await tsa.stop();
  });

  const base = () => `/api/clusters/${ids.cum6}/years/2020/pledge`;
  /** The signed file as Kon Tum downloaded it, before the last signatures: a revision the system kept, no longer the latest. */
  let midway: Buffer = Buffer.alloc(0);
  const signedPdf = async (token: string) => (await t.http.get(`${base()}/signed-pdf`).auth(token, { type: 'bearer' }).buffer(true).parse(binary).expect(200)).body as Buffer;
  /** A certificate the demo test CA issues for a unit's own tool (as a commercial CA would issue a token's). */
  const ownCertificate = (cn: string, algorithm: 'RSA' | 'EC' = 'RSA') => issuedByDemoCa(t, cn, algorithm);
  function pdfsigSign(pdf: Buffer, signer: Awaited<ReturnType<typeof ownCertificate>>, field: string): Buffer {
    const nss = nssDatabase(signer, signer.caCert, 'token');
    const input = tempFile(pdf);
    execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, '-sign', field, '-nick', 'token', input, `${input}.signed.pdf`]);
    return readFileSync(`${input}.signed.pdf`);
  }

  it('opening the pledge issues the prepared PDF: one empty field per member and the organisation’s', async () => {
    await t.http.post(base()).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020', documentNumber: '01/GƯ-CTĐ6' }).expect(201);
    const draft = await t.http.get(`${base()}/signed-pdf`).auth(secretary, { type: 'bearer' });
    assert.equal(draft.status, 409, 'no signed file before the pledge opens');
    const current = await t.http.get(base()).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.post(`${base()}/open`).auth(secretary, { type: 'bearer' }).send({ version: current.body.version }).expect(200);
    const pdf = await signedPdf(secretary);
    const fields = new PdfFile(pdf).signatureFields();
    assert.equal(fields.length, 7);
    assert.equal(fields.filter((f) => f.name.startsWith('member-')).length, 6);
    assert.ok(fields.every((f) => !f.value));
    execFileSync('qpdf', ['--check', tempFile(pdf)]);
  });

  it('five members sign with their server keys, one with its own tool; nobody signs another’s field', async () => {
    const actors = await Promise.all(MEMBERS.map((m) => actorFor(t, m)));
    // Đắk Nông's key is on a PKCS#11 token (SoftHSM2 here): the server signs through the module, the key stays inside.
    if (!TOKEN_SKIPPED) {
      const held = await ownCertificate('Dak Nong token', 'EC');
      const token = softHsmToken(held.key, 'daknong', 'signing-key');
      await t.app.get(UnitKeysService).useToken(actors[5].unitId, { ...token, certificate: held.certificate });
    }
    // Phú Yên's key is a CA-issued PKCS#12 the administrator imports (the server holds it, encrypted); refused first
    // with a wrong password, then from a CA outside the trust store, naming the field.
    const admin = await t.token('admin');
    const p12 = pkcs12File;
    const importP12 = (file: Buffer, password: string, unitId = actors[1].unitId, token = admin) =>
      t.http.post(`/api/signing/units/${unitId}/pkcs12`).auth(token, { type: 'bearer' }).field('password', password).attach('file', file, 'phuyen.p12');
    const phuyenKey = p12(await ownCertificate('Phu Yen PKCS12'), 'mat-khau-1');
    const wrong = await importP12(phuyenKey, 'sai');
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.details[0].field, 'password');
    const outsider = testCa();
    const foreign = outsider.issue('Foreign', 'RSA');
    const untrusted = await importP12(p12({ ...foreign, caCert: outsider.certificate }, 'x'), 'x');
    assert.equal(untrusted.status, 422);
    assert.match(untrusted.body.details[0].message, /không chuỗi tới chứng thư gốc tin cậy/);
    assert.equal((await importP12(phuyenKey, 'mat-khau-1', actors[1].unitId, actors[1].token)).status, 403, 'only an administrator');
    const imported = await importP12(phuyenKey, 'mat-khau-1');
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    assert.match(imported.body.subject, /Phu Yen PKCS12/);
    // Đắk Lắk's signature and seal images, uploaded by the administrator, are drawn in its cell; a non-image is refused.
    const image = (kind: string, bytes: Buffer, name: string) => t.http.post(`/api/signing/units/${actors[2].unitId}/${kind}-image`).auth(admin, { type: 'bearer' }).attach('file', bytes, name);
    const notImage = await image('seal', Buffer.from('%PDF-1.7 not an image'), 'dau.png');
    assert.equal(notImage.status, 422);
    assert.match(notImage.body.details[0].message, /không phải là ảnh con dấu PNG hoặc JPEG/);
    await image('seal', discPng(120, [215, 25, 32]), 'dau.png').expect(201);
    await image('signature', discPng(60, [26, 58, 143]), 'chu-ky.png').expect(201);
    for (const i of [2, 0, 5, 1]) {
      await t.http.post(`${base()}/signatures`).auth(actors[i].token, { type: 'bearer' }).send({ signerName: `Người ký ${i + 1}`, signerTitle: 'Giám đốc', unitId: actors[i].unitId }).expect(201);
    }
    // Kon Tum signs outside the system: registers its certificate, signs the latest revision with pdfsig, uploads it.
    const kontum = actors[4];
    const own = await ownCertificate('Kon Tum leader token');
    await t.http.post(`${base()}/signatures/certificate`).auth(kontum.token, { type: 'bearer' }).field('unitId', kontum.unitId).attach('file', own.certificate, 'kontum.cer').expect(201);
    // Audited; and another member cannot register Kon Tum's certificate as its own (security review F7).
    const trail = (await t.http.get('/api/audit').query({ action: 'signing.unit_certificate' }).auth(admin, { type: 'bearer' }).expect(200)).body;
    assert.deepEqual([trail.items[0].entityId, trail.items[0].after.subject], [kontum.unitId, 'C=VN, O=own token, CN=Kon Tum leader token']);
    const taken = await t.http.post(`${base()}/signatures/certificate`).auth(actors[0].token, { type: 'bearer' }).field('unitId', actors[0].unitId).attach('file', own.certificate, 'kontum.cer');
    assert.deepEqual([taken.status, taken.body.details?.[0]?.field, taken.body.details?.[0]?.message], [422, 'file', 'Chứng thư số này đã thuộc về một đơn vị khác trên hệ thống: hãy gửi chứng thư số của chính đơn vị mình.']);
    assert.equal((await t.http.get('/api/audit').query({ action: 'signing.unit_certificate' }).auth(admin, { type: 'bearer' }).expect(200)).body.items.length, trail.items.length, 'nothing recorded');
    // The unit itself may register it again (its officer acts for it and the units it succeeded).
    await t.http.post(`${base()}/signatures/certificate`).auth(kontum.token, { type: 'bearer' }).field('unitId', kontum.unitId).attach('file', own.certificate, 'kontum.cer').expect(201);
    const latest = await signedPdf(kontum.token);
    midway = latest;
    const upload = (pdf: Buffer) =>
      t.http.post(`${base()}/signatures/upload`).auth(kontum.token, { type: 'bearer' }).field('signerName', 'Người ký 5').field('signerTitle', 'Giám đốc').field('unitId', kontum.unitId).attach('file', pdf, 'signed.pdf');
    const wrongField = await upload(pdfsigSign(latest, own, `member-${actors[3].unitId}`));
    assert.equal(wrongField.status, 422, 'its own tool on another member’s field');
    assert.match(wrongField.body.details[0].message, /ô chữ ký của chính mình/);
    const stranger = await ownCertificate('Not registered');
    assert.equal((await upload(pdfsigSign(latest, stranger, `member-${kontum.unitId}`))).status, 422, 'a certificate not registered to the unit');
    // A revision that lays a new face over the pledge (its widget enlarged over the page, or a new field), though
    // signed with its registered certificate, is refused; nothing stored, nothing recorded (security review 05/12).
    const signedBefore = await t.snapshot();
    for (const kind of ['overlay', 'new-field'] as const) {
      const shadow = await upload(await forgedRevision(latest, `member-${kontum.unitId}`, keySigner(own), kind));
      assert.deepEqual([shadow.status, shadow.body.details?.[0]?.field], [422, 'file'], kind);
      assert.match(shadow.body.details[0].message, /^Phiên bản ký gửi lên không chỉ ký vào ô chữ ký của đơn vị: phần mềm ký đã thêm hoặc sửa phần khác/, kind);
    }
    assert.equal(await t.snapshot(), signedBefore);
    assert.ok((await signedPdf(kontum.token)).equals(latest), 'the signed file is as it was');
    const ownSigned = pdfsigSign(latest, own, `member-${kontum.unitId}`);
    // The store failing (a full disk, PostgreSQL gone): nothing recorded — a signature recorded without its revision
    // was signed later by the unit's server key, as if the unit had clicked (helper-87).
    if (!IN_PROCESS_ONLY) {
      const failing = mock.method(t.app.get(FileStore), 'put', () => Promise.reject(new Error('disk full')));
      try {
        assert.equal((await upload(ownSigned)).status, 500);
      } finally {
        failing.mock.restore();
      }
      assert.equal(await t.snapshot(), signedBefore, 'no signature recorded');
      assert.ok((await signedPdf(kontum.token)).equals(latest), 'no server signature in its field');
    }
    const ok = await upload(ownSigned);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.signedCount, 5);
    // The audit names the revision the unit's tool signed.
    const signedAudit = (await t.http.get('/api/audit').query({ action: 'pledge.sign' }).auth(admin, { type: 'bearer' }).expect(200)).body.items[0];
    assert.deepEqual([signedAudit.after.unitId, signedAudit.after.field, signedAudit.after.ownToolRevisionSha256], [kontum.unitId, `member-${kontum.unitId}`, createHash('sha256').update(await signedPdf(kontum.token)).digest('hex')]);
    // Once signed, another upload is refused and changes nothing (it replaced the file before: security review 05/12).
    const afterOwn = await t.snapshot();
    const fileNow = await signedPdf(kontum.token);
    const again = await upload(await forgedRevision(fileNow, `member-${kontum.unitId}-extra`, keySigner(own), 'new-field'));
    assert.equal(again.status, 422);
    assert.equal(await t.snapshot(), afterOwn);
    assert.ok((await signedPdf(kontum.token)).equals(fileNow));
    await t.http.post(`${base()}/signatures`).auth(actors[3].token, { type: 'bearer' }).send({ signerName: 'Người ký 4', signerTitle: 'Giám đốc', unitId: actors[3].unitId }).expect(201);
  });

  it('the file has seven valid signatures (the organisation last), a clean structure, and each revision verifies', async () => {
    const pledge = await t.http.get(base()).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(pledge.body.status, 'COMPLETE');
    const pdf = await signedPdf(secretary);
    const file = tempFile(pdf);
    execFileSync('qpdf', ['--check', file]);
    const report = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
    assert.equal(report.match(/Signature Validation: Signature is Valid\./g)?.length, 7, report);
    // The server-held certificates carry the holders' Vietnamese names (UTF8String), read back by pdfsig and drawn in the cells.
    const holders = [...report.matchAll(/Signer Certificate Common Name: (.+)/g)].map((m) => m[1]);
    assert.ok(holders.some((h) => /^Sở .+ Đắk Lắk$/.test(h)), holders.join(' | '));
    assert.ok(holders.includes('Cụm thi đua số 6'), holders.join(' | '));
    // Each cell the server signed shows the Decree 30 appearance (the uploaded one shows what its tool drew).
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    assert.equal(text.match(/Ký số bởi: /g)?.length, 5, text);
    assert.match(text, /Ký số bởi: Sở [^\n]*Đắk Lắk/, 'the holder as its certificate names it, with its diacritics');
    assert.equal(text.match(/Thời gian ký: \d\d\/\d\d\/\d{4} \d\d:\d\d/g)?.length, 5);
    for (const name of ['Người ký 1', 'Người ký 2', 'Người ký 3', 'Người ký 4', 'Người ký 6']) assert.ok(text.includes(name), name);
    // Đắk Lắk's appearance draws its uploaded images (two image XObjects); the others' the demo drawings (none).
    const imagesIn = (unitId: string) => {
      const f = new PdfFile(pdf);
      const field = f.dict(f.signatureFields().find((x) => x.name === `member-${unitId}`)!.ref)!;
      const form = f.dict(f.dict(field.get('AP'))!.get('N'))!;
      const xobjects = f.dict(f.dict(form.get('Resources'))?.get('XObject'));
      return [...(xobjects?.entries.values() ?? [])].filter((x) => f.dict(x)?.name('Subtype') === 'Image').length;
    };
    const actors = await Promise.all(MEMBERS.map((m) => actorFor(t, m)));
    assert.equal(imagesIn(actors[2].unitId), 2);
    assert.equal(imagesIn(actors[0].unitId), 0);
    const res = await t.http.post('/api/documents/verify').attach('file', pdf, 'giao-uoc.pdf').expect(200);
    // The downloaded file is the pledge's current signed revision: intact, though not in the register of issued documents.
    assert.equal(res.body.intact, true, res.body.message);
    assert.equal(res.body.document.kind, 'PLEDGE_SIGNED');
    assert.equal(res.body.document.statusLabel, 'bản ký số hiện hành');
    assert.equal(res.body.document.year, 2020);
    assert.match(res.body.message, /^Tệp nguyên vẹn: bản ký số hiện hành của ".+ \(tệp ký số\)" của Cụm thi đua số 6 – Bộ TTTT, /);
    const signatures = res.body.signatures as Array<{ fieldName: string; valid: boolean; problems: string[]; revision: number; holderName: string | null; signerName: string | null }>;
    assert.equal(signatures.length, 7);
    // In words: whose field (the unit or the cluster by name) and who holds the certificate (its CN, not the whole subject).
    assert.match(signatures[0].holderName ?? '', /^Sở /);
    assert.equal(signatures[6].holderName, 'Cụm thi đua số 6');
    assert.ok(signatures.every((s) => s.signerName && !/CN=|O=/.test(s.signerName)), signatures.map((s) => s.signerName).join(' | '));
    const earlier = await t.http.post('/api/documents/verify').attach('file', midway, 'giao-uoc-truoc.pdf').expect(200);
    assert.equal(earlier.body.intact, true, earlier.body.message);
    assert.match(earlier.body.message, /sau bản này đã có chữ ký khác được thêm vào; hãy tải bản hiện hành/);
    const altered = Buffer.from(pdf);
    altered[altered.length - 30] ^= 1;
    const changed = await t.http.post('/api/documents/verify').attach('file', altered, 'giao-uoc-sua.pdf').expect(200);
    assert.equal(changed.body.intact, false, 'one byte changed: no longer a kept revision');
    for (const s of signatures) assert.ok(s.valid, `${s.fieldName}: ${s.problems.join(' ')}`);
    assert.match(signatures[6].fieldName, /^organisation-/);
    assert.deepEqual(signatures.map((s) => s.revision), [3, 4, 5, 6, 7, 8, 9]);
    const subjects = (signatures as unknown as Array<{ certificateSubject: string }>).map((s) => s.certificateSubject);
    assert.equal(new Set(subjects).size, 7, 'seven different certificates');
    if (!TOKEN_SKIPPED) assert.ok(subjects.some((s) => /Dak Nong token/.test(s)), 'one signature made on the SoftHSM2 token');
    assert.ok(subjects.some((s) => /Kon Tum leader token/.test(s)), 'one signature made with pdfsig and uploaded');
    assert.ok(subjects.some((s) => /Phu Yen PKCS12/.test(s)), 'one signature made with the imported PKCS#12 key');
    // The server's signatures carry a timestamp from the configured TSA (the uploaded one is as its tool made it).
    type Levelled = { timestampTime: string | null; timestampTrusted: boolean; timestampAuthority: string | null; certificateSubject: string; level: string; revocation: string };
    const stamped = (signatures as unknown as Levelled[]).filter((s) => s.timestampTime);
    assert.equal(stamped.length, 6);
    assert.ok(stamped.every((s) => !/Kon Tum/.test(s.certificateSubject) && s.timestampTrusted && s.timestampAuthority === 'CN=thidua test TSA'));
    // The last revision is the DSS: every path's certificates and CRLs, so the stamped signatures verify offline (B-LT).
    // The uploaded one has no timestamp (its tool made none): B-B, its certificate shown not revoked by the DSS's CRL.
    for (const s of signatures as unknown as Levelled[]) {
      const own = /Kon Tum/.test(s.certificateSubject);
      assert.equal(own ? `${s.level}/${s.revocation}` : `${s.level}/${s.revocation}`, own ? 'B-B/good' : 'B-LT/good', s.certificateSubject);
    }
    const file10 = new PdfFile(pdf);
    assert.equal(file10.revisions().length, 10);
    const dss = readDss(file10);
    assert.equal(dss.crls.length, 2, 'the demo CA’s CRL and the TSA root’s');
    assert.ok(dss.certificates.length >= 9, `${dss.certificates.length} certificates`);
    // The demo CA publishes its CRL: the one in the DSS is signed by it.
    const crl = await t.http.get('/api/signing/test-ca.crl').buffer(true).parse(binary).expect(200);
    assert.ok(dss.crls.some((d) => d.equals(crl.body as Buffer)));
  });

  it('a revision that changes what a page shows is reported by the API, naming the revision', async () => {
    let pdf = await signedPdf(secretary);
    const file = new PdfFile(pdf);
    const page = file.pages()[0];
    const update = new IncrementalUpdate(file);
    const extra = update.allocate();
    update.put(extra, new PdfDict(), Buffer.from('BT /F1 30 Tf 100 400 Td (100 diem) Tj ET'));
    const contents = page.dict.get('Contents');
    update.put(page.ref, new PdfDict(new Map(page.dict.entries)).set('Contents', [...(Array.isArray(contents) ? contents : [contents!]), extra]));
    pdf = update.build();
    const res = await t.http.post('/api/documents/verify').attach('file', pdf, 'sua.pdf').expect(200);
    const signatures = res.body.signatures as Array<{ valid: boolean; problems: string[]; changedByRevisions: number[] }>;
    assert.ok(signatures.every((s) => !s.valid && s.changedByRevisions[0] === 11));
    assert.match(signatures[0].problems.join(' '), /Phiên bản 11 đã thay đổi nội dung hiển thị/);
  });

  it('the administrator manages the trust store: the demo CA is in it, a real root can be imported, a leaf cannot', async () => {
    const admin = await t.token('admin');
    const list = await t.http.get('/api/signing/trusted-roots').auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(list.body.length, 2);
    assert.ok(list.body.some((r: { subject: string }) => /thidua demo test CA/.test(r.subject)));
    const key = generateKey('EC');
    const root = issueCertificate({ commonName: 'Imported Root CA', organization: 'Some CA', publicKey: key, ca: true, validFrom: new Date(), validTo: new Date(Date.now() + 3.6e6 * 24 * 365) }, null, key);
    const added = await t.http.post('/api/signing/trusted-roots').auth(admin, { type: 'bearer' }).attach('file', root, 'root.cer').expect(201);
    assert.equal(added.body.length, 3);
    const leaf = await ownCertificate('leaf');
    assert.equal((await t.http.post('/api/signing/trusted-roots').auth(admin, { type: 'bearer' }).attach('file', leaf.certificate, 'leaf.cer')).status, 422);
    assert.equal((await t.http.get('/api/signing/trusted-roots').auth(secretary, { type: 'bearer' })).status, 403);
  });
});

