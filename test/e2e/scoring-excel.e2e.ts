import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { POPPLER_MISSING, pdfsig, pdftotext, renderFirstPage, squash, tempFile } from '../support/pdf-tools';
import { TEST_DB, TestApp, binary, demoIds, startTestApp, actorFor, ph } from '../support/test-app';


// Points of the consolidated sheet per unit code (TC1…TC9).
const FILL: Record<string, number[]> = {
  'STTTT-DAKLAK': [15, 15, 10, 9.5, 14.5, 10, 10, 9.5, 5],
  'STTTT-PHUYEN': [15, 14.5, 10, 9.5, 14.5, 9.5, 10, 9.5, 5],
  'STTTT-GIALAI': [14.5, 14.5, 9.5, 9.5, 14, 9.5, 10, 9, 5],
  'STTTT-LAMDONG': [14.5, 14, 9.5, 9, 14, 9.5, 9.5, 9, 5],
  'STTTT-KONTUM': [14, 14, 9, 9, 13.5, 9, 9.5, 8.5, 4.5],
  'STTTT-DAKNONG': [13.5, 13.5, 9, 8.5, 13, 9, 9, 8.5, 4.5],
};

describe(`scoring: the Excel round trip (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let template: Buffer;
  let filled: Buffer;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    await t.http.post(`/api/clusters/${ids.cum6}/years/2021/criteria`).auth(secretary, { type: 'bearer' }).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);
  });
  after(() => t.close());

  const url = (path: string) => `/api/clusters/${ids.cum6}/years/2021/scoring${path}`;
  const upload = (bytes: Buffer, name = 'phieu-cham.xlsx') => t.http.post(url('/upload')).auth(secretary, { type: 'bearer' }).attach('file', bytes, name);

  it('downloads a template generated in code: Vietnamese headers, protected labels, validated point cells', async () => {
    const res = await t.http.get(url('/template?kind=CLUSTER')).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    assert.match(res.headers['content-disposition'], /Phieu-cham-2021-CTD6-CLUSTER\.xlsx/);
    template = res.body;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Phiếu chấm')!;
    assert.equal(ws.getCell('A1').value, 'PHIẾU CHẤM ĐIỂM THI ĐUA NĂM 2021 — CỤM THI ĐUA SỐ 6 (BỘ THÔNG TIN VÀ TRUYỀN THÔNG)');
    assert.deepEqual((ws.getRow(5).values as unknown[]).slice(1, 5), ['STT', 'Mã đơn vị', 'Đơn vị được chấm', 'TC1 (tối đa 15)']);
    assert.equal(ws.getCell('L5').value, 'TC9 (tối đa 5)');
    assert.equal(ws.getCell('M5').value, 'Tổng điểm');
    const codes = [6, 7, 8, 9, 10, 11].map((r) => ws.getCell(`B${r}`).value);
    assert.deepEqual([...codes].sort(), Object.keys(FILL).sort());
    assert.ok(ws.getCell('C6').value?.toString().startsWith('Sở Thông tin và Truyền thông tỉnh'));
    assert.equal(ws.getCell('D6').protection?.locked, false, 'point cells are editable');
    assert.notEqual(ws.getCell('C6').protection?.locked, false, 'labels stay protected');
    assert.ok((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet, 'the sheet is protected');
    assert.deepEqual(ws.getCell('D6').dataValidation?.formulae, [0, 15]);
    assert.equal(ws.getCell('D6').dataValidation?.type, 'decimal');
    // Whole points read without a trailing separator ("14", not "14."); a shortened criterion heading keeps its text in a note.
    assert.equal(ws.getCell('D6').numFmt ?? 'General', 'General');
    assert.equal(ws.getCell('M6').numFmt ?? 'General', 'General');
    for (let col = 4; col <= 12; col++) {
      const heading = ws.getCell(4, col);
      if (String(heading.value ?? '').endsWith('…')) assert.ok(String(heading.note ?? '').length > 60, `column ${col} keeps its text`);
    }
    assert.equal(wb.getWorksheet('_thidua')?.state, 'veryHidden');
  });

  it('uploads the filled template: all rows written, and the same file again changes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Phiếu chấm')!;
    for (let r = 6; r <= 11; r++) FILL[String(ws.getCell(`B${r}`).value)].forEach((v, i) => (ws.getCell(r, 4 + i).value = v));
    filled = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(filled).expect(200);
    assert.deepEqual([res.body.sheetsCreated, res.body.entriesChanged, res.body.unchanged], [6, 54, false]);
    const before = await t.snapshot();
    const again = await upload(filled).expect(200);
    assert.deepEqual([again.body.sheetsCreated, again.body.sheetsUpdated, again.body.entriesChanged, again.body.unchanged], [0, 0, 0, true]);
    assert.equal(await t.snapshot(), before, 'uploading the same file twice changes nothing more');
  });

  it('refuses a workbook with bad cells as a whole, listing sheet, cell and a Vietnamese message', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Phiếu chấm')!;
    ws.getCell('D6').value = 16; // TC1 over 15
    ws.getCell('E7').value = 'mười'; // not a number
    ws.getCell('F8').value = 9.555; // three decimals
    ws.getCell('B9').value = 'STTTT-HANOI'; // a unit not scored here
    ws.getCell('G10').value = 9; // a valid change that must not be written either
    const before = await t.snapshot();
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'UPLOAD_INVALID');
    assert.match(res.body.message, /4 lỗi; không có dữ liệu nào được ghi/);
    const cells = res.body.details.map((d: { sheet: string; cell: string }) => `${d.sheet}!${d.cell}`);
    assert.deepEqual(cells.sort(), ['Phiếu chấm!B9', 'Phiếu chấm!D6', 'Phiếu chấm!E7', 'Phiếu chấm!F8']);
    const d6 = res.body.details.find((d: { cell: string }) => d.cell === 'D6');
    assert.match(d6.message, /Điểm của TC1 phải từ 0 đến 15/);
    assert.equal(await t.snapshot(), before);
  });

  it('refuses an .xls file, an unrelated workbook, a zip bomb, a broken zip and an oversized file before parsing', async () => {
    const before = await t.snapshot();
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]);
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').getCell('A1').value = 'Danh sách khác';
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(80 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    assert.ok(bomb.length < 2 * 1024 * 1024, `the bomb is small (${bomb.length} bytes)`);
    // The template's hidden sheet edited to a kind of sheet that does not exist (security review F4).
    const lying = new ExcelJS.Workbook();
    await lying.xlsx.load(template as unknown as ArrayBuffer);
    lying.getWorksheet('_thidua')!.eachRow((row) => {
      if (row.getCell(1).value === 'kind' || row.getCell(1).value === 'scorerKey') row.getCell(2).value = 'BOGUS';
    });
    const cases: Array<[string, Buffer, number, RegExp]> = [
      ['a kind that does not exist', Buffer.from(await lying.xlsx.writeBuffer()), 422, /không phải mẫu phiếu chấm của hệ thống/],
      ['.xls', xls, 422, /\.xls \(Excel 97–2003\) không được hỗ trợ/],
      ['unrelated', Buffer.from(await other.xlsx.writeBuffer()), 422, /không phải mẫu phiếu chấm của hệ thống/],
      ['zip bomb', bomb, 422, /vượt quá 50 MB|bom nén/],
      ['broken zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 7)]), 422, /Tệp nén bị hỏng/],
      ['a PDF', Buffer.from('%PDF-1.7 not a workbook'), 422, /không phải là bảng tính Excel/],
      ['oversized', Buffer.alloc(2 * 1024 * 1024 + 10, 1), 413, /vượt quá dung lượng/],
    ];
    for (const [name, bytes, status, message] of cases) {
      const res = await upload(bytes, `${name}.xlsx`);
      assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.message + JSON.stringify(res.body.details), message, name);
    }
    assert.equal(await t.snapshot(), before);
  });

  it('a template of another year is refused naming both years', async () => {
    const before = await t.snapshot();
    const res = await t.http.post(`/api/clusters/${ids.cum6}/years/2020/scoring/upload`).auth(secretary, { type: 'bearer' }).attach('file', filled, 'phieu-cham.xlsx');
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.details[0].message, 'Mẫu này dành cho năm 2021, không phải năm 2020: hãy tải mẫu của năm 2020.');
    assert.equal(await t.snapshot(), before);
  });

  it('a unit officer cannot upload the cluster template', async () => {
    const res = await t.http.post(url('/upload')).auth((await actorFor(t, 'gialai')).token, { type: 'bearer' }).attach('file', filled, 'x.xlsx');
    assert.equal(res.status, 403);
  });

  it('criteria edited in place before anything is handed in: the drafts’ points for the criteria redefined are cleared', async () => {
    const criteria = () => t.http.get(`/api/clusters/${ids.cum6}/years/2021/criteria`).auth(secretary, { type: 'bearer' }).expect(200);
    const original = (await criteria()).body;
    type Item = { code: string; text: string; maxPoints: number; kind: string; evidenceRequired: boolean };
    const itemsOf = (set: { items: Item[] }, max: Record<string, number>) => set.items.map((c) => ({ code: c.code, text: c.text, maxPoints: max[c.code] ?? c.maxPoints, kind: c.kind, evidenceRequired: c.evidenceRequired }));
    const edit = (version: number, max: Record<string, number>, reason: string) =>
      t.http.put(`/api/clusters/${ids.cum6}/years/2021/criteria`).auth(secretary, { type: 'bearer' }).send({ version, reason, totalPoints: 100, items: itemsOf(original, max) }).expect(200);
    const drafts = async () => (await t.http.get(url('/sheets?kind=CLUSTER')).auth(secretary, { type: 'bearer' }).expect(200)).body as Array<{ id: string; version: number; status: string; entries: Array<{ code: string; points: number | null }> }>;
    const before = await drafts();
    assert.deepEqual([before.length, before.every((d) => d.status === 'DRAFT')], [6, true]);
    // TC9's maximum lowered to 4, TC1's raised to 16: a 5 under TC9 would otherwise be handed in and counted.
    await edit(original.version, { TC1: 16, TC9: 4 }, 'Điều chỉnh thang điểm TC1, TC9');
    const after = await drafts();
    for (const d of after) {
      assert.deepEqual(d.entries.filter((e) => e.points !== null).map((e) => e.code), ['TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8'], 'TC1 and TC9 to score again');
      assert.equal(d.version, before.find((b) => b.id === d.id)!.version + 1, 'a save read before answers 409');
    }
    const trail = (await t.http.get('/api/audit').query({ action: 'criteria.update' }).auth(await t.token('admin'), { type: 'bearer' }).expect(200)).body.items[0];
    assert.equal(trail.after.draftPointsCleared.length, 6);
    assert.ok(trail.after.draftPointsCleared.every((c: { criteria: string[] }) => c.criteria.join() === 'TC1,TC9'));
    // Points out of the current range, however they came in, are not handed in (the check at submission).
    const sheet = after[0];
    await t.dataSource.query(`INSERT INTO score_entries (sheet_id, criterion_code, points, note, achieved) VALUES (${ph(1)}, 'TC1', 1600, NULL, NULL), (${ph(2)}, 'TC9', 500, NULL, NULL)`, [sheet.id, sheet.id]);
    const refused = await t.http.post(url(`/sheets/${sheet.id}/submit`)).auth(secretary, { type: 'bearer' }).send({ version: sheet.version });
    assert.deepEqual([refused.status, refused.body.code, refused.body.details.map((d: { field: string }) => d.field)], [422, 'SCORE_OUT_OF_RANGE', ['entries.TC9']], JSON.stringify(refused.body));
    // Back to the template's scale (cleared again), and the file uploaded before fills them in.
    await edit((await criteria()).body.version, {}, 'Trở lại thang điểm theo giao ước');
    const res = await upload(filled).expect(200);
    assert.deepEqual([res.body.sheetsUpdated, res.body.entriesChanged], [6, 12]);
  });

  it('after submitting the uploaded sheets the secretariat sees the ranking with reasons', async () => {
    await t.http
      .put(url('/config'))
      .auth(secretary, { type: 'bearer' })
      .send({ rule: 'CLUSTER', normalize: false, selfMargin: 5, peerOutlier: 10, bands: [{ minPoints: 95, label: 'Hoàn thành xuất sắc nhiệm vụ' }, { minPoints: 0, label: 'Hoàn thành nhiệm vụ' }], peerMode: 'ALL', peerK: 1, reason: 'Dùng điểm cụm thống nhất' })
      .expect(200);
    const sheets = await t.http.get(url('/sheets?kind=CLUSTER')).auth(secretary, { type: 'bearer' }).expect(200);
    for (const s of sheets.body) await t.http.post(url(`/sheets/${s.id}/submit`)).auth(secretary, { type: 'bearer' }).send({ version: s.version }).expect(200);
    const ranking = await t.http.get(url('/ranking')).auth(secretary, { type: 'bearer' }).expect(200);
    assert.deepEqual(ranking.body.rows.slice(0, 4).map((r: { unit: { code?: string; shortName: string } }) => r.unit.shortName), ['Sở TTTT Đắk Lắk', 'Sở TTTT Phú Yên', 'Sở TTTT Gia Lai', 'Sở TTTT Lâm Đồng']);
    assert.match(ranking.body.rows[0].reasons[0], /Điểm cuối cùng 98,5 \(điểm cụm thống nhất\)/);
    // The file uploaded before, sent again as it is: the handed-in sheets' rows are passed over, nothing changes.
    const beforeAgain = await t.snapshot();
    const same = await upload(filled).expect(200);
    assert.deepEqual([same.body.sheetsUpdated, same.body.entriesChanged, same.body.unchanged], [0, 0, true]);
    assert.equal(await t.snapshot(), beforeAgain);
    // A value changed in a handed-in sheet's row is refused at its row, naming the criterion; nothing is written.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Phiếu chấm')!;
    ws.getCell('E7').value = 1;
    const changed = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    assert.equal(changed.status, 422, 'submitted sheets are not overwritten by an upload');
    assert.deepEqual(changed.body.details.map((d: { cell: string }) => d.cell), ['B7']);
    assert.match(changed.body.details[0].message, /^Phiếu chấm Sở TTTT .+ đã nộp: điểm của phiếu đã nộp không sửa bằng tệp \(TC2\); sửa trên trang Chấm điểm và ghi lý do sửa, hoặc để nguyên dòng này\.$/);
    assert.equal(await t.snapshot(), beforeAgain);
    // The template downloaded now shows the handed-in rows, not to be filled: locked, not yellow, and says so.
    const now = new ExcelJS.Workbook();
    await now.xlsx.load((await t.http.get(url('/template?kind=CLUSTER')).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200)).body as ArrayBuffer);
    const sheet = now.getWorksheet('Phiếu chấm')!;
    assert.equal(sheet.getCell('A3').value, 'Các phiếu trong tệp đã nộp hoặc đã khóa: tệp chỉ để xem, không nhập điểm. Điểm của phiếu đã nộp sửa trên trang Chấm điểm, có ghi lý do sửa.');
    assert.notEqual(sheet.getCell('D6').protection?.locked, false, 'a handed-in sheet’s cells are locked');
    assert.equal((sheet.getCell('D6').fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb, undefined, 'not yellow');
    assert.equal(typeof sheet.getCell('D6').value, 'number', 'its points are shown');
    assert.match(String(sheet.getCell('C6').note ?? ''), /Phiếu đã nộp/);
  });

  it('exports the scoreboard to Excel: summary, per-criterion detail, matrix, sheets and flags', async () => {
    const officer = await t.http.get(url('/scoreboard.xlsx')).auth(await t.token('gialai'), { type: 'bearer' });
    assert.equal(officer.status, 403, 'members wait for publication');
    assert.match(officer.headers['content-type'], /^application\/json/, 'a refusal before the stream is a JSON error, not a file');
    assert.equal(officer.headers['content-disposition'], undefined);
    assert.equal(officer.body.message, 'Kết quả chấm điểm chưa được công bố.');
    const res = await t.http.get(url('/scoreboard.xlsx')).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Tổng hợp', 'Chi tiết tiêu chí', 'Ma trận chấm chéo', 'Danh sách phiếu', 'Cảnh báo']);
    const summary = wb.getWorksheet('Tổng hợp')!;
    // Not published yet: every worksheet's title says it is a draft.
    for (const ws of wb.worksheets) assert.match(String(ws.getCell('A1').value), /^BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2021 — CỤM THI ĐUA SỐ 6 \(BỘ THÔNG TIN VÀ TRUYỀN THÔNG\) \(DỰ THẢO — KẾT QUẢ CHƯA CÔNG BỐ\)/, ws.name);
    // The list of sheets says which the rule counts (the consolidated sheet under "Điểm cụm thống nhất"), the others being for comparison.
    const rule = (await t.http.get(url('/config')).auth(secretary, { type: 'bearer' }).expect(200)).body.ruleLabel as string;
    assert.match(String(wb.getWorksheet('Danh sách phiếu')!.getCell('A1').value), new RegExp(`cột "Được tính" cho biết phiếu nào dùng để tính điểm cuối cùng theo cách tính của cụm \\(${rule.toLocaleLowerCase('vi')}\\)`));
    const listRows = (wb.getWorksheet('Danh sách phiếu')!.getSheetValues() as unknown[][]).slice(3).filter(Boolean).map((r) => [r[2], r[6]]);
    assert.ok(listRows.length && listRows.every(([kind, counted]) => kind === 'Điểm cụm thống nhất' && counted === 'Có'), JSON.stringify(listRows));
    // 2019, published, ranked on the peer sheets: those are counted, the self-scores listed for comparison.
    const book2019 = new ExcelJS.Workbook();
    await book2019.xlsx.load((await t.http.get(`/api/clusters/${ids.cum6}/years/2019/scoring/scoreboard.xlsx`).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200)).body as unknown as ArrayBuffer);
    assert.equal(book2019.getWorksheet('Tổng hợp')!.getCell('A1').value, 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2019 — CỤM THI ĐUA SỐ 6 (BỘ THÔNG TIN VÀ TRUYỀN THÔNG)');
    const rows2019 = (book2019.getWorksheet('Danh sách phiếu')!.getSheetValues() as unknown[][]).slice(3).filter(Boolean).map((r) => [r[2], r[6]]);
    assert.ok(rows2019.some(([kind]) => kind === 'Tự chấm') && rows2019.some(([kind]) => kind === 'Chấm chéo'), JSON.stringify(rows2019));
    for (const [kind, counted] of rows2019) assert.equal(counted, kind === 'Chấm chéo' ? 'Có' : 'Không (để đối chiếu)', `${kind}`);
    assert.deepEqual([summary.getCell('A4').value, summary.getCell('B4').value, summary.getCell('C4').value], [1, 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk', 98.5]);
    const detail = wb.getWorksheet('Chi tiết tiêu chí')!;
    assert.deepEqual((detail.getRow(3).values as unknown[]).slice(3, 12), FILL['STTTT-DAKLAK']);

    // The tables kept with the cached ranking follow a change: a unit renamed shows in the next export, in every sheet.
    const exportedNames = async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await t.http.get(url('/scoreboard.xlsx')).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200)).body as unknown as ArrayBuffer);
      const listed = book.getWorksheet('Danh sách phiếu')!.getColumn(3).values.filter((v) => typeof v === 'string' && v.includes('Đắk Lắk'));
      return [book.getWorksheet('Tổng hợp')!.getCell('B4').value, [...new Set(listed)]];
    };
    const admin = await t.token('admin');
    const rename = async (name: string) => {
      const unit = (await t.http.get(`/api/units/${ids.daklak}`).auth(admin, { type: 'bearer' }).expect(200)).body;
      await t.http.patch(`/api/units/${ids.daklak}`).auth(admin, { type: 'bearer' }).send({ version: unit.version, name, reason: 'Đổi tên để kiểm tra bảng tổng hợp' }).expect(200);
    };
    const name = 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk';
    assert.deepEqual(await exportedNames(), [name, [name]]);
    await rename(`${name} (tên mới)`);
    assert.deepEqual(await exportedNames(), [`${name} (tên mới)`, [`${name} (tên mới)`]]);
    await rename(name);
    assert.deepEqual(await exportedNames(), [name, [name]]);
  });

  it('issues the scoreboard as a signed landscape PDF in the Decree 30 layout', async () => {
    const res = await t.http.get(url('/scoreboard.pdf')).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    if (POPPLER_MISSING) return;
    const file = tempFile(res.body, 'bang-tong-hop.pdf');
    const text = squash(pdftotext(file));
    for (const phrase of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'CỤM THI ĐUA SỐ 6', 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM', 'Thi đua năm 2021', 'Đắk Lắk', '98,5', 'Hoàn thành xuất sắc nhiệm vụ', 'DỰ THẢO']) {
      assert.ok(text.includes(phrase), `missing "${phrase}"`);
    }
    assert.match(pdfsig(file), /Signature is Valid/);
    renderFirstPage(file, `scoreboard-2021-page1-${TEST_DB}`);
  });
});
