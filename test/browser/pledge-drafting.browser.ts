/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { actorFor, demoIds } from '../support/test-app';
import { POPPLER_MISSING, pdftotext, squash } from '../support/pdf-tools';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, startRig, unlabelledControls } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

/** The year drafted here: without the scene's pledge, Cụm 6's 2020 has none (nor criteria), and 2019 has a set to copy. */
const YEAR = 2020;
const MEMBERS = ['gialai', 'phuyen', 'daklak', 'lamdong', 'kontum', 'daknong'];

async function fitsPhone(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('the secretariat drafts the pledge and its criteria in the pages', { skip }, () => {
  let rig: BrowserRig;
  let cum6: string;
  let secretary: string;
  before(async () => {
    rig = await startRig();
    cum6 = (await demoIds(rig.t)).cum6;
    secretary = await rig.t.token('cum6.secretary');
  });
  after(() => rig?.close());

  it('picks a template, drafts and edits the pledge, edits the criteria tree, and opens the pledge for signing', async () => {
    const { context, page } = await rig.signedIn('cum6.secretary', { width: 1366, height: 900 }, { audit: true });
    const pledgeUrl = `${rig.base}/cum/${cum6}/nam/${YEAR}/giao-uoc`;
    const api = `/api/clusters/${cum6}/years/${YEAR}`;
    await page.goto(`${rig.base}/cum/${cum6}/nam/${YEAR}`);
    await page.getByRole('link', { name: 'Bộ tiêu chí thi đua' }).waitFor();
    await Promise.all([page.waitForURL(pledgeUrl), page.getByRole('link', { name: 'Giao ước thi đua' }).click()]);

    // The criteria's source: the templates that exist, last year's set, or none.
    const source = page.getByLabel('Bộ tiêu chí của năm');
    const options = await source.locator('option').allTextContents();
    assert.equal(options.length, 3, options.join(' | '));
    assert.match(options[0], /^Theo mẫu CUM6-2020: Nội dung giao ước thi đua năm 2020 của Cụm thi đua số 6 \(9 tiêu chí, 100 điểm\)$/);
    assert.equal(options[1], `Sao chép bộ tiêu chí năm ${YEAR - 1}`);
    assert.equal(options[2], 'Không dùng mẫu (nhập tiêu chí bằng tay)');
    await source.selectOption({ label: options[2] });
    await source.selectOption({ label: options[0] });
    assert.deepEqual(await unlabelledControls(page), []);
    // The signing date is left to the year's plan (06/03/2020).
    await page.getByRole('button', { name: 'Tạo dự thảo giao ước' }).click();
    await page.getByText('Đã tạo dự thảo bản giao ước.').waitFor();
    const criteria = await rig.t.http.get(`${api}/criteria`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(criteria.body.origin, 'TEMPLATE:CUM6-2020', 'the set comes from the template picked');

    // A date that does not exist: the server's message stands at the field and nothing is saved.
    let before = await rig.t.snapshot();
    await page.getByLabel('Ngày ký (dd/mm/yyyy)', { exact: true }).fill('31/02/2026');
    await page.getByLabel('Lý do chỉnh sửa (bắt buộc, ghi vào nhật ký)').fill('Hoàn thiện dự thảo');
    await page.getByRole('button', { name: 'Lưu bản giao ước' }).click();
    const dateField = page.getByLabel('Ngày ký (dd/mm/yyyy)', { exact: true });
    await page.locator('.field-error', { hasText: 'Phải là ngày hợp lệ' }).waitFor();
    assert.equal(await dateField.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('.field:has(#pl-signingDate) .field-error').count(), 1, 'the message is next to the date');
    assert.equal(await rig.t.snapshot(), before, 'nothing saved');

    await page.getByLabel('Số, ký hiệu (để trống: cấp số khi phát hành)').fill('07/GƯ-CTĐ6');
    await page.getByLabel('Địa điểm ký').fill('Buôn Ma Thuột');
    await dateField.fill(`20/03/${YEAR}`);
    await page.getByLabel('Chủ đề (không bắt buộc)').fill('Đoàn kết, sáng tạo, chuyển đổi số');
    const bases = page.getByLabel('Căn cứ (mỗi căn cứ một dòng)');
    await bases.fill(`${await bases.inputValue()}\nCăn cứ Kế hoạch chuyển đổi số năm ${YEAR} của các tỉnh Tây Nguyên,`);
    await page.getByLabel('Mục đích, yêu cầu').fill('Các đơn vị thi đua hoàn thành nhiệm vụ chuyển đổi số của ngành.');
    await page.getByRole('button', { name: 'Lưu bản giao ước' }).click();
    await page.getByText('Đã lưu bản giao ước.').waitFor();
    const info = page.locator('section[aria-labelledby="h-info"]');
    for (const text of ['Số 07/GƯ-CTĐ6', `Buôn Ma Thuột, ngày 20/03/${YEAR}`, 'Đoàn kết, sáng tạo, chuyển đổi số', `Kế hoạch chuyển đổi số năm ${YEAR} của các tỉnh Tây Nguyên`, 'Các đơn vị thi đua hoàn thành nhiệm vụ chuyển đổi số của ngành.']) {
      assert.ok((await info.textContent())?.includes(text), text);
    }
    const pdf = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải bản dự thảo giao ước (PDF)' }).click();
    const pdfPath = await (await pdf).path();
    assert.equal(readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-');
    if (!POPPLER_MISSING) {
      const text = squash(pdftotext(pdfPath));
      for (const expected of ['Số: 07/GƯ-CTĐ6', `Buôn Ma Thuột, ngày 20 tháng 3 năm ${YEAR}`, 'Đoàn kết, sáng tạo, chuyển đổi số', `Kế hoạch chuyển đổi số năm ${YEAR} của các tỉnh Tây Nguyên`, 'Các đơn vị thi đua hoàn thành nhiệm vụ chuyển đổi số của ngành.']) {
        assert.ok(text.includes(expected), `the PDF says "${expected}"`);
      }
    }
    assert.deepEqual(await axeViolations(page), []);
    await rig.shot(page, 'giao-uoc-du-thao-1366');

    // The criteria tree, on its own page.
    await Promise.all([page.waitForURL(/\/tieu-chi$/), page.getByRole('link', { name: 'Sửa bộ tiêu chí' }).click()]);
    const field = (name: string) => page.locator(`[name="${name}"]`);
    const scored = page.locator('[data-role="scored"]');
    assert.equal(await scored.textContent(), '100');
    await page.getByRole('button', { name: 'Thêm mục con vào tiêu chí 1' }).click();
    assert.equal(await field('items.0.children.0.code').inputValue(), 'TC1.a');
    await field('items.0.children.0.text').fill('Ban hành kế hoạch chuyển đổi số của tỉnh');
    await field('items.0.children.0.maxPoints').fill('25');
    await field('items.0.maxPoints').fill('20');
    assert.equal(await scored.textContent(), '105', 'the total follows the points as typed');
    assert.equal(await page.locator('[data-role="mismatch"]').isVisible(), true);
    await page.getByRole('button', { name: 'Xóa tiêu chí 9' }).click();
    assert.equal(await scored.textContent(), '100');
    assert.equal(await page.locator('[data-role="mismatch"]').isVisible(), false);
    await page.getByRole('button', { name: 'Thêm mục điểm thưởng' }).click();
    assert.equal(await field('items.8.code').inputValue(), 'DT1');
    assert.equal(await field('items.8.kind').inputValue(), 'BONUS');
    await field('items.8.text').fill('Được Bộ hoặc tỉnh khen thưởng về chuyển đổi số');
    await field('items.8.maxPoints').fill('abc');
    await page.getByLabel('Lý do chỉnh sửa (bắt buộc, ghi vào nhật ký)').fill('Bổ sung mục con và điểm thưởng');
    assert.deepEqual(await unlabelledControls(page), []);

    // A value that is not a number: the message at the field, nothing sent.
    before = await rig.t.snapshot();
    await page.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
    await page.locator('.field:has([name="items.8.maxPoints"]) .field-error', { hasText: 'Điểm tối đa phải là số' }).waitFor();
    assert.equal(await field('items.8.maxPoints').getAttribute('aria-invalid'), 'true');
    // Sub-items over their criterion: the server's message, at the criterion's points.
    await field('items.8.maxPoints').fill('5');
    await page.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
    await page.locator('.field:has([name="items.0.maxPoints"]) .field-error', { hasText: 'vượt điểm tối đa của tiêu chí (20)' }).waitFor();
    assert.equal(await rig.t.snapshot(), before, 'nothing saved');
    await field('items.0.children.0.maxPoints').fill('5');
    await page.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
    await page.getByText('Đã lưu bộ tiêu chí.').waitFor();

    const table = page.locator('section[aria-labelledby="h-current"] table');
    const codes = await table.locator('tbody tr td:first-child').allTextContents();
    assert.deepEqual(codes, ['TC1', 'TC1.a', 'TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8', 'DT1']);
    assert.deepEqual(await table.locator('tbody tr', { hasText: 'DT1' }).locator('td').allTextContents(), ['DT1', 'Được Bộ hoặc tỉnh khen thưởng về chuyển đổi số', 'Điểm thưởng', '5']);
    assert.equal(await table.locator('tbody tr').first().locator('td.num').textContent(), '20');
    const xlsx = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải bộ tiêu chí (Excel)' }).click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await xlsx).path());
    const sheet = workbook.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 3) rows.push((row.values as unknown[]).slice(1, 5));
    });
    assert.deepEqual(rows.map((r) => r[0]), codes);
    assert.deepEqual(rows[0].slice(2), ['Tiêu chí chấm điểm', 20]);
    assert.deepEqual(rows[1], ['TC1.a', '    Ban hành kế hoạch chuyển đổi số của tỉnh', 'Tiêu chí chấm điểm', 5]);
    assert.deepEqual(rows[9], ['DT1', 'Được Bộ hoặc tỉnh khen thưởng về chuyển đổi số', 'Điểm thưởng', 5]);
    assert.deepEqual(await axeViolations(page), []);
    await rig.shot(page, 'tieu-chi-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok((await fitsPhone(page)) <= 1, 'the criteria page fits 390 px');
    await rig.shot(page, 'tieu-chi-390');

    // Back to the pledge: the table shows the edited tree; the secretariat opens it for signing.
    await page.goto(pledgeUrl);
    assert.ok((await fitsPhone(page)) <= 1, 'the pledge page fits 390 px');
    await rig.shot(page, 'giao-uoc-du-thao-390');
    await page.setViewportSize({ width: 1366, height: 900 });
    assert.deepEqual(await page.locator('section[aria-labelledby="h-crit"] tbody tr td:first-child').allTextContents(), codes);
    await page.getByRole('button', { name: 'Mở cho các đơn vị ký' }).click();
    await page.getByText('Đã mở ký giao ước.').waitFor();
    await page.locator('section[aria-labelledby="h-info"] .badge', { hasText: 'Đang ký' }).waitFor();
    const pledge = await rig.t.http.get(`${api}/pledge`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(pledge.body.status, 'OPEN');
    assert.equal(pledge.body.documentNumber, '07/GƯ-CTĐ6');
    await context.close();
  });

  it('editing the pledge being signed withdraws the signatures once confirmed; signed by all, the criteria change by amendment', async () => {
    const api = `/api/clusters/${cum6}/years/${YEAR}`;
    const sign = async (user: string) => {
      const actor = await actorFor(rig.t, user);
      await rig.t.http.post(`${api}/pledge/signatures`).auth(actor.token, { type: 'bearer' }).send({ signerName: 'Nguyễn Văn An', signerTitle: 'Giám đốc', unitId: actor.unitId }).expect(201);
    };
    await sign('gialai');
    const { context, page } = await rig.signedIn('cum6.secretary', { width: 1366, height: 900 }, { audit: true });
    await page.goto(`${rig.base}/cum/${cum6}/nam/${YEAR}/giao-uoc`);
    await page.getByText('Sửa bản giao ước đang ký (hủy 1 chữ ký đã có)').click();
    await page.getByLabel('Chủ đề (không bắt buộc)').fill('Đoàn kết, đổi mới, chuyển đổi số');
    await page.getByLabel('Lý do chỉnh sửa (bắt buộc, ghi vào nhật ký)').fill('Thống nhất lại chủ đề');
    const before = await rig.t.snapshot();
    await page.getByRole('button', { name: 'Lưu bản giao ước' }).click();
    const confirm = page.getByLabel(/Tôi hiểu rằng lưu thay đổi sẽ hủy 1 chữ ký/);
    await page.locator('.field:has(#pl-confirmResetSignatures) .field-error', { hasText: 'Cần xác nhận hủy 1 chữ ký.' }).waitFor();
    assert.equal(await rig.t.snapshot(), before, 'nothing changed before the confirmation');
    await confirm.check();
    await page.getByRole('button', { name: 'Lưu bản giao ước' }).click();
    await page.getByText('Đã lưu bản giao ước.').waitFor();
    await page.getByText('Đã ký 0/6 đơn vị').waitFor();

    for (const user of MEMBERS) await sign(user);
    await page.goto(`${rig.base}/cum/${cum6}/nam/${YEAR}/tieu-chi`);
    await page.getByRole('heading', { name: 'Lập bản sửa đổi bộ tiêu chí' }).waitFor();
    await page.getByText('Mọi thay đổi được lập thành bản sửa đổi').waitFor();
    await page.locator('[name="items.8.maxPoints"]').fill('3');
    await page.getByLabel('Lý do sửa đổi (bắt buộc, ghi vào bản sửa đổi và nhật ký)').fill('Giảm điểm thưởng theo góp ý của Bộ');
    await page.getByRole('button', { name: 'Lập bản sửa đổi' }).click();
    await page.getByText('Đã lập bản sửa đổi bộ tiêu chí (phiên bản 2).').waitFor();
    const versions = page.locator('section[aria-labelledby="h-versions"] tbody tr');
    assert.equal(await versions.count(), 2);
    assert.deepEqual((await versions.nth(1).locator('td').allTextContents()).slice(0, 3), ['2', 'Sửa đổi phiên bản 1', 'Giảm điểm thưởng theo góp ý của Bộ']);
    const current = await rig.t.http.get(`${api}/criteria`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.deepEqual([current.body.versionNo, current.body.locked, current.body.items.at(-1).maxPoints], [2, true, 3]);
    assert.deepEqual(await axeViolations(page), []);
    await rig.shot(page, 'tieu-chi-sua-doi-1366');
    await context.close();
  });

  it('the secretariat records a signature made on paper, dated the day on the paper, and takes one back', async () => {
    const api = `/api/clusters/${cum6}/years/2021/pledge`;
    const created = await rig.t.http.post(api).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020', signingDate: '2021-03-12' }).expect(201);
    await rig.t.http.post(`${api}/open`).auth(secretary, { type: 'bearer' }).send({ version: created.body.version }).expect(200);
    const { context, page } = await rig.signedIn('cum6.secretary', { width: 1366, height: 900 }, { audit: true });
    await page.goto(`${rig.base}/cum/${cum6}/nam/2021/giao-uoc`);
    await page.locator('summary', { hasText: 'Ghi nhận chữ ký trên bản giấy' }).click();
    assert.equal(await page.getByLabel('Ngày ký trên bản giấy').inputValue(), '12/03/2021', 'the pledge’s own date, to start from');
    await page.getByLabel('Đơn vị đã ký bản giấy').selectOption({ label: 'Sở Thông tin và Truyền thông tỉnh Gia Lai' });
    await page.getByLabel('Họ tên người ký').fill('Nguyễn Văn An');
    await page.getByLabel('Ngày ký trên bản giấy').fill('01/01/2099');
    await page.getByLabel('Lý do ghi nhận').fill('Ký tại hội nghị ký giao ước ngày 12/03/2021');
    const before = await rig.t.snapshot();
    await page.getByRole('button', { name: 'Ghi nhận chữ ký' }).click();
    await page.locator('.field:has(#giay-ngay) .field-error', { hasText: 'Ngày ký trên bản giấy không được sau hôm nay.' }).waitFor();
    assert.equal(await page.getByLabel('Ngày ký trên bản giấy').getAttribute('aria-invalid'), 'true', 'the error sits at the field');
    assert.equal(await rig.t.snapshot(), before, 'nothing saved');
    await page.getByLabel('Ngày ký trên bản giấy').fill('12/03/2021');
    await page.getByRole('button', { name: 'Ghi nhận chữ ký' }).click();
    await page.getByText('Đã ghi nhận chữ ký trên bản giấy.').waitFor();
    const row = page.locator('section[aria-labelledby="h-signers"] tr', { hasText: 'Gia Lai' });
    await row.getByText('Đã ký bản giấy').waitFor();
    await row.getByText('Ngày 12/03/2021 (bản giấy)').waitFor();
    await page.getByText('Đã ký 1/6 đơn vị').waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    assert.deepEqual(await axeViolations(page), []);
    await rig.shot(page, 'giao-uoc-ban-giay-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok((await fitsPhone(page)) <= 1, 'the pledge page fits 390 px');
    await rig.shot(page, 'giao-uoc-ban-giay-390');
    await page.setViewportSize({ width: 1366, height: 900 });
    if (!(await page.getByLabel('Lý do hủy').isVisible())) await page.locator('summary', { hasText: 'Ghi nhận chữ ký trên bản giấy' }).click();
    await page.getByLabel('Lý do hủy').fill('Ghi nhầm người ký');
    await page.getByRole('button', { name: 'Hủy ghi nhận' }).click();
    await page.getByText('Đã hủy ghi nhận chữ ký trên bản giấy.').waitFor();
    await page.getByText('Đã ký 0/6 đơn vị').waitFor();
    await context.close();
  });
});
