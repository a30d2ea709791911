/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { todayInVietnam } from '../../src/common/time';
import type { UnitHistoryView } from '../../src/reports/history.dto';
import type { RankingView } from '../../src/scoring/scoring.dto';
import { pointsVi } from '../../src/web/format';
import { heatClass } from '../../src/web/views/heatmap';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, startRig } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;
const PHONE = { width: 390, height: 844 };

/** How far the page scrolls sideways (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Table cells of four words or more written one word a line (a column squeezed to its longest word). */
const squeezedCells = (page: Page) =>
  page.$$eval('th, td', (cells) =>
    cells
      .filter((c) => !c.closest('table.changes') && !c.querySelector('table'))
      .map((c) => {
        const words = (c as HTMLElement).innerText.trim().split(/\s+/).filter(Boolean);
        const range = document.createRange();
        range.selectNodeContents(c);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
        return { text: words.slice(0, 6).join(' '), words: words.length, lines };
      })
      .filter((c) => c.words >= 4 && c.lines >= c.words)
      .map((c) => `${c.text} (${c.lines} dòng)`),
  );

/** Issue 17: the heat map of the ranking, a unit's points over the years, and tables on a phone. */
describe('charts in Chromium: the heat map of a ranking, a unit over the years, the pages at 390 px', { skip }, () => {
  let rig: BrowserRig;
  const [y, mo] = todayInVietnam().split('-').map(Number);
  const year = mo <= 2 ? y - 1 : y;
  let cum6: string;
  let oldCum6: string;
  let daklak: string;
  before(async () => {
    rig = await startRig({ SEED_DEMO_SCENARIO: 'true' });
    const clusters = (await rig.t.http.get('/api/clusters').auth(await rig.t.token('cum6.secretary'), { type: 'bearer' }).expect(200)).body as Array<{ id: string; number: number; organizerName: string }>;
    cum6 = clusters.find((c) => c.organizerName === 'Bộ Khoa học và Công nghệ' && c.number === 6)!.id;
    oldCum6 = clusters.find((c) => c.organizerName === 'Bộ Thông tin và Truyền thông' && c.number === 6)!.id;
    daklak = (await rig.t.dataSource.query(`SELECT id FROM units WHERE code = 'SKHCN-DAKLAK'`))[0].id as string;
  });
  after(() => rig?.close());

  it('the heat map of a published ranking writes in each cell the final points the ranking API computed, shaded by the criterion’s maximum', async () => {
    const token = await rig.t.token('cum6.secretary');
    const { context, page } = await rig.signedIn('cum6.secretary', undefined, { audit: true });
    // The living demo's last year (consolidated cluster score) and Cụm 6's 2019 (trimmed mean of peer sheets).
    for (const [clusterId, y2, name] of [[cum6, year - 1, 'xep-hang-ban-do-nhiet'], [oldCum6, 2019, 'xep-hang-2019-ban-do-nhiet']] as const) {
      const api = `/api/clusters/${clusterId}/years/${y2}`;
      const ranking = (await rig.t.http.get(`${api}/scoring/ranking`).auth(token, { type: 'bearer' }).expect(200)).body as RankingView;
      assert.ok(ranking.published, `${y2}: published`);
      const criteria = (await rig.t.http.get(`${api}/criteria`).auth(token, { type: 'bearer' }).expect(200)).body as { items: Array<{ code: string; maxPoints: number; kind: 'SCORED' | 'BONUS' | 'PENALTY'; children: unknown[] }> };
      const leaves = criteria.items.filter((c) => !c.children.length);
      await page.setViewportSize({ width: 1366, height: 768 });
      assert.equal((await page.goto(`${rig.base}/cum/${clusterId}/nam/${y2}/xep-hang`))?.status(), 200);
      const heat = page.locator('table.heat');
      await heat.waitFor();
      assert.match((await heat.locator('caption').textContent()) ?? '', new RegExp(`Điểm cuối cùng năm ${y2} theo tiêu chí`));
      const scored = ranking.rows.filter((r) => r.finalPoints);
      const rows = heat.locator('tbody tr');
      assert.equal(await rows.count(), scored.length);
      for (const [i, r] of scored.entries()) {
        const row = rows.nth(i);
        assert.match((await row.locator('th').textContent()) ?? '', new RegExp(`${r.unit.shortName}$`));
        for (const leaf of leaves) {
          const cell = row.locator(`td[data-code="${leaf.code}"]`);
          assert.equal((await cell.textContent())?.trim(), pointsVi(r.finalPoints![leaf.code]), `${y2} ${r.unit.shortName} ${leaf.code}`);
          assert.match((await cell.getAttribute('class')) ?? '', new RegExp(`\\b${heatClass(r.finalPoints![leaf.code], { max: leaf.maxPoints, kind: leaf.kind })}\\b`));
        }
        assert.equal((await row.locator('td.heat-total').textContent())?.trim(), pointsVi(r.final!.total));
      }
      // The legend names every shade; a criterion at its maximum is in the darkest.
      assert.match((await page.locator('ul.heat-legend').textContent()) ?? '', /dưới 50%.*đạt điểm tối đa/s);
      const top = scored[0];
      const atMax = leaves.find((l) => top.finalPoints![l.code] === l.maxPoints);
      if (atMax) assert.match((await rows.first().locator(`td[data-code="${atMax.code}"]`).getAttribute('class')) ?? '', /\bh5\b/);
      assert.deepEqual(await axeViolations(page), [], `${y2} at 1366`);
      await rig.shot(page, `${name}-1366`);
      await page.setViewportSize(PHONE);
      await page.reload();
      assert.ok((await overflow(page)) <= 1, `the ranking ${y2} at 390 px scrolls sideways`);
      // On a phone the criteria scroll inside the box, the unit's name stays where it was.
      const box = page.locator('section.heatmap .table-wrap');
      const nameBefore = await heat.locator('tbody th').first().boundingBox();
      await box.evaluate((el) => (el.scrollLeft = el.scrollWidth));
      const nameAfter = await heat.locator('tbody th').first().boundingBox();
      assert.ok(await box.evaluate((el) => el.scrollLeft > 0), 'the heat map scrolls inside its box');
      assert.equal(Math.round(nameAfter!.x), Math.round(nameBefore!.x), 'the unit name is pinned');
      assert.deepEqual(await axeViolations(page), [], `${y2} at 390`);
      await rig.shot(page, `${name}-390`);
    }
    await context.close();
  });

  it('the unit page draws its final total and rank per published year, predecessors included, as the history API and the rankings have them', async () => {
    const token = await rig.t.token('skhcn.daklak');
    const history = (await rig.t.http.get(`/api/units/${daklak}/history`).auth(token, { type: 'bearer' }).expect(200)).body as UnitHistoryView;
    assert.ok(history.scores.some((s) => s.unit.id === daklak), 'its own year');
    assert.ok(history.scores.some((s) => s.unit.id !== daklak && s.year === 2019), 'its predecessors’ years');
    for (const s of history.scores) {
      const ranking = (await rig.t.http.get(`/api/clusters/${s.clusterId}/years/${s.year}/scoring/ranking`).auth(token, { type: 'bearer' }).expect(200)).body as RankingView;
      const row = ranking.rows.find((r) => r.unit.id === s.unit.id)!;
      assert.ok(ranking.published);
      assert.deepEqual([s.total, s.rank, s.units], [row.final!.total, row.rank, ranking.rows.length], `${s.year} ${s.unit.name}`);
    }
    for (const viewport of [{ width: 1366, height: 768 }, PHONE]) {
      const { context, page } = await rig.signedIn('skhcn.daklak', viewport, { audit: true });
      assert.equal((await page.goto(`${rig.base}/don-vi/${daklak}`))?.status(), 200);
      const chart = page.locator('figure.trend');
      await chart.waitFor();
      const points = await chart.locator('g.point').evaluateAll((gs) => gs.map((g) => `${g.getAttribute('data-year')} ${g.getAttribute('data-unit')} ${g.getAttribute('data-total')}`));
      assert.deepEqual(points.sort(), history.scores.map((s) => `${s.year} ${s.unit.id} ${s.total}`).sort());
      const desc = (await chart.locator('desc').textContent()) ?? '';
      for (const s of history.scores) assert.ok(desc.includes(`${s.year}: ${s.unit.name} ${pointsVi(s.total)} điểm, hạng ${s.rank}/${s.units}`), `${s.year} ${s.unit.name} in the description`);
      const svgText = (await chart.locator('svg').first().textContent()) ?? '';
      for (const s of history.scores) assert.ok(svgText.includes(pointsVi(s.total)) && svgText.includes(`hạng ${s.rank}/${s.units}`), `${s.year}: written on the chart`);
      assert.ok((await overflow(page)) <= 1, `the unit page at ${viewport.width} px scrolls sideways`);
      assert.deepEqual(await axeViolations(page), [], `unit page at ${viewport.width}`);
      await rig.shot(page, `don-vi-diem-qua-cac-nam-${viewport.width}`);
      await context.close();
    }
  });

  it('at 390 px no main page scrolls sideways, for each role, and no table squeezes a column to one word a line', async () => {
    const walks: Array<[string, string[]]> = [
      ['cum6.secretary', ['/', '/cum', `/cum/${cum6}`, `/cum/${cum6}/nam/${year}`, `/cum/${cum6}/nam/${year}/giao-uoc`, `/cum/${cum6}/nam/${year}/cham-diem`, `/cum/${cum6}/nam/${year - 1}/xep-hang`, `/cum/${cum6}/nam/${year - 1}/binh-xet`, `/cum/${cum6}/lich-su`, '/phap-ly', '/don-vi', `/don-vi/${daklak}`]],
      ['skhcn.daklak', ['/', `/cum/${cum6}/nam/${year}/cham-diem?loai=PEER`, `/cum/${cum6}/nam/${year - 1}/xep-hang`, `/don-vi/${daklak}`, '/xac-thuc']],
      ['reviewer', ['/', '/tham-dinh', '/phan-cum', '/hoi-dong', '/nhat-ky', '/don-vi']],
    ];
    const found: string[] = [];
    for (const [user, paths] of walks) {
      const { context, page } = await rig.signedIn(user, PHONE);
      for (const path of paths) {
        assert.equal((await page.goto(`${rig.base}${path}`))?.status(), 200, `${user} ${path}`);
        const by = await overflow(page);
        if (by > 1) found.push(`${user} ${path}: cuộn ngang ${by}px`);
        for (const cell of await squeezedCells(page)) found.push(`${user} ${path}: ${cell}`);
      }
      await context.close();
    }
    assert.deepEqual(found, []);
  });
});
