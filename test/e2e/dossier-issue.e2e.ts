import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInVietnam } from '../../src/common/time';
import ExcelJS from 'exceljs';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { TEST_DB, TestApp, attachReport, binary, demoIds, ph, startTestApp, meetCum6In2019 } from '../support/test-app';

/**
 * The Tờ trình and the list are the cluster's documents: issued when the cluster sends its proposals (dated that day,
 * in the secretariat's name), and read by the ministry as issued. Opening a dossier never issues a document in the
 * reviewer's name. Found by a new user (session 22's helper): the first reviewer to open it issued it.
 */
describe(`the dossier is issued by the cluster when it sends (${TEST_DB})`, () => {
  let t: TestApp;
  let secretary: string;
  let reviewer: string;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const base = () => `/api/clusters/${ids.cum6}/years/2019`;
  const issued = async (kind: string) =>
    (await t.dataSource.query(`SELECT id, issued_by, document_date, document_number FROM issued_documents WHERE kind = ${ph(1)} AND cluster_id = ${ph(2)} AND year = 2019 ORDER BY issued_at`, [kind, ids.cum6])) as Array<{ id: string; issued_by: string; document_date: string; document_number: string | null }>;

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    reviewer = await t.token('reviewer');
    // 2019 as if it had been opened in its own time (not re-entered later), so that sending dates the dossier that day.
    await t.dataSource.query(`UPDATE emulation_years SET created_at = '2019-12-01T00:00:00.000Z' WHERE cluster_id = ${ph(1)} AND year = 2019`, [ids.cum6]);
    await meetCum6In2019(t, secretary, [ids.gialai]);
  });
  after(() => t.close());

  it('before anything is sent the reviewer gets no dossier, and the reviewer’s request issues none', async () => {
    // No proposal yet: the secretariat's page offers no Tờ trình or list (they would answer 404), and says when.
    const secretariatPage = async () => (await t.http.get(`/cum/${ids.cum6}/nam/2019/binh-xet`).auth(secretary, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    const none = await secretariatPage();
    assert.ok(none.includes('Tờ trình và danh sách đề nghị: có khi cụm xác nhận đề nghị khen thưởng.') && !none.includes('proposals/submission.pdf'));
    const draft = (await t.http.post(`${base()}/proposals`).auth(secretary, { type: 'bearer' }).send({ award: 'CERTIFICATE_OF_MERIT', unitId: ids.gialai }).expect(201)).body;
    assert.match(await secretariatPage(), /Dự thảo tờ trình đề nghị khen thưởng \(PDF\)/);
    const res = await t.http.get(`${base()}/proposals/submission.pdf`).auth(reviewer, { type: 'bearer' }).expect(404);
    assert.match(res.body.message, /^Cụm thi đua số 6 chưa ban hành tờ trình khen thưởng năm 2019: cụm ban hành khi gửi đề nghị khen thưởng\.$/);
    assert.equal((await issued('SUBMISSION')).length, 0);
    // Nor the minutes: the reviewer's download does not issue them in the reviewer's name from the cluster's series.
    const minutes = await t.http.get(`${base()}/review-meeting/minutes.pdf`).auth(reviewer, { type: 'bearer' }).expect(404);
    assert.match(minutes.body.message, /^Cụm thi đua số 6 chưa ban hành biên bản hội nghị bình xét năm 2019: cụm ban hành khi gửi đề nghị khen thưởng\.$/);
    assert.equal((await issued('MINUTES')).length, 0);
    const page = async () => (await t.http.get(`/tham-dinh/${draft.id}`).auth(reviewer, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    const before = await page();
    assert.match(before, /Cụm thi đua số 6 chưa ban hành biên bản hội nghị bình xét, tờ trình, danh sách đề nghị khen thưởng năm 2019:/);
    assert.doesNotMatch(before, /Tải biên bản|Tải tờ trình/, 'no link to what is not issued');
    assert.doesNotMatch(before, /<iframe/, 'no frame that would answer 404');
    // The secretariat's downloads before sending are drafts: nothing numbered, dated, signed or registered (a Tờ trình
    // downloaded on 10/01 and sent unchanged on 20/01 is dated 20/01; a draft redrawn leaves no gap in the series).
    for (const [path, name, marks] of [
      ['proposals/submission.pdf', 'Du-thao-to-trinh', ['Số: /TTr-CTĐ6', 'Gia Lai, ngày … tháng … năm …', 'DỰ THẢO — chưa ban hành, chưa ký số, chưa có số và ngày']],
      ['proposals/list.pdf', 'Du-thao-danh-sach', ['(Kèm theo dự thảo Tờ trình của Cụm thi đua số 6)', 'ngày … tháng … năm …']],
      ['review-meeting/minutes.pdf', 'Du-thao-bien-ban', ['Số: /BB-CTĐ6', 'ngày 06 tháng 3 năm 2020']],
    ] as const) {
      const res = await t.http.get(`${base()}/${path}`).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
      assert.match(res.headers['content-disposition'], new RegExp(name), path);
      assert.equal(res.headers['x-document-id'], undefined, path);
      assert.ok(!(res.body as Buffer).includes('/ByteRange'), `${path}: a draft is not signed`);
      if (POPPLER_MISSING) continue;
      const text = squash(pdftotext(tempFile(res.body)));
      for (const mark of [...marks, 'DỰ THẢO']) assert.ok(text.includes(mark), `${path}: missing "${mark}" in ${text.slice(0, 800)}`);
      assert.ok(!text.includes('Kiểm tra tính toàn vẹn') && !text.includes('(Văn bản ký số'), `${path}: nothing to verify, nothing signed`);
    }
    // The working copy in Excel goes with the draft too.
    const xlsx = await t.http.get(`${base()}/proposals/list.xlsx`).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    assert.match(xlsx.headers['content-disposition'], /Du-thao-danh-sach-de-nghi-2019-/);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    assert.equal(sheet.worksheets[0].getCell('A1').value, 'DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ KHEN THƯỞNG NĂM 2019 (kèm theo dự thảo Tờ trình)');
    assert.equal(sheet.worksheets[0].getCell('A2').value, 'CỤM THI ĐUA SỐ 6 (BỘ THÔNG TIN VÀ TRUYỀN THÔNG)');
    assert.equal(Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM document_numbers WHERE issuer_id = ${ph(1)}`, [ids.cum6]))[0].n), 0, 'no number allocated');
    for (const kind of ['MINUTES', 'SUBMISSION', 'LIST']) assert.equal((await issued(kind)).length, 0, kind);
    // The reviewer reads none of the cluster's drafts, the Excel working copy included; the meeting page says so.
    await t.http.get(`${base()}/proposals/list.xlsx`).auth(reviewer, { type: 'bearer' }).expect(404);
    const meetingPage = async () => (await t.http.get(`/cum/${ids.cum6}/nam/2019/binh-xet`).auth(reviewer, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    const unsent = await meetingPage();
    assert.match(unsent, /Cụm thi đua số 6 chưa ban hành biên bản, tờ trình, danh sách đề nghị khen thưởng năm 2019: cụm ban hành khi gửi đề nghị\./);
    for (const absent of ['id="issuedOn"', 'proposals/submission.pdf', 'drafts-note']) assert.ok(!unsent.includes(absent), absent);
    // Sending issues the Tờ trình and the list, dated the day they were sent, in the secretariat's name.
    await attachReport(t, secretary, draft.id);
    await t.http.post(`/api/proposals/${draft.id}/submit`).auth(secretary, { type: 'bearer' }).send({ version: draft.version }).expect(200);
    for (const kind of ['MINUTES', 'SUBMISSION', 'LIST']) {
      const rows = await issued(kind);
      assert.equal(rows.length, 1, kind);
      assert.deepEqual([rows[0].issued_by, rows[0].document_date], ['cum6.secretary', kind === 'MINUTES' ? '2020-03-06' : todayInVietnam()], kind);
    }
    const issuedPage = await meetingPage();
    for (const path of ['review-meeting/minutes.pdf', 'proposals/submission.pdf', 'proposals/list.pdf', 'proposals/list.xlsx']) assert.ok(issuedPage.includes(`${base()}/${path}`), path);
    await t.http.get(`${base()}/proposals/list.xlsx`).auth(reviewer, { type: 'bearer' }).expect(200);
    const after = await page();
    assert.match(after, /<iframe class="doc" title="Tờ trình đề nghị khen thưởng"/);
    assert.match(after, /<iframe class="doc" title="Danh sách đề nghị khen thưởng"/);
    assert.doesNotMatch(after, /chưa ban hành/);
  });

  it('the reviewer reads the documents as the cluster issued them; another date is one the cluster has not issued', async () => {
    const [submission] = await issued('SUBMISSION');
    const read = await t.http.get(`${base()}/proposals/submission.pdf`).auth(reviewer, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    const verified = await t.http.post('/api/documents/verify').attach('file', read.body as Buffer, 'to-trinh.pdf').expect(200);
    assert.equal(verified.body.document.id, submission.id, 'the very document the cluster issued');
    await t.http.get(`${base()}/proposals/list.pdf`).auth(reviewer, { type: 'bearer' }).expect(200);
    const minutes = await t.http.get(`${base()}/review-meeting/minutes.pdf`).auth(reviewer, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    const [issuedMinutes] = await issued('MINUTES');
    assert.equal((await t.http.post('/api/documents/verify').attach('file', minutes.body as Buffer, 'bien-ban.pdf').expect(200)).body.document.id, issuedMinutes.id);
    const other = await t.http.get(`${base()}/proposals/submission.pdf?issuedOn=2020-03-10`).auth(reviewer, { type: 'bearer' }).expect(404);
    assert.equal(other.body.details[0].field, 'issuedOn');
    assert.match(other.body.message, /chưa ban hành tờ trình khen thưởng năm 2019 ngày 10\/03\/2020/);
    assert.equal((await issued('SUBMISSION')).length, 1, 'nothing issued by reading');
    assert.ok((await issued('SUBMISSION')).every((r) => r.issued_by === 'cum6.secretary'));
  });

  it('a dossier sent again with another unit is a new Tờ trình with a number of its own; what was sent before stands as issued', async () => {
    const verifiedId = async (pdf: Buffer) => (await t.http.post('/api/documents/verify').attach('file', pdf, 'to-trinh.pdf').expect(200)).body.document.id as string;
    const [first] = await issued('SUBMISSION');
    assert.equal(first.document_number, '01/TTr-CTĐ6');
    // A second candidate is voted and proposed after the first proposal went to the ministry.
    const meeting = (await t.http.get(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).expect(200)).body;
    await t.http.put(`${base()}/review-meeting/ballots`).auth(secretary, { type: 'bearer' }).send({ version: meeting.version, ballots: [{ unitId: ids.gialai, award: 'CERTIFICATE_OF_MERIT', votesFor: 6 }, { unitId: ids.daklak, award: 'CERTIFICATE_OF_MERIT', votesFor: 6 }] }).expect(200);
    const second = (await t.http.post(`${base()}/proposals`).auth(secretary, { type: 'bearer' }).send({ award: 'CERTIFICATE_OF_MERIT', unitId: ids.daklak }).expect(201)).body;
    // Until it is sent, what went to the ministry stands, for the secretariat as for the reviewer.
    const standing = await t.http.get(`${base()}/proposals/submission.pdf`).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    assert.equal(await verifiedId(standing.body as Buffer), first.id);
    const working = await t.http.get(`${base()}/proposals/list.xlsx`).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(working.body as unknown as ArrayBuffer);
    // A proposal not sent yet is not in the dossier: the working copy is still the list of Tờ trình 01.
    assert.ok(String(book.worksheets[0].getCell('A1').value).endsWith('(kèm theo Tờ trình số 01/TTr-CTĐ6)'), String(book.worksheets[0].getCell('A1').value));
    assert.deepEqual(book.worksheets[0].getColumn(2).values.filter((v) => typeof v === 'string' && v.startsWith('Sở')), ['Sở Thông tin và Truyền thông tỉnh Gia Lai']);
    await attachReport(t, secretary, second.id);
    const sent = (await t.http.post(`/api/proposals/${second.id}/submit`).auth(secretary, { type: 'bearer' }).send({ version: second.version }).expect(200)).body;
    // Sent the same day with other words: another document, the next number; never two texts under one number.
    const rows = await issued('SUBMISSION');
    assert.deepEqual(rows.map((r) => [r.document_number, r.document_date]), [['01/TTr-CTĐ6', todayInVietnam()], ['02/TTr-CTĐ6', todayInVietnam()]]);
    assert.equal((await issued('LIST')).length, 2);
    // The minutes sent with it carry the vote recorded since: made anew (02/BB), not the first ones read again.
    assert.deepEqual((await issued('MINUTES')).map((r) => r.document_number), ['01/BB-CTĐ6', '02/BB-CTĐ6']);
    const minutes = await t.http.get(`${base()}/review-meeting/minutes.pdf`).auth(reviewer, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    assert.equal(await verifiedId(minutes.body as Buffer), (await issued('MINUTES'))[1].id);
    const read = await t.http.get(`${base()}/proposals/submission.pdf`).auth(reviewer, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    assert.equal(await verifiedId(read.body as Buffer), rows[1].id, 'the reviewer reads the latest the cluster sent');
    const byNumber = (await t.http.post('/api/documents/verify').attach('file', standing.body as Buffer, 'to-trinh-01.pdf').expect(200)).body;
    assert.equal(byNumber.intact, true, 'the first stays intact in the register');
    if (!POPPLER_MISSING) {
      const text = squash(pdftotext(tempFile(read.body as Buffer)));
      assert.ok(text.includes('Số: 02/TTr-CTĐ6'), text.slice(0, 200));
      assert.ok(text.includes('Bằng khen của Bộ trưởng cho 02 đơn vị'), text);
    }
    // Returned and sent again unchanged (a report added changes no word of it): the Tờ trình of the dossier stands.
    const claimed = (await t.http.post(`/api/proposals/${second.id}/claim`).auth(reviewer, { type: 'bearer' }).send({ version: sent.version }).expect(200)).body;
    const returned = (await t.http.post(`/api/proposals/${second.id}/return`).auth(reviewer, { type: 'bearer' }).send({ version: claimed.version, reason: 'Bổ sung báo cáo có xác nhận' }).expect(200)).body;
    await attachReport(t, secretary, second.id);
    await t.http.post(`/api/proposals/${second.id}/resubmit`).auth(secretary, { type: 'bearer' }).send({ version: returned.version, reason: 'Đã bổ sung báo cáo có xác nhận' }).expect(200);
    assert.equal((await issued('SUBMISSION')).length, 2, 'nothing new to issue');
  });
});
