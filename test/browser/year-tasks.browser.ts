/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { todayInVietnam } from '../../src/common/time';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, fetchInPage, startRig, unlabelledControls, submitSheets } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

/** The organiser sets a year's award quotas, and a member attaches evidence to its own score sheet, in the pages (issue 17). */
describe('the year in Chromium: quotas and evidence', { skip }, () => {
  let rig: BrowserRig;
  let c6: string;
  const [y, mo] = todayInVietnam().split('-').map(Number);
  const year = mo <= 2 ? y - 1 : y;
  before(async () => {
    rig = await startRig({ SEED_DEMO_SCENARIO: 'true' });
    const clusters = (await rig.t.http.get('/api/clusters').auth(await rig.t.token('cum6.secretary'), { type: 'bearer' }).expect(200)).body as Array<{ id: string; organizerName: string }>;
    c6 = clusters.find((c) => c.organizerName === 'Bộ Khoa học và Công nghệ')!.id;
  });
  after(() => rig?.close());

  it("the ministry's reviewer sets the year's quotas with a reason; a mistyped figure is explained at its field; the secretariat reads them", async () => {
    const { context, page } = await rig.signedIn('reviewer', undefined, { audit: true });
    await page.goto(`${rig.base}/cum/${c6}/nam/${year}`);
    const section = page.locator('section', { has: page.getByRole('heading', { name: `Chỉ tiêu khen thưởng năm ${year}` }) });
    await section.waitFor();
    await section.getByLabel('Chỉ tiêu Bằng khen của Bộ trưởng (số đơn vị, 0–50)').or(section.getByLabel(/^Chỉ tiêu Bằng khen/)).first().fill('abc');
    await section.getByLabel('Lý do thay đổi chỉ tiêu (bắt buộc)').fill('Theo kế hoạch khen thưởng năm của Bộ');
    await section.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await section.locator('.field-error').first().waitFor();
    assert.equal((await section.locator('.field-error').first().textContent())?.trim(), 'Phải là số nguyên.', 'what is wrong, not "required"');
    const before = await rig.t.http.get(`/api/clusters/${c6}/years/${year}/awards/quotas`).auth(await rig.t.token('cum6.secretary'), { type: 'bearer' }).expect(200);
    await section.getByLabel(/^Chỉ tiêu Bằng khen/).fill('3');
    await section.getByLabel(/^Chỉ tiêu Cờ thi đua/).fill('1');
    await section.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await page.getByText('Đã cập nhật chỉ tiêu khen thưởng.').waitFor();
    const afterSave = await rig.t.http.get(`/api/clusters/${c6}/years/${year}/awards/quotas`).auth(await rig.t.token('cum6.secretary'), { type: 'bearer' }).expect(200);
    assert.deepEqual([afterSave.body.EMULATION_FLAG, afterSave.body.CERTIFICATE_OF_MERIT], [1, 3]);
    assert.equal(afterSave.body.version, before.body.version + 1, 'the mistyped attempt changed nothing; the save made one version');
    assert.deepEqual(await axeViolations(page), []);
    await rig.shot(page, 'nam-chi-tieu-1366');
    await context.close();
    const secretary = await rig.signedIn('cum6.secretary');
    await secretary.page.goto(`${rig.base}/cum/${c6}/nam/${year}`);
    const read = secretary.page.locator('section', { has: secretary.page.getByRole('heading', { name: `Chỉ tiêu khen thưởng năm ${year}` }) });
    assert.match((await read.textContent()) ?? '', /Cờ thi đua[^:]*: 1 · Bằng khen[^:]*: 3/);
    assert.equal(await read.getByRole('button', { name: 'Lưu chỉ tiêu' }).count(), 0, 'the secretariat reads the quotas and cannot set them');
    await secretary.context.close();
  });

  it('a member saves its self-score, attaches evidence to a criterion, downloads it back; a file of the wrong kind is refused', async () => {
    // Đắk Lắk has not begun its self-score in the demo (Lâm Đồng has a draft).
    const { context, page } = await rig.signedIn('skhcn.daklak', { width: 390, height: 844 }, { audit: true });
    await page.goto(`${rig.base}/cum/${c6}/nam/${year}/cham-diem?loai=SELF`);
    const evidence = page.locator('section', { has: page.getByRole('heading', { name: 'Tài liệu minh chứng' }) });
    const row = page.locator('tr[data-target]').first();
    // No sheet yet: the evidence waits for the first save, and opens once it is made (no reload).
    await evidence.getByText('Lưu nháp phiếu trước để đính kèm minh chứng.').waitFor();
    await row.locator('input[data-code="TC1"]').fill('14');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByRole('status').filter({ hasText: /Đã lưu/ }).first().waitFor();
    await evidence.getByRole('button', { name: 'Đính kèm' }).waitFor();
    assert.equal(await evidence.getByText('Lưu nháp phiếu trước để đính kèm minh chứng.').count(), 0, 'the hint to save first is gone');
    const pdf = join(tmpdir(), `minh-chung-${process.pid}.pdf`);
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const text = join(tmpdir(), `minh-chung-${process.pid}.pdf.exe`);
    writeFileSync(text, 'MZ not a document');
    const form = evidence.locator('form').first();
    await form.getByLabel('Tiêu chí').selectOption('TC2');
    await form.getByLabel(/^Tệp minh chứng cho /).setInputFiles(text);
    await form.getByRole('button', { name: 'Đính kèm' }).click();
    await form.locator('.form-message.error, .field-error').first().waitFor();
    assert.equal(await evidence.locator('li').count(), 0, 'the refused file is not listed');
    await form.getByLabel(/^Tệp minh chứng cho /).setInputFiles(pdf);
    await form.getByRole('button', { name: 'Đính kèm' }).click();
    await page.getByText('Đã đính kèm tài liệu minh chứng.').waitFor();
    const item = evidence.locator('li').first();
    assert.match((await item.textContent()) ?? '', /^TC2: minh-chung-\d+\.pdf/);
    const href = (await item.getByRole('link').getAttribute('href'))!;
    const back = await fetchInPage(page, href);
    assert.equal(back.status, 200);
    assert.ok(back.body.subarray(0, 8).toString().startsWith('%PDF-1.4'), 'the same file comes back');
    // Submitting with criteria left empty: said once, naming them, and each empty cell marked.
    const empty = await row.locator('input.grid-input').evaluateAll((inputs) => inputs.filter((i) => !(i as HTMLInputElement).value && !(i as HTMLInputElement).disabled).map((i) => (i as HTMLInputElement).dataset.code));
    assert.ok(empty.length > 0, 'the self-score still has empty criteria');
    // Scrolled to the last column first: the first empty cell is brought back beside the pinned unit column, not under it.
    await page.locator('#score-grid .table-wrap').evaluate((wrap) => (wrap.scrollLeft = wrap.scrollWidth));
    await submitSheets(page);
    const said = page.locator('#score-grid [data-role="form-message"]');
    await said.filter({ hasText: 'Chưa nộp được' }).waitFor();
    const message = (await said.textContent()) ?? '';
    assert.equal(message.split(`${empty[0]},`).length + message.split(`${empty[0]}.`).length - 2, 1, `the first empty criterion is named once: ${message}`);
    assert.match(message, /chưa chấm đủ các tiêu chí: /);
    assert.equal(await said.locator('li').count(), 0, 'no second list of the same criteria');
    assert.deepEqual(await row.locator('input[aria-invalid="true"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).dataset.code)), empty, 'each empty cell is marked');
    const firstEmpty = row.locator(`input[data-code="${empty[0]}"]`);
    const [pinnedRight, cellLeft, errorLeft] = await firstEmpty.evaluate((input) => {
      const cell = input.closest('td')!;
      return [cell.parentElement!.firstElementChild!.getBoundingClientRect().right, cell.getBoundingClientRect().left, cell.querySelector('.field-error')!.getBoundingClientRect().left];
    });
    assert.ok(cellLeft >= pinnedRight - 1 && errorLeft >= pinnedRight - 1, `the first empty cell (${cellLeft}) and its error (${errorLeft}) start right of the pinned column (${pinnedRight})`);
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.dataset.code), empty[0], 'the first empty cell has the focus');
    assert.deepEqual(await unlabelledControls(page), []);
    assert.deepEqual(await axeViolations(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the grid page at 390px scrolls sideways by ${overflow}px`);
    await rig.shot(page, 'cham-diem-minh-chung-390');
    await context.close();
  });

  it('the secretariat sets how the year is scored (rule, bands, peer assignment) with a reason; a mistyped band is explained at its cell', async () => {
    const { context, page } = await rig.signedIn('cum6.secretary', undefined, { audit: true });
    await page.goto(`${rig.base}/cum/${c6}/nam/${year}`);
    await Promise.all([page.waitForURL(/cach-tinh-diem$/), page.getByRole('link', { name: 'Cách tính điểm, phân công chấm chéo' }).click()]);
    const assigned = page.locator('section', { has: page.getByRole('heading', { name: 'Phân công chấm chéo' }) });
    const members = (await rig.t.http.get(`/api/clusters/${c6}/years/${year}/scoring/assignments`).auth(await rig.t.token('cum6.secretary'), { type: 'bearer' }).expect(200)).body as unknown[];
    assert.equal(await assigned.locator('tbody tr').count(), members.length, 'one row per scoring member');
    await page.getByLabel('Điểm cuối cùng của mỗi đơn vị').selectOption('PEER_MEAN');
    await page.getByLabel('Điểm tối thiểu của mức 1').fill('9x');
    await page.getByLabel('Lý do (bắt buộc)').fill('Theo quy chế hoạt động của cụm');
    await page.getByRole('button', { name: 'Lưu cách tính điểm' }).click();
    await page.locator('td .field-error').first().waitFor();
    const unchanged = await rig.t.http.get(`/api/clusters/${c6}/years/${year}/scoring/config`).auth(await rig.t.token('cum6.secretary'), { type: 'bearer' }).expect(200);
    assert.notEqual(unchanged.body.rule, 'PEER_MEAN', 'the refused save changed nothing');
    await page.getByLabel('Điểm tối thiểu của mức 1').fill('94,5');
    await page.getByRole('button', { name: 'Lưu cách tính điểm' }).click();
    await page.getByText('Đã lưu cách tính điểm.').waitFor();
    const saved = await rig.t.http.get(`/api/clusters/${c6}/years/${year}/scoring/config`).auth(await rig.t.token('cum6.secretary'), { type: 'bearer' }).expect(200);
    assert.equal(saved.body.rule, 'PEER_MEAN');
    assert.equal(saved.body.bands[0].minPoints, 94.5);
    assert.equal(saved.body.bands[0].code, 'EXCELLENT', 'the band keeps its code');
    assert.deepEqual(await unlabelledControls(page), []);
    assert.deepEqual(await axeViolations(page), []);
    await rig.shot(page, 'cach-tinh-diem-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the scoring rules page at 390px scrolls sideways by ${overflow}px`);
    await rig.shot(page, 'cach-tinh-diem-390');
    await context.close();
  });

  it("the secretariat follows the members' sheets: reminds the units that owe sheets, reads a submitted sheet and returns it with a reason; the member reads why", async () => {
    const { context, page } = await rig.signedIn('cum6.secretary', { width: 390, height: 844 }, { audit: true });
    await page.goto(`${rig.base}/cum/${c6}/nam/${year}`);
    await Promise.all([page.waitForURL(/phieu-don-vi$/), page.getByRole('link', { name: 'Phiếu chấm của các đơn vị (xem, trả lại, nhắc nộp)' }).click()]);
    const late = page.locator('section', { has: page.getByRole('heading', { name: /^Đơn vị còn phiếu chưa nộp \(\d+\)$/ }) });
    assert.match((await late.locator('li').first().textContent()) ?? '', /: (phiếu tự chấm|\d+ phiếu chấm chéo \(|phiếu đang soạn)/, 'each unit with what it owes');
    // The message is optional: left empty, the reminder goes (an empty one was refused, its error hidden in the box).
    await late.getByRole('button', { name: `Nhắc các đơn vị này nộp phiếu năm ${year}` }).click();
    await page.getByText('Đã nhắc các đơn vị còn phiếu chưa nộp').waitFor();
    // (A message typed in goes with it: test/e2e/scoring.e2e.ts.)
    // A submitted sheet: read, then returned; a return without its reason is refused at the field.
    const row = page.locator('tr[data-sheet]', { has: page.locator('summary', { hasText: 'Xem phiếu, trả lại' }) }).first();
    const sheetId = (await row.getAttribute('data-sheet'))!;
    await row.locator('summary').click();
    assert.ok((await row.locator('table.entries tbody tr').count()) > 0, 'the sheet is read criterion by criterion');
    await row.getByRole('button', { name: /^Trả lại phiếu cho / }).click();
    await row.locator('.field-error').first().waitFor();
    const token = await rig.t.token('cum6.secretary');
    const sheetNow = async () => (await rig.t.http.get(`/api/clusters/${c6}/years/${year}/scoring/sheets/${sheetId}`).auth(token, { type: 'bearer' }).expect(200)).body as { status: string; scorer: { id: string } };
    assert.equal((await sheetNow()).status, 'SUBMITTED', 'nothing changed');
    await row.getByLabel('Lý do trả lại').fill('Tiêu chí TC2 chưa có minh chứng');
    await row.getByRole('button', { name: /^Trả lại phiếu cho / }).click();
    await page.getByText('Đã trả lại phiếu; đơn vị chấm được báo').waitFor();
    assert.equal((await sheetNow()).status, 'RETURNED');
    assert.match((await page.locator(`tr[data-sheet="${sheetId}"]`).textContent()) ?? '', /Trả lại/);
    assert.deepEqual(await unlabelledControls(page), []);
    assert.deepEqual(await axeViolations(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the members' sheets page at 390px scrolls sideways by ${overflow}px`);
    await rig.shot(page, 'phieu-don-vi-390');
    await page.setViewportSize({ width: 1366, height: 900 });
    await rig.shot(page, 'phieu-don-vi-1366');
    await context.close();
    // The scoring unit's officer is told, with the reason and the page to correct it.
    const scorer = (await sheetNow()).scorer.id;
    const [officer] = await rig.t.dataSource.query(`SELECT username FROM users WHERE unit_id = '${scorer}' AND role = 'unit_officer' ORDER BY username`);
    const notes = (await rig.t.http.get('/api/notifications').auth(await rig.t.token(officer.username), { type: 'bearer' }).expect(200)).body.items as Array<{ kind: string; body: string; link: string }>;
    const told = notes.find((n) => n.kind === 'score_sheet.return')!;
    assert.match(told.body, /Lý do: Tiêu chí TC2 chưa có minh chứng\./);
    assert.match(told.link, new RegExp(`^/cum/${c6}/nam/${year}/cham-diem\\?loai=(SELF|PEER)`));
  });
});
