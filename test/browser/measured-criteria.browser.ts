/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../support/test-app';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, startRig, unlabelledControls } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

describe('the secretariat makes criteria measure and sets each unit’s targets in the criteria page', { skip }, () => {
  let rig: BrowserRig;
  let cum6: string;
  let secretary: string;
  before(async () => {
    rig = await startRig();
    cum6 = (await demoIds(rig.t)).cum6;
    secretary = await rig.t.token('cum6.secretary');
  });
  after(() => rig?.close());

  it('turns TC2 into a proportional quantitative criterion and TC9 into pass/fail, then sets the targets', async () => {
    const api = `/api/clusters/${cum6}/years/2020`;
    await rig.t.http.post(`${api}/pledge`).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020' }).expect(201);
    const { page } = await rig.signedIn('cum6.secretary', { width: 1366, height: 900 }, { audit: true });
    await page.goto(`${rig.base}/cum/${cum6}/nam/2020/tieu-chi`);
    const row = (n: number) => page.locator('form#criteria-editor li[data-crit]').nth(n);
    assert.equal(await row(1).getByLabel('Công thức').isVisible(), false, 'a points criterion shows no formula');
    await row(1).getByLabel('Cách tính điểm').selectOption('QUANTITATIVE');
    await row(1).getByLabel('Công thức').selectOption('PROPORTIONAL');
    await row(1).getByLabel('Đơn vị tính kết quả').fill('hồ sơ');
    await row(8).getByLabel('Cách tính điểm').selectOption('PASS_FAIL');
    assert.equal(await row(8).getByLabel('Đơn vị tính kết quả').isVisible(), false);
    assert.deepEqual(await unlabelledControls(page), []);
    await page.getByLabel('Lý do chỉnh sửa (bắt buộc, ghi vào nhật ký)').fill('Tiêu chí định lượng');
    await page.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
    await page.getByText('Đã lưu bộ tiêu chí.').waitFor();
    const set = await rig.t.http.get(`${api}/criteria`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.deepEqual([set.body.items[1].measure, set.body.items[1].formula, set.body.items[1].factUnit, set.body.items[8].measure], ['QUANTITATIVE', 'PROPORTIONAL', 'hồ sơ', 'PASS_FAIL']);

    await page.getByText('Còn thiếu 6 chỉ tiêu').waitFor();
    const groups = page.locator('#h-targets ~ form details');
    const count = await groups.count();
    for (let i = 0; i < count; i++) {
      await groups.nth(i).locator('summary').click();
      await groups.nth(i).getByLabel('Chỉ tiêu TC2 (hồ sơ)').fill(String(100 + i * 10));
    }
    await groups.nth(0).getByLabel('Không áp dụng TC9: lý do (để trống nếu áp dụng)').fill('Không được giao nhiệm vụ');
    assert.deepEqual(await unlabelledControls(page), []);
    assert.deepEqual(await axeViolations(page), []);
    await rig.shot(page, 'tieu-chi-chi-tieu-1366');
    if (process.env.SCREENSHOTS) await page.locator('section:has(#h-targets) details').first().screenshot({ path: 'artifacts/screenshots/tieu-chi-chi-tieu-nhom-1366.png' });
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await page.getByText('Đã lưu chỉ tiêu giao cho các đơn vị.').waitFor();
    const targets = await rig.t.http.get(`${api}/criteria/targets`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.deepEqual(targets.body.missing, []);
    assert.deepEqual(targets.body.targets.filter((t: { criterionCode: string }) => t.criterionCode === 'TC2').map((t: { target: number }) => t.target).sort(), [100, 110, 120, 130, 140, 150]);
    assert.equal(targets.body.targets.filter((t: { notApplicableReason: string | null }) => t.notApplicableReason).length, 1);
    await page.getByRole('columnheader', { name: 'TC2 (hồ sơ)' }).waitFor();

    const phone = await rig.signedIn('cum6.secretary', { width: 390, height: 844 });
    await phone.page.goto(`${rig.base}/cum/${cum6}/nam/2020/tieu-chi`);
    assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth <= 1), 'fits a phone');
    await rig.shot(phone.page, 'tieu-chi-chi-tieu-390');
    if (process.env.SCREENSHOTS) await phone.page.locator('section:has(#h-targets) table').screenshot({ path: 'artifacts/screenshots/tieu-chi-chi-tieu-bang-390.png' });
    if (process.env.SCREENSHOTS) await page.locator('form#criteria-editor li[data-crit]').nth(1).screenshot({ path: 'artifacts/screenshots/tieu-chi-dinh-luong-1366.png' });
  });
});
