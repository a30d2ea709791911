/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { todayInVietnam } from '../../src/common/time';
import { demoIds } from '../support/test-app';
import { BrowserRig, CHROMIUM_MISSING, INTRANET_HOST, axeViolations, startRig } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

/**
 * The controls a keyboard cannot reach on the page: every visible link, button and field is focused once while Tab
 * is pressed through the page (none is skipped by a tabindex, a missing href or a script-only control).
 */
async function unreachableByKeyboard(page: Page): Promise<string[]> {
  const total = await page.evaluate(() => {
    // checkVisibility: also false inside a closed <details> (its content is skipped, not focusable until opened).
    const visible = (el: Element) => (el as Element & { checkVisibility(o: object): boolean }).checkVisibility({ visibilityProperty: true, opacityProperty: false });
    const all = Array.from(document.querySelectorAll('a, button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')).filter(
      (el) => visible(el) && !(el as HTMLButtonElement).disabled && !(el.tagName === 'A' && !el.hasAttribute('href') && !el.hasAttribute('tabindex')),
    );
    all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
    return all.length;
  });
  const seen = new Set<string>();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < total * 2 + 10 && seen.size < total; i++) {
    await page.keyboard.press('Tab');
    const kb = await page.evaluate(() => document.activeElement?.getAttribute('data-kb') ?? null);
    if (kb !== null) seen.add(kb);
  }
  return page.evaluate((reached) => Array.from(document.querySelectorAll('[data-kb]')).filter((el) => !reached.includes(el.getAttribute('data-kb')!)).map((el) => el.outerHTML.slice(0, 100)), [...seen]);
}

/** Every main page of each role, opened by the intranet name over plain HTTP, at 1366 and 390 px (issue 17). */
describe('every main page of each role in Chromium, by an intranet name, on a desk and on a phone', { skip }, () => {
  let rig: BrowserRig;
  const [y, mo] = todayInVietnam().split('-').map(Number);
  const year = mo <= 2 ? y - 1 : y;
  const walks: Array<[string, string[]]> = [];
  before(async () => {
    rig = await startRig({ SEED_DEMO_SCENARIO: 'true' });
    const ids = await demoIds(rig.t);
    const secretary = await rig.t.token('cum6.secretary');
    const clusters = (await rig.t.http.get('/api/clusters').auth(secretary, { type: 'bearer' }).expect(200)).body as Array<{ id: string; organizerName: string }>;
    const c6 = clusters.find((c) => c.organizerName === 'Bộ Khoa học và Công nghệ')!.id;
    const dl = await ids.unit('SKHCN-DAKLAK');
    const phuyen = await ids.unit('STTTT-PHUYEN');
    const queue = (await rig.t.http.get('/api/proposals').auth(await rig.t.token('reviewer'), { type: 'bearer' }).expect(200)).body as Array<{ id: string }> | { items: Array<{ id: string }> };
    const proposals = Array.isArray(queue) ? queue : queue.items;
    const y0 = `/cum/${c6}/nam/${year}`;
    const y1 = `/cum/${c6}/nam/${year - 1}`;
    walks.push(
      ['admin', ['/', '/tai-khoan', `/tai-khoan/${await ids.user('skhcn.daklak')}`, '/don-vi', `/don-vi/${dl}`, `/don-vi/${dl}/sua`, '/phan-cum', '/nhat-ky', '/phap-ly', '/cum']],
      ['reviewer', ['/', '/tham-dinh', `/tham-dinh/${proposals[0].id}`, '/hoi-dong', y0, `${y1}/xep-hang`]],
      ['cum6.secretary', ['/', '/cum', `/cum/${c6}`, y0, `${y0}/giao-uoc`, `${y0}/tieu-chi`, `${y0}/cham-diem`, `${y0}/cach-tinh-diem`, `${y1}/xep-hang`, `${y1}/binh-xet`, `/cum/${c6}/lich-su`]],
      ['skhcn.daklak', ['/', `${y0}/cham-diem?loai=SELF`, `${y0}/cham-diem?loai=PEER`, `${y1}/xep-hang`, `/don-vi/${dl}`, '/xac-thuc']],
      ['phuyen', ['/', `/don-vi/${phuyen}`]],
    );
  });
  after(() => rig?.close());

  it('each page answers 200 by the intranet name, has no serious or critical axe-core violation, and every control is reached by Tab', async () => {
    assert.ok(rig.base.includes(INTRANET_HOST));
    const found: string[] = [];
    for (const [user, paths] of walks) {
      const { context, page } = await rig.signedIn(user, undefined, { audit: true });
      for (const path of paths) {
        const res = await page.goto(`${rig.base}${path}`);
        assert.equal(res?.status(), 200, `${user} ${path}`);
        for (const v of await axeViolations(page)) found.push(`${user} ${path}: ${v}`);
        for (const c of await unreachableByKeyboard(page)) found.push(`${user} ${path}: not reached by Tab: ${c}`);
        await rig.shot(page, `vai-tro-${user}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'tong-quan'}-1366`.slice(0, 120));
      }
      await context.close();
    }
    assert.deepEqual(found, []);
  });

  it('at 390 px no page scrolls sideways', async () => {
    const wide: string[] = [];
    for (const [user, paths] of walks) {
      const { context, page } = await rig.signedIn(user, { width: 390, height: 844 });
      for (const path of paths) {
        await page.goto(`${rig.base}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) wide.push(`${user} ${path}: ${overflow}px`);
        await rig.shot(page, `vai-tro-${user}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'tong-quan'}-390`.slice(0, 120));
      }
      await context.close();
    }
    assert.deepEqual(wide, []);
  });
});
