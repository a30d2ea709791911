import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { loadReferenceData } from '../../src/database/seed/reference-data';
import { POPPLER_MISSING, pdffonts, pdfsig, pdftotext, renderFirstPage, squash, tempFile } from '../support/pdf-tools';
import { SUCCESSOR_OF, TEST_DB, TestApp, actorFor, binary, demoIds, startTestApp } from '../support/test-app';

const MEMBERS = ['gialai', 'phuyen', 'daklak', 'lamdong', 'kontum', 'daknong'];

describe(`criteria and the emulation pledge (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let pdf: Buffer;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
  });
  after(() => t.close());

  const base = (year = 2020) => `/api/clusters/${ids.cum6}/years/${year}`;
  const download = async (token: string, year = 2020) =>
    (await t.http.get(`${base(year)}/pledge/pdf`).auth(token, { type: 'bearer' }).buffer(true).parse(binary).expect(200)).body as Buffer;

  it('the secretariat creates the 2020 pledge from the template, with the nine criteria', async () => {
    const res = await t.http
      .post(`${base()}/pledge`)
      .auth(secretary, { type: 'bearer' })
      .send({ template: 'CUM6-2020', documentNumber: '01/GƯ-CTĐ6' })
      .expect(201);
    assert.equal(res.body.status, 'DRAFT');
    assert.equal(res.body.title, 'Bản giao ước thi đua năm 2020');
    assert.equal(res.body.signingPlace, 'Đắk Lắk');
    assert.equal(res.body.signingDate, '2020-03-06');
    // No operating regulation of the cluster on record: none is cited; the organiser's directive of the year is.
    assert.equal(res.body.legalBases.at(-1), 'Căn cứ Chỉ thị số 67/CT-BTTTT ngày 27 tháng 12 năm 2019 của Bộ trưởng Bộ Thông tin và Truyền thông về công tác thi đua, khen thưởng năm 2020,');
    assert.equal(res.body.memberCount, 6);
    assert.deepEqual(res.body.signatories.slice(0, 2).map((s: { mark: string }) => s.mark), ['Cụm trưởng', 'Cụm phó']);
    const criteria = await t.http.get(`${base()}/criteria`).auth(await t.token('kontum'), { type: 'bearer' }).expect(200);
    assert.equal(criteria.body.items.length, 9);
    assert.equal(criteria.body.totalPoints, 100);
    assert.equal(criteria.body.origin, 'TEMPLATE:CUM6-2020');
  });

  it('a unit cannot sign before the pledge is opened', async () => {
    const res = await t.http.post(`${base()}/pledge/signatures`).auth((await actorFor(t, 'gialai')).token, { type: 'bearer' }).send({ signerName: 'A', signerTitle: 'Giám đốc' });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'PLEDGE_STATE');
  });

  it('opens the pledge, and every member signs for itself only', async () => {
    const current = await t.http.get(`${base()}/pledge`).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.post(`${base()}/pledge/open`).auth(secretary, { type: 'bearer' }).send({ version: current.body.version }).expect(200);
    for (const user of [...MEMBERS, 'admin']) await t.token(user); // log in first: a login is a change too
    for (const user of MEMBERS) await actorFor(t, user);

    const before = await t.snapshot();
    const other = await t.http
      .post(`${base()}/pledge/signatures`)
      .auth((await actorFor(t, 'gialai')).token, { type: 'bearer' })
      .send({ signerName: 'Trần Văn B', signerTitle: 'Giám đốc', unitId: ids.daklak });
    assert.equal(other.status, 403, 'signing for another unit');
    // Sở TTTT Phú Yên ended on 28/02/2025: its own account reads, it no longer signs (its successor does).
    const ended = await t.http.post(`${base()}/pledge/signatures`).auth(await t.token('phuyen'), { type: 'bearer' }).send({ signerName: 'X', signerTitle: 'Giám đốc' });
    assert.equal(ended.status, 403, 'a unit that ended does not sign');
    assert.match(ended.body.message, /đã kết thúc hoạt động ngày 28\/02\/2025: tài khoản chỉ còn quyền xem lịch sử/);
    // Sở KH&CN Đắk Lắk took over both Phú Yên and Đắk Lắk: it must say for which it signs.
    const ambiguous = await t.http.post(`${base()}/pledge/signatures`).auth((await actorFor(t, 'phuyen')).token, { type: 'bearer' }).send({ signerName: 'X', signerTitle: 'Giám đốc' });
    assert.equal(ambiguous.status, 422);
    assert.equal(ambiguous.body.details[0].field, 'unitId');
    const outsider = await t.http.post(`${base()}/pledge/signatures`).auth(await t.token('admin'), { type: 'bearer' }).send({ signerName: 'X', signerTitle: 'Y' });
    assert.equal(outsider.status, 403, 'only unit officers sign');
    assert.equal(await t.snapshot(), before);

    for (const [i, user] of MEMBERS.entries()) {
      const actor = await actorFor(t, user);
      const res = await t.http
        .post(`${base()}/pledge/signatures`)
        .auth(actor.token, { type: 'bearer' })
        .set('User-Agent', 'thidua-test')
        .send({ signerName: `Nguyễn Văn Ký ${i + 1}`, signerTitle: i === 2 ? 'KT. Giám đốc / Phó Giám đốc' : 'Giám đốc', unitId: actor.unitId })
        .expect(201);
      assert.equal(res.body.signedCount, i + 1);
      if (i === 0) {
        const twice = await t.http.post(`${base()}/pledge/signatures`).auth(actor.token, { type: 'bearer' }).send({ signerName: 'Lại', signerTitle: 'Giám đốc' });
        assert.equal(twice.status, 409);
        assert.equal(twice.body.code, 'ALREADY_SIGNED');
      }
    }
    const done = await t.http.get(`${base()}/pledge`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(done.body.status, 'COMPLETE');
    assert.equal(done.body.statusLabel, 'Đã ký đủ');
    assert.ok(done.body.signatories.every((s: { signed: boolean; signedBy: string }) => s.signed && MEMBERS.some((m) => SUCCESSOR_OF[m].user === s.signedBy)));
    const audit = await t.http.get('/api/audit').query({ action: 'pledge.sign' }).auth(await t.token('reviewer'), { type: 'bearer' }).expect(200);
    assert.equal(audit.body.total, 6);
    assert.equal(audit.body.items[0].after.ip !== undefined, true, 'where it was signed from is recorded');
  });

  it('locks the criteria: an edit answers 409 and says to amend; an amendment keeps the old version readable', async () => {
    const current = await t.http.get(`${base()}/criteria`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(current.body.locked, true);
    const items = current.body.items.map((c: { code: string; text: string; maxPoints: number }) => ({ code: c.code, text: c.text, maxPoints: c.maxPoints, kind: 'SCORED', evidenceRequired: true }));
    const before = await t.snapshot();
    const edit = await t.http.put(`${base()}/criteria`).auth(secretary, { type: 'bearer' }).send({ version: current.body.version, reason: 'Sửa', totalPoints: 100, items });
    assert.equal(edit.status, 409);
    assert.equal(edit.body.code, 'CRITERIA_LOCKED');
    assert.match(edit.body.message, /bản sửa đổi/);
    assert.equal(await t.snapshot(), before);

    // The secretariat's draft of Gia Lai's cluster score, made under version 1 (TC1 at 15, TC2 at 10, TC9 at 5).
    const draft = (await t.http.post(`${base()}/scoring/sheets`).auth(secretary, { type: 'bearer' }).send({ targetUnitId: ids.gialai, kind: 'CLUSTER' }).expect(201)).body;
    const drafted = (await t.http.put(`${base()}/scoring/sheets/${draft.id}/entries`).auth(secretary, { type: 'bearer' }).send({ version: draft.version, entries: [{ code: 'TC1', points: 15 }, { code: 'TC2', points: 10 }, { code: 'TC9', points: 5 }] }).expect(200)).body;
    const amended = items.map((c: { code: string; maxPoints: number }) => ({ ...c, maxPoints: c.code === 'TC9' ? 3 : c.code === 'TC1' ? 17 : c.maxPoints }));
    amended.push({ code: 'TH', text: 'Đơn vị có sáng kiến được cấp có thẩm quyền công nhận', maxPoints: 5, kind: 'BONUS', evidenceRequired: true });
    const res = await t.http
      .post(`${base()}/criteria/amendments`)
      .auth(secretary, { type: 'bearer' })
      .send({ versionNo: 1, reason: 'Điều chỉnh theo hướng dẫn của Bộ tại hội nghị sơ kết', totalPoints: 100, items: amended })
      .expect(201);
    assert.equal(res.body.versionNo, 2);
    // The draft follows version 2: its points for the criteria redefined (TC1, TC9: their maximum moved) are cleared to
    // be scored again — a 5 under TC9's new maximum of 3 would otherwise be handed in and counted; TC2 stays.
    const moved = (await t.http.get(`${base()}/scoring/sheets/${draft.id}`).auth(secretary, { type: 'bearer' }).expect(200)).body;
    assert.equal(moved.criteriaVersionNo, 2);
    assert.deepEqual(moved.entries.filter((e: { points: number | null }) => e.points !== null).map((e: { code: string; points: number }) => [e.code, e.points]), [['TC2', 10]]);
    assert.equal(moved.totals.total, 10);
    const late = await t.http.put(`${base()}/scoring/sheets/${draft.id}/entries`).auth(secretary, { type: 'bearer' }).send({ version: drafted.version, entries: [{ code: 'TC9', points: 5 }] });
    assert.equal(late.status, 409, 'a save read before the amendment');
    const amendAudit = (await t.http.get('/api/audit').query({ action: 'criteria.amend' }).auth(await t.token('admin'), { type: 'bearer' }).expect(200)).body.items[0];
    assert.deepEqual(amendAudit.after.draftPointsCleared, [{ sheetId: draft.id, criteria: ['TC1', 'TC9'] }]);
    const over = await t.http.put(`${base()}/scoring/sheets/${draft.id}/entries`).auth(secretary, { type: 'bearer' }).send({ version: moved.version, entries: [{ code: 'TC9', points: 5 }] });
    assert.deepEqual([over.status, over.body.details?.[0]?.field], [422, 'entries.0.points'], JSON.stringify(over.body));
    // Another amendment made from version 1, read before this one: 409, nothing written.
    const beforeStale = await t.snapshot();
    const stale = await t.http.post(`${base()}/criteria/amendments`).auth(secretary, { type: 'bearer' }).send({ versionNo: 1, reason: 'Sửa đổi khác', totalPoints: 100, items });
    assert.deepEqual([stale.status, stale.body.details?.[0]?.field, stale.body.details?.[0]?.message], [409, 'versionNo', 'Phiên bản hiện hành của bộ tiêu chí là 2.']);
    const noVersion = await t.http.post(`${base()}/criteria/amendments`).auth(secretary, { type: 'bearer' }).send({ reason: 'Sửa đổi khác', totalPoints: 100, items });
    assert.deepEqual([noVersion.status, noVersion.body.details?.[0]?.field], [400, 'versionNo']);
    // A quantitative criterion the amendment adds would never get its targets (the set is locked): refused.
    const quantitative = amended.map((c: { code: string }) => (c.code === 'TC9' ? { ...c, measure: 'QUANTITATIVE', formula: 'PROPORTIONAL' } : c));
    const untargeted = await t.http.post(`${base()}/criteria/amendments`).auth(secretary, { type: 'bearer' }).send({ versionNo: 2, reason: 'Thêm tiêu chí định lượng', totalPoints: 100, items: quantitative });
    assert.deepEqual([untargeted.status, untargeted.body.details?.[0]?.field], [422, 'items'], JSON.stringify(untargeted.body));
    assert.match(untargeted.body.details[0].message, /^Bản sửa đổi có tiêu chí định lượng chưa được giao chỉ tiêu \(bộ tiêu chí đã khóa nên không giao thêm được\): TC9 — /);
    assert.equal(await t.snapshot(), beforeStale);
    assert.equal(res.body.amendmentReason, 'Điều chỉnh theo hướng dẫn của Bộ tại hội nghị sơ kết');
    const v1 = await t.http.get(`${base()}/criteria/versions/1`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(v1.body.items.find((c: { code: string }) => c.code === 'TC9').maxPoints, 5);
    const versions = await t.http.get(`${base()}/criteria/versions`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.deepEqual(versions.body.map((v: { versionNo: number }) => v.versionNo), [1, 2]);
    // Two amendments of version 2 at once (the same content): one is made, the other says which version is current
    // (on PostgreSQL both read version 2 and the second met the unique version number: a bare "duplicate" before).
    const both = await Promise.all(
      ['Sửa đổi thứ nhất', 'Sửa đổi thứ hai'].map((reason) => t.http.post(`${base()}/criteria/amendments`).auth(secretary, { type: 'bearer' }).send({ versionNo: 2, reason, totalPoints: 100, items: amended })),
    );
    assert.deepEqual(both.map((r) => r.status).sort(), [201, 409], JSON.stringify(both.map((r) => r.body)));
    const refused = both.find((r) => r.status === 409)!;
    assert.deepEqual([refused.body.details?.[0]?.field, refused.body.details?.[0]?.message], ['versionNo', 'Phiên bản hiện hành của bộ tiêu chí là 3.']);
    const after = await t.http.get(`${base()}/criteria/versions`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.deepEqual(after.body.map((v: { versionNo: number }) => v.versionNo), [1, 2, 3]);
  });

  it('issues the signed pledge as a PDF: same bytes for an unchanged pledge, for every reader', async () => {
    pdf = await download(secretary);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const again = await download(await t.token('reviewer'));
    assert.ok(pdf.equals(again), 'an unchanged pledge is issued once');
    const fromUnit = await download(await t.token('daknong'));
    assert.ok(pdf.equals(fromUnit));
    await t.http.get(`/api/clusters/${ids.cum6}/years/2020/pledge/pdf`).auth(await t.token('cum1.secretary'), { type: 'bearer' }).expect(404);
  });

  it('the PDF reads back exactly in pdftotext, embeds the serif fonts, and passes pdfsig', { skip: POPPLER_MISSING }, () => {
    const file = tempFile(pdf, 'giao-uoc-2020.pdf');
    const text = squash(pdftotext(file));
    for (const phrase of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BỘ THÔNG TIN VÀ TRUYỀN THÔNG',
      'CỤM THI ĐUA SỐ 6',
      'Số: 01/GƯ-CTĐ6',
      'Đắk Lắk, ngày 06 tháng 3 năm 2020',
      'BẢN GIAO ƯỚC THI ĐUA NĂM 2020',
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH ĐẮK LẮK',
      '(Cụm trưởng)',
      '(Cụm phó)',
      'KT. GIÁM ĐỐC',
      'Nguyễn Văn Ký 6',
      'Thông tin và Truyền thông',
    ]) {
      assert.ok(text.includes(phrase), `missing "${phrase}"`);
    }
    for (const criterion of loadReferenceData().criteriaTemplates['CUM6-2020'].criteria) {
      assert.ok(text.includes(squash(criterion.text)), `criterion ${criterion.code} not found as entered`);
    }
    assert.equal((text.match(/Đã ký lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/g) ?? []).length, 6);
    assert.ok(!text.includes('DỰ THẢO'), 'a complete pledge has no draft watermark');

    const fonts = pdffonts(file);
    for (const face of ['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic']) assert.match(fonts, new RegExp(`\\+${face}\\s+CID TrueType\\s+Identity-H\\s+yes`));

    const sig = pdfsig(file);
    assert.match(sig, /Signature Validation: Signature is Valid\./);
    assert.match(sig, /Total document signed/);

    const png = renderFirstPage(file, `pledge-2020-page1-${TEST_DB}`);
    assert.ok(existsSync(png) && statSync(png).size > 10_000);
  });

  it('verifies the issued file by upload and by hash, and the QR address tells what it is', async () => {
    const res = await t.http.post('/api/documents/verify').attach('file', pdf, 'giao-uoc.pdf').expect(200);
    assert.equal(res.body.intact, true);
    assert.equal(res.body.document.kind, 'PLEDGE');
    assert.equal(res.body.document.clusterName, 'Cụm thi đua số 6 – Bộ TTTT');
    assert.equal(res.body.document.year, 2020);
    assert.equal(res.body.document.statusLabel, 'Đã ký đủ');
    assert.match(res.body.message, /nguyên vẹn/);
    const byHash = await t.http.post('/api/documents/verify').send({ sha256: res.body.sha256 }).expect(200);
    assert.equal(byHash.body.intact, true);
    const info = await t.http.get(`/api/documents/${res.body.document.id}/verification`).set('Accept', 'application/json').expect(200);
    // A phone scanning the QR code asks for a page: it is sent to one a person can read.
    const page = await t.http.get(`/api/documents/${res.body.document.id}/verification`).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(303);
    assert.equal(page.headers.location, `/xac-thuc/${res.body.document.id}`);
    const human = await t.http.get(page.headers.location).set('Accept', 'text/html').expect(200);
    assert.match(human.text, /Tài liệu do hệ thống phát hành/);
    assert.match(human.text, /Số, ký hiệu văn bản<\/dt><dd[^>]*>01\/GƯ-CTĐ6/);
    assert.ok(human.text.includes(res.body.document.sha256));
    await t.http.get(`/xac-thuc/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`).set('Accept', 'text/html').expect(404);
    assert.equal(info.body.sha256, res.body.sha256);
    if (!POPPLER_MISSING) assert.ok(squash(pdftotext(tempFile(pdf))).includes(`/xac-thuc/${res.body.document.id}`), 'the page a person reads, not the API');
  });

  it('one byte changed: pdfsig and the verification both fail it', async () => {
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('Tinos') + 3;
    tampered[at] ^= 0x01;
    const res = await t.http.post('/api/documents/verify').attach('file', tampered, 'giao-uoc.pdf').expect(200);
    assert.equal(res.body.intact, false);
    assert.equal(res.body.document?.kind, 'PLEDGE', 'it still tells which document the file claims to be');
    assert.match(res.body.message, /đã bị thay đổi/);
    if (!POPPLER_MISSING) assert.doesNotMatch(pdfsig(tempFile(tampered)), /Signature is Valid/);
    const notPdf = await t.http.post('/api/documents/verify').attach('file', Buffer.from('hello'), 'x.pdf');
    assert.equal(notPdf.status, 422);
    assert.equal(notPdf.body.code, 'INVALID_FILE');
    const nothing = await t.http.post('/api/documents/verify').send({});
    assert.equal(nothing.status, 400);
  });

  it('withdraws a signature with a reason before completion; editing an open pledge resets signatures only once confirmed', async () => {
    await t.http.post(`${base(2021)}/pledge`).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020', signingDate: '2021-03-12' }).expect(201);
    let pledge = await t.http.get(`${base(2021)}/pledge`).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.post(`${base(2021)}/pledge/open`).auth(secretary, { type: 'bearer' }).send({ version: pledge.body.version }).expect(200);
    const gialai = (await actorFor(t, 'gialai')).token;
    await t.http.post(`${base(2021)}/pledge/signatures`).auth(gialai, { type: 'bearer' }).send({ signerName: 'Nguyễn Văn An', signerTitle: 'Giám đốc' }).expect(201);
    const noReason = await t.http.post(`${base(2021)}/pledge/signatures/withdraw`).auth(gialai, { type: 'bearer' }).send({});
    assert.equal(noReason.status, 400);
    const withdrawn = await t.http
      .post(`${base(2021)}/pledge/signatures/withdraw`)
      .auth(gialai, { type: 'bearer' })
      .send({ reason: 'Ký nhầm người đại diện' })
      .expect(200);
    assert.equal(withdrawn.body.signedCount, 0);
    await t.http.post(`${base(2021)}/pledge/signatures`).auth(gialai, { type: 'bearer' }).send({ signerName: 'Trần Thị Bình', signerTitle: 'Giám đốc' }).expect(201);

    pledge = await t.http.get(`${base(2021)}/pledge`).auth(secretary, { type: 'bearer' }).expect(200);
    const before = await t.snapshot();
    const warned = await t.http.patch(`${base(2021)}/pledge`).auth(secretary, { type: 'bearer' }).send({ version: pledge.body.version, reason: 'Sửa chủ đề', theme: 'Chủ đề mới' });
    assert.equal(warned.status, 409);
    assert.equal(warned.body.code, 'PLEDGE_SIGNATURES_WOULD_RESET');
    assert.match(warned.body.message, /1 đơn vị ký/);
    assert.equal(await t.snapshot(), before);
    const edited = await t.http
      .patch(`${base(2021)}/pledge`)
      .auth(secretary, { type: 'bearer' })
      .send({ version: pledge.body.version, reason: 'Sửa chủ đề', theme: 'Chủ đề mới', confirmResetSignatures: true })
      .expect(200);
    assert.equal(edited.body.signedCount, 0);
    assert.equal(edited.body.theme, 'Chủ đề mới');
    const draftPdf = await download(secretary, 2021);
    if (!POPPLER_MISSING) assert.ok(squash(pdftotext(tempFile(draftPdf))).includes('DỰ THẢO — chưa đủ chữ ký'), 'an incomplete pledge is marked as a draft');
  });

  it('refuses bad pledge and criteria input in Vietnamese and changes nothing', async () => {
    for (const user of ['phuyen', 'kontum']) await actorFor(t, user);
    const current = await t.http.get(`${base(2021)}/criteria`).auth(secretary, { type: 'bearer' }).expect(200);
    const before = await t.snapshot();
    const cases: Array<[string, Promise<request.Response>, number, string, string?]> = [
      ['a pledge for a year without membership', t.http.post(`${base(2026)}/pledge`).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020' }), 422, 'NO_MEMBERSHIP', 'year'],
      ['a second pledge for the year', t.http.post(`${base(2020)}/pledge`).auth(secretary, { type: 'bearer' }).send({}), 409, 'DUPLICATE', 'year'],
      ['an unknown template', t.http.post(`${base(2022)}/pledge`).auth(secretary, { type: 'bearer' }).send({ template: 'KHONG-CO', signingDate: '2022-03-10' }), 422, 'INVALID_REFERENCE', 'templateCode'],
      ['a template written for the years from 2025', t.http.post(`${base(2022)}/pledge`).auth(secretary, { type: 'bearer' }).send({ template: 'KHCN-2025', signingDate: '2022-03-10' }), 422, 'INVALID_REFERENCE', 'templateCode'],
      ['no signing date planned or given', t.http.post(`${base(2022)}/pledge`).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020' }), 400, 'VALIDATION_FAILED', 'signingDate'],
      ['a signing date outside the year', t.http.post(`${base(2022)}/pledge`).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020', signingDate: '2021-12-30' }), 422, 'BUSINESS_RULE', 'signingDate'],
      [
        'sub-items over their parent',
        t.http.put(`${base(2021)}/criteria`).auth(secretary, { type: 'bearer' }).send({
          version: current.body.version,
          reason: 'Thêm mục con',
          totalPoints: 100,
          items: [{ code: 'TC1', text: 'A', maxPoints: 100, kind: 'SCORED', evidenceRequired: false, children: [{ code: 'TC1.a', text: 'B', maxPoints: 60, kind: 'SCORED', evidenceRequired: false }, { code: 'TC1.b', text: 'C', maxPoints: 50, kind: 'SCORED', evidenceRequired: false }] }],
        }),
        422,
        'CRITERIA_INVALID',
        'items[0].maxPoints',
      ],
      ['points with three decimals', t.http.put(`${base(2021)}/criteria`).auth(secretary, { type: 'bearer' }).send({ version: current.body.version, reason: 'Sửa điểm', totalPoints: 100, items: [{ code: 'TC1', text: 'A', maxPoints: 99.999, kind: 'SCORED', evidenceRequired: false }] }), 400, 'VALIDATION_FAILED', 'items.0.maxPoints'],
      ['an amendment of an unlocked set', t.http.post(`${base(2021)}/criteria/amendments`).auth(secretary, { type: 'bearer' }).send({ versionNo: 1, reason: 'Sửa đổi', totalPoints: 100, items: [{ code: 'TC1', text: 'A', maxPoints: 100, kind: 'SCORED', evidenceRequired: false }] }), 409, 'PLEDGE_STATE'],
      ['editing a complete pledge', t.http.patch(`${base(2020)}/pledge`).auth(secretary, { type: 'bearer' }).send({ version: 99, reason: 'Sửa', theme: 'X' }), 409, 'PLEDGE_STATE'],
      ['withdrawing from a complete pledge', t.http.post(`${base(2020)}/pledge/signatures/withdraw`).auth((await actorFor(t, 'phuyen')).token, { type: 'bearer' }).send({ reason: 'Rút chữ ký', unitId: (await actorFor(t, 'phuyen')).unitId }), 409, 'PLEDGE_STATE'],
      ['another cluster’s pledge', t.http.get(`/api/clusters/${ids.cum1}/years/2022/pledge`).auth(secretary, { type: 'bearer' }), 404, 'NOT_FOUND'],
      ['a unit officer drafting', t.http.post(`${base(2022)}/pledge`).auth((await actorFor(t, 'kontum')).token, { type: 'bearer' }).send({ template: 'CUM6-2020' }), 403, 'FORBIDDEN'],
    ];
    const problems: string[] = [];
    for (const [name, pending, status, code, field] of cases) {
      const res = await pending;
      if (res.status !== status || res.body.code !== code) problems.push(`${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 240)}`);
      if (field && !res.body.details?.some((d: { field: string }) => d.field === field)) problems.push(`${name}: no detail for "${field}": ${JSON.stringify(res.body.details)}`);
    }
    assert.deepEqual(problems, []);
    assert.equal(await t.snapshot(), before);
  });

  it('exports the criteria to Excel', async () => {
    const res = await t.http.get(`${base()}/criteria/export`).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const sheet = workbook.worksheets[0];
    assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1, 5), ['Mã', 'Nội dung tiêu chí', 'Loại', 'Điểm tối đa']);
    // Two organisers may each have a cluster of this name: the table says whose it is.
    assert.equal(sheet.getCell('A2').value, 'CỤM THI ĐUA SỐ 6 (BỘ THÔNG TIN VÀ TRUYỀN THÔNG)');
    assert.equal(sheet.getCell('A4').value, 'TC1');
    assert.equal(sheet.getCell('D4').value, 17, 'the current version (the amendment)');
    assert.equal(sheet.getCell('B5').value, loadReferenceData().criteriaTemplates['CUM6-2020'].criteria[1].text);
    assert.equal(sheet.getCell('C13').value, 'Điểm thưởng');
  });

  it('changing the criteria of an open, signed pledge needs confirmation, then withdraws its signatures', async () => {
    const gialai = (await actorFor(t, 'gialai')).token;
    await t.http.post(`${base(2021)}/pledge/signatures`).auth(gialai, { type: 'bearer' }).send({ signerName: 'Trần Thị Bình', signerTitle: 'Giám đốc' }).expect(201);
    const current = await t.http.get(`${base(2021)}/criteria`).auth(secretary, { type: 'bearer' }).expect(200);
    const change = { version: current.body.version, reason: 'Gộp tiêu chí', totalPoints: 100, items: [{ code: 'TC1', text: 'Một tiêu chí', maxPoints: 100, kind: 'SCORED', evidenceRequired: false }] };
    const before = await t.snapshot();
    const warned = await t.http.put(`${base(2021)}/criteria`).auth(secretary, { type: 'bearer' }).send(change);
    assert.equal(warned.status, 409);
    assert.equal(warned.body.code, 'PLEDGE_SIGNATURES_WOULD_RESET');
    assert.match(warned.body.message, /1 đơn vị ký/);
    assert.ok(warned.body.details.some((d: { field: string }) => d.field === 'confirmResetSignatures'));
    assert.equal(await t.snapshot(), before);
    const pledgeBefore = await t.http.get(`${base(2021)}/pledge`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(pledgeBefore.body.signedCount, 1);
    const changed = await t.http.put(`${base(2021)}/criteria`).auth(secretary, { type: 'bearer' }).send({ ...change, confirmResetSignatures: true }).expect(200);
    assert.equal(changed.body.items.length, 1);
    const pledge = await t.http.get(`${base(2021)}/pledge`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(pledge.body.signedCount, 0);
    assert.equal(pledge.body.version, pledgeBefore.body.version + 1, 'the pledge itself is written too (its version moves on)');
  });

  it('drafts a pledge on a copy of the previous year’s criteria, or on an empty set to fill in by hand', async () => {
    const bearer = { type: 'bearer' } as const;
    const codes = (items: Array<{ code: string; children: unknown[] }>): string[] => items.flatMap((c) => [c.code, ...codes(c.children as typeof items)]);
    const last = await t.http.get(`${base(2021)}/criteria`).auth(secretary, bearer).expect(200);
    await t.http.post(`${base(2022)}/pledge`).auth(secretary, bearer).send({ criteriaFrom: 'PREVIOUS_YEAR', signingDate: '2022-03-10' }).expect(201);
    const copy = await t.http.get(`${base(2022)}/criteria`).auth(secretary, bearer).expect(200);
    assert.equal(copy.body.origin, 'COPY:2021');
    assert.deepEqual(codes(copy.body.items), codes(last.body.items));
    const before = await t.snapshot();
    const noTemplate = await t.http.post(`${base(2023)}/pledge`).auth(secretary, bearer).send({ criteriaFrom: 'TEMPLATE', signingDate: '2023-03-10' });
    assert.equal(noTemplate.status, 422);
    assert.equal(noTemplate.body.details[0].field, 'template');
    const unknown = await t.http.post(`${base(2023)}/pledge`).auth(secretary, bearer).send({ criteriaFrom: 'FROM_THE_AIR', signingDate: '2023-03-10' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.details[0].field, 'criteriaFrom');
    assert.equal(await t.snapshot(), before);
    const empty = await t.http.post(`${base(2023)}/pledge`).auth(secretary, bearer).send({ criteriaFrom: 'EMPTY', signingDate: '2023-03-10' }).expect(201);
    const set = await t.http.get(`${base(2023)}/criteria`).auth(secretary, bearer).expect(200);
    assert.deepEqual([set.body.origin, set.body.items], ['MANUAL', []]);
    const opened = await t.http.post(`${base(2023)}/pledge/open`).auth(secretary, bearer).send({ version: empty.body.version });
    assert.equal(opened.status, 422, 'nothing to sign before the criteria are entered');
    assert.equal(opened.body.code, 'CRITERIA_INVALID');
  });
});
