/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoIds } from '../support/test-app';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, startRig } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const PHONE = { width: 390, height: 844 };

/**
 * Where a new user got stuck (session 21's helper), walked in Chromium: the successor of two members of a year picks
 * the one it explains points for; the units list pages on; a unit's history links only what opens; a cluster that
 * ended points to its successor; a wrong address names its field.
 */
describe('pages lead somewhere, in Chromium', { skip }, () => {
  let rig: BrowserRig;
  let ids: Awaited<ReturnType<typeof demoIds>>;

  before(async () => {
    rig = await startRig({ SEED_DEMO_SCENARIO: 'true' });
    ids = await demoIds(rig.t);
  });
  after(() => rig?.close());

  it('Sở KH&CN Đắk Lắk, on a phone, explains 2020 points for Phú Yên, one of the two members it took over', async () => {
    const { context, page } = await rig.signedIn('skhcn.daklak', PHONE, { audit: true });
    await page.goto(`${rig.base}/cum/${ids.cum6}/nam/2020/giai-trinh`);
    await page.getByRole('heading', { name: 'Điểm tạm thời theo tiêu chí: Sở Thông tin và Truyền thông tỉnh Đắk Lắk' }).waitFor();
    await page.getByLabel('Giải trình với tư cách đơn vị').selectOption({ label: 'Sở Thông tin và Truyền thông tỉnh Phú Yên' });
    await Promise.all([page.waitForURL(/donVi=/), page.getByRole('button', { name: 'Chọn' }).click()]);
    await page.getByRole('heading', { name: 'Điểm tạm thời theo tiêu chí: Sở Thông tin và Truyền thông tỉnh Phú Yên' }).waitFor();
    assert.equal(await page.getByLabel('Giải trình với tư cách đơn vị').inputValue(), new URL(page.url()).searchParams.get('donVi'), 'the picker keeps the choice');
    assert.ok((await overflow(page)) <= 0, 'no sideways scrolling on a phone');
    assert.deepEqual(await axeViolations(page), []);
    await rig.shot(page, 'giai-trinh-chon-don-vi-390');
    await context.close();
  });

  it('the administrator pages through the units, and a unit’s history links only units that open', async () => {
    const { context, page } = await rig.signedIn('admin');
    await page.goto(`${rig.base}/don-vi?kind=MEMBER&limit=40`);
    await page.getByText(/\d+ đơn vị; hiển thị từ 1 đến 40\./).waitFor();
    await Promise.all([page.waitForURL(/offset=40/), page.getByRole('link', { name: 'Trang sau →' }).click()]);
    await page.getByText(/hiển thị từ 41 đến 80\./).waitFor();
    assert.equal(await page.getByLabel('Loại đơn vị').inputValue(), 'MEMBER', 'the filter is kept');
    await Promise.all([page.waitForURL((u) => !u.search.includes('offset')), page.getByRole('link', { name: '← Trang trước' }).click()]);
    await page.getByText(/hiển thị từ 1 đến 40\./).waitFor();
    await context.close();

    const secretary = await rig.signedIn('cum6.secretary');
    await secretary.page.goto(`${rig.base}/don-vi/${ids.daklak}`);
    const links = await secretary.page.locator('main a[href^="/don-vi/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    assert.ok(links.length > 0);
    for (const href of new Set(links)) {
      const res = await secretary.page.goto(href);
      assert.equal(res?.status(), 200, href);
    }
    await secretary.context.close();
  });

  it('Bộ TTTT’s Cụm 6 forecasts no chairs after 2024 and points to Bộ KH&CN’s; a wrong address names its field', async () => {
    const { context, page } = await rig.signedIn('cum6.secretary');
    await page.goto(`${rig.base}/cum/${ids.cum6}`);
    await page.getByText('Cụm đã kết thúc với năm 2024, được tiếp nối bởi Cụm thi đua số 6 – Bộ Khoa học và Công nghệ: dự kiến luân phiên xem ở cụm đó.').waitFor();
    await Promise.all([page.waitForURL((u) => u.pathname !== `/cum/${ids.cum6}`), page.getByRole('link', { name: 'Cụm thi đua số 6 – Bộ Khoa học và Công nghệ' }).first().click()]);
    await page.getByRole('heading', { name: 'Dự kiến luân phiên' }).waitFor();
    assert.ok((await page.locator('#h-rot + div table tbody tr').count()) > 0, 'the successor forecasts');
    await context.close();

    const reviewer = await rig.signedIn('reviewer');
    const res = await reviewer.page.goto(`${rig.base}/tham-dinh?year=abc`);
    assert.equal(res?.status(), 400);
    await reviewer.page.getByText('Năm thi đua: Phải là số nguyên.').waitFor();
    await reviewer.context.close();
  });
});
