import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { TEST_DB, TestApp, actorFor, binary, demoIds, startTestApp } from '../support/test-app';

interface UnitResult {
  unit: { id: string; name: string };
  rank: number | null;
  total: number | null;
  lostTotal: number;
  losses: Array<{ code: string; lost: number }>;
  criteria: Array<{ code: string; points: number | null; lost: number | null; behindBest: number | null; notes: string[] }>;
}
interface Criterion {
  code: string;
  kind: string;
  maxPoints: number;
  clusterMean: number | null;
  clusterBest: number | null;
  units: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

describe(`per-criterion results after publication: own row and the cluster's mean and best (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let gialai: { token: string; unitId: string };
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    gialai = await actorFor(t, 'gialai');
  });
  after(() => t.close());

  const url = (year: number, path: string) => `/api/clusters/${ids.cum6}/years/${year}/scoring${path}`;

  it('a member sees its own row only, with the cluster aggregates computed over every ranked unit', async () => {
    const ranking = (await t.http.get(url(2019, '/ranking')).auth(gialai.token, { type: 'bearer' }).expect(200)).body;
    const res = await t.http.get(url(2019, '/results')).auth(gialai.token, { type: 'bearer' }).expect(200);
    assert.equal(res.body.scope, 'OWN');
    assert.equal(res.body.published, true);
    assert.deepEqual(res.body.units.map((u: UnitResult) => u.unit.id), [gialai.unitId]);
    const criteria = res.body.criteria as Criterion[];
    assert.equal(criteria.length, 9);
    const rows = ranking.rows.filter((r: { finalPoints: object | null }) => r.finalPoints) as Array<{ unit: { id: string }; finalPoints: Record<string, number>; rank: number; final: { total: number } }>;
    for (const c of criteria) {
      const values = rows.map((r) => r.finalPoints[c.code]);
      assert.equal(c.clusterBest, Math.max(...values), c.code);
      assert.equal(c.clusterMean, round2(values.reduce((a, b) => a + b, 0) / values.length), c.code);
      assert.equal(c.units, rows.length);
    }
    const mine = res.body.units[0] as UnitResult;
    const row = rows.find((r) => r.unit.id === gialai.unitId)!;
    assert.equal(mine.rank, row.rank);
    assert.equal(mine.total, row.final.total);
    let lostTotal = 0;
    for (const c of mine.criteria) {
      const k = criteria.find((x) => x.code === c.code)!;
      assert.equal(c.points, row.finalPoints[c.code]);
      assert.equal(c.lost, round2(k.maxPoints - c.points!));
      assert.equal(c.behindBest, round2(k.clusterBest! - c.points!));
      lostTotal += c.lost!;
    }
    assert.equal(mine.lostTotal, round2(lostTotal));
    const losses = mine.criteria.filter((c) => c.lost! > 0).sort((a, b) => b.lost! - a.lost!);
    assert.deepEqual(mine.losses.map((l) => l.lost), losses.map((c) => c.lost));
  });

  it('the secretariat and the organiser see every unit', async () => {
    for (const user of ['reviewer', 'cum6.secretary']) {
      const res = await t.http.get(url(2019, '/results')).auth(await t.token(user), { type: 'bearer' }).expect(200);
      assert.equal(res.body.scope, 'ALL');
      assert.equal(res.body.units.length, 6);
    }
  });

  it('before publication a member is refused; the organiser sees the draft; another cluster does not exist for others', async () => {
    await t.http.post(`/api/clusters/${ids.cum6}/years/2021/criteria`).auth(await t.token('cum6.secretary'), { type: 'bearer' }).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);
    const early = await t.http.get(url(2021, '/results')).auth(gialai.token, { type: 'bearer' });
    assert.equal(early.status, 403);
    assert.match(early.body.message, /chưa được công bố/);
    const earlyXlsx = await t.http.get(url(2021, '/results.xlsx')).auth(gialai.token, { type: 'bearer' });
    assert.equal(earlyXlsx.status, 403);
    const draft = await t.http.get(url(2021, '/results')).auth(await t.token('reviewer'), { type: 'bearer' }).expect(200);
    assert.equal(draft.body.published, false);
    assert.ok(draft.body.units.every((u: UnitResult) => u.total === null && u.lostTotal === 0));
    await t.http.get(url(2019, '/results')).auth(await t.token('cum1.secretary'), { type: 'bearer' }).expect(404);
  });

  it('the workbook carries the same numbers: the member reads its own lines only', async () => {
    const json = (await t.http.get(url(2019, '/results')).auth(gialai.token, { type: 'bearer' }).expect(200)).body;
    const res = await t.http.get(url(2019, '/results.xlsx')).auth(gialai.token, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    // To look at the workbook (e.g. LibreOffice headless): XLSX_OUT=/tmp/ket-qua.xlsx
    if (process.env.XLSX_OUT) writeFileSync(process.env.XLSX_OUT, res.body as Buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Kết quả theo tiêu chí')!;
    assert.ok(sheet);
    assert.equal(sheet.getCell('A1').value, 'KẾT QUẢ CHẤM ĐIỂM THEO TIÊU CHÍ NĂM 2019');
    assert.equal(sheet.getCell('A2').value, 'CỤM THI ĐUA SỐ 6 (BỘ THÔNG TIN VÀ TRUYỀN THÔNG)');
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    assert.deepEqual(header, ['Đơn vị', 'Hạng', 'Mã', 'Tiêu chí', 'Loại', 'Điểm tối đa', 'Điểm đạt', 'Điểm bị mất', 'Trung bình cụm', 'Cao nhất cụm', 'Cách tính, giải trình']);
    const lines: unknown[][] = [];
    sheet.eachRow((row, n) => n > 3 && lines.push((row.values as unknown[]).slice(1)));
    assert.equal(lines.length, 9);
    const unit = json.units[0] as UnitResult;
    assert.ok(lines.every((l) => l[0] === unit.unit.name));
    lines.forEach((l, i) => {
      const c = unit.criteria[i];
      const k = (json.criteria as Criterion[])[i];
      assert.deepEqual([l[2], l[5], l[6], l[7], l[8], l[9]], [c.code, k.maxPoints, c.points, c.lost, k.clusterMean, k.clusterBest]);
    });
    const all = await t.http.get(url(2019, '/results.xlsx')).auth(await t.token('reviewer'), { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    const wbAll = new ExcelJS.Workbook();
    await wbAll.xlsx.load(all.body as unknown as ArrayBuffer);
    assert.equal(wbAll.getWorksheet('Kết quả theo tiêu chí')!.rowCount, 3 + 6 * 9);
  });
});
