import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { TEST_DB, TestApp, binary, demoIds, startTestApp } from '../support/test-app';

/**
 * Security review (05/12/2026): what the peer-scoring rules refuse on the page is refused on every path — the Excel
 * template and upload, the submission, the relation's declaration — and a published year stays as published. A file
 * of its own: it needs a database no other describe has touched (the cluster CI shares one per file).
 */
describe(`a conflict of interest holds on every path: the Excel template and upload, and the submission (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
  });
  after(() => t.close());

  it('a relation declared after a peer sheet was begun: the template leaves the unit out, an older template is refused, the sheet cannot be submitted', async () => {
    const secretary = await t.token('cum6.secretary');
    const url = (path: string) => `/api/clusters/${ids.cum6}/years/2021/scoring${path}`;
    await t.http.post(`/api/clusters/${ids.cum6}/years/2021/criteria`).auth(secretary, { type: 'bearer' }).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);
    await t.http
      .put(url('/config'))
      .auth(secretary, { type: 'bearer' })
      .send({ rule: 'PEER_MEAN', normalize: false, selfMargin: 5, peerOutlier: 10, bands: [{ minPoints: 0, label: 'Hoàn thành nhiệm vụ' }], peerMode: 'ALL', peerK: 1, reason: 'Chấm chéo toàn cụm' })
      .expect(200);
    // Sở KH&CN Quảng Ngãi scores for Sở TTTT Kon Tum, its predecessor; Đắk Nông is among the units it is assigned.
    const scorer = await t.token('skhcn.quangngai');
    const [kontum, daknong] = [await ids.unit('STTTT-KONTUM'), await ids.unit('STTTT-DAKNONG')];
    const rowsOf = async (book: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(book as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Phiếu chấm')!;
      const rows: Array<{ row: number; name: string }> = [];
      ws.eachRow((r, n) => { if (n >= 6 && r.getCell(3).value) rows.push({ row: n, name: String(r.getCell(3).value) }); });
      return { wb, ws, rows };
    };
    const templateOf = async () => (await t.http.get(url('/template?kind=PEER')).auth(scorer, { type: 'bearer' }).buffer(true).parse(binary).expect(200)).body as Buffer;
    const early = await rowsOf(await templateOf());
    const row = early.rows.find((r) => r.name.includes('Đắk Nông'));
    assert.ok(row, JSON.stringify(early.rows));
    // Filled in full for Đắk Nông (nine criteria, within their maxima) and saved as the scorer's draft by upload.
    [13.5, 13.5, 9, 8.5, 13, 9, 9, 8.5, 4.5].forEach((v, i) => { early.ws.getRow(row.row).getCell(4 + i).value = v; });
    const filled = Buffer.from(await early.wb.xlsx.writeBuffer());
    const first = await t.http.post(url('/upload')).auth(scorer, { type: 'bearer' }).attach('file', filled, 'cham-cheo.xlsx');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const sheet = ((await t.http.get(url('/sheets?kind=PEER')).auth(scorer, { type: 'bearer' }).expect(200)).body as Array<{ id: string; version: number; target: { id: string } }>).find((x) => x.target.id === daknong)!;
    assert.ok(sheet);

    await t.http.post(url('/conflicts/relations')).auth(secretary, { type: 'bearer' }).send({ unitAId: kontum, unitBId: daknong, reason: 'Lãnh đạo hai sở có quan hệ gia đình.' }).expect(200);
    const before = await t.snapshot();
    // The template no longer offers the unit; the one downloaded before is refused at its row; nothing written.
    assert.ok(!(await rowsOf(await templateOf())).rows.some((r) => r.name.includes('Đắk Nông')));
    const again = await t.http.post(url('/upload')).auth(scorer, { type: 'bearer' }).attach('file', filled, 'cham-cheo.xlsx');
    assert.equal(again.status, 422, JSON.stringify(again.body));
    assert.ok(again.body.details.some((d: { field: string }) => d.field.startsWith(`Phiếu chấm!`) && d.field.endsWith(String(row.row))), JSON.stringify(again.body.details));
    // The sheet begun before cannot be submitted, with the reason.
    const submit = await t.http.post(url(`/sheets/${sheet.id}/submit`)).auth(scorer, { type: 'bearer' }).send({ version: sheet.version });
    assert.equal(submit.status, 422, JSON.stringify(submit.body));
    assert.equal(submit.body.message, 'Xung đột lợi ích: Quan hệ đã khai báo: Lãnh đạo hai sở có quan hệ gia đình.');
    assert.equal(await t.snapshot(), before, 'nothing written');
    // The secretariat lets it stand, with its reason: the sheet is submitted.
    await t.http.post(url('/conflicts/overrides')).auth(secretary, { type: 'bearer' }).send({ scorerUnitId: kontum, targetUnitId: daknong, reason: 'Hội nghị cụm đồng ý giữ phân công' }).expect(200);
    await t.http.post(url(`/sheets/${sheet.id}/submit`)).auth(scorer, { type: 'bearer' }).send({ version: sheet.version }).expect(200);
  });

  it('a relation is not declared over a peer sheet already handed in between the two: it is returned first', async () => {
    const secretary = await t.token('cum6.secretary');
    const scorer = await t.token('skhcn.quangngai');
    const [kontum, phuyen] = [await ids.unit('STTTT-KONTUM'), await ids.unit('STTTT-PHUYEN')];
    const url = (path: string) => `/api/clusters/${ids.cum6}/years/2021/scoring${path}`;
    let sheet = (await t.http.post(url('/sheets')).auth(scorer, { type: 'bearer' }).send({ kind: 'PEER', targetUnitId: phuyen, scorerUnitId: kontum }).expect(201)).body as { id: string; version: number };
    const points = [15, 14.5, 10, 9.5, 14.5, 9.5, 10, 9.5, 5];
    sheet = (await t.http.put(url(`/sheets/${sheet.id}/entries`)).auth(scorer, { type: 'bearer' }).send({ version: sheet.version, entries: points.map((p, i) => ({ code: `TC${i + 1}`, points: p })) }).expect(200)).body;
    sheet = (await t.http.post(url(`/sheets/${sheet.id}/submit`)).auth(scorer, { type: 'bearer' }).send({ version: sheet.version }).expect(200)).body;
    const before = await t.snapshot();
    const refused = await t.http.post(url('/conflicts/relations')).auth(secretary, { type: 'bearer' }).send({ unitAId: phuyen, unitBId: kontum, reason: 'Lãnh đạo hai sở có quan hệ gia đình.' });
    assert.deepEqual([refused.status, refused.body.details?.[0]?.field], [422, 'unitBId'], JSON.stringify(refused.body));
    assert.match(refused.body.details[0].message, /hãy trả lại phiếu đó \(kèm lý do\) trước khi khai báo quan hệ/);
    assert.equal(await t.snapshot(), before);
    await t.http.post(url(`/sheets/${sheet.id}/return`)).auth(secretary, { type: 'bearer' }).send({ version: sheet.version, reason: 'Hai đơn vị có quan hệ cần khai báo' }).expect(200);
    await t.http.post(url('/conflicts/relations')).auth(secretary, { type: 'bearer' }).send({ unitAId: phuyen, unitBId: kontum, reason: 'Lãnh đạo hai sở có quan hệ gia đình.' }).expect(200);
  });

  it('a published year is final until reopened: a draft left then is neither saved nor submitted, no new self or consolidated sheet; nothing written', async () => {
    const secretary = await t.token('cum6.secretary');
    const scorer = await t.token('skhcn.quangngai');
    const [kontum, daklak] = [await ids.unit('STTTT-KONTUM'), await ids.unit('STTTT-DAKLAK')];
    const url = (path: string) => `/api/clusters/${ids.cum6}/years/2021/scoring${path}`;
    const draft = (await t.http.post(url('/sheets')).auth(secretary, { type: 'bearer' }).send({ kind: 'CLUSTER', targetUnitId: daklak }).expect(201)).body as { id: string; version: number };
    // The consolidated template, filled for Đắk Lắk before publication, is uploaded after it (the Excel path: review M1).
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await t.http.get(url('/template?kind=CLUSTER')).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200)).body as ArrayBuffer);
    book.getWorksheet('Phiếu chấm')!.eachRow((r, n) => {
      if (n >= 6 && String(r.getCell(3).value ?? '').includes('Đắk Lắk')) [15, 15, 10, 9.5, 14.5, 10, 10, 9.5, 5].forEach((v, i) => { r.getCell(4 + i).value = v; });
    });
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    const config = (await t.http.get(url('/config')).auth(secretary, { type: 'bearer' }).expect(200)).body as { version: number };
    await t.http.post(url('/finalize')).auth(secretary, { type: 'bearer' }).send({ version: config.version, reason: 'Công bố kết quả (thử)', acceptMissing: true }).expect(200);
    const before = await t.snapshot();
    const final = 'Kết quả chấm điểm năm 2021 đã được công bố: phiếu chưa nộp không sửa, không nộp được nữa (cơ quan tổ chức cần mở lại kết quả trước).';
    const saved = await t.http.put(url(`/sheets/${draft.id}/entries`)).auth(secretary, { type: 'bearer' }).send({ version: draft.version, entries: [{ code: 'TC1', points: 15 }] });
    assert.deepEqual([saved.status, saved.body.message], [409, final]);
    const submitted = await t.http.post(url(`/sheets/${draft.id}/submit`)).auth(secretary, { type: 'bearer' }).send({ version: draft.version });
    assert.deepEqual([submitted.status, submitted.body.message], [409, final]);
    const uploaded = await t.http.post(url('/upload')).auth(secretary, { type: 'bearer' }).attach('file', filled, 'tong-hop.xlsx');
    assert.deepEqual([uploaded.status, uploaded.body.message], [409, 'Kết quả chấm điểm năm 2021 đã được công bố: không nhập điểm từ tệp được nữa (cơ quan tổ chức cần mở lại kết quả trước).']);
    for (const [token, body] of [[scorer, { kind: 'SELF', targetUnitId: kontum }], [secretary, { kind: 'CLUSTER', targetUnitId: kontum }]] as const) {
      const res = await t.http.post(url('/sheets')).auth(token, { type: 'bearer' }).send(body);
      assert.equal(res.status, 409, JSON.stringify(res.body));
      assert.equal(res.body.message, 'Kết quả chấm điểm năm 2021 đã được công bố: không lập thêm phiếu chấm (cơ quan tổ chức cần mở lại kết quả trước).');
    }
    assert.equal(await t.snapshot(), before);
    // The organiser's appraisal comes after publication: created, saved and submitted.
    const reviewer = await t.token('reviewer');
    let appraisal = (await t.http.post(url('/sheets')).auth(reviewer, { type: 'bearer' }).send({ kind: 'MINISTRY', targetUnitId: kontum }).expect(201)).body as { id: string; version: number };
    appraisal = (await t.http.put(url(`/sheets/${appraisal.id}/entries`)).auth(reviewer, { type: 'bearer' }).send({ version: appraisal.version, entries: [15, 14.5, 10, 9.5, 14.5, 9.5, 10, 9.5, 5].map((p, i) => ({ code: `TC${i + 1}`, points: p })) }).expect(200)).body;
    await t.http.post(url(`/sheets/${appraisal.id}/submit`)).auth(reviewer, { type: 'bearer' }).send({ version: appraisal.version }).expect(200);
  });
});
