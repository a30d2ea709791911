import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { actorFor, binary, demoIds, ph, startTestApp, TEST_DB, TestApp } from '../support/test-app';

describe(`scoring and ranking (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let u: Record<string, string>;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    u = {
      gialai: ids.gialai,
      phuyen: await ids.unit('STTTT-PHUYEN'),
      daklak: ids.daklak,
      lamdong: await ids.unit('STTTT-LAMDONG'),
      kontum: await ids.unit('STTTT-KONTUM'),
      daknong: await ids.unit('STTTT-DAKNONG'),
    };
  });
  after(() => t.close());

  const base = (year: number) => `/api/clusters/${ids.cum6}/years/${year}/scoring`;
  const full = (points: number[]) => points.map((p, i) => ({ code: `TC${i + 1}`, points: p }));
  const MAX = [15, 15, 10, 10, 15, 10, 10, 10, 5];

  it('ranks the demo 2019 scores of Cụm 6: Đắk Lắk, Phú Yên, Gia Lai, Lâm Đồng, with reasons and flags', async () => {
    const res = await t.http.get(`${base(2019)}/ranking`).auth(await t.token('lamdong'), { type: 'bearer' }).expect(200);
    assert.equal(res.body.rule, 'PEER_TRIMMED_MEAN');
    assert.deepEqual(
      res.body.rows.map((r: { rank: number; unit: { shortName: string } }) => [r.rank, r.unit.shortName]),
      [
        [1, 'Sở TTTT Đắk Lắk'],
        [2, 'Sở TTTT Phú Yên'],
        [3, 'Sở TTTT Gia Lai'],
        [4, 'Sở TTTT Lâm Đồng'],
        [5, 'Sở TTTT Kon Tum'],
        [6, 'Sở TTTT Đắk Nông'],
      ],
    );
    for (const row of res.body.rows) assert.match(row.reasons[0], /^Điểm cuối cùng [\d,]+ \(trung bình 3 phiếu chấm chéo, bỏ phiếu cao nhất và thấp nhất\)\.$/);
    const kontum = res.body.rows[4];
    assert.deepEqual(kontum.flags.map((f: { kind: string }) => f.kind), ['SELF_ABOVE_FINAL']);
    assert.equal(res.body.rows[0].band, 'Hoàn thành xuất sắc nhiệm vụ');
    assert.equal(res.body.rows[0].bandCode, 'EXCELLENT');
  });

  it('configures 2021: peers by rotation, each unit scoring the next two', async () => {
    await t.http.post(`/api/clusters/${ids.cum6}/years/2021/criteria`).auth(secretary, { type: 'bearer' }).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);
    const res = await t.http
      .put(`${base(2021)}/config`)
      .auth(secretary, { type: 'bearer' })
      .send({
        rule: 'PEER_MEAN',
        normalize: false,
        selfMargin: 5,
        peerOutlier: 10,
        bands: [{ minPoints: 95, label: 'Hoàn thành xuất sắc nhiệm vụ' }, { minPoints: 0, label: 'Hoàn thành nhiệm vụ' }],
        peerMode: 'ROTATION',
        peerK: 2,
        reason: 'Thống nhất cách chấm năm 2021',
      })
      .expect(200);
    assert.equal(res.body.ruleLabel, 'Trung bình điểm chấm chéo');
    // Bands sent without a code take the code of their usual label.
    assert.deepEqual(res.body.bands, [{ minPoints: 95, label: 'Hoàn thành xuất sắc nhiệm vụ', code: 'EXCELLENT' }, { minPoints: 0, label: 'Hoàn thành nhiệm vụ', code: 'COMPLETED' }]);
    const refused = async (bands: object[]) => {
      const r = await t.http.put(`${base(2021)}/config`).auth(secretary, { type: 'bearer' }).send({ rule: 'PEER_MEAN', normalize: false, selfMargin: 5, peerOutlier: 10, bands, peerMode: 'ROTATION', peerK: 2, version: res.body.version, reason: 'Thử mã xếp loại' });
      return [r.status, r.body.code, r.body.details?.[0]?.message];
    };
    const before = await t.snapshot();
    assert.deepEqual(await refused([{ minPoints: 95, label: 'Xuất sắc', code: 'EXCELLENT' }, { minPoints: 90, label: 'Rất tốt', code: 'EXCELLENT' }]), [400, 'VALIDATION_FAILED', 'Mỗi mã xếp loại (code) chỉ được dùng cho một mức.']);
    assert.deepEqual((await refused([{ minPoints: 95, label: 'Xuất sắc', code: 'OUTSTANDING' }])).slice(0, 2), [400, 'VALIDATION_FAILED']);
    // A lower level above a higher one would band a unit at 50 "xuất sắc" and one at 90 "tốt": refused at the field.
    assert.deepEqual(await refused([{ minPoints: 50, label: 'Tốt', code: 'EXCELLENT' }, { minPoints: 90, label: 'Tốt', code: 'GOOD' }]), [400, 'VALIDATION_FAILED', 'Tên mức trùng với mức 1: mỗi mức phải có tên riêng.']);
    assert.deepEqual(await refused([{ minPoints: 50, label: 'Xuất sắc', code: 'EXCELLENT' }, { minPoints: 90, label: 'Tốt', code: 'GOOD' }]), [400, 'VALIDATION_FAILED', 'Ngưỡng của mức «Tốt» phải thấp hơn ngưỡng của mức «Xuất sắc».']);
    assert.equal(await t.snapshot(), before);
    const assignments = await t.http.get(`${base(2021)}/assignments`).auth(await t.token('gialai'), { type: 'bearer' }).expect(200);
    assert.ok(assignments.body.every((a: { targets: unknown[] }) => a.targets.length === 2));
    const gialai = assignments.body.find((a: { scorer: { id: string } }) => a.scorer.id === u.gialai);
    assert.deepEqual(gialai.targets.map((x: { shortName: string }) => x.shortName), ['Sở TTTT Kon Tum', 'Sở TTTT Lâm Đồng']);
  });

  let selfSheet: { id: string; version: number };
  let peerSheet: { id: string; version: number; totals: { total: number } };

  it('a unit officer scores itself and a peer, and submits both', async () => {
    const gialai = (await actorFor(t, 'gialai')).token;
    const created = await t.http.post(`${base(2021)}/sheets`).auth(gialai, { type: 'bearer' }).send({ targetUnitId: u.gialai, kind: 'SELF' }).expect(201);
    assert.equal(created.body.kindLabel, 'Tự chấm');
    assert.equal(created.body.entries.length, 9);
    // Nothing to save is said as such, and moves nothing (not even the version).
    const empty = await t.http.put(`${base(2021)}/sheets/${created.body.id}/entries`).auth(gialai, { type: 'bearer' }).send({ version: created.body.version, entries: [] }).expect(400);
    assert.deepEqual([empty.body.details[0].field, empty.body.details[0].message], ['entries', 'Chưa có điểm nào để lưu: nhập điểm (hoặc kết quả) của ít nhất một tiêu chí.']);
    const saved = await t.http
      .put(`${base(2021)}/sheets/${created.body.id}/entries`)
      .auth(gialai, { type: 'bearer' })
      .send({ version: created.body.version, entries: full([14.5, 14, 9.5, 9, 14, 9, 9.5, 9, 5]) })
      .expect(200);
    assert.equal(saved.body.totals.total, 93.5);
    // Its criteria ask for evidence: one file each before the self-score is handed in (demo-scenario tests the refusal).
    const proof = Buffer.from('%PDF-1.4\n%%EOF\n');
    for (const code of ['TC1', 'TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8', 'TC9']) await t.http.post(`${base(2021)}/sheets/${created.body.id}/evidence`).auth(gialai, { type: 'bearer' }).field('criterionCode', code).attach('file', proof, `${code}.pdf`).expect(201);
    const submitted = await t.http.post(`${base(2021)}/sheets/${created.body.id}/submit`).auth(gialai, { type: 'bearer' }).send({ version: saved.body.version }).expect(200);
    assert.equal(submitted.body.status, 'SUBMITTED');
    selfSheet = submitted.body;

    const peer = await t.http.post(`${base(2021)}/sheets`).auth(gialai, { type: 'bearer' }).send({ targetUnitId: u.kontum, kind: 'PEER' }).expect(201);
    const incomplete = await t.http.post(`${base(2021)}/sheets/${peer.body.id}/submit`).auth(gialai, { type: 'bearer' }).send({ version: peer.body.version });
    assert.equal(incomplete.status, 422);
    assert.match(incomplete.body.message, /Chưa chấm đủ các tiêu chí: TC1, TC2/);
    const peerSaved = await t.http.put(`${base(2021)}/sheets/${peer.body.id}/entries`).auth(gialai, { type: 'bearer' }).send({ version: peer.body.version, entries: full([13, 13, 9, 9, 13, 9, 9, 8, 4]) }).expect(200);
    peerSheet = (await t.http.post(`${base(2021)}/sheets/${peer.body.id}/submit`).auth(gialai, { type: 'bearer' }).send({ version: peerSaved.body.version }).expect(200)).body;
  });

  it('never lets a unit score itself as a peer, nor a unit it was not assigned', async () => {
    const gialai = (await actorFor(t, 'gialai')).token;
    const before = await t.snapshot();
    const self = await t.http.post(`${base(2021)}/sheets`).auth(gialai, { type: 'bearer' }).send({ targetUnitId: u.gialai, kind: 'PEER' });
    assert.equal(self.status, 422);
    assert.equal(self.body.code, 'INVALID_SCORER');
    assert.match(self.body.message, /Không được chấm chéo chính đơn vị mình/);
    const unassigned = await t.http.post(`${base(2021)}/sheets`).auth(gialai, { type: 'bearer' }).send({ targetUnitId: u.daklak, kind: 'PEER' });
    assert.equal(unassigned.status, 422);
    assert.match(unassigned.body.message, /không được phân công/);
    const selfForOther = await t.http.post(`${base(2021)}/sheets`).auth(gialai, { type: 'bearer' }).send({ targetUnitId: u.phuyen, kind: 'SELF' });
    assert.equal(selfForOther.status, 403);
    const clusterByUnit = await t.http.post(`${base(2021)}/sheets`).auth(gialai, { type: 'bearer' }).send({ targetUnitId: u.phuyen, kind: 'CLUSTER' });
    assert.equal(clusterByUnit.status, 403);
    assert.equal(await t.snapshot(), before);
  });

  it('keeps sheets private to their scorer until the scores are published', async () => {
    const phuyen = await t.token('phuyen');
    await t.token('kontum');
    const list = await t.http.get(`${base(2021)}/sheets`).auth(phuyen, { type: 'bearer' }).expect(200);
    assert.equal(list.body.length, 0, 'Phú Yên scored nothing yet and sees no one else’s sheet');
    await t.http.get(`${base(2021)}/sheets/${selfSheet.id}`).auth(phuyen, { type: 'bearer' }).expect(404);
    await t.http.get(`${base(2021)}/sheets/${peerSheet.id}`).auth(await t.token('kontum'), { type: 'bearer' }).expect(404);
    const ranking = await t.http.get(`${base(2021)}/ranking`).auth(phuyen, { type: 'bearer' });
    assert.equal(ranking.status, 403);
    assert.match(ranking.body.message, /chưa được công bố/);
    await t.http.get(`${base(2021)}/ranking`).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.get(`${base(2021)}/sheets/${selfSheet.id}`).auth(await t.token('reviewer'), { type: 'bearer' }).expect(200);
  });

  it('returns a sheet with a reason; a later edit after submission needs a reason too', async () => {
    const gialai = (await actorFor(t, 'gialai')).token;
    const noReason = await t.http.post(`${base(2021)}/sheets/${selfSheet.id}/return`).auth(secretary, { type: 'bearer' }).send({ version: selfSheet.version });
    assert.equal(noReason.status, 400);
    const returned = await t.http
      .post(`${base(2021)}/sheets/${selfSheet.id}/return`)
      .auth(secretary, { type: 'bearer' })
      .send({ version: selfSheet.version, reason: 'Tiêu chí 2 thiếu minh chứng' })
      .expect(200);
    assert.equal(returned.body.statusLabel, 'Trả lại');
    assert.equal(returned.body.returnReason, 'Tiêu chí 2 thiếu minh chứng');
    const fixed = await t.http.put(`${base(2021)}/sheets/${selfSheet.id}/entries`).auth(gialai, { type: 'bearer' }).send({ version: returned.body.version, entries: [{ code: 'TC2', points: 13, note: 'Bổ sung minh chứng' }] }).expect(200);
    const again = await t.http.post(`${base(2021)}/sheets/${selfSheet.id}/submit`).auth(gialai, { type: 'bearer' }).send({ version: fixed.body.version }).expect(200);
    const withoutReason = await t.http.put(`${base(2021)}/sheets/${selfSheet.id}/entries`).auth(gialai, { type: 'bearer' }).send({ version: again.body.version, entries: [{ code: 'TC3', points: 9 }] });
    assert.equal(withoutReason.status, 400);
    assert.equal(withoutReason.body.details[0].field, 'reason');
    const withReason = await t.http
      .put(`${base(2021)}/sheets/${selfSheet.id}/entries`)
      .auth(gialai, { type: 'bearer' })
      .send({ version: again.body.version, reason: 'Điều chỉnh theo số liệu cuối năm', entries: [{ code: 'TC3', points: 9 }] })
      .expect(200);
    assert.equal(withReason.body.status, 'SUBMITTED');
    selfSheet = withReason.body;
  });

  it('tells the scoring unit of a return with its reason, settles it on resubmission; reminds the units that owe sheets, once a day', async () => {
    const gialai = (await actorFor(t, 'gialai')).token;
    const phuyen = (await actorFor(t, 'phuyen')).token;
    const notes = async (token: string, kind: string) => (await t.http.get('/api/notifications').auth(token, { type: 'bearer' }).expect(200)).body.items.filter((n: { kind: string }) => n.kind === kind);
    // The return of the test above told Gia Lai's officers why, and where to correct; submitting again settled it.
    const told = await notes(gialai, 'score_sheet.return');
    assert.equal(told.length, 1);
    assert.equal(told[0].subject, '[Cụm thi đua số 6 – Bộ TTTT] Thư ký cụm trả lại phiếu tự chấm của Sở Thông tin và Truyền thông tỉnh Gia Lai năm 2021 để sửa');
    assert.match(told[0].body, /Lý do: Tiêu chí 2 thiếu minh chứng\. Sửa phiếu và bấm “Nộp phiếu” lại\.$/);
    assert.equal(told[0].link, `/cum/${ids.cum6}/nam/2021/cham-diem?loai=SELF`);
    assert.ok(told[0].readAt, 'submitted again: the notice is settled');
    // …and the secretariat is told the corrected sheet is back.
    const back = (await t.http.get('/api/notifications').auth(secretary, { type: 'bearer' }).expect(200)).body.items.filter((n: { kind: string }) => n.kind === 'score_sheet.resubmit');
    assert.equal(back.length, 1);
    assert.equal(back[0].subject, '[Cụm thi đua số 6 – Bộ TTTT] Sở TTTT Gia Lai đã nộp lại phiếu tự chấm năm 2021 sau khi sửa');
    assert.equal(back[0].link, `/cum/${ids.cum6}/nam/2021/phieu-don-vi`);

    // The units that owe sheets, each with what it owes: Gia Lai handed in its self-score and one of its two peer sheets.
    const assigned = (await t.http.get(`${base(2021)}/assignments`).auth(secretary, { type: 'bearer' }).expect(200)).body as Array<{ scorer: { id: string }; targets: Array<{ id: string; name: string; shortName: string }> }>;
    const gialaiOwes = assigned.find((a) => a.scorer.id === u.gialai)!.targets.filter((x) => x.id !== u.kontum);
    const refusedToMember = await t.http.post(`${base(2021)}/remind`).auth(gialai, { type: 'bearer' }).send({});
    assert.equal(refusedToMember.status, 403);
    const reminded = await t.http.post(`${base(2021)}/remind`).auth(secretary, { type: 'bearer' }).send({ message: 'Đề nghị nộp trước ngày họp.' }).expect(200);
    assert.equal(reminded.body.units.length, 6, 'no unit has handed in everything');
    const gl = reminded.body.units.find((x: { id: string }) => x.id === u.gialai);
    assert.deepEqual(gl.owes, [`1 phiếu chấm chéo (${gialaiOwes.map((x) => x.shortName).join(', ')})`]);
    const py = reminded.body.units.find((x: { id: string }) => x.id === u.phuyen);
    assert.equal(py.owes[0], 'phiếu tự chấm');
    const pyTargets = assigned.find((a) => a.scorer.id === u.phuyen)!.targets;
    assert.equal(py.owes[1], '1 phiếu chấm chéo (Sở TTTT Đắk Nông)', `assigned: ${pyTargets.map((x) => x.name).join(', ')} (one barred by a conflict of interest)`);
    assert.ok(reminded.body.notified >= 6, `each unit's officers are told: ${reminded.body.notified}`);
    // Phú Yên's successor acts for it (and for its own 2021 unit): one notice per unit it acts for.
    const ofPhuYen = async () => (await notes(phuyen, 'scoring.remind')).filter((n: { body: string }) => n.body.startsWith('Sở Thông tin và Truyền thông tỉnh Phú Yên '));
    const note = (await ofPhuYen())[0];
    assert.equal(note.subject, '[Cụm thi đua số 6 – Bộ TTTT] Thư ký cụm nhắc nộp phiếu chấm điểm năm 2021');
    assert.ok(note.body.startsWith(`Sở Thông tin và Truyền thông tỉnh Phú Yên còn phải nộp: phiếu tự chấm; ${py.owes[1]}.`), note.body);
    assert.ok(note.body.endsWith(' Lời nhắn của thư ký cụm: Đề nghị nộp trước ngày họp.'), note.body);
    // An ended unit's own account only reads its history: it is not asked to hand anything in.
    assert.equal((await notes(await t.token('phuyen'), 'scoring.remind')).length, 0);
    // Pressed again the same day: nobody is told twice, and the page is told so (nothing written, the trail included).
    const snap = await t.snapshot();
    const again = await t.http.post(`${base(2021)}/remind`).auth(secretary, { type: 'bearer' }).send({ message: 'Nhắc lần 2' });
    assert.equal(again.status, 422);
    assert.match(again.body.message, /^Các đơn vị này đã được nhắc hôm nay \(lúc \d{2}:\d{2}\): không gửi lại, lời nhắn lần này không được gửi\. Có thể nhắc lại từ ngày mai\.$/);
    assert.equal(await t.snapshot(), snap);
    assert.equal((await ofPhuYen()).length, 1);
    const trail = await t.dataSource.query(`SELECT reason FROM audit_entries WHERE action = 'scoring.remind' ORDER BY seq`);
    assert.deepEqual(trail.map((r: { reason: string | null }) => r.reason), ['Đề nghị nộp trước ngày họp.']);

    // The secretariat's page: who owes what, each sheet with its state, a submitted sheet returned from there.
    const page = await t.http.get(`/cum/${ids.cum6}/nam/2021/phieu-don-vi`).auth(secretary, { type: 'bearer' }).set('Accept', 'text/html').expect(200);
    assert.match(page.text, /Đơn vị còn phiếu chưa nộp \(6\)/);
    assert.match(page.text, /Lần nhắc gần nhất của thư ký cụm: <strong>\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}<\/strong>/);
    assert.ok(page.text.includes(`data-api="/api/clusters/${ids.cum6}/years/2021/scoring/sheets/${peerSheet.id}/return"`), 'a submitted peer sheet can be returned');
    assert.ok(page.text.includes(`data-api="/api/clusters/${ids.cum6}/years/2021/scoring/remind"`));
    const memberPage = await t.http.get(`/cum/${ids.cum6}/nam/2021/phieu-don-vi`).auth(gialai, { type: 'bearer' }).set('Accept', 'text/html');
    assert.equal(memberPage.status, 403);
    assert.match(memberPage.text, /Chức năng này dành cho/);

    // After the scoring window a return is refused: the unit could not correct the sheet. (2021 was entered through the
    // API without its phases: opened here with a closed window, and its row removed afterwards.)
    const opened = (await t.http.post(`/api/clusters/${ids.cum6}/years`).auth(secretary, { type: 'bearer' }).send({ year: 2021, scoringClosesOn: '2021-02-28', reason: 'Ghi mốc thời gian năm 2021' }).expect(201)).body;
    try {
      const before = await t.snapshot();
      const late = await t.http.post(`${base(2021)}/sheets/${peerSheet.id}/return`).auth(secretary, { type: 'bearer' }).send({ version: peerSheet.version, reason: 'Sai điểm TC1' });
      assert.equal(late.status, 409);
      assert.equal(late.body.message, 'Đã hết thời gian chấm điểm năm 2021 (đến 28/02/2021). Đơn vị không sửa được phiếu bị trả lại: hãy gia hạn "Ngày kết thúc chấm điểm" ở trang năm thi đua trước khi trả lại phiếu.');
      assert.equal(await t.snapshot(), before);
      const closedPage = await t.http.get(`/cum/${ids.cum6}/nam/2021/phieu-don-vi`).auth(secretary, { type: 'bearer' }).set('Accept', 'text/html').expect(200);
      assert.ok(!closedPage.text.includes(`/sheets/${peerSheet.id}/return"`), 'no return form once the window closed');
      assert.ok(!closedPage.text.includes(`/scoring/remind"`), 'nor a reminder: the units could not hand anything in');
      const lateRemind = await t.http.post(`${base(2021)}/remind`).auth(secretary, { type: 'bearer' }).send({});
      assert.equal(lateRemind.status, 409);
      assert.equal(lateRemind.body.message, 'Đã hết thời gian chấm điểm năm 2021 (đến 28/02/2021). Các đơn vị không nộp được phiếu lúc này: không gửi nhắc.');
      assert.match(closedPage.text, /gia hạn “Ngày kết thúc chấm điểm”|gia hạn &quot;Ngày kết thúc chấm điểm&quot;/);
    } finally {
      // Back to a year entered without its phases, as the last test of this file expects it.
      await t.dataSource.query(`DELETE FROM emulation_years WHERE id = ${ph(1)}`, [opened.id]);
    }
  });

  it('attaches evidence files (PDF, image, Office) recognised by content, stored with their hash', async () => {
    const gialai = (await actorFor(t, 'gialai')).token;
    const phuyenNow = (await actorFor(t, 'phuyen')).token;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n% minh chứng TC2\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
    const path = `${base(2021)}/sheets/${selfSheet.id}/evidence`;
    // The sheet is handed in: a file added is an edit of it, with the version read and a reason.
    const { version } = (await t.http.get(`${base(2021)}/sheets/${selfSheet.id}`).auth(gialai, { type: 'bearer' }).expect(200)).body;
    const listedBefore = (await t.http.get(path).auth(gialai, { type: 'bearer' }).expect(200)).body.length;
    const res = await t.http.post(path).auth(gialai, { type: 'bearer' }).field('criterionCode', 'TC2').field('version', String(version)).field('reason', 'Bổ sung minh chứng TC2').attach('file', pdf, 'Báo cáo chính quyền điện tử.pdf').expect(201);
    assert.equal(res.body.mimeType, 'application/pdf');
    assert.equal(res.body.sha256.length, 64);
    const list = await t.http.get(path).auth(gialai, { type: 'bearer' }).expect(200);
    assert.deepEqual(list.body.slice(listedBefore).map((e: { fileName: string; criterionCode: string }) => [e.criterionCode, e.fileName]), [['TC2', 'Báo cáo chính quyền điện tử.pdf']], 'the Vietnamese name is stored as typed (multer reads names as latin1 by default)');
    const download = await t.http
      .get(`${path}/${res.body.id}?inline=1`)
      .auth(await t.token('reviewer'), { type: 'bearer' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.ok(pdf.equals(download.body));
    // A file a user uploaded never opens inline from this origin: an attachment, not sniffed, sandboxed.
    assert.match(download.headers['content-disposition'], /^attachment; filename="Bao_cao_chinh_quyen_dien_tu.pdf"; filename\*=UTF-8''B%C3%A1o%20c%C3%A1o%20ch%C3%ADnh%20quy%E1%BB%81n%20%C4%91i%E1%BB%87n%20t%E1%BB%AD\.pdf$/);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(download.headers['content-security-policy'], /^sandbox; default-src 'none'$/);
    const before = await t.snapshot();
    const edit = { version: String(version + 1), reason: 'Bổ sung' };
    const cases: Array<[string, () => Promise<{ status: number; body: { code: string; message: string } }>, number, RegExp]> = [
      ['text named .pdf', () => t.http.post(path).auth(gialai, { type: 'bearer' }).field('criterionCode', 'TC2').attach('file', Buffer.from('không phải PDF'), 'gia.pdf'), 422, /không đúng với phần mở rộng \.pdf/],
      ['an executable', () => t.http.post(path).auth(gialai, { type: 'bearer' }).field('criterionCode', 'TC2').attach('file', Buffer.from('MZ...'), 'chay.exe'), 422, /Chỉ nhận tệp minh chứng dạng pdf, png, jpg/],
      ['an unknown criterion', () => t.http.post(path).auth(gialai, { type: 'bearer' }).field('criterionCode', 'TC99').field('version', edit.version).field('reason', edit.reason).attach('file', pdf, 'a.pdf'), 400, /mã tiêu chí/],
      ['an unknown form field', () => t.http.post(path).auth(gialai, { type: 'bearer' }).field('criterionCode', 'TC2').field('owner', 'x').attach('file', pdf, 'a.pdf'), 400, /không hợp lệ/],
      ['too large', () => t.http.post(path).auth(gialai, { type: 'bearer' }).field('criterionCode', 'TC2').attach('file', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]), 'lon.pdf'), 413, /vượt quá dung lượng/],
      ['another unit', () => t.http.post(path).auth(phuyenNow, { type: 'bearer' }).field('criterionCode', 'TC2').attach('file', pdf, 'a.pdf'), 404, /Không tìm thấy phiếu chấm/],
    ];
    for (const [name, send, status, message] of cases) {
      const r = await send();
      assert.equal(r.status, status, `${name}: ${JSON.stringify(r.body)}`);
      assert.match(`${r.body.message} ${JSON.stringify((r.body as { details?: unknown }).details ?? '')}`, message, name);
    }
    assert.equal(await t.snapshot(), before);
  });

  it('two editors of one sheet: one wins, the other gets 409, no value is lost', async () => {
    const gialai = (await actorFor(t, 'gialai')).token;
    const [a, b] = await Promise.all([
      t.http.put(`${base(2021)}/sheets/${peerSheet.id}/entries`).auth(gialai, { type: 'bearer' }).send({ version: peerSheet.version, reason: 'Sửa TC1', entries: [{ code: 'TC1', points: 12 }] }),
      t.http.put(`${base(2021)}/sheets/${peerSheet.id}/entries`).auth(gialai, { type: 'bearer' }).send({ version: peerSheet.version, reason: 'Sửa TC2', entries: [{ code: 'TC2', points: 12.5 }] }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const winner = a.status === 200 ? a : b;
    const after = await t.http.get(`${base(2021)}/sheets/${peerSheet.id}`).auth(gialai, { type: 'bearer' }).expect(200);
    assert.equal(after.body.version, winner.body.version);
    const tc1 = after.body.entries.find((e: { code: string }) => e.code === 'TC1').points;
    const tc2 = after.body.entries.find((e: { code: string }) => e.code === 'TC2').points;
    assert.deepEqual([tc1, tc2], a.status === 200 ? [12, 13] : [13, 12.5], 'exactly the winner’s change is stored');
    peerSheet = after.body;
  });

  it('arbitrary entries never answer 500, and out-of-range points never persist (property)', async () => {
    const gialai = (await actorFor(t, 'gialai')).token;
    const sheet = await t.http.post(`${base(2021)}/sheets`).auth(gialai, { type: 'bearer' }).send({ targetUnitId: u.lamdong, kind: 'PEER' }).expect(201);
    let version = sheet.body.version;
    const entry = fc.record(
      {
        code: fc.oneof(fc.constantFrom('TC1', 'TC5', 'TC9', 'TC10', 'tc1', ''), fc.string({ maxLength: 25 })),
        points: fc.oneof(fc.double({ min: -50, max: 50, noNaN: true }), fc.integer({ min: -20, max: 20 }), fc.constantFrom(15, 15.01, 5.5, -0.01, 0), fc.string({ maxLength: 4 }) as fc.Arbitrary<unknown>),
        note: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 4 }), async (entries) => {
        const res = await t.http.put(`${base(2021)}/sheets/${sheet.body.id}/entries`).auth(gialai, { type: 'bearer' }).send({ version, entries });
        assert.ok(res.status < 500, `answered ${res.status} for ${JSON.stringify(entries)}`);
        if (res.status === 200) version = res.body.version;
        const rows = await t.dataSource.query(`SELECT criterion_code, points FROM score_entries WHERE sheet_id = ${ph(1)}`, [sheet.body.id]);
        for (const row of rows) {
          const i = Number(String(row.criterion_code).slice(2)) - 1;
          assert.ok(Number(row.points) >= 0 && Number(row.points) <= MAX[i] * 100, `stored ${row.criterion_code} = ${row.points}`);
        }
      }),
      { seed: 2021, numRuns: 120 },
    );
  });

  it('finalises: submitted sheets lock, members read the published ranking, locked sheets refuse edits', async () => {
    const config = (await t.http.get(`${base(2021)}/config`).auth(secretary, { type: 'bearer' }).expect(200)).body;
    const stale = await t.http.post(`${base(2021)}/finalize`).auth(secretary, { type: 'bearer' }).send({ version: (config.version ?? 0) + 1, reason: 'Kết thúc chấm điểm năm 2021' }).expect(409);
    assert.equal(stale.body.code, 'VERSION_CONFLICT');
    // Publishing with sheets missing lists them and asks to confirm; nothing changes until then.
    const admin = await t.token('admin');
    const before = await t.snapshot();
    // A year the cluster never had members in has nothing to publish: refused at "year", nothing written.
    const empty = await t.http.post(`${base(2030)}/finalize`).auth(admin, { type: 'bearer' }).send({ version: 0, reason: 'Công bố', acceptMissing: true }).expect(422);
    assert.deepEqual([empty.body.code, empty.body.details[0].field], ['NO_MEMBERSHIP', 'year']);
    assert.equal(await t.snapshot(), before);
    const missing = await t.http.post(`${base(2021)}/finalize`).auth(secretary, { type: 'bearer' }).send({ version: config.version ?? 0, reason: 'Kết thúc chấm điểm năm 2021' }).expect(422);
    assert.equal(missing.body.details[0].field, 'acceptMissing');
    assert.match(missing.body.message, /^Còn \d+ phiếu chưa nộp hoặc còn thiếu: .*Sở TTTT Đắk Lắk chưa có phiếu chấm chéo đã nộp/);
    assert.equal(await t.snapshot(), before);
    const res = await t.http.post(`${base(2021)}/finalize`).auth(secretary, { type: 'bearer' }).send({ version: config.version ?? 0, reason: 'Kết thúc chấm điểm năm 2021 (công bố dù còn thiếu phiếu theo thống nhất tại hội nghị)', acceptMissing: true }).expect(200);
    assert.equal(res.body.locked, 2);
    const gialai = (await actorFor(t, 'gialai')).token;
    // Published: the reminders to hand in sheets are no longer anything to act on (read, for every unit told).
    const reminded = (await t.http.get('/api/notifications').auth(gialai, { type: 'bearer' }).expect(200)).body.items.filter((n: { kind: string }) => n.kind === 'scoring.remind');
    assert.ok(reminded.length >= 1 && reminded.every((n: { readAt: string | null }) => n.readAt), JSON.stringify(reminded));
    const sheet = await t.http.get(`${base(2021)}/sheets/${selfSheet.id}`).auth(gialai, { type: 'bearer' }).expect(200);
    assert.equal(sheet.body.status, 'LOCKED');
    const edit = await t.http.put(`${base(2021)}/sheets/${selfSheet.id}/entries`).auth(gialai, { type: 'bearer' }).send({ version: sheet.body.version, reason: 'Sửa', entries: [{ code: 'TC1', points: 15 }] });
    assert.equal(edit.status, 409);
    assert.equal(edit.body.code, 'SHEET_STATE');
    const ranking = await t.http.get(`${base(2021)}/ranking`).auth(await t.token('phuyen'), { type: 'bearer' }).expect(200);
    const kontum = ranking.body.rows.find((r: { unit: { id: string } }) => r.unit.id === u.kontum);
    assert.equal(kontum.final.total, peerSheet.totals.total, 'the mean of its one peer sheet');
    const unranked = ranking.body.rows.find((r: { unit: { id: string } }) => r.unit.id === u.daklak);
    assert.equal(unranked.rank, null);
    assert.match(unranked.reasons[0], /Chưa xếp hạng/);
  });

  it('member scorers write only within the scoring window of the year', async () => {
    await t.http.post(`/api/clusters/${ids.cum6}/years/2020/criteria`).auth(secretary, { type: 'bearer' }).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);
    const gialai = (await actorFor(t, 'gialai')).token;
    // Not even begun (a sheet created out of the window would stay in a closed year's lists: security review F2).
    const before = await t.snapshot();
    const res = await t.http.post(`${base(2020)}/sheets`).auth(gialai, { type: 'bearer' }).send({ targetUnitId: u.gialai, kind: 'SELF' });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'SCORING_CLOSED');
    assert.match(res.body.message, /Đã hết thời gian chấm điểm năm 2020 \(đến 10\/12\/2020\)/);
    assert.equal(await t.snapshot(), before);
  });

  it('a published year is reopened only by the organiser, with a reason; a member meanwhile sees a notice, not an error', async () => {
    const config = (await t.http.get(`${base(2021)}/config`).auth(secretary, { type: 'bearer' }).expect(200)).body;
    const bySecretary = await t.http.post(`${base(2021)}/reopen`).auth(secretary, { type: 'bearer' }).send({ version: config.version, reason: 'Sửa điểm' });
    assert.equal(bySecretary.status, 403);
    const reviewer = await t.token('reviewer');
    await t.http.post(`${base(2021)}/reopen`).auth(reviewer, { type: 'bearer' }).send({ version: config.version }).expect(400);
    const reopened = (await t.http.post(`${base(2021)}/reopen`).auth(reviewer, { type: 'bearer' }).send({ version: config.version, reason: 'Đơn vị khiếu nại điểm tiêu chí 2, cần rà soát' }).expect(200)).body;
    assert.equal(reopened.reopened, 2);
    const trail = (await t.http.get('/api/audit').query({ action: 'scoring.reopen' }).auth(reviewer, { type: 'bearer' }).expect(200)).body;
    assert.equal(trail.items[0].reason, 'Đơn vị khiếu nại điểm tiêu chí 2, cần rà soát');
    const officer = (await actorFor(t, 'gialai')).token;
    await t.http.get(`${base(2021)}/ranking`).auth(officer, { type: 'bearer' }).expect(403);
    const page = await t.http.get(`/cum/${ids.cum6}/nam/2021/xep-hang`).auth(officer, { type: 'bearer' }).set('Accept', 'text/html').expect(200);
    assert.match(page.text, /Kết quả chấm điểm năm 2021 chưa được công bố/);
  });

  it('a year with members but never opened: its page says so, links its pages, and opens it for the secretariat', async () => {
    const page = async (token: string) => (await t.http.get(`/cum/${ids.cum6}/nam/2021`).auth(token, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    const before = await page(secretary);
    assert.match(before, /data-testid="year-not-opened">Năm thi đua 2021 chưa được mở trên hệ thống: cụm có 6 đơn vị thành viên theo quyết định phân cụm nhưng chưa có các mốc thời gian của năm\.</);
    assert.ok(before.includes(`href="/cum/${ids.cum6}/nam/2021/xep-hang"`));
    assert.ok(before.includes(`data-api="/api/clusters/${ids.cum6}/years"`), 'the secretariat opens it');
    const officer = await page(await t.token('gialai'));
    assert.ok(officer.includes('Thư ký cụm hoặc cơ quan tổ chức mở năm.') && !officer.includes(`data-api="/api/clusters/${ids.cum6}/years"`));
    await t.http.post(`/api/clusters/${ids.cum6}/years`).auth(secretary, { type: 'bearer' }).send({ year: 2021, reason: 'Nhập lại năm 2021' }).expect(201);
    const opened = await page(secretary);
    assert.ok(!opened.includes('year-not-opened') && opened.includes('Các mốc thời gian'));
    // A year with neither: 404, as before.
    await t.http.get(`/cum/${ids.cum6}/nam/2031`).auth(secretary, { type: 'bearer' }).set('Accept', 'text/html').expect(404);
  });
});
