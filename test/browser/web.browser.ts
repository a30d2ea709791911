/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import assert from 'node:assert/strict';
import type { Dialog } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { POPPLER_MISSING, pdftotext, squash } from '../support/pdf-tools';
import { BrowserRig, CHROMIUM_MISSING, attachEvidence, startCum6Scene, unlabelledControls, fetchInPage, submitSheets } from './support';
import { COUNCIL_MEMBERS } from '../support/council';
import { addDays, formatDateVi, todayInVietnam } from '../../src/common/time';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

/** Consolidated 2020 points per unit: all criteria at their maximum except TC1, lowered by `less`. */
const MAX = [15, 15, 10, 10, 15, 10, 10, 10, 5];
const LESS: Record<string, number> = { 'Phú Yên': 0.5, 'Đắk Lắk': 1, 'Gia Lai': 1.5, 'Lâm Đồng': 2, 'Kon Tum': 2.5, 'Đắk Nông': 3 };
const vi = (n: number) => String(n).replace('.', ',');

describe('web pages in Chromium: the workflows', { skip }, () => {
  let rig: BrowserRig;
  let secretary: string;
  let cum6: string;
  let ministry: string;
  before(async () => {
    let ids;
    ({ rig, secretary, cum6, ids } = await startCum6Scene());
    ministry = ids.ministry;
  });
  after(() => rig?.close());

  it('login: a wrong password is explained in Vietnamese; the right one opens the dashboard', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${rig.base}/cum`);
    assert.match(page.url(), /\/dang-nhap\?tiep=%2Fcum$/);
    // Opened by an intranet name over plain HTTP (rig.base): the style sheet and the script load from the same
    // origin (no https upgrade), and no request ever carries the password in its URL.
    assert.match(rig.base, /^http:\/\/thidua\.intranet:\d+$/);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    const styled = await page.evaluate(() => ({ sheets: Array.from(document.styleSheets).filter((s) => s.href && s.cssRules.length > 0).length, font: getComputedStyle(document.body).fontFamily }));
    assert.ok(styled.sheets >= 1, 'the style sheet loaded over plain HTTP');
    assert.match(styled.font, /Segoe UI/, 'the page is styled by app.css, not the browser default');
    await rig.shot(page, 'dang-nhap-390');
    await page.getByLabel('Tên đăng nhập').fill('cum6.secretary');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng' }).waitFor();
    await page.getByLabel('Mật khẩu', { exact: true }).fill('ThiDua@Demo2026');
    await Promise.all([page.waitForURL(`${rig.base}/cum`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    assert.ok(urls.length > 0 && urls.every((u) => !/sai-mat-khau|ThiDua/.test(u) && u.startsWith(rig.base)), `requests: ${urls.join(' ')}`);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'thidua_session');
    assert.ok(session?.httpOnly, 'the session cookie is httpOnly');
    assert.equal(session?.sameSite, 'Strict');
    // A script on the page cannot change anything without the CSRF token.
    const forged: { status: number; body: { code: string } } = await page.evaluate(async (url) => {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: 1 }) });
      return { status: res.status, body: await res.json() };
    }, `/api/clusters/${cum6}/years/2020/scoring/finalize`);
    assert.equal(forged.status, 403);
    assert.equal(forged.body.code, 'CSRF_REJECTED');
    await Promise.all([page.waitForURL(/\/dang-nhap$/), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
    await page.goto(`${rig.base}/`);
    assert.match(page.url(), /\/dang-nhap/, 'after logout the pages ask for a login again');
    await context.close();
  });

  it('a secretariat enters the consolidated scores, is stopped by a stale edit without losing input, submits, and sees the ranking', async () => {
    const { context, page } = await rig.signedIn('cum6.secretary');
    await page.goto(`${rig.base}/cum/${cum6}/nam/2020/cham-diem`);
    assert.deepEqual(await unlabelledControls(page), []);
    // The pledge is open, not yet signed by all: its criteria may still change until a first sheet is handed in.
    assert.equal(
      await page.getByTestId('criteria-unlocked').textContent(),
      'Bộ tiêu chí năm 2020 chưa khóa (giao ước thi đua chưa được các đơn vị ký đủ): thư ký cụm còn có thể sửa tiêu chí cho đến khi có phiếu chấm đầu tiên được nộp.',
    );
    const row = (province: string) => page.locator('tr[data-target]', { hasText: province });
    const cell = (province: string, code: string) => row(province).locator(`input[data-code="${code}"]`);

    // The Excel round trip from the page: a workbook with bad cells is refused as a whole, cell by cell.
    const templateDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải mẫu phiếu chấm (.xlsx)' }).click();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await (await templateDownload).path()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Phiếu chấm')!;
    ws.getCell('D6').value = 16;
    ws.getCell('E7').value = 'mười';
    await page.getByLabel('Tệp mẫu đã nhập điểm').setInputFiles({ name: 'phieu-cham.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    const uploadErrors = page.locator('form', { has: page.getByLabel('Tệp mẫu đã nhập điểm') }).getByRole('alert');
    await uploadErrors.getByText(/Phiếu chấm: Ô D6: .*TC1 phải từ 0 đến 15/).waitFor();
    await uploadErrors.getByText(/Phiếu chấm: Ô E7 \(TC2\) phải là số/).waitFor();
    await rig.shot(page, 'cham-diem-loi-excel');
    const none = await rig.t.http.get(`/api/clusters/${cum6}/years/2020/scoring/sheets?kind=CLUSTER`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(none.body.length, 0, 'a refused workbook writes nothing');

    // Checked as typed: out of range, not a number, too many decimals.
    await cell('Phú Yên', 'TC1').fill('16');
    await row('Phú Yên').getByText('Phải từ 0 đến 15.').waitFor();
    await cell('Phú Yên', 'TC1').fill('abc');
    await row('Phú Yên').getByText('Không phải là số.').waitFor();
    await cell('Phú Yên', 'TC1').fill('14,555');
    await row('Phú Yên').getByText('Tối đa hai chữ số thập phân.').waitFor();

    for (const [province, less] of Object.entries(LESS)) {
      for (const [i, max] of MAX.entries()) await cell(province, `TC${i + 1}`).fill(vi(i === 0 ? max - less : max));
    }
    assert.equal(await row('Phú Yên').locator('[data-role="total"]').textContent(), '99,5', 'the total follows the typing');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Đã lưu 6 phiếu.', { exact: true }).waitFor();
    await rig.shot(page, 'cham-diem-1366');

    // Someone else changes Phú Yên's sheet meanwhile (through the API, as the same secretariat).
    const list = await rig.t.http.get(`/api/clusters/${cum6}/years/2020/scoring/sheets?kind=CLUSTER`).auth(secretary, { type: 'bearer' }).expect(200);
    const py = list.body.find((s: { target: { shortName: string } }) => s.target.shortName === 'Sở TTTT Phú Yên');
    await rig.t.http.put(`/api/clusters/${cum6}/years/2020/scoring/sheets/${py.id}/entries`).auth(secretary, { type: 'bearer' }).send({ version: py.version, entries: [{ code: 'TC9', points: 4 }] }).expect(200);

    await cell('Phú Yên', 'TC8').fill('9,5');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await row('Phú Yên').getByText(/Phiếu đã được Thư ký Cụm thi đua số 6 \(Sở KH&CN Gia Lai\) \(cum6\.secretary\) thay đổi lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/).waitFor();
    assert.equal(await cell('Phú Yên', 'TC8').inputValue(), '9,5', 'the user keeps what they typed');
    await rig.shot(page, 'cham-diem-xung-dot');
    await row('Phú Yên').getByRole('button', { name: 'Tải lại phiếu' }).click();
    await row('Phú Yên').getByText('Trên máy chủ: 4').waitFor();
    assert.equal(await cell('Phú Yên', 'TC9').inputValue(), '5');
    // Handing in asks first; "Hủy" sends nothing.
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.getByRole('button', { name: 'Nộp phiếu' }).click();
    assert.equal(asked.length, 1, 'asked before anything is sent');
    assert.match(asked[0], /^Nộp các phiếu chấm trên trang\? Phiếu đã nộp được đưa vào tổng hợp kết quả; muốn sửa điểm sau khi nộp phải ghi lý do sửa\.$/);
    const unsent = await rig.t.http.get(`/api/clusters/${cum6}/years/2020/scoring/sheets?kind=CLUSTER`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.ok(unsent.body.every((s: { status: string }) => s.status === 'DRAFT'), 'nothing handed in');
    await submitSheets(page);
    await page.getByText('Đã nộp 6 phiếu.', { exact: true }).waitFor();
    // Handed in: the criteria can no longer change in place, and the page no longer says they can (helper-90).
    await page.reload();
    assert.equal(await page.getByTestId('criteria-unlocked').count(), 0);

    const after = await rig.t.http.get(`/api/clusters/${cum6}/years/2020/scoring/sheets?kind=CLUSTER`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(after.body.length, 6);
    assert.ok(after.body.every((s: { status: string }) => s.status === 'SUBMITTED'));
    const pyAfter = after.body.find((s: { id: string }) => s.id === py.id);
    assert.deepEqual(
      pyAfter.entries.map((e: { points: number }) => e.points),
      [14.5, 15, 10, 10, 15, 10, 10, 9.5, 5],
      'the reloaded sheet holds the user’s values, nothing lost',
    );

    await page.goto(`${rig.base}/cum/${cum6}/nam/2020/xep-hang`);
    const names = await page.getByRole('table', { name: /^Kết quả xếp hạng năm 2020/ }).locator('tbody tr th[scope="row"]').allTextContents();
    assert.deepEqual(
      names.map((n) => n.replace('Sở Thông tin và Truyền thông tỉnh ', '')),
      ['Đắk Lắk', 'Phú Yên', 'Gia Lai', 'Lâm Đồng', 'Kon Tum', 'Đắk Nông'],
      'Đắk Lắk and Phú Yên both have 99 points: Đắk Lắk has more criteria at their maximum',
    );
    await page.getByText('Điểm cuối cùng 99').first().waitFor();
    // The ranking drawn as bars (SVG), described for a screen reader with the same figures.
    const chart = page.getByRole('img', { name: 'Biểu đồ điểm cuối cùng năm 2020, Cụm thi đua số 6' });
    await chart.waitFor();
    assert.match((await page.locator('figure.chart desc').textContent()) ?? '', /^Hạng 1: Sở TTTT Đắk Lắk 99 điểm/);
    assert.equal(await page.locator('figure.chart rect').count(), 6);
    // Printed, the page keeps the content and drops the navigation and the forms.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.top nav').isVisible(), false);
    assert.equal(await page.getByRole('heading', { name: 'Kết quả xếp hạng năm 2020' }).isVisible(), true);
    await page.emulateMedia({ media: 'screen' });
    await rig.shot(page, 'xep-hang-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await rig.shot(page, 'xep-hang-390');
    const download = page.waitForEvent('download');
    // Not published yet: the link and the file say it is a draft.
    await page.getByRole('link', { name: 'Xuất bảng điểm, bản dự thảo (Excel)' }).click();
    assert.match((await download).suggestedFilename(), /^Bang-tong-hop-diem-2020-.+-du-thao\.xlsx$/);
    const file = await (await download).path();
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'the scoreboard is an xlsx (zip) file');
    await context.close();
  });

  it('a member officer sees the pledge waiting, signs it for the unit and downloads the PDF', async () => {
    // The demo's 2020 scoring window is long past: without a window, members may score until publication.
    const admin = await rig.t.token('admin');
    const y2020 = await rig.t.http.get(`/api/clusters/${cum6}/years/2020`).auth(admin, { type: 'bearer' }).expect(200);
    await rig.t.http
      .patch(`/api/clusters/${cum6}/years/2020`)
      .auth(admin, { type: 'bearer' })
      .send({ version: y2020.body.version, reason: 'Kiểm thử: bỏ thời hạn chấm điểm', scoringOpensOn: null, scoringClosesOn: null })
      .expect(200);
    // Sở TTTT Phú Yên ended on 28/02/2025: its officer is told so and has nothing to do.
    const ended = await rig.signedIn('phuyen');
    await ended.page.getByText('Sở Thông tin và Truyền thông tỉnh Phú Yên đã kết thúc hoạt động ngày 28/02/2025, nay là Sở Khoa học và Công nghệ tỉnh Đắk Lắk.').waitFor();
    assert.equal(await ended.page.getByRole('link', { name: /Ký giao ước|Chấm điểm/ }).count(), 0);
    await rig.shot(ended.page, 'tong-quan-don-vi-da-sap-nhap');
    await ended.context.close();
    // Sở KH&CN Gia Lai acts for Sở TTTT Gia Lai, which it took over, in the 2020 replay.
    const { context, page } = await rig.signedIn('skhcn.gialai');
    await page.getByRole('link', { name: 'Chấm điểm năm 2020: tự chấm và chấm chéo' }).waitFor();
    await rig.shot(page, 'tong-quan-don-vi');
    await Promise.all([page.waitForURL(/giao-uoc$/), page.getByRole('link', { name: 'Ký giao ước thi đua năm 2020' }).click()]);
    assert.deepEqual(await unlabelledControls(page), []);
    await page.getByLabel('Họ tên người ký').fill('');
    await page.getByRole('button', { name: 'Ký giao ước' }).click();
    await page.locator('.field-error').first().waitFor();
    assert.equal(await page.getByLabel('Họ tên người ký').getAttribute('aria-invalid'), 'true', 'the error sits at the field');
    await page.getByLabel('Họ tên người ký').fill('Nguyễn Văn An');
    await page.getByRole('button', { name: 'Ký giao ước' }).click();
    await page.getByText('Đơn vị của bạn đã ký giao ước.').waitFor();
    const signed = page.locator('tr', { hasText: 'Gia Lai' }).filter({ hasText: 'Nguyễn Văn An' });
    await signed.getByText('Đã ký').waitFor();
    await rig.shot(page, 'giao-uoc-1366');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải bản dự thảo giao ước (PDF)' }).click();
    const path = await (await download).path();
    const bytes = readFileSync(path);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    if (!POPPLER_MISSING) {
      const text = squash(pdftotext(path));
      assert.match(text, /Nguyễn Văn An/);
      assert.ok(text.includes('Số: 01/GƯ-CTĐ6'), 'a pledge created without a number takes the next of the cluster series');
    }

    // Self-scoring on the page: one row, the unit itself; then the peers it scores.
    await page.goto(`${rig.base}/`);
    await Promise.all([page.waitForURL(/cham-diem$/), page.getByRole('link', { name: 'Chấm điểm năm 2020: tự chấm và chấm chéo' }).click()]);
    const rows = page.locator('tr[data-target]');
    assert.equal(await rows.count(), 1);
    for (const [i, max] of MAX.entries()) await rows.first().locator(`input[data-code="TC${i + 1}"]`).fill(vi(max));
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText(/Đã lưu/).first().waitFor();
    await attachEvidence(page, MAX.map((_, i) => `TC${i + 1}`));
    await submitSheets(page);
    await page.getByText('Đã nộp 1 phiếu.', { exact: true }).waitFor();
    const officer = await rig.t.token('skhcn.gialai');
    const mine = await rig.t.http.get(`/api/clusters/${cum6}/years/2020/scoring/sheets?kind=SELF`).auth(officer, { type: 'bearer' }).expect(200);
    assert.deepEqual(mine.body.map((x: { status: string; totals: { total: number } }) => [x.status, x.totals.total]), [['SUBMITTED', 100]]);
    await page.getByRole('link', { name: 'Chấm chéo' }).click();
    assert.equal(await page.locator('tr[data-target]').count(), 5, 'every other member, never itself');
    assert.equal(await page.locator('tr[data-target]', { hasText: 'Gia Lai' }).count(), 0);
    await rig.shot(page, 'cham-cheo-don-vi');
    await context.close();
  });

  it('a secretariat records the review meeting, the ballots, confirms a proposal and sends it to the ministry', async () => {
    const { context, page } = await rig.signedIn('cum6.secretary');
    // 2020's results are not published yet: the page says so and leads to the ranking instead of offering the form.
    await page.goto(`${rig.base}/cum/${cum6}/nam/2020/binh-xet`);
    await page.getByText('Kết quả chấm điểm năm 2020 chưa được công bố: hội nghị bình xét phải căn cứ vào kết quả đã công bố.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Tạo cuộc họp' }).count(), 0);
    await rig.shot(page, 'binh-xet-chua-cong-bo');
    await Promise.all([page.waitForURL(/\/nam\/2020\/xep-hang$/), page.getByRole('link', { name: 'Chốt và công bố kết quả' }).click()]);
    await page.getByRole('heading', { name: 'Chốt và công bố kết quả' }).waitFor();
    await page.goto(`${rig.base}/cum/${cum6}/nam/2019/binh-xet`);
    await page.getByLabel('Ngày họp').fill('06/03/2020');
    await page.getByLabel('Địa điểm').fill('Đắk Lắk');
    await page.getByLabel('Người chủ trì').fill('Giám đốc Sở TTTT Đắk Lắk');
    await page.getByLabel('Thư ký hội nghị').fill('Thư ký cụm');
    await page.getByRole('button', { name: 'Tạo cuộc họp' }).click();
    await page.getByText('Ngày 06/03/2020 tại Đắk Lắk').waitFor();
    // Before any ballot, the page states the shares the rule in force requires (not "chưa có").
    await page.getByText(/Mức đồng ý cụm áp dụng: Cờ thi đua của Bộ (trên|từ) \d+%/).waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    // The share of women each member reported for the year is recorded with the attendance, typed as people write it.
    await page.getByLabel(/Tỷ lệ nữ \(%\): .*Gia Lai/).fill('72,5');
    await page.getByRole('button', { name: 'Lưu thành phần tham dự' }).click();
    await page.getByText('6/6 đơn vị tham gia biểu quyết').waitFor();
    await page.reload();
    assert.equal(await page.getByLabel(/Tỷ lệ nữ \(%\): .*Gia Lai/).inputValue(), '72,5');
    const votes: Array<[RegExp, string]> = [
      [/Số phiếu Cờ thi đua của Bộ: .*Đắk Lắk/, '6'],
      [/Số phiếu Cờ thi đua của Bộ: .*Phú Yên/, '5'],
      [/Số phiếu Bằng khen của Bộ trưởng: .*Gia Lai/, '6'],
      [/Số phiếu Bằng khen của Bộ trưởng: .*Lâm Đồng/, '5'],
    ];
    for (const [label, n] of votes) await page.getByLabel(label).fill(n);
    await page.getByRole('button', { name: 'Lưu phiếu bầu' }).click();
    await page.getByText('Đã lưu phiếu bầu.').waitFor();
    // The election of next year's chair from the meeting page: 2020's term is already on record (seed 003), so the
    // page says so and the form starts from it (to record again); without a chair it says so at the field.
    const elect = page.locator('form', { has: page.getByRole('button', { name: 'Ghi nhận lại kết quả bầu' }) });
    await page.getByTestId('next-term').getByText(/^Đã ghi nhận năm 2020: Cụm trưởng .+\(.+\)\. Ghi nhận lại nếu hội nghị bầu khác\.$/).waitFor();
    const chairField = elect.getByLabel('Cụm trưởng năm 2020');
    const recorded = await chairField.inputValue();
    assert.notEqual(recorded, '', 'the recorded chair is selected');
    await chairField.evaluate((el) => ((el as HTMLSelectElement).value = ''));
    await elect.getByRole('button', { name: 'Ghi nhận lại kết quả bầu' }).click();
    await elect.getByText('Bắt buộc phải có.').first().waitFor();
    await elect.getByText('Có 1 ô cần sửa (“Cụm trưởng năm 2020”): xem thông báo ngay dưới ô đó.').waitFor();
    assert.equal(await chairField.evaluate((el) => el === document.activeElement), true, 'the field is focused');
    await chairField.selectOption(recorded);
    const suggestion = page.locator('form', { hasText: 'Gợi ý: Cờ thi đua của Bộ cho Sở Thông tin và Truyền thông tỉnh Đắk Lắk' });
    await suggestion.getByRole('button', { name: 'Xác nhận đề nghị' }).click();
    await page.getByText('Đã xác nhận đề nghị.').waitFor();
    // Before anything is sent, the documents are drafts, and the page says so.
    await page.getByTestId('drafts-note').getByText('Chưa gửi đề nghị lên Bộ: tài liệu tải về là bản dự thảo').waitFor();
    await page.getByRole('link', { name: 'Dự thảo tờ trình đề nghị khen thưởng (PDF)', exact: true }).waitFor();
    await rig.shot(page, 'binh-xet-du-thao');
    // On a phone the drafts and the send-all form fit the width (no sideways scroll).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('form[data-api$="/proposals/submit"]').scrollIntoViewIfNeeded();
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 1, 'the meeting page fits 390 px');
    // The vote tables become one card a unit: the result column is inside its card, not cut off to its right.
    const cut = await page.locator('form[data-api$="/review-meeting/ballots"] .table-wrap, form[data-api$="/review-meeting/attendance"] .table-wrap').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).length);
    assert.equal(cut, 0, 'no attendance or vote table scrolls sideways at 390 px');
    await rig.shot(page, 'binh-xet-du-thao-390');
    await page.setViewportSize({ width: 1366, height: 768 });
    const row = page.locator('tr', { hasText: 'Cờ thi đua của Bộ' }).filter({ hasText: 'Đắk Lắk' }).filter({ has: page.getByRole('button', { name: 'Gửi Bộ' }) });
    // Not sent without the unit's achievement report: the row says why; the report is uploaded in its block, then sent.
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Gửi Bộ' }).click();
    await row.getByText(/chưa có báo cáo thành tích của đơn vị; cần có báo cáo thành tích trước khi gửi đề nghị/).waitFor();
    const reports = page.locator('section.reports', { has: page.getByRole('heading', { name: 'Báo cáo thành tích: Cờ thi đua của Bộ, Sở Thông tin và Truyền thông tỉnh Đắk Lắk' }) });
    await reports.getByLabel('Tệp báo cáo thành tích').setInputFiles({ name: 'bao-cao-thanh-tich-dak-lak.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 0x20), Buffer.from('\n%%EOF\n')]) });
    await reports.getByRole('button', { name: 'Tải lên báo cáo' }).click();
    await page.getByRole('link', { name: 'bao-cao-thanh-tich-dak-lak.pdf' }).waitFor();
    // The confirmed proposals go together (one sending, one Tờ trình); 2019 is re-entered, so the Tờ trình takes the
    // original's date, given with the sending: refused before the meeting at the field, in Vietnamese.
    const sendAll = page.locator('form[data-api$="/proposals/submit"]');
    // A date that is no day of the calendar is said at its field before any "are you sure?".
    let asked = false;
    const seen = (d: Dialog) => {
      asked = true;
      void d.dismiss();
    };
    page.on('dialog', seen);
    await sendAll.getByLabel('Ngày ban hành tờ trình gửi kèm').fill('31/02/2020');
    await sendAll.getByRole('button', { name: 'Gửi Bộ 1 đề nghị đã xác nhận' }).click();
    await sendAll.getByText('Phải là ngày hợp lệ, dạng dd/mm/yyyy (ví dụ 15/03/2026).').waitFor();
    await sendAll.getByText('Có 1 ô cần sửa (“Ngày ban hành tờ trình gửi kèm”): xem thông báo ngay dưới ô đó.').waitFor();
    page.off('dialog', seen);
    assert.equal(asked, false, 'no confirmation asked for a form that cannot go');
    await sendAll.getByLabel('Ngày ban hành tờ trình gửi kèm').fill('05/03/2020');
    page.once('dialog', (d) => {
      assert.match(d.message(), /^Gửi cùng lúc 1 đề nghị lên Bộ \(Cờ thi đua của Bộ: Sở Thông tin và Truyền thông tỉnh Đắk Lắk\)\? Cụm ban hành một tờ trình kèm theo/);
      void d.accept();
    });
    await sendAll.getByRole('button', { name: 'Gửi Bộ 1 đề nghị đã xác nhận' }).click();
    await sendAll.getByText('Ngày ban hành không được trước ngày họp bình xét (06/03/2020).').first().waitFor();
    assert.equal(await page.locator('tr', { hasText: 'Đắk Lắk' }).getByText('Đã gửi Bộ').count(), 0, 'nothing sent');
    await sendAll.getByLabel('Ngày ban hành tờ trình gửi kèm').fill('10/03/2020');
    page.once('dialog', (d) => void d.accept());
    await sendAll.getByRole('button', { name: 'Gửi Bộ 1 đề nghị đã xác nhận' }).click();
    await page.locator('tr', { hasText: 'Đắk Lắk' }).getByText('Đã gửi Bộ').waitFor();
    await rig.shot(page, 'binh-xet-da-gui');
    // Sent: the cluster's documents are issued with it; the links name them as such, nothing waits.
    await page.getByRole('link', { name: 'Tờ trình đề nghị khen thưởng (PDF)', exact: true }).waitFor();
    assert.equal(await page.getByTestId('drafts-note').count(), 0);
    assert.equal(await page.getByTestId('awaiting-issue').count(), 0);
    // A date that is not one, typed for a download: the problem stands at the field, in the page's format, in view.
    const dateField = page.getByLabel('Ngày ban hành tờ trình', { exact: true });
    await dateField.fill('31/02/2020');
    await page.getByRole('link', { name: 'Tờ trình đề nghị khen thưởng (PDF)', exact: true }).click();
    await page.locator('section', { has: page.getByRole('heading', { name: 'Hồ sơ, tài liệu' }) }).getByText('Phải là ngày hợp lệ, dạng dd/mm/yyyy (ví dụ 15/03/2026).').waitFor();
    assert.equal(await dateField.getAttribute('aria-invalid'), 'true');
    assert.ok(await dateField.evaluate((el) => el === document.activeElement), 'the field takes the focus');
    await dateField.fill('');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tờ trình đề nghị khen thưởng (PDF)', exact: true }).click()]);
    const file = await download.path();
    if (!POPPLER_MISSING) {
      const text = squash(pdftotext(file));
      assert.ok(text.includes('Số: 01/TTr-CTĐ6') && text.includes('ngày 10 tháng 3 năm 2020') && text.includes('Kính gửi: Bộ trưởng Bộ Thông tin và Truyền thông'), 'the submission is dated and addressed as of 10/03/2020');
    }
    await context.close();
  });

  it('a reviewer returns a proposal with a reason, then approves it after it comes back', async () => {
    const sent = await rig.t.http.get('/api/proposals?year=2019&status=SUBMITTED').auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(sent.body.length, 1, 'the proposal sent from the meeting page');
    const proposal = { body: sent.body[0] as { id: string; version: number } };

    // The API token first (it signs in with the one-time code and remembers the device for the browser's sign-in).
    const reviewerToken = await rig.t.token('reviewer');
    const { context, page } = await rig.signedIn('reviewer');
    await page.getByRole('link', { name: /Thẩm định: Cờ thi đua .* Đắk Lắk/ }).waitFor();
    await page.goto(`${rig.base}/tham-dinh`);
    await rig.shot(page, 'tham-dinh-1366');
    await Promise.all([page.waitForURL(/\/tham-dinh\/[0-9a-f-]{36}$/), page.getByRole('link', { name: 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk' }).click()]);
    const frame = page.locator('iframe[title="Tờ trình đề nghị khen thưởng"]');
    const src = await frame.getAttribute('src');
    const doc = await fetchInPage(page, src!);
    assert.equal(doc.headers['content-type'], 'application/pdf');
    assert.match(doc.headers['content-disposition'], /^inline;/, 'the dossier is read inline');

    // A refusal at the hidden version the page read (as if someone else acted meanwhile) is said in the form's box,
    // never after the hidden input, where no one sees it; nothing changes.
    const claimForm = page.locator('form[data-api$="/claim"]');
    await claimForm.locator('input[name="version"]').evaluate((i) => ((i as HTMLInputElement).value = String(Number((i as HTMLInputElement).value) + 5)));
    await claimForm.getByRole('button', { name: 'Nhận thẩm định' }).click();
    const claimBox = claimForm.locator('[data-role="form-message"]');
    await claimBox.filter({ hasText: /Phiên bản hiện tại là \d+/ }).waitFor();
    assert.equal(await claimForm.locator('.field-error').count(), 0, 'nothing placed at the hidden input');
    assert.equal((await rig.t.http.get('/api/proposals?year=2019').auth(secretary, { type: 'bearer' })).body[0].status, 'SUBMITTED', 'nothing changed');
    await page.reload();
    await page.getByRole('button', { name: 'Nhận thẩm định' }).click();
    await page.getByRole('heading', { name: 'Trả lại để bổ sung' }).waitFor();
    const returnForm = page.locator('form', { has: page.getByRole('heading', { name: 'Trả lại để bổ sung' }) });
    await returnForm.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
    await returnForm.locator('.field-error').waitFor();
    assert.equal(await returnForm.getByLabel('Lý do trả lại (bắt buộc)').getAttribute('aria-invalid'), 'true', 'the error sits at the reason field');
    assert.equal((await rig.t.http.get('/api/proposals?year=2019').auth(secretary, { type: 'bearer' })).body[0].status, 'IN_REVIEW', 'nothing changed');
    await returnForm.getByLabel('Lý do trả lại (bắt buộc)').fill('Bổ sung báo cáo thành tích có xác nhận của UBND tỉnh');
    // Bộ's own date to resend by (optional), typed as the page's dates are.
    const resendBy = formatDateVi(addDays(todayInVietnam(), 7));
    await returnForm.getByLabel('Hạn gửi bổ sung').fill(resendBy);
    page.once('dialog', (d) => {
      assert.match(d.message(), /^Trả lại đề nghị tặng Cờ thi đua .+ cho .+ để cụm bổ sung\?/);
      void d.accept();
    });
    await returnForm.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
    await page.locator('.badge', { hasText: 'Trả lại để bổ sung' }).waitFor();
    await page.getByText(`Hạn gửi bổ sung: ${resendBy}`).waitFor();
    await rig.shot(page, 'ho-so-tra-lai');

    const returned = await rig.t.http.get(`/api/proposals?year=2019`).auth(secretary, { type: 'bearer' }).expect(200);
    const current = returned.body.find((x: { id: string }) => x.id === proposal.body.id);
    assert.equal(current.status, 'RETURNED');
    assert.ok(current, 'the returned proposal');
    // The secretariat resends from the meeting page: what it added is required, the message stands at its field.
    const sec = await rig.signedIn('cum6.secretary');
    await sec.page.goto(`${rig.base}/cum/${cum6}/nam/2019/binh-xet`);
    await sec.page.locator('tr', { hasText: 'Đắk Lắk' }).getByText(`Hạn gửi bổ sung: ${resendBy}`).waitFor();
    const resend = sec.page.locator('form', { has: sec.page.getByRole('button', { name: 'Gửi lại' }) });
    await resend.getByRole('button', { name: 'Gửi lại' }).click();
    await resend.locator('.field .field-error').waitFor();
    assert.equal(await resend.getByLabel('Nội dung bổ sung (bắt buộc)').getAttribute('aria-invalid'), 'true');
    await resend.getByLabel('Nội dung bổ sung (bắt buộc)').fill('Đã bổ sung báo cáo thành tích');
    await resend.getByRole('button', { name: 'Gửi lại' }).click();
    await sec.page.locator('tr', { hasText: 'Đắk Lắk' }).getByText('Đã gửi Bộ').waitFor();
    await sec.context.close();

    await page.reload();
    await page.getByRole('button', { name: 'Nhận thẩm định' }).click();
    // Before the council has passed it, the dossier says what the approval waits for and offers no approval form.
    await page.getByTestId('approval-blocked').getByText(/^Cờ thi đua chỉ được phê duyệt sau khi Hội đồng Thi đua – Khen thưởng họp/).waitFor();
    assert.equal(await page.locator('form', { has: page.getByRole('heading', { name: 'Phê duyệt', exact: true }) }).count(), 0);
    assert.ok(await page.getByRole('button', { name: 'Phê duyệt', exact: true }).isDisabled());
    // Who claimed it, and the steps with the reason of the return and what the cluster added.
    await page.getByText(/^Đang do .+ thẩm định \(nhận ngày \d{2}\/\d{2}\/\d{4}\)\.$/).waitFor();
    const steps = page.locator('section', { has: page.getByRole('heading', { name: 'Diễn biến hồ sơ' }) });
    await steps.getByRole('row', { name: /Trả lại đề nghị để bổ sung .* Bổ sung báo cáo thành tích có xác nhận của UBND tỉnh/ }).waitFor();
    await steps.getByRole('row', { name: /Gửi lại đề nghị khen thưởng .* Đã bổ sung báo cáo thành tích/ }).waitFor();
    await rig.shot(page, 'ho-so-cho-hoi-dong');
    const dossierUrl = page.url();

    // The council step in the pages: a member, the meeting, attendance, the ballot, closing, the signed minutes.
    for (const m of COUNCIL_MEMBERS.slice(1)) await rig.t.http.post(`/api/organizers/${ministry}/council/members`).auth(reviewerToken, { type: 'bearer' }).send({ ...m, fromDate: '2019-01-01', reason: 'Quyết định kiện toàn Hội đồng' }).expect(201);
    // The 2019 proposals went to Bộ TTTT's council: its successor's reviewer reaches it from the council page.
    await page.goto(`${rig.base}/hoi-dong?co-quan=${ministry}`);
    // The page says the steps in their order before its forms.
    assert.deepEqual((await page.locator('section', { has: page.getByRole('heading', { name: 'Các bước xét Cờ thi đua' }) }).locator('ol > li').allTextContents()).length, 4);
    const addMember = page.locator('form', { has: page.getByRole('button', { name: 'Thêm thành viên' }) });
    await addMember.getByLabel('Họ và tên').fill(COUNCIL_MEMBERS[0].name);
    await addMember.getByLabel('Chức vụ').fill(COUNCIL_MEMBERS[0].position);
    await addMember.getByLabel('Vai trò trong Hội đồng').selectOption('CHAIR');
    await addMember.getByLabel('Từ ngày').fill('01/01/2019');
    await addMember.getByLabel('Căn cứ (quyết định kiện toàn Hội đồng)').fill('Quyết định kiện toàn Hội đồng');
    await addMember.getByRole('button', { name: 'Thêm thành viên' }).click();
    await page.getByRole('cell', { name: COUNCIL_MEMBERS[0].name }).waitFor();
    await page.getByLabel('Năm thi đua được xét').fill('2019');
    await page.getByLabel('Ngày họp').fill('10/04/2020');
    await page.getByLabel('Thư ký cuộc họp').fill('Đỗ Thanh Hương');
    await page.getByRole('button', { name: 'Lập cuộc họp' }).click();
    await Promise.all([page.waitForURL(/\/hoi-dong\/[0-9a-f-]{36}$/), page.getByRole('link', { name: 'Năm 2019' }).click()]);
    assert.deepEqual(await unlabelledControls(page), []);
    await page.getByText('cần từ 80% trở lên tổng số thành viên Hội đồng Thi đua – Khen thưởng của Bộ').first().waitFor();
    // Until saved, the suggested attendance is said to be one.
    await page.getByTestId('attendance-unsaved').waitFor();
    await page.getByRole('button', { name: 'Lưu thành phần' }).click();
    await page.getByText('có mặt 5').waitFor();
    assert.equal(await page.getByTestId('attendance-unsaved').count(), 0);
    await page.getByLabel(/Số phiếu đồng ý: Cờ thi đua của Bộ cho .*Đắk Lắk/).fill('5');
    await page.getByRole('button', { name: 'Lưu kết quả biểu quyết' }).click();
    await page.locator('.badge', { hasText: /^Đạt$/ }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Chốt kết quả' }).click();
    await page.locator('.badge', { hasText: 'Đã chốt' }).first().waitFor();
    await page.getByTestId('council-next').waitFor();
    assert.equal(await page.getByRole('link', { name: /Đắk Lắk/ }).first().getAttribute('href'), new URL(dossierUrl).pathname, 'the unit leads back to its dossier');
    await rig.shot(page, 'hoi-dong-da-chot');
    const [minutes] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Biên bản họp Hội đồng (PDF)' }).click()]);
    if (!POPPLER_MISSING) assert.ok(squash(pdftotext(await minutes.path())).includes('HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG'), 'the council minutes');
    // A member's term ends by a later decision, from the council page; Bộ TTTT ended on 28/02/2025, and the terms with it.
    await page.goto(`${rig.base}/hoi-dong?co-quan=${ministry}`);
    await page.getByText('Bộ Thông tin và Truyền thông đã kết thúc hoạt động ngày 28/02/2025').waitFor();
    const last = page.getByRole('row', { name: new RegExp(COUNCIL_MEMBERS[4].name) });
    assert.match((await last.getByRole('cell').nth(3).textContent()) ?? '', /^01\/01\/2019 – 28\/02\/2025/);
    await last.getByText('Sửa, kết thúc nhiệm kỳ').click();
    await last.getByLabel('Đến ngày (để trống: đang đương nhiệm)').fill('31/12/2024');
    await last.getByRole('button', { name: 'Lưu' }).click();
    await last.locator('.field-error').first().waitFor();
    await last.getByLabel(/^Căn cứ/).fill('Quyết định thôi làm thành viên Hội đồng (thử nghiệm)');
    await last.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã cập nhật thành viên Hội đồng.').waitFor();
    await page.reload();
    assert.match((await page.getByRole('row', { name: new RegExp(COUNCIL_MEMBERS[4].name) }).getByRole('cell').nth(3).textContent()) ?? '', /^01\/01\/2019 – 31\/12\/2024/);

    await page.goto(dossierUrl);
    // The unit's legal rating of 2019, by decision, recorded from the dossier.
    await page.getByText('Ghi nhận xếp loại năm 2019').click();
    await page.getByLabel('Xếp loại', { exact: true }).selectOption('EXCELLENT');
    await page.getByLabel('Cơ quan quyết định').fill('Ủy ban nhân dân tỉnh Đắk Lắk');
    await page.getByLabel('Số quyết định xếp loại').fill('245/QĐ-UBND');
    await page.getByLabel('Ngày quyết định xếp loại').fill('20/01/2020');
    await page.getByRole('button', { name: 'Ghi nhận xếp loại' }).click();
    await page.getByRole('cell', { name: '245/QĐ-UBND ngày 20/01/2020 của Ủy ban nhân dân tỉnh Đắk Lắk' }).waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    const approveForm = page.locator('form', { has: page.getByRole('heading', { name: 'Phê duyệt', exact: true }) });
    await approveForm.waitFor();
    await approveForm.getByLabel('Số quyết định').fill('123/QĐ-BTTTT');
    await approveForm.getByLabel('Ngày quyết định').fill('15/04/2020');
    page.once('dialog', (d) => void d.accept());
    await approveForm.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await page.locator('.badge', { hasText: 'Đã phê duyệt' }).waitFor();
    await page.getByText('123/QĐ-BTTTT ngày 15/04/2020').waitFor();
    await rig.shot(page, 'ho-so-phe-duyet');
    await context.close();
  });
});
