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
  it('the explanation round in the pages: the secretariat opens it, a unit contests TC2, the secretariat accepts a new result', async () => {
    const api = `/api/clusters/${cum6}/years/2020`;
    const gialai = (await demoIds(rig.t)).gialai;
    await rig.t.http.put(`${api}/scoring/config`).auth(secretary, { type: 'bearer' }).send({ rule: 'CLUSTER', normalize: false, selfMargin: 5, peerOutlier: 10, bands: [{ minPoints: 0, label: 'Hoàn thành nhiệm vụ' }], peerMode: 'ALL', peerK: 1, reason: 'Điểm cụm' }).expect(200);
    const sheet = await rig.t.http.post(`${api}/scoring/sheets`).auth(secretary, { type: 'bearer' }).send({ targetUnitId: gialai, kind: 'CLUSTER' }).expect(201);
    const entries = ['TC1', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8'].map((code) => ({ code, points: 5 }));
    const saved = await rig.t.http.put(`${api}/scoring/sheets/${sheet.body.id}/entries`).auth(secretary, { type: 'bearer' }).send({ version: sheet.body.version, entries: [...entries, { code: 'TC2', achieved: 60 }, { code: 'TC9', achieved: 1 }] }).expect(200);
    await rig.t.http.post(`${api}/scoring/sheets/${sheet.body.id}/submit`).auth(secretary, { type: 'bearer' }).send({ version: saved.body.version }).expect(200);

    const { page } = await rig.signedIn('cum6.secretary', { width: 1366, height: 900 }, { audit: true });
    const url = `${rig.base}/cum/${cum6}/nam/2020/giai-trinh`;
    await page.goto(url);
    await page.getByLabel('Hạn cuối nhận giải trình (dd/mm/yyyy)').fill(`31/12/${new Date().getFullYear() + 1}`);
    await page.getByRole('button', { name: 'Mở giải trình' }).click();
    await page.getByText('Đã mở vòng giải trình.').waitFor();

    const unit = await rig.signedIn('skhcn.gialai', { width: 390, height: 844 }, { audit: true });
    await unit.page.goto(url);
    await unit.page.getByRole('heading', { name: 'Điểm tạm thời theo tiêu chí' }).waitFor();
    await unit.page.getByLabel('Tiêu chí giải trình').selectOption('TC2');
    await unit.page.getByLabel('Nội dung giải trình').fill('Số hồ sơ quý IV chưa được tính: đạt 90 hồ sơ.');
    await unit.page.getByLabel('Minh chứng (văn bản, số liệu; không bắt buộc)').fill('Báo cáo bổ sung số 45/BC');
    assert.deepEqual(await unlabelledControls(unit.page), []);
    assert.deepEqual(await axeViolations(unit.page), []);
    assert.ok(await unit.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth <= 1), 'fits a phone');
    await unit.page.getByRole('button', { name: 'Gửi giải trình' }).click();
    await unit.page.getByText('Đã gửi giải trình.').waitFor();
    await rig.shot(unit.page, 'giai-trinh-don-vi-390');

    await page.goto(url);
    await page.getByLabel('Kết quả mới (tiêu chí tính từ kết quả)').fill('90');
    await page.getByLabel('Trả lời, lý do (bắt buộc)').fill('Đã đối chiếu báo cáo bổ sung');
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('button', { name: 'Trả lời' }).click();
    await page.getByText('Đã trả lời giải trình.').waitFor();
    await page.waitForLoadState('load');
    await page.getByText('(điểm mới 11,25)').waitFor();
    await rig.shot(page, 'giai-trinh-van-phong-1366');
    const ranking = await rig.t.http.get(`${api}/scoring/ranking`).auth(secretary, { type: 'bearer' }).expect(200);
    const row = ranking.body.rows.find((r: { unit: { id: string } }) => r.unit.id === gialai);
    assert.ok(row.reasons.includes('Giải trình TC2: chấp nhận, điểm 7,5 → 11,25 (Đã đối chiếu báo cáo bổ sung).'), row.reasons.join(' | '));
  });
  it('the score grid shows and takes achieved values for the criteria that measure, checked as typed', async () => {
    const api = `/api/clusters/${cum6}/years/2020`;
    const gialai = (await demoIds(rig.t)).gialai;
    const { page } = await rig.signedIn('cum6.secretary', { width: 1366, height: 900 }, { audit: true });
    await page.goto(`${rig.base}/cum/${cum6}/nam/2020/cham-diem`);
    const own = page.locator(`tr[data-target="${gialai}"]`);
    assert.equal(await own.locator('input[data-code="TC2"]').inputValue(), '90', 'the achieved value, not the points');
    assert.match((await own.locator('input[data-code="TC2"]').getAttribute('aria-label')) ?? '', /nhập kết quả đạt được \(hồ sơ\).*chỉ tiêu/);
    await own.getByText('11,25 điểm').waitFor();
    // The unit TC9 does not apply to shows it before it has a sheet; another unit is scored.
    await page.locator('tr[data-target] td[title="Không được giao nhiệm vụ"]').first().waitFor();
    const other = page.locator(`tr[data-target]:not([data-target="${gialai}"]):has(input[data-code="TC9"])`).first();
    const otherId = await other.getAttribute('data-target');
    for (const code of ['TC1', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8']) await other.locator(`input[data-code="${code}"]`).fill('5');
    await other.locator('input[data-code="TC2"]').fill('100');
    await other.locator('input[data-code="TC9"]').fill('2');
    await other.getByText('Nhập 1 (đạt) hoặc 0 (không đạt).').waitFor();
    await other.locator('input[data-code="TC9"]').fill('1');
    assert.deepEqual(await unlabelledControls(page), []);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.waitForFunction((id) => document.querySelector(`tr[data-target="${id}"] [data-role="fact-points"]`)?.textContent?.includes('điểm'), otherId);
    const sheets = await rig.t.http.get(`${api}/scoring/sheets?kind=CLUSTER`).auth(secretary, { type: 'bearer' }).expect(200);
    const saved = sheets.body.find((x: { target: { id: string } }) => x.target.id === otherId);
    const entry = (code: string) => saved.entries.find((e: { code: string }) => e.code === code);
    assert.deepEqual([entry('TC2').achieved, entry('TC9').achieved, entry('TC9').points > 0], [100, 1, true]);
    await rig.shot(page, 'cham-diem-dinh-luong-1366');
  });
});
