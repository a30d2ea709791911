import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInVietnam } from '../../src/common/time';
import { TEST_DB, TestApp, attachReport, binary, demoIds, ph, startTestApp } from '../support/test-app';

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
    (await t.dataSource.query(`SELECT id, issued_by, document_date FROM issued_documents WHERE kind = ${ph(1)} AND cluster_id = ${ph(2)} AND year = 2019`, [kind, ids.cum6])) as Array<{ id: string; issued_by: string; document_date: string }>;

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    reviewer = await t.token('reviewer');
    // 2019 as if it had been opened in its own time (not re-entered later), so that sending dates the dossier that day.
    await t.dataSource.query(`UPDATE emulation_years SET created_at = '2019-12-01T00:00:00.000Z' WHERE cluster_id = ${ph(1)} AND year = 2019`, [ids.cum6]);
    let meeting = await t.http.post(`${base()}/review-meeting`).auth(secretary, { type: 'bearer' }).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Giám đốc Sở TTTT Đắk Lắk', minutesBy: 'Thư ký cụm' }).expect(201);
    const present = [ids.gialai, ids.daklak, await ids.unit('STTTT-PHUYEN'), await ids.unit('STTTT-LAMDONG'), await ids.unit('STTTT-KONTUM'), await ids.unit('STTTT-DAKNONG')];
    meeting = await t.http.put(`${base()}/review-meeting/attendance`).auth(secretary, { type: 'bearer' }).send({ version: meeting.body.version, entries: present.map((unitId) => ({ unitId, status: 'PRESENT' })) }).expect(200);
    await t.http.put(`${base()}/review-meeting/ballots`).auth(secretary, { type: 'bearer' }).send({ version: meeting.body.version, ballots: [{ unitId: ids.gialai, award: 'CERTIFICATE_OF_MERIT', votesFor: 6 }] }).expect(200);
  });
  after(() => t.close());

  it('before anything is sent the reviewer gets no dossier, and the reviewer’s request issues none', async () => {
    const draft = (await t.http.post(`${base()}/proposals`).auth(secretary, { type: 'bearer' }).send({ award: 'CERTIFICATE_OF_MERIT', unitId: ids.gialai }).expect(201)).body;
    const res = await t.http.get(`${base()}/proposals/submission.pdf`).auth(reviewer, { type: 'bearer' }).expect(404);
    assert.match(res.body.message, /^Cụm thi đua số 6 chưa ban hành tờ trình khen thưởng năm 2019: cụm ban hành khi gửi đề nghị lên Bộ\.$/);
    assert.equal((await issued('SUBMISSION')).length, 0);
    // Nor the minutes: the reviewer's download does not issue them in the reviewer's name from the cluster's series.
    const minutes = await t.http.get(`${base()}/review-meeting/minutes.pdf`).auth(reviewer, { type: 'bearer' }).expect(404);
    assert.match(minutes.body.message, /^Cụm thi đua số 6 chưa ban hành biên bản hội nghị bình xét năm 2019: cụm ban hành khi gửi đề nghị lên Bộ\.$/);
    assert.equal((await issued('MINUTES')).length, 0);
    const page = async () => (await t.http.get(`/tham-dinh/${draft.id}`).auth(reviewer, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    const before = await page();
    assert.match(before, /Cụm thi đua số 6 chưa ban hành biên bản hội nghị bình xét, tờ trình, danh sách đề nghị khen thưởng năm 2019:/);
    assert.doesNotMatch(before, /Tải biên bản|Tải tờ trình/, 'no link to what is not issued');
    assert.doesNotMatch(before, /<iframe/, 'no frame that would answer 404');
    // Sending issues the Tờ trình and the list, dated the day they were sent, in the secretariat's name.
    await attachReport(t, secretary, draft.id);
    await t.http.post(`/api/proposals/${draft.id}/submit`).auth(secretary, { type: 'bearer' }).send({ version: draft.version }).expect(200);
    for (const kind of ['MINUTES', 'SUBMISSION', 'LIST']) {
      const rows = await issued(kind);
      assert.equal(rows.length, 1, kind);
      assert.deepEqual([rows[0].issued_by, rows[0].document_date], ['cum6.secretary', kind === 'MINUTES' ? '2020-03-06' : todayInVietnam()], kind);
    }
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
});
