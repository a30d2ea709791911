import { formatDateVi, todayInVietnam } from '../../src/common/time';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { TEST_DB, TestApp, actorFor, binary, demoIds, startTestApp } from '../support/test-app';

const MEMBERS = ['gialai', 'phuyen', 'daklak', 'lamdong', 'kontum', 'daknong'];

/** One criterion of each kind: 30 + 20 + 20 + 10 + 20 scored, a per-count bonus and a per-count penalty. */
const ITEMS = [
  { code: 'TC1', text: 'Chấm điểm trực tiếp', maxPoints: 30, kind: 'SCORED', evidenceRequired: false },
  { code: 'TC2', text: 'Hồ sơ giải quyết đúng hạn', maxPoints: 20, kind: 'SCORED', evidenceRequired: true, measure: 'QUANTITATIVE', formula: 'PROPORTIONAL', factUnit: 'hồ sơ' },
  { code: 'TC3', text: 'Tỷ lệ dịch vụ công trực tuyến', maxPoints: 20, kind: 'SCORED', evidenceRequired: true, measure: 'QUANTITATIVE', formula: 'RELATIVE_TO_LEADER', factUnit: '%' },
  { code: 'TC4', text: 'Mức độ hài lòng', maxPoints: 10, kind: 'SCORED', evidenceRequired: false, measure: 'QUANTITATIVE', formula: 'BANDED', factUnit: '%', bands: [{ from: 90, points: 10 }, { from: 70, points: 6 }] },
  { code: 'TC5', text: 'Hoàn thành đề án chuyển đổi số', maxPoints: 20, kind: 'SCORED', evidenceRequired: true, measure: 'PASS_FAIL' },
  { code: 'TC6', text: 'Sáng kiến được công nhận', maxPoints: 5, kind: 'BONUS', evidenceRequired: true, measure: 'PER_COUNT', perCount: 1, factUnit: 'sáng kiến' },
  { code: 'TC7', text: 'Vi phạm bị nhắc nhở', maxPoints: 5, kind: 'PENALTY', evidenceRequired: false, measure: 'PER_COUNT', perCount: 2.5, factUnit: 'vụ' },
];

