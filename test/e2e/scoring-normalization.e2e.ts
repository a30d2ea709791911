import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, demoIds, startTestApp } from '../support/test-app';

interface Row {
  unit: { id: string; shortName: string };
  final: { total: number } | null;
  reasons: string[];
  flags: Array<{ kind: string; scorerId: string | null; message: string }>;
}

describe(`normalisation of peer scores with its guard, over HTTP (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    // The organiser's reviewer: 2019's secretariat is another unit's.
    secretary = await t.token('reviewer');
  });
  after(() => t.close());

  const base = () => `/api/clusters/${ids.cum6}/years/2019/scoring`;
  const ranking = async () => (await t.http.get(`${base()}/ranking`).auth(secretary, { type: 'bearer' }).expect(200)).body;
  const configure = async (extra: object) => {
    const current = (await t.http.get(`${base()}/config`).auth(secretary, { type: 'bearer' }).expect(200)).body;
    return t.http
      .put(`${base()}/config`)
      .auth(secretary, { type: 'bearer' })
      .send({ rule: current.rule, normalize: true, selfMargin: current.selfMargin, peerOutlier: current.peerOutlier, bands: current.bands, peerMode: current.peerMode, peerK: current.peerK, version: current.version ?? undefined, reason: 'Chuẩn hóa điểm chấm chéo', ...extra });
  };

  it('a published year’s settings are not changed: 409 with the reason, nothing written', async () => {
    const before = await t.snapshot();
    const res = await configure({ normalizeMethod: 'Z_SCORE' });
    assert.equal(res.status, 409);
    assert.match(res.body.message, /Kết quả chấm điểm năm 2019 đã được công bố: không sửa được cách tính điểm/);
    assert.equal(await t.snapshot(), before);
    // The rest of this file studies the settings on the 2019 scores as they stood before publication (the demo seeds
    // them published, and 2019's proposals were sent, so the organiser cannot reopen the year).
    await t.dataSource.query(`UPDATE scoring_configs SET published_at = NULL WHERE cluster_id = ${TEST_DB === 'postgres' ? '$1' : '?'} AND year = 2019`, [ids.cum6]);
  });

  it('without normalisation the ranking says none was applied', async () => {
    const r = await ranking();
    assert.equal(r.normalization, null);
    assert.ok(r.rows.every((row: Row) => !row.reasons.some((x) => x.startsWith('Chuẩn hóa ('))));
  });

  let raw: Map<string, number>;
  it('a guard above what any scorer scored leaves every sheet raw, flagged, and the totals unchanged', async () => {
    raw = new Map((await ranking()).rows.map((row: Row) => [row.unit.id, row.final!.total]));
    const saved = await configure({ normalizeMethod: 'Z_SCORE', normalizeMinUnits: 6 });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual([saved.body.normalizeMethod, saved.body.normalizeMinUnits], ['Z_SCORE', 6]);
    assert.match(saved.body.normalizeMethodLabel, /điểm chuẩn z/);
    const r = await ranking();
    assert.equal(r.normalization.method, 'Z_SCORE');
    assert.equal(r.normalization.minUnits, 6);
    assert.equal(r.normalization.scorers.length, 6);
    assert.ok(r.normalization.scorers.every((s: { units: number; applied: boolean }) => s.units === 5 && !s.applied));
    for (const row of r.rows as Row[]) {
      assert.equal(row.final!.total, raw.get(row.unit.id));
      assert.ok(row.flags.some((f) => f.kind === 'NOT_NORMALIZED'));
      assert.match(row.flags.find((f) => f.kind === 'NOT_NORMALIZED')!.message, /không được chuẩn hóa \(giữ nguyên điểm\): đơn vị này mới chấm 5 đơn vị, cần ít nhất 6\./);
    }
  });

  it('with the guard met, min–max normalises every scorer and each row shows the arithmetic', async () => {
    await configure({ normalizeMethod: 'MIN_MAX', normalizeMinUnits: 5 }).then((r) => assert.equal(r.status, 200));
    const r = await ranking();
    assert.equal(r.normalization.method, 'MIN_MAX');
    assert.ok(r.normalization.scorers.every((s: { applied: boolean }) => s.applied));
    for (const row of r.rows as Row[]) {
      assert.ok(!row.flags.some((f) => f.kind === 'NOT_NORMALIZED'));
      assert.match(row.reasons[0], /chuẩn hóa theo người chấm: co giãn min–max/);
      const working = row.reasons.find((x) => x.startsWith('Chuẩn hóa (co giãn min–max'));
      assert.ok(working, row.reasons.join('\n'));
      assert.match(working!, /phiếu của Sở TTTT [^:]+: [\d,]+ \+ \([\d,]+ − [\d,]+\) × \([\d,]+ − [\d,]+\) ÷ \([\d,]+ − [\d,]+\) = [\d,]+/);
      assert.ok(row.final!.total >= 0 && row.final!.total <= 100);
    }
  });

  it('a bad method or guard is refused with its field and changes nothing', async () => {
    const before = await t.snapshot();
    const method = await configure({ normalizeMethod: 'RANK' });
    assert.equal(method.status, 400);
    assert.equal(method.body.details[0].field, 'normalizeMethod');
    const guard = await configure({ normalizeMinUnits: 0 });
    assert.equal(guard.status, 400);
    assert.equal(guard.body.details[0].field, 'normalizeMinUnits');
    assert.equal(await t.snapshot(), before);
  });

  it('the change is in the audit log with the method and guard', async () => {
    const audit = await t.http.get('/api/audit?action=scoring.config').auth(await t.token('admin'), { type: 'bearer' }).expect(200);
    const items = audit.body.items as Array<{ action: string; after: { normalizeMethod?: string; normalizeMinUnits?: number } | null }>;
    assert.ok(items.some((a) => a.action === 'scoring.config' && a.after?.normalizeMethod === 'MIN_MAX' && a.after?.normalizeMinUnits === 5));
  });
});
