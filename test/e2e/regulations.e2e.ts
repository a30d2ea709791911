import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { TEST_DB, TestApp, binary, demoIds, ph, startTestApp, attachReport } from '../support/test-app';

/** The cluster's operating regulation, versioned: the review meeting's vote follows the version in force on its day. */
describe(`the cluster's operating regulation (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let units: string[];
  const base = () => `/api/clusters/${ids.cum6}/years/2019`;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const regulation = {
    title: 'Quy chế hoạt động của Cụm thi đua số 6 (ban hành kèm theo Biên bản hội nghị ngày 20/02/2020)',
    adoptedOn: '2020-02-20',
    effectiveFrom: '2020-02-20',
    flagShare: 7500,
    flagStrictlyAbove: false,
    meritShare: 5000,
    meritStrictlyAbove: true,
    quorum: 6667,
    rotationRule: 'Luân phiên Cụm trưởng theo thứ tự đã thống nhất tại hội nghị ký giao ước.',
    reason: 'Hội nghị cụm thông qua quy chế',
  };

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    units = [ids.daklak, await ids.unit('STTTT-PHUYEN'), ids.gialai, await ids.unit('STTTT-LAMDONG'), await ids.unit('STTTT-KONTUM'), await ids.unit('STTTT-DAKNONG')];
  });
  after(() => t.close());

  it('the secretariat records the regulation; a member reads it and cannot change it; applying before adoption is refused', async () => {
    const before = await t.snapshot();
    // Every required field named at its own name, nothing written.
    const empty = await t.http.post(`/api/clusters/${ids.cum6}/regulations`).set(auth(secretary)).send({}).expect(400);
    assert.deepEqual([...new Set(empty.body.details.map((d: { field: string }) => d.field))].sort(), ['adoptedOn', 'effectiveFrom', 'flagShare', 'flagStrictlyAbove', 'meritShare', 'meritStrictlyAbove', 'title']);
    assert.equal(await t.snapshot(), before);
    const backwards = await t.http.post(`/api/clusters/${ids.cum6}/regulations`).set(auth(secretary)).send({ ...regulation, effectiveFrom: '2020-02-01' }).expect(400);
    assert.equal(backwards.body.details[0].field, 'effectiveFrom');
    const created = (await t.http.post(`/api/clusters/${ids.cum6}/regulations`).set(auth(secretary)).send(regulation).expect(201)).body;
    assert.equal(created.flagRequirement, 'từ 75% trở lên');
    assert.equal(created.meritRequirement, 'trên 50%');
    const member = await t.token('phuyen');
    assert.equal((await t.http.get(`/api/clusters/${ids.cum6}/regulations`).set(auth(member)).expect(200)).body.length, 1);
    await t.http.post(`/api/clusters/${ids.cum6}/regulations`).set(auth(member)).send({ ...regulation, effectiveFrom: '2021-01-01' }).expect(403);
  });

  it('the meeting on 06/03/2020 follows it: 5 of 6 (83,33 %) passes the Cờ at 75 %; with four of six present (below two thirds) nothing passes', async () => {
    let meeting = (await t.http.post(`${base()}/review-meeting`).set(auth(secretary)).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Nguyễn Văn Ký', minutesBy: 'Trần Thư Ký' }).expect(201)).body;
    assert.equal(meeting.ruleBasis, regulation.title);
    // With no ballot yet, each award already states the share its rule requires.
    assert.deepEqual(meeting.results.map((r: { award: string; requiredText: string | null }) => [r.award, r.requiredText]), [['EMULATION_FLAG', 'từ 75% trở lên'], ['CERTIFICATE_OF_MERIT', 'trên 50%']]);
    const twice = await t.http.put(`${base()}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.version, entries: [{ unitId: units[0], status: 'PRESENT' }, { unitId: units[0], status: 'ABSENT' }] }).expect(400);
    assert.equal(twice.body.details[0].field, 'entries.1.unitId');
    meeting = (await t.http.put(`${base()}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.version, entries: units.map((unitId, i) => ({ unitId, status: i < 4 ? 'PRESENT' : 'WRITTEN_OPINION' })) }).expect(200)).body;
    meeting = (await t.http.put(`${base()}/review-meeting/ballots`).set(auth(secretary)).send({ version: meeting.version, ballots: [{ unitId: units[0], award: 'EMULATION_FLAG', votesFor: 5 }] }).expect(200)).body;
    // Attendance is not cut below the votes recorded (security review): 5 for with three voting.
    const cut = await t.http.put(`${base()}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.version, entries: units.map((unitId, i) => ({ unitId, status: i < 3 ? 'PRESENT' : 'ABSENT' })) });
    assert.deepEqual([cut.status, cut.body.details?.[0]?.field], [422, 'entries'], JSON.stringify(cut.body));
    const flag = () => meeting.results.find((r: { award: string }) => r.award === 'EMULATION_FLAG');
    assert.equal(flag().quorumMet, false);
    assert.equal(flag().candidates[0].passed, false);
    const refused = await t.http.post(`${base()}/proposals`).set(auth(secretary)).send({ award: 'EMULATION_FLAG', unitId: units[0] }).expect(422);
    assert.match(refused.body.message, /chưa đủ số thành viên có mặt theo quy chế hoạt động của cụm/);
    meeting = (await t.http.put(`${base()}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.version, entries: units.map((unitId) => ({ unitId, status: 'PRESENT' })) }).expect(200)).body;
    assert.equal(flag().quorumMet, true);
    assert.deepEqual([flag().candidates[0].passed, flag().candidates[0].ratioText, flag().candidates[0].requiredText], [true, '83,33%', 'từ 75% trở lên']);
  });

  it('once the meeting has a proposal, no version may reach back over it', async () => {
    await t.http.post(`${base()}/proposals`).set(auth(secretary)).send({ award: 'EMULATION_FLAG', unitId: units[0] }).expect(201);
    const back = await t.http.post(`/api/clusters/${ids.cum6}/regulations`).set(auth(secretary)).send({ ...regulation, adoptedOn: '2020-03-01', effectiveFrom: '2020-03-06', flagShare: 10000 }).expect(422);
    assert.equal(back.body.details[0].field, 'effectiveFrom');
    assert.match(back.body.details[0].message, /Hội nghị bình xét ngày 06\/03\/2020 đã có đề nghị khen thưởng/);
  });

  it('the minutes cite the regulation for the cluster vote, not a decree', async () => {
    const pdf = await t.http.get(`${base()}/review-meeting/minutes.pdf`).set(auth(secretary)).buffer(true).parse(binary).expect(200);
    if (POPPLER_MISSING) return;
    const text = squash(pdftotext(tempFile(pdf.body)));
    assert.ok(text.includes(`Mức đồng ý cần đạt theo ${regulation.title}`), text.slice(0, 2000));
    assert.ok(text.includes('cần từ 75% trở lên tổng số thành viên đồng ý'));
    assert.ok(!/căn cứ Nghị định/i.test(text));
  });

  it('before sending the minutes are a draft, issued and numbered by nothing however often redrawn; sending issues them', async () => {
    const minutes = async () => await t.http.get(`${base()}/review-meeting/minutes.pdf`).set(auth(secretary)).buffer(true).parse(binary).expect(200);
    const numbers = async () =>
      ((await t.dataSource.query(`SELECT document_number FROM issued_documents WHERE kind = 'MINUTES' AND cluster_id = ${ph(1)} AND year = 2019 ORDER BY issued_at`, [ids.cum6])) as Array<{ document_number: string }>).map((r) => r.document_number);
    const draft = await minutes();
    assert.equal(draft.headers['x-document-id'], undefined);
    assert.match(draft.headers['content-disposition'], /Du-thao-bien-ban/);
    assert.ok(!(draft.body as Buffer).includes('/ByteRange'), 'a draft carries no signature');
    if (!POPPLER_MISSING) {
      const text = squash(pdftotext(tempFile(draft.body)));
      assert.ok(text.includes('DỰ THẢO — chưa ban hành, chưa ký số, chưa có số'), text.slice(0, 1500));
      assert.ok(!/\d+\/BB-CTĐ6/.test(text) && text.includes('/BB-CTĐ6'), 'the number is left blank');
    }
    // The last member is marked absent after a download: the draft follows, still nothing issued.
    const meeting = (await t.http.get(`${base()}/review-meeting`).set(auth(secretary)).expect(200)).body;
    await t.http.put(`${base()}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.version, entries: units.map((unitId, i) => ({ unitId, status: i === units.length - 1 ? 'ABSENT' : 'PRESENT' })) }).expect(200);
    const redrawn = await minutes();
    if (!POPPLER_MISSING) assert.ok(squash(pdftotext(tempFile(redrawn.body))).includes('Vắng mặt'));
    assert.deepEqual(await numbers(), []);
    // Sending issues the minutes of the meeting as recorded then: 01/BB, signed; the download is that document.
    const [proposal] = (await t.http.get(`${base()}/proposals`).set(auth(secretary)).expect(200)).body;
    await attachReport(t, secretary, proposal.id);
    const sent = await t.http.post(`/api/proposals/${proposal.id}/submit`).set(auth(secretary)).send({ version: proposal.version });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.deepEqual(await numbers(), ['01/BB-CTĐ6']);
    const issued = await minutes();
    assert.ok(issued.headers['x-document-id']);
    assert.ok((issued.body as Buffer).includes('/ByteRange'));
    if (!POPPLER_MISSING) assert.ok(squash(pdftotext(tempFile(issued.body))).includes('Số: 01/BB-CTĐ6'));
  });

  it('a pledge drafted under the regulation cites it by its recorded title', async () => {
    const pledge = (await t.http.post(`/api/clusters/${ids.cum6}/years/2020/pledge`).set(auth(secretary)).send({ template: 'CUM6-2020' }).expect(201)).body as { legalBases: string[] };
    // The year's directive of Bộ TTTT (Chỉ thị 67/CT-BTTTT for 2020), then the regulation, last.
    assert.deepEqual(pledge.legalBases.slice(-2), ['Căn cứ Chỉ thị số 67/CT-BTTTT ngày 27 tháng 12 năm 2019 của Bộ trưởng Bộ Thông tin và Truyền thông về công tác thi đua, khen thưởng năm 2020;', `Căn cứ ${regulation.title},`]);
  });
  it("moving a regulation into a year another chair's secretariat manages is refused like creating it there; nothing written", async () => {
    // Hải Phòng's secretariat: Cụm 1's chair of 2023; Cần Thơ chaired 2022.
    const cum1 = await t.token('cum1.secretary');
    const mine = (await t.http.post(`/api/clusters/${ids.cum1}/regulations`).set(auth(cum1)).send({ ...regulation, adoptedOn: '2023-02-01', effectiveFrom: '2023-03-01' }).expect(201)).body;
    await t.http.post(`/api/clusters/${ids.cum1}/regulations`).set(auth(cum1)).send({ ...regulation, adoptedOn: '2022-02-01', effectiveFrom: '2022-03-01' }).expect(403);
    const before = await t.snapshot();
    const moved = await t.http.patch(`/api/regulations/${mine.id}`).set(auth(cum1)).send({ version: mine.version, adoptedOn: '2022-02-01', effectiveFrom: '2022-03-01', reason: 'Chuyển sang năm 2022' });
    assert.equal(moved.status, 403, JSON.stringify(moved.body));
    assert.equal(await t.snapshot(), before);
  });
});