describe(`criteria that measure: targets locked with the pledge, facts scored, ranked with the arithmetic (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let units: Array<{ unitId: string; name: string }>;
  let daknongId: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
  });
  after(() => t.close());

  const url = (path: string) => `/api/clusters/${ids.cum6}/years/2020${path}`;
  const targetsFor = (skipDaknong = false) =>
    units.flatMap((u) => [
      { criterionCode: 'TC2', unitId: u.unitId, target: 100 },
      { criterionCode: 'TC3', unitId: u.unitId, target: 50 },
      ...(u.unitId === daknongId && !skipDaknong ? [{ criterionCode: 'TC5', unitId: u.unitId, notApplicableReason: 'Đơn vị không được giao đề án' }] : []),
    ]);

  it('drafts a set with one criterion of each kind; a bad rule is refused with the field', async () => {
    await t.http.post(url('/pledge')).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020', documentNumber: '01/GƯ-CTĐ6' }).expect(201);
    const current = await t.http.get(url('/criteria')).auth(secretary, { type: 'bearer' }).expect(200);
    const bad = await t.http
      .put(url('/criteria'))
      .auth(secretary, { type: 'bearer' })
      .send({ version: current.body.version, reason: 'Thử', totalPoints: 100, items: ITEMS.map((i) => (i.code === 'TC2' ? { ...i, formula: null } : i)) });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.details[0].field, 'items[1].measure');
    assert.match(bad.body.details[0].message, /cần chọn công thức/);
    const res = await t.http.put(url('/criteria')).auth(secretary, { type: 'bearer' }).send({ version: current.body.version, reason: 'Bộ tiêu chí định lượng năm 2020', totalPoints: 100, items: ITEMS }).expect(200);
    assert.deepEqual(res.body.items.map((i: { measure: string }) => i.measure), ['POINTS', 'QUANTITATIVE', 'QUANTITATIVE', 'QUANTITATIVE', 'PASS_FAIL', 'PER_COUNT', 'PER_COUNT']);
    assert.deepEqual(res.body.items[3].bands, [{ from: 90, points: 10 }, { from: 70, points: 6 }]);
    assert.equal(res.body.items[6].perCount, 2.5);
  });

  it('the pledge does not open before every target is set; targets lock with the pledge and are printed in it', async () => {
    const view = await t.http.get(url('/criteria/targets')).auth(secretary, { type: 'bearer' }).expect(200);
    units = view.body.units;
    daknongId = await ids.unit('STTTT-DAKNONG');
    assert.equal(view.body.missing.length, 12);
    const pledge = await t.http.get(url('/pledge')).auth(secretary, { type: 'bearer' }).expect(200);
    const early = await t.http.post(url('/pledge/open')).auth(secretary, { type: 'bearer' }).send({ version: pledge.body.version });
    assert.equal(early.status, 422);
    assert.match(early.body.details[0].message, /Chưa giao đủ chỉ tiêu: TC2 — /);
    const version = view.body.version as number;
    const wrong = await t.http.put(url('/criteria/targets')).auth(secretary, { type: 'bearer' }).send({ version, targets: [{ criterionCode: 'TC1', unitId: units[0].unitId, target: 5 }] });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body.details[0].message, /không phải tiêu chí định lượng/);
    // Without the version read, refused at its field; two edits of the same version: the second answers 409 (security review).
    assert.equal((await t.http.put(url('/criteria/targets')).auth(secretary, { type: 'bearer' }).send({ targets: targetsFor() }).expect(400)).body.details[0].field, 'version');
    const set = await t.http.put(url('/criteria/targets')).auth(secretary, { type: 'bearer' }).send({ version, reason: 'Giao chỉ tiêu năm 2020', targets: targetsFor() }).expect(200);
    const before = await t.snapshot();
    await t.http.put(url('/criteria/targets')).auth(secretary, { type: 'bearer' }).send({ version, reason: 'Sửa cùng lúc', targets: targetsFor(true) }).expect(409);
    assert.equal(await t.snapshot(), before);
    assert.deepEqual(set.body.missing, []);
    assert.equal(set.body.targets.length, 13);

    await t.http.post(url('/pledge/open')).auth(secretary, { type: 'bearer' }).send({ version: pledge.body.version }).expect(200);
    for (const user of MEMBERS) {
      const actor = await actorFor(t, user);
      await t.http.post(url('/pledge/signatures')).auth(actor.token, { type: 'bearer' }).send({ signerName: 'Nguyễn Văn Ký', signerTitle: 'Giám đốc', unitId: actor.unitId }).expect(201);
    }
    const locked = await t.http.put(url('/criteria/targets')).auth(secretary, { type: 'bearer' }).send({ version: set.body.version, targets: targetsFor(true) });
    assert.equal(locked.status, 409);
    assert.equal(locked.body.code, 'CRITERIA_LOCKED');
    assert.equal((await t.http.get(url('/criteria/targets')).auth(secretary, { type: 'bearer' }).expect(200)).body.locked, true);
    const pdf = (await t.http.get(url('/pledge/pdf')).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200)).body as Buffer;
    if (!POPPLER_MISSING) {
      const text = squash(pdftotext(tempFile(pdf)));
      assert.ok(text.includes('Chỉ tiêu giao cho từng đơn vị'), 'the targets are printed');
      assert.ok(text.includes('Không áp dụng: TC5'), 'the criteria not applicable are printed with the reason');
      assert.ok(text.includes('So với chỉ tiêu và đơn vị dẫn đầu cụm'.toLowerCase()) || text.includes('so với chỉ tiêu và đơn vị dẫn đầu cụm'));
    }
  });

  it('the consolidated sheets take facts; the points follow; the ranking shows the arithmetic and the rescaling', async () => {
    const config = { rule: 'CLUSTER', normalize: false, selfMargin: 5, peerOutlier: 10, bands: [{ minPoints: 0, label: 'Hoàn thành nhiệm vụ' }], peerMode: 'ALL', peerK: 1, reason: 'Điểm cụm thống nhất' };
    await t.http.put(url('/scoring/config')).auth(secretary, { type: 'bearer' }).send(config).expect(200);
    const sheet = async (code: string, entries: object[]) => {
      const unitId = await ids.unit(code);
      const created = await t.http.post(url('/scoring/sheets')).auth(secretary, { type: 'bearer' }).send({ targetUnitId: unitId, kind: 'CLUSTER' }).expect(201);
      const saved = await t.http.put(url(`/scoring/sheets/${created.body.id}/entries`)).auth(secretary, { type: 'bearer' }).send({ version: created.body.version, entries });
      return { created: created.body, saved };
    };
    const facts = (tc1: number, tc2: number, tc3: number, tc4: number, tc5: number | null, tc6: number, tc7: number) => [
      { code: 'TC1', points: tc1 },
      { code: 'TC2', achieved: tc2, note: 'Báo cáo số 12/BC' },
      { code: 'TC3', achieved: tc3 },
      { code: 'TC4', achieved: tc4 },
      ...(tc5 === null ? [] : [{ code: 'TC5', achieved: tc5 }]),
      { code: 'TC6', achieved: tc6 },
      { code: 'TC7', achieved: tc7 },
    ];
    // Đắk Lắk first: alone, it leads TC3 (20 points stored); the ranking works it out again against the final leader.
    const daklak = await sheet('STTTT-DAKLAK', facts(28, 120, 60, 75, 1, 0, 0));
    assert.equal(daklak.saved.status, 200, JSON.stringify(daklak.saved.body));
    assert.deepEqual(daklak.saved.body.entries.map((e: { points: number }) => e.points), [28, 20, 20, 6, 20, 0, 0]);
    const gialai = await sheet('STTTT-GIALAI', facts(25, 80, 75, 95, 1, 3, 1));
    assert.deepEqual(gialai.saved.body.entries.map((e: { points: number }) => e.points), [25, 16, 20, 10, 20, 3, -2.5]);
    assert.equal(gialai.saved.body.entries[1].target, 100);
    assert.equal(gialai.saved.body.entries[1].achieved, 80);

    const unitId = await ids.unit('STTTT-DAKNONG');
    const created = await t.http.post(url('/scoring/sheets')).auth(secretary, { type: 'bearer' }).send({ targetUnitId: unitId, kind: 'CLUSTER' }).expect(201);
    const before = await t.snapshot();
    const na = await t.http.put(url(`/scoring/sheets/${created.body.id}/entries`)).auth(secretary, { type: 'bearer' }).send({ version: created.body.version, entries: facts(20, 50, 40, 60, 1, 8, 0) });
    assert.equal(na.status, 400);
    assert.equal(na.body.details[0].message, 'Tiêu chí TC5 không áp dụng cho đơn vị này: Đơn vị không được giao đề án.');
    const points = await t.http.put(url(`/scoring/sheets/${created.body.id}/entries`)).auth(secretary, { type: 'bearer' }).send({ version: created.body.version, entries: [{ code: 'TC2', points: 20 }] });
    assert.equal(points.status, 400);
    assert.match(points.body.details[0].message, /nhập kết quả đạt được, không nhập điểm/);
    const half = await t.http.put(url(`/scoring/sheets/${created.body.id}/entries`)).auth(secretary, { type: 'bearer' }).send({ version: created.body.version, entries: [{ code: 'TC5', achieved: 0.5 }] });
    assert.equal(half.status, 400);
    assert.equal(await t.snapshot(), before, 'all or nothing');
    const daknong = await t.http.put(url(`/scoring/sheets/${created.body.id}/entries`)).auth(secretary, { type: 'bearer' }).send({ version: created.body.version, entries: facts(20, 50, 40, 60, null, 8, 0) }).expect(200);
    assert.equal(daknong.body.entries[4].notApplicable, 'Đơn vị không được giao đề án');

    for (const s of [daklak.created.id, gialai.created.id, created.body.id]) {
      const current = await t.http.get(url(`/scoring/sheets/${s}`)).auth(secretary, { type: 'bearer' }).expect(200);
      await t.http.post(url(`/scoring/sheets/${s}/submit`)).auth(secretary, { type: 'bearer' }).send({ version: current.body.version }).expect(200);
    }
    const ranking = await t.http.get(url('/scoring/ranking')).auth(secretary, { type: 'bearer' }).expect(200);
    const ranked = ranking.body.rows.filter((r: { rank: number | null }) => r.rank !== null);
    // By hand: Gia Lai 25 + 16 + 20 + 10 + 20 + 3 − 2,5 = 91,5; Đắk Lắk 28 + 20 + 14 + 6 + 20 = 88;
    // Đắk Nông (TC5 not applicable) (20 + 10 + 8 + 0) × 100 ÷ 80 = 47,5, + 5 bonus = 52,5.
    const code = new Map([[ids.gialai, 'STTTT-GIALAI'], [ids.daklak, 'STTTT-DAKLAK'], [daknongId, 'STTTT-DAKNONG']]);
    assert.deepEqual(ranked.map((r: { unit: { id: string }; final: { total: number } }) => [code.get(r.unit.id), r.final.total]), [['STTTT-GIALAI', 91.5], ['STTTT-DAKLAK', 88], ['STTTT-DAKNONG', 52.5]]);
    const reasons = (c: string) => ranked.find((r: { unit: { id: string } }) => code.get(r.unit.id) === c).reasons.join(' ');
    assert.ok(reasons('STTTT-GIALAI').includes('TC2: đạt 80 hồ sơ / chỉ tiêu 100 hồ sơ; 20 × 80 ÷ 100 = 16 điểm.'));
    assert.ok(reasons('STTTT-GIALAI').includes('TC3: đạt 75 % / chỉ tiêu 50 %; dẫn đầu cụm (tỷ lệ 1,5) → 20 điểm.'));
    assert.ok(reasons('STTTT-GIALAI').includes('TC7: 1 lần × 2,5 = 2,5 → 2,5 điểm (điểm trừ).'));
    assert.ok(reasons('STTTT-DAKLAK').includes('giữa chỉ tiêu và đơn vị dẫn đầu (tỷ lệ 1,2, dẫn đầu 1,5): 10 + 10 × (1,2 − 1) ÷ (1,5 − 1) = 14 điểm.'), reasons('STTTT-DAKLAK'));
    assert.ok(reasons('STTTT-DAKNONG').includes('Không áp dụng: TC5 (Đơn vị không được giao đề án); điểm chấm 38 quy về thang 100: 38 × 100 ÷ 80 = 47,5.'), reasons('STTTT-DAKNONG'));
  });
  it('the explanation round: a unit contests a criterion with evidence, the secretariat accepts a new score, the ranking changes with the reason', async () => {
    const officer = await actorFor(t, 'gialai');
    const mine = await t.http.get(url('/scoring/contests')).auth(officer.token, { type: 'bearer' }).expect(200);
    assert.equal(mine.body.open, false);
    // Before the round opens the unit does not see its consolidated points (a member sees only the sheets it scores).
    assert.deepEqual(mine.body.points, []);
    const early = await t.http.post(url('/scoring/contests')).auth(officer.token, { type: 'bearer' }).send({ criterionCode: 'TC2', explanation: 'Thiếu số liệu quý IV.' });
    assert.equal(early.status, 409);
    assert.equal(early.body.message, 'Thư ký cụm chưa mở giải trình.');

    const until = `${new Date().getFullYear() + 1}-12-31`;
    const before = await t.snapshot();
    const past = await t.http.post(url('/scoring/contests/round')).auth(secretary, { type: 'bearer' }).send({ until: '2020-01-01', reason: 'Hạn đã qua' }).expect(400);
    assert.deepEqual([past.body.details[0].field, past.body.details[0].message], ['until', `Hạn cuối nhận giải trình không được trước hôm nay (${formatDateVi(todayInVietnam())}).`]);
    assert.equal(await t.snapshot(), before, 'a deadline that has passed opens nothing');
    const round = await t.http.post(url('/scoring/contests/round')).auth(secretary, { type: 'bearer' }).send({ until, reason: 'Mở giải trình điểm tạm thời' }).expect(200);
    assert.equal(round.body.open, true);
    const opened = await t.http.get(url('/scoring/contests')).auth(officer.token, { type: 'bearer' }).expect(200);
    assert.deepEqual(opened.body.points.slice(0, 3).map((x: { code: string; points: number }) => [x.code, x.points]), [['TC1', 25], ['TC2', 16], ['TC3', 20]]);
    const contest = await t.http
      .post(url('/scoring/contests'))
      .auth(officer.token, { type: 'bearer' })
      .send({ unitId: officer.unitId, criterionCode: 'TC2', explanation: 'Số hồ sơ quý IV chưa được tính: đạt 90 hồ sơ.', evidence: 'Báo cáo bổ sung số 45/BC-STTTT' })
      .expect(201);
    assert.deepEqual([contest.body.status, contest.body.pointsBefore, contest.body.unitId], ['OPEN', 16, ids.gialai]);
    const config = await t.http.get(url('/scoring/config')).auth(secretary, { type: 'bearer' }).expect(200);
    const publish = await t.http.post(url('/scoring/finalize')).auth(secretary, { type: 'bearer' }).send({ version: config.body.version, reason: 'Công bố', acceptMissing: true });
    assert.equal(publish.status, 422);
    assert.match(publish.body.message, /Còn 1 giải trình chưa trả lời/);

    // A new result missing or out of range is reported at the answer's own field (the form's "Kết quả mới"), not as a sheet's entry.
    const missing = await t.http.post(url(`/scoring/contests/${contest.body.id}/answer`)).auth(secretary, { type: 'bearer' }).send({ version: contest.body.version, decision: 'ACCEPT', points: 18, answer: 'Đã đối chiếu' });
    assert.ok(missing.status >= 400 && missing.status < 500);
    assert.equal(missing.body.details[0].field, 'achieved');
    const answered = await t.http
      .post(url(`/scoring/contests/${contest.body.id}/answer`))
      .auth(secretary, { type: 'bearer' })
      .send({ version: contest.body.version, decision: 'ACCEPT', achieved: 90, answer: 'Đã đối chiếu báo cáo bổ sung' })
      .expect(200);
    assert.deepEqual([answered.body.status, answered.body.pointsAfter], ['ACCEPTED', 18]);
    const ranking = await t.http.get(url('/scoring/ranking')).auth(secretary, { type: 'bearer' }).expect(200);
    const gialai = ranking.body.rows.find((r: { unit: { id: string } }) => r.unit.id === ids.gialai);
    assert.equal(gialai.final.total, 93.5);
    assert.ok(gialai.reasons.includes('Giải trình TC2: chấp nhận, điểm 16 → 18 (Đã đối chiếu báo cáo bổ sung).'), gialai.reasons.join(' | '));
    assert.ok(gialai.reasons.includes('TC2: đạt 90 hồ sơ / chỉ tiêu 100 hồ sơ; 20 × 90 ÷ 100 = 18 điểm.'));
    const audit = await t.http.get('/api/audit').query({ action: 'score_contest.answer' }).auth(await t.token('reviewer'), { type: 'bearer' }).expect(200);
    assert.equal(audit.body.items[0].reason, 'Đã đối chiếu báo cáo bổ sung');
  });
  it('results per criterion show the working of a measured criterion and its explanation answer', async () => {
    const res = await t.http.get(url('/scoring/results')).auth(secretary, { type: 'bearer' }).expect(200);
    const gialai = res.body.units.find((u: { unit: { id: string } }) => u.unit.id === ids.gialai);
    const tc2 = gialai.criteria.find((c: { code: string }) => c.code === 'TC2');
    assert.deepEqual([tc2.points, tc2.lost], [18, 2]);
    assert.deepEqual(tc2.notes, ['TC2: đạt 90 hồ sơ / chỉ tiêu 100 hồ sơ; 20 × 90 ÷ 100 = 18 điểm.', 'Giải trình TC2: chấp nhận, điểm 16 → 18 (Đã đối chiếu báo cáo bổ sung).']);
    const daknong = res.body.units.find((u: { unit: { id: string } }) => u.unit.id === daknongId);
    assert.equal(daknong.criteria.find((c: { code: string }) => c.code === 'TC5').points, null, 'not applicable: no points, no loss');
  });

  it('the Excel template carries the targets and takes achieved values; the upload checks them all or nothing', async () => {
    const reviewer = await t.token('reviewer');
    const res = await t.http.get(url('/scoring/template?kind=MINISTRY')).auth(reviewer, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Phiếu chấm')!;
    assert.deepEqual((ws.getRow(5).values as unknown[]).slice(4, 11), ['TC1 (tối đa 30)', 'TC2 (kết quả, hồ sơ)', 'TC3 (kết quả, %)', 'TC4 (kết quả, %)', 'TC5 (đạt: 1, không đạt: 0)', 'TC6 (số sáng kiến)', 'TC7 (số vụ)']);
    assert.equal(ws.getRow(5).getCell(11).value, 'Tổng điểm nhập trực tiếp');
    const rowOf = new Map<string, number>();
    ws.eachRow((row, n) => n >= 6 && rowOf.set(String(row.getCell(2).value), n));
    const daknongRow = rowOf.get('STTTT-DAKNONG')!;
    assert.equal(ws.getCell(`E${daknongRow}`).note, 'Chỉ tiêu: 100 hồ sơ');
    assert.equal(ws.getCell(`H${daknongRow}`).note, 'Không áp dụng: Đơn vị không được giao đề án');
    const targets = wb.getWorksheet('Chỉ tiêu')!;
    assert.deepEqual((targets.getRow(1).values as unknown[]).slice(1), ['Mã đơn vị', 'Đơn vị', 'TC2 (hồ sơ)', 'TC3 (%)', 'TC4 (%)', 'TC5', 'TC6 (sáng kiến)', 'TC7 (vụ)']);
    const targetLine = (targets.getRow(2).values as unknown[]).slice(1);
    assert.deepEqual(targetLine.slice(2), targetLine[0] === 'STTTT-DAKNONG' ? [100, 50, 'không cần chỉ tiêu', 'Không áp dụng: Đơn vị không được giao đề án', 'không cần chỉ tiêu', 'không cần chỉ tiêu'] : [100, 50, 'không cần chỉ tiêu', 'không cần chỉ tiêu', 'không cần chỉ tiêu', 'không cần chỉ tiêu']);

    for (const n of rowOf.values()) {
      const [tc1, tc2, tc3, tc4, tc5, tc6, tc7] = [20, 80, 40, 95, n === daknongRow ? null : 1, 2, 1];
      Object.entries({ D: tc1, E: tc2, F: tc3, G: tc4, H: tc5, I: tc6, J: tc7 }).forEach(([col, v]) => (ws.getCell(`${col}${n}`).value = v));
    }
    const first = [...rowOf.values()].find((n) => n !== daknongRow)!;
    const upload = async (book: ExcelJS.Workbook) => t.http.post(url('/scoring/upload')).auth(reviewer, { type: 'bearer' }).attach('file', Buffer.from(await book.xlsx.writeBuffer()), 'phieu.xlsx');
    const before = await t.snapshot();
    ws.getCell(`H${first}`).value = 2;
    ws.getCell(`H${daknongRow}`).value = 1;
    ws.getCell(`I${first}`).value = 1.5;
    const bad = await upload(wb);
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.details.map((d: { cell: string }) => d.cell).sort(), [`H${daknongRow}`, `H${first}`, `I${first}`].sort());
    assert.match(bad.body.details.find((d: { cell: string }) => d.cell === `H${daknongRow}`).message, /không áp dụng cho .*để trống ô này/);
    assert.match(bad.body.details.find((d: { cell: string }) => d.cell === `H${first}`).message, /chỉ nhận 1 \(đạt\) hoặc 0/);
    assert.match(bad.body.details.find((d: { cell: string }) => d.cell === `I${first}`).message, /phải là số nguyên/);
    assert.equal(await t.snapshot(), before, 'all or nothing');

    ws.getCell(`H${first}`).value = 1;
    ws.getCell(`H${daknongRow}`).value = null;
    ws.getCell(`I${first}`).value = 2;
    const ok = await upload(wb);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual([ok.body.sheetsCreated, ok.body.entriesChanged], [6, 6 * 7 - 1]);
    const again = await upload(wb);
    assert.equal(again.body.unchanged, true);
    const sheets = await t.http.get(url('/scoring/sheets?kind=MINISTRY')).auth(reviewer, { type: 'bearer' }).expect(200);
    const gialai = sheets.body.find((s: { target: { id: string } }) => s.target.id === ids.gialai);
    const entry = (code: string) => gialai.entries.find((e: { code: string }) => e.code === code);
    assert.deepEqual([entry('TC2').achieved, entry('TC2').points], [80, 16]);
    assert.deepEqual([entry('TC5').achieved, entry('TC5').points], [1, 20]);
    assert.deepEqual([entry('TC6').points, entry('TC7').points], [2, -2.5]);

    const reread = await t.http.get(url('/scoring/template?kind=MINISTRY')).auth(reviewer, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(reread.body as unknown as ArrayBuffer);
    assert.deepEqual([wb2.getWorksheet('Phiếu chấm')!.getCell(`E${first}`).value, wb2.getWorksheet('Phiếu chấm')!.getCell(`D${first}`).value], [80, 20], 'the achieved value, not the points');
  });
});
