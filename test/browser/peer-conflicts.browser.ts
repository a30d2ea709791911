/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../support/test-app';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, startRig, unlabelledControls } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

describe('the scoring rules page shows the conflicts of interest and lets the secretariat override one with a reason', { skip }, () => {
  let rig: BrowserRig;
  let cum6: string;
  before(async () => {
    rig = await startRig();
    cum6 = (await demoIds(rig.t)).cum6;
  });
  after(() => rig?.close());

  it('lists the merged units as conflicts, overrides one, and fits a phone', async () => {
    const { page } = await rig.signedIn('cum6.secretary', { width: 1366, height: 900 }, { audit: true });
    const url = `${rig.base}/cum/${cum6}/nam/2021/cach-tinh-diem`;
    await page.goto(url);
    const section = page.locator('section:has(#h-conflicts)');
    await section.getByText('Cả hai đơn vị cùng được sáp nhập vào').first().waitFor();
    const before = await section.getByText('Không được chấm').count();
    assert.ok(before >= 2, 'Phú Yên and Đắk Lắk score each other: both directions');
    assert.deepEqual(await unlabelledControls(page), []);
    assert.deepEqual(await axeViolations(page), []);
    await section.getByLabel('Lý do cho phép (bắt buộc)').fill('Hội nghị cụm đồng ý');
    await section.getByRole('button', { name: 'Cho phép' }).click();
    await page.getByText('Đã cho phép giữ phân công.').waitFor();
    await page.waitForLoadState('load');
    await section.getByText('Hội nghị cụm đồng ý').waitFor();
    assert.equal(await section.getByText('Không được chấm').count(), before - 1);
    await rig.shot(page, 'cach-tinh-diem-xung-dot-1366');
    if (process.env.SCREENSHOTS) await section.screenshot({ path: 'artifacts/screenshots/cach-tinh-diem-xung-dot-phan-1366.png' });

    const phone = await rig.signedIn('cum6.secretary', { width: 390, height: 844 });
    await phone.page.goto(url);
    assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth <= 1), 'fits a phone');
    if (process.env.SCREENSHOTS) await phone.page.locator('section:has(#h-conflicts)').screenshot({ path: 'artifacts/screenshots/cach-tinh-diem-xung-dot-390.png' });
  });
  it('declares a relation between two members, then removes it with a reason', async () => {
    const { page } = await rig.signedIn('cum6.secretary', { width: 1366, height: 900 }, { audit: true });
    await page.goto(`${rig.base}/cum/${cum6}/nam/2021/cach-tinh-diem`);
    const section = page.locator('section:has(#h-conflicts)');
    await section.getByLabel('Đơn vị thứ nhất').selectOption({ index: 0 });
    await section.getByLabel('Đơn vị thứ hai').selectOption({ index: 2 });
    await section.getByLabel('Quan hệ (lý do, bắt buộc)').fill('Lãnh đạo hai sở có quan hệ gia đình');
    await section.getByRole('button', { name: 'Khai báo' }).click();
    await page.getByText('Đã khai báo quan hệ giữa hai đơn vị.').waitFor();
    await page.waitForLoadState('load');
    await section.getByRole('heading', { name: 'Xóa một quan hệ đã khai báo' }).waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    assert.deepEqual(await axeViolations(page), []);
    await section.getByLabel('Lý do xóa (bắt buộc)').fill('Lãnh đạo sở đã chuyển công tác');
    page.once('dialog', (d) => void d.accept());
    await section.getByRole('button', { name: 'Xóa quan hệ' }).click();
    await page.getByText('Đã xóa quan hệ đã khai báo.').waitFor();
    await page.waitForLoadState('load');
    const relations = await rig.t.http.get(`/api/clusters/${cum6}/years/2021/scoring/conflicts/relations`).auth(await rig.t.token('cum6.secretary'), { type: 'bearer' }).expect(200);
    assert.deepEqual(relations.body, []);
    assert.equal(await section.getByRole('heading', { name: 'Quan hệ đã khai báo' }).count(), 0);
  });
});
