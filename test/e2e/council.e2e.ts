import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POPPLER_MISSING, pdfsig, pdftotext, renderFirstPage, squash, tempFile } from '../support/pdf-tools';
import { COUNCIL_MEMBERS } from '../support/council';
import { TEST_DB, TestApp, binary, demoIds, startTestApp, attachReport } from '../support/test-app';

/** The ministry's emulation council over HTTP: members, a meeting, attendance, ballots against the share, minutes. */
describe(`the emulation council of the ministry (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let reviewer: string;
  let secretary: string;
  const flags: Record<'DL' | 'PY', { id: string; version: number }> = {} as never;
  let meeting: { id: string; version: number; members: Array<{ id: string; role: string }> } & Record<string, unknown>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    reviewer = await t.token('reviewer');
    secretary = await t.token('cum6.secretary');
    // The 2019 review of Cụm 6: two Cờ proposals sent to the ministry.
    const base = `/api/clusters/${ids.cum6}/years/2019`;
    const units = [ids.daklak, await ids.unit('STTTT-PHUYEN'), ids.gialai, await ids.unit('STTTT-LAMDONG'), await ids.unit('STTTT-KONTUM'), await ids.unit('STTTT-DAKNONG')];
    let m = await t.http.post(`${base}/review-meeting`).set(auth(secretary)).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Nguyễn Văn Ký', minutesBy: 'Trần Thư Ký' }).expect(201);
    m = await t.http.put(`${base}/review-meeting/attendance`).set(auth(secretary)).send({ version: m.body.version, entries: units.map((unitId) => ({ unitId, status: 'PRESENT' })) }).expect(200);
    await t.http.put(`${base}/review-meeting/ballots`).set(auth(secretary)).send({ version: m.body.version, ballots: [{ unitId: units[0], award: 'EMULATION_FLAG', votesFor: 6 }, { unitId: units[1], award: 'EMULATION_FLAG', votesFor: 5 }] }).expect(200);
    for (const [key, unitId] of [['DL', units[0]], ['PY', units[1]]] as const) {
      const created = (await t.http.post(`${base}/proposals`).set(auth(secretary)).send({ award: 'EMULATION_FLAG', unitId }).expect(201)).body;
      await attachReport(t, secretary, created.id);
      flags[key] = (await t.http.post(`/api/proposals/${created.id}/submit`).set(auth(secretary)).send({ version: created.version }).expect(200)).body;
      flags[key] = (await t.http.post(`/api/proposals/${created.id}/claim`).set(auth(reviewer)).send({ version: flags[key].version }).expect(200)).body;
    }
  });
  after(() => t.close());

  it('the reviewers record the council members by period; a secretariat cannot', async () => {
    for (const x of COUNCIL_MEMBERS) await t.http.post(`/api/organizers/${ids.ministry}/council/members`).set(auth(reviewer)).send({ ...x, fromDate: '2019-01-01', reason: 'Quyết định kiện toàn Hội đồng' }).expect(201);
    // A member who left before the meeting does not count.
    await t.http.post(`/api/organizers/${ids.ministry}/council/members`).set(auth(reviewer)).send({ name: 'Vũ Đình Cũ', position: 'Nguyên Vụ trưởng', role: 'MEMBER', fromDate: '2015-01-01', toDate: '2019-12-31', reason: 'Nhiệm kỳ trước' }).expect(201);
    const backwards = await t.http.post(`/api/organizers/${ids.ministry}/council/members`).set(auth(reviewer)).send({ name: 'X', position: 'Y', role: 'MEMBER', fromDate: '2020-01-01', toDate: '2019-01-01', reason: 'Thử' }).expect(400);
    assert.equal(backwards.body.details[0].field, 'toDate');
    await t.http.get(`/api/organizers/${ids.ministry}/council/members`).set(auth(secretary)).expect(403);
    const list = (await t.http.get(`/api/organizers/${ids.ministry}/council/members`).set(auth(reviewer)).expect(200)).body;
    assert.equal(list.length, 6);
  });

  it('a meeting on the 2019 proposals: members in office on its day, the share of the catalogue on that day (marked unverified for 2020)', async () => {
    meeting = (await t.http.post('/api/council/meetings').set(auth(reviewer)).send({ organizerId: ids.ministry, year: 2019, heldOn: '2020-04-10', place: 'Hà Nội', minutesBy: 'Đỗ Thanh Hương' }).expect(201)).body;
    assert.equal(meeting.memberCount, 5);
    assert.equal(meeting.organizerName, 'Bộ Thông tin và Truyền thông');
    const flagShare = (meeting.shares as Array<{ award: string; requiredText: string; basisText: string; assumption: string | null }>).find((s) => s.award === 'EMULATION_FLAG')!;
    assert.equal(flagShare.requiredText, 'từ 80% trở lên');
    assert.match(flagShare.basisText, /căn cứ chưa được xác minh trong danh mục pháp lý/);
    assert.deepEqual((meeting.ballots as Array<{ proposalId: string }>).map((b) => b.proposalId).sort(), [flags.DL.id, flags.PY.id].sort());
    const again = await t.http.post('/api/council/meetings').set(auth(reviewer)).send({ organizerId: ids.ministry, year: 2019, heldOn: '2020-04-11', place: 'Hà Nội', minutesBy: 'X' }).expect(409);
    assert.equal(again.body.details[0].field, 'year');
  });

  it('attendance and ballots: more votes than members voting is refused; 3 of 5 fails the 80 %, 4 of 5 passes', async () => {
    const [chair, ...others] = meeting.members;
    // Votes before the attendance is saved: the page's step to take first, and nothing written.
    const unsaved = await t.http.put(`/api/council/meetings/${meeting.id}/ballots`).set(auth(reviewer)).send({ version: meeting.version, ballots: [{ proposalId: flags.DL.id, votesFor: 3 }] }).expect(422);
    assert.match(unsaved.body.message, /^Chưa lưu thành phần tham dự: .*bấm “Lưu thành phần” trước khi ghi phiếu\.$/);
    meeting = (await t.http.put(`/api/council/meetings/${meeting.id}/attendance`).set(auth(reviewer)).send({ version: meeting.version, entries: [{ memberId: chair.id, status: 'PRESENT' }, ...others.map((x, i) => ({ memberId: x.id, status: i === 3 ? 'WRITTEN' : 'PRESENT' }))] }).expect(200)).body;
    assert.equal(meeting.presentCount, 4);
    assert.equal(meeting.votingCount, 5);
    const tooMany = await t.http.put(`/api/council/meetings/${meeting.id}/ballots`).set(auth(reviewer)).send({ version: meeting.version, ballots: [{ proposalId: flags.DL.id, votesFor: 6 }] }).expect(400);
    assert.equal(tooMany.body.details[0].field, 'ballots.0.votesFor');
    const twice = await t.http.put(`/api/council/meetings/${meeting.id}/attendance`).set(auth(reviewer)).send({ version: meeting.version, entries: [{ memberId: chair.id, status: 'PRESENT' }, { memberId: chair.id, status: 'ABSENT' }] }).expect(400);
    assert.equal(twice.body.details[0].field, 'entries.1.memberId');
    meeting = (await t.http.put(`/api/council/meetings/${meeting.id}/ballots`).set(auth(reviewer)).send({ version: meeting.version, ballots: [{ proposalId: flags.DL.id, votesFor: 4 }, { proposalId: flags.PY.id, votesFor: 3 }] }).expect(200)).body;
    const result = Object.fromEntries((meeting.ballots as Array<{ proposalId: string; passed: boolean; ratioText: string }>).map((b) => [b.proposalId, [b.passed, b.ratioText]]));
    assert.deepEqual(result[flags.DL.id], [true, '80%']);
    assert.deepEqual(result[flags.PY.id], [false, '60%']);
    const stale = await t.http.put(`/api/council/meetings/${meeting.id}/ballots`).set(auth(reviewer)).send({ version: meeting.version - 1, ballots: [] }).expect(409);
    assert.equal(stale.body.code, 'VERSION_CONFLICT');
  });

  it('closes; the Cờ that passed is approved, the one below the share cannot be; the minutes are a signed document', async () => {
    const open = await t.http.post(`/api/proposals/${flags.DL.id}/approve`).set(auth(reviewer)).send({ version: flags.DL.version, decisionNumber: '123/QĐ-BTTTT', decisionDate: '2020-04-15' }).expect(422);
    assert.match(open.body.details[0].message, /chốt biên bản/);
    await t.http.get(`/api/council/meetings/${meeting.id}/minutes.pdf`).set(auth(reviewer)).expect(422);
    meeting = (await t.http.post(`/api/council/meetings/${meeting.id}/close`).set(auth(reviewer)).send({ version: meeting.version, reason: 'Chốt kết quả họp Hội đồng' }).expect(200)).body;
    assert.equal(meeting.status, 'CLOSED');
    await t.http.put(`/api/council/meetings/${meeting.id}/ballots`).set(auth(reviewer)).send({ version: meeting.version, ballots: [] }).expect(422);
    // The composition on a closed meeting's day cannot change afterwards, and the council has one chair at a time.
    const late = await t.http.post(`/api/organizers/${ids.ministry}/council/members`).set(auth(reviewer)).send({ name: 'Người Mới', position: 'Thứ trưởng', role: 'MEMBER', fromDate: '2020-01-01', reason: 'Bổ sung' }).expect(422);
    assert.equal(late.body.details[0].field, 'fromDate');
    const chair = await t.http.post(`/api/organizers/${ids.ministry}/council/members`).set(auth(reviewer)).send({ name: 'Chủ Tịch Hai', position: 'Thứ trưởng', role: 'CHAIR', fromDate: '2021-01-01', reason: 'Bổ sung' }).expect(422);
    assert.equal(chair.body.details[0].field, 'role');
    // A term may end after the closed meeting (a later decision), not before it; nor may a member who sat change title.
    const sat = ((await t.http.get(`/api/organizers/${ids.ministry}/council/members`).set(auth(reviewer)).expect(200)).body as Array<{ id: string; name: string; version: number; toDate: string | null }>).find((x) => x.name === COUNCIL_MEMBERS[4].name)!;
    const before = await t.snapshot();
    const early = await t.http.patch(`/api/council/members/${sat.id}`).set(auth(reviewer)).send({ version: sat.version, toDate: '2020-01-31', reason: 'Thôi làm thành viên' }).expect(422);
    assert.equal(early.body.details[0].field, 'toDate');
    assert.match(early.body.message, /cuộc họp đã chốt ngày 10\/04\/2020/);
    const retitled = await t.http.patch(`/api/council/members/${sat.id}`).set(auth(reviewer)).send({ version: sat.version, position: 'Chủ tịch Công đoàn', reason: 'Sửa chức vụ' }).expect(422);
    assert.equal(retitled.body.details[0].field, 'position', 'said at the title that would change the minutes');
    assert.equal(await t.snapshot(), before, 'nothing changed');
    const ended = (await t.http.patch(`/api/council/members/${sat.id}`).set(auth(reviewer)).send({ version: sat.version, toDate: '2024-12-31', reason: 'Quyết định thôi làm thành viên Hội đồng' }).expect(200)).body;
    assert.equal(ended.toDate, '2024-12-31');
    await t.http.post(`/api/proposals/${flags.DL.id}/approve`).set(auth(reviewer)).send({ version: flags.DL.version, decisionNumber: '123/QĐ-BTTTT', decisionDate: '2020-04-15' }).expect(200);
    // The dossiers show what the proposals rest on: the cluster's ranking, its meeting's vote, and the council's vote.
    const basis = async (id: string) => {
      const html = (await t.http.get(`/tham-dinh/${id}`).set(auth(reviewer)).set('Accept', 'text/html').expect(200)).text;
      return (/<dl class="record" data-testid="proposal-basis">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    };
    const dl = await basis(flags.DL.id);
    assert.match(dl, /Kết quả chấm điểm năm 2019 của cụm hạng 1\/6 đơn vị, [\d,]+ điểm/, dl);
    assert.match(dl, /Biểu quyết tại hội nghị bình xét của cụm [\d,]+% \(\d+ phiếu đồng ý\)/, dl);
    assert.match(dl, /Biểu quyết của Hội đồng Thi đua – Khen thưởng 4\/5 thành viên đồng ý \(80%\) — đạt mức từ 80% trở lên · Cuộc họp ngày 10\/04\/2020/, dl);
    assert.match(await basis(flags.PY.id), /3\/5 thành viên đồng ý \(60%\) — không đạt mức từ 80% trở lên/);
    const below = await t.http.post(`/api/proposals/${flags.PY.id}/approve`).set(auth(reviewer)).send({ version: flags.PY.version, decisionNumber: '123/QĐ-BTTTT', decisionDate: '2020-04-15' }).expect(422);
    assert.match(below.body.details[0].message, /chỉ đạt 60% tổng số thành viên Hội đồng Thi đua – Khen thưởng, chưa đạt mức từ 80% trở lên/);
    // The catalogue's share edited later (to 100 %) does not change the closed result (security review); a share
    // "trên 100%" is refused at its field.
    const admin = await t.token('admin');
    const share = (await t.http.get('/api/legal').set(auth(admin)).expect(200)).body.values.find((x: { code: string }) => x.code === 'HD-CO-91-2017');
    const impossible = await t.http.patch(`/api/legal/values/${share.id}`).set(auth(admin)).send({ version: share.version, amount: 10000, strictlyAbove: true, reason: 'Thử' }).expect(400);
    assert.equal(impossible.body.details[0].field, 'strictlyAbove');
    const edited = (await t.http.patch(`/api/legal/values/${share.id}`).set(auth(admin)).send({ version: share.version, amount: 10000, reason: 'Sửa thử mức' }).expect(200)).body;
    const kept = (await t.http.get(`/api/council/meetings/${meeting.id}`).set(auth(reviewer)).expect(200)).body as { ballots: Array<{ proposalId: string; passed: boolean | null; requiredText: string }> };
    assert.deepEqual(kept.ballots.filter((b) => b.proposalId === flags.DL.id).map((b) => [b.passed, b.requiredText]), [[true, 'từ 80% trở lên']]);
    await t.http.patch(`/api/legal/values/${share.id}`).set(auth(admin)).send({ version: edited.version, amount: 8000, reason: 'Trả lại mức' }).expect(200);
    const pdf = await t.http.get(`/api/council/meetings/${meeting.id}/minutes.pdf`).set(auth(reviewer)).buffer(true).parse(binary).expect(200);
    if (POPPLER_MISSING) return;
    // The decision draft leaves Phú Yên's Cờ out, and says the council did not pass it (it was voted on, not waiting).
    const draft = squash(pdftotext(tempFile((await t.http.get('/api/awards/decision-draft.pdf?year=2019').set(auth(reviewer)).buffer(true).parse(binary).expect(200)).body)));
    assert.ok(draft.includes('Không đưa vào dự thảo: 01 đề nghị tặng Cờ thi đua của Bộ không được Hội đồng Thi đua – Khen thưởng thông qua tại cuộc họp ngày 10/04/2020.') && !draft.includes('Chưa đưa vào dự thảo'), draft);
    const text = squash(pdftotext(tempFile(pdf.body)));
    for (const phrase of [
      'BỘ THÔNG TIN VÀ TRUYỀN THÔNG', 'HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG', 'Số: 01/BB-HĐTĐKT', 'Hà Nội, ngày 10 tháng 4 năm 2020', 'BIÊN BẢN',
      'Tổng số thành viên Hội đồng: 5; có mặt: 4; tham gia biểu quyết (kể cả ý kiến bằng văn bản): 5.',
      // The share is not from a text the catalogue has verified: the minutes say it is applied for want of one, citing nothing.
      'Cờ thi đua của Bộ: kết quả được đối chiếu với mức từ 80% trở lên tổng số thành viên Hội đồng Thi đua – Khen thưởng của Bộ',
      'đây là mức tạm áp dụng, chưa xác minh được văn bản quy định tỷ lệ này vào ngày họp.',
      'Sở Thông tin và Truyền thông tỉnh Đắk Lắk', '4/5', 'Không đạt', 'CHỦ TỊCH HỘI ĐỒNG', 'Nguyễn Minh Hồng',
    ]) {
      assert.ok(text.includes(phrase), `council minutes: missing "${phrase}" in ${text.slice(text.indexOf('80%') - 100, text.indexOf('80%') + 200)}`);
    }
    assert.ok(!text.includes('chưa được xác minh'), 'no internal note in the minutes');
    // The signatures never stand alone on a page: the conclusion goes with them.
    const signed = pdftotext(tempFile(pdf.body)).split('\f').find((page) => page.includes('CHỦ TỊCH HỘI ĐỒNG')) ?? '';
    assert.ok(signed.includes('III. KẾT LUẬN') && signed.includes('Biên bản được lập và thông qua tại cuộc họp.'), 'the conclusion on the signatures’ page');
    assert.match(pdfsig(tempFile(pdf.body)), /Signature is Valid/);
    renderFirstPage(tempFile(pdf.body), `council-minutes-2019-page1-${TEST_DB}`);
    const verify = await t.http.get(`/api/documents/${pdf.headers['x-document-id']}/verification`).expect(200);
    assert.match(JSON.stringify(verify.body), /Hội đồng Thi đua – Khen thưởng Bộ Thông tin và Truyền thông/);
  });
});
