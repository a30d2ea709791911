import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { TEST_DB, TestApp, binary, demoIds, startTestApp, attachReport, publishResults } from '../support/test-app';

/**
 * The 2025 review of Cụm 6 replayed in 2026 (issue 15): members are the provinces' Sở Khoa học và Công nghệ, into which
 * the Sở TTTT merged on 01/03/2025; the documents of 2026 cite the 2022 Law, Decree 152/2025 and the Bộ KH&CN
 * circular, and are addressed to Bộ Khoa học và Công nghệ.
 */
describe(`the 2025 review replayed in 2026 (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: string;
  const members: string[] = [];
  let proposalId: string;
  /** Bộ KH&CN's Cụm 6, continuing Bộ TTTT's: 2025 is Bộ KH&CN's year (Bộ TTTT ended on 28/02/2025). */
  let cluster: string;
  const base = () => `/api/clusters/${cluster}/years/2025`;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    admin = await t.token('admin');
    cluster = (await t.http.post('/api/clusters').set(auth(admin)).send({ organizerId: ids.successorMinistry, number: 6, name: 'Cụm thi đua số 6', documentCode: 'CTĐ6', predecessorId: ids.cum6, reason: 'Tiếp nối Cụm 6 của Bộ TTTT' }).expect(201)).body.id;
    // Bộ TTTT no longer divides for 2025.
    const old = await t.http.post(`/api/clusters/${ids.cum6}/members`).set(auth(admin)).send({ unitId: await ids.unit('SKHCN-DAKLAK'), year: 2025, reason: 'Phân cụm năm 2025' }).expect(422);
    assert.match(old.body.message, /Bộ TTTT kết thúc hoạt động ngày 28\/02\/2025: năm 2025 do Bộ Khoa học và Công nghệ tổ chức/);
    // The seeded successors (reference data): the Sở KH&CN of the provinces formed on 01/07/2025.
    for (const code of ['SKHCN-DAKLAK', 'SKHCN-GIALAI', 'SKHCN-LAMDONG', 'SKHCN-QUANGNGAI', 'SKHCN-KHANHHOA']) {
      const unitId = await ids.unit(code);
      members.push(unitId);
      await t.http.post(`/api/clusters/${cluster}/members`).set(auth(admin)).send({ unitId, year: 2025, reason: 'Phân cụm năm 2025' }).expect(201);
    }
    // Rated "hoàn thành xuất sắc nhiệm vụ" in 2024 (as Sở TTTT Đắk Lắk, its predecessor) and 2025 by decision: two
    // consecutive years follow the unit into its successor, so Sở KH&CN Đắk Lắk is eligible for the Bằng khen.
    for (const year of [2024, 2025]) {
      await t.http.put(`/api/units/${year === 2024 ? ids.daklak : members[0]}/ratings/${year}`).set(auth(admin)).send({ rating: 'EXCELLENT', decidedBy: 'Ủy ban nhân dân tỉnh Đắk Lắk', decisionNumber: `${year - 2000}/QĐ-UBND`, decisionDate: `${year + 1}-01-15`, reason: 'Theo quyết định xếp loại' }).expect(200);
    }
    await publishResults(t, admin, cluster, 2025);
    let meeting = (await t.http.post(`${base()}/review-meeting`).set(auth(admin)).send({ heldOn: '2026-01-20', place: 'Đắk Lắk', chairedBy: 'Nguyễn Văn Ký', minutesBy: 'Trần Thư Ký' }).expect(201)).body;
    meeting = (await t.http.put(`${base()}/review-meeting/attendance`).set(auth(admin)).send({ version: meeting.version, entries: members.map((unitId) => ({ unitId, status: 'PRESENT' })) }).expect(200)).body;
    await t.http.put(`${base()}/review-meeting/ballots`).set(auth(admin)).send({ version: meeting.version, ballots: [{ unitId: members[0], award: 'CERTIFICATE_OF_MERIT', votesFor: 5 }] }).expect(200);
    proposalId = (await t.http.post(`${base()}/proposals`).set(auth(admin)).send({ award: 'CERTIFICATE_OF_MERIT', unitId: members[0] }).expect(201)).body.id;
    // Sent (re-entered today): the minutes are issued with it, the Tờ trình waits for the original's date.
    await attachReport(t, admin, proposalId);
    await t.http.post(`/api/proposals/${proposalId}/submit`).set(auth(admin)).send({ version: 1 }).expect(200);
  });
  after(() => t.close());

  it('the submission issued on 25/01/2026: Bộ Khoa học và Công nghệ, the 2022 Law, Decree 152/2025, Thông tư 25/2025/TT-BKHCN', async () => {
    // Sent, and the Tờ trình waits for the original's date: the meeting page says so until it is issued.
    const page = async () => (await t.http.get(`/cum/${cluster}/nam/2025/binh-xet`).set(auth(admin)).set('Accept', 'text/html').expect(200)).text;
    assert.match(await page(), /data-testid="awaiting-issue">Tờ trình của các đề nghị đã gửi chưa được ban hành\. Năm 2025 được nhập lại sau khi đã qua: hãy ghi &quot;Ngày ban hành tờ trình&quot; như trên văn bản gốc/);
    const pdf = await t.http.get(`${base()}/proposals/submission.pdf?issuedOn=2026-01-25`).set(auth(admin)).buffer(true).parse(binary);
    assert.equal(pdf.status, 200, String(pdf.body));
    const text = POPPLER_MISSING ? '' : squash(pdftotext(tempFile(pdf.body)));
    for (const phrase of POPPLER_MISSING ? [] : [
      'BỘ KHOA HỌC VÀ CÔNG NGHỆ', 'CỤM THI ĐUA SỐ 6', 'ngày 25 tháng 01 năm 2026', 'Kính gửi: Bộ trưởng Bộ Khoa học và Công nghệ',
      'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;',
      'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng',
      'Căn cứ Thông tư số 25/2025/TT-BKHCN ngày 31 tháng 10 năm 2025 của Bộ trưởng Bộ Khoa học và Công nghệ',
      'Căn cứ biên bản hội nghị bình xét thi đua năm 2025 ngày 20/01/2026', 'Sở Khoa học và Công nghệ tỉnh Đắk Lắk',
    ]) {
      assert.ok(text.includes(phrase), `2025 submission: missing "${phrase}"`);
    }
    for (const absent of ['2003', '91/2017', '98/2023', '09/2018', 'Thông tin và Truyền thông']) assert.ok(!text.includes(absent), `2025 submission must not mention "${absent}"`);
    assert.doesNotMatch(await page(), /awaiting-issue/, 'issued: nothing waits');
  });

  it('the minutes are dated on the meeting day and name the organiser of that day', async () => {
    const pdf = await t.http.get(`${base()}/review-meeting/minutes.pdf`).set(auth(admin)).buffer(true).parse(binary).expect(200);
    if (POPPLER_MISSING) return;
    const text = squash(pdftotext(tempFile(pdf.body)));
    for (const phrase of ['BỘ KHOA HỌC VÀ CÔNG NGHỆ', 'Số: 01/BB-CTĐ6', 'ngày 20 tháng 01 năm 2026', 'Sở Khoa học và Công nghệ tỉnh Đắk Lắk']) {
      assert.ok(text.includes(phrase), `2025 minutes: missing "${phrase}"`);
    }
    assert.ok(!text.includes('Thông tin và Truyền thông'));
  });

  it('the council cannot vote on the proposal before the cluster has met (a council meeting on 15/01/2026)', async () => {
    await t.http.post(`/api/organizers/${ids.successorMinistry}/council/members`).set(auth(admin)).send({ name: 'Nguyễn Minh Hồng', position: 'Thứ trưởng', role: 'CHAIR', fromDate: '2025-03-01', reason: 'Kiện toàn Hội đồng' }).expect(201);
    let meeting = (await t.http.post('/api/council/meetings').set(auth(admin)).send({ organizerId: ids.successorMinistry, year: 2025, heldOn: '2026-01-15', place: 'Hà Nội', minutesBy: 'Đỗ Thanh Hương' }).expect(201)).body;
    meeting = (await t.http.put(`/api/council/meetings/${meeting.id}/attendance`).set(auth(admin)).send({ version: meeting.version, entries: meeting.members.map((x: { id: string }) => ({ memberId: x.id, status: 'PRESENT' })) }).expect(200)).body;
    const early = await t.http.put(`/api/council/meetings/${meeting.id}/ballots`).set(auth(admin)).send({ version: meeting.version, ballots: [{ proposalId, votesFor: 1 }] }).expect(422);
    assert.equal(early.body.details[0].field, 'ballots.0.proposalId');
    assert.match(early.body.details[0].message, /Hội nghị bình xét của cụm họp ngày 20\/01\/2026, sau ngày họp Hội đồng/);
  });
});
