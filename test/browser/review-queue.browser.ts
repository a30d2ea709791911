/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { todayInVietnam } from '../../src/common/time';
import { POPPLER_MISSING, pdftotext, squash } from '../support/pdf-tools';
import { ph } from '../support/test-app';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, startRig, unlabelledControls } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

/** Whether the page scrolls sideways at its current width (a table may scroll inside its own frame). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** A small file that passes as a PDF by its content (the server sniffs the bytes, not the name). */
const REPORT = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);

/**
 * Issue 17: the reviewers' queue (filters, paging, ageing, the year's documents) and the achievement reports of a
 * proposal, on the living demo: last year's proposals of Cụm 6 wait at Bộ (two sent, Lâm Đồng's returned).
 */
describe('the review queue and the achievement reports in Chromium (living demo)', { skip }, () => {
  let rig: BrowserRig;
  let c6: string;
  const [y, mo] = todayInVietnam().split('-').map(Number);
  const lastYear = (mo <= 2 ? y - 1 : y) - 1;
  const ids: Record<'DL' | 'GL' | 'LD', string> = { DL: '', GL: '', LD: '' };

  before(async () => {
    rig = await startRig({ SEED_DEMO_SCENARIO: 'true' });
    const secretary = await rig.t.token('cum6.secretary');
    const clusters = (await rig.t.http.get('/api/clusters').auth(secretary, { type: 'bearer' }).expect(200)).body as Array<{ id: string; organizerName: string }>;
    c6 = clusters.find((c) => c.organizerName === 'Bộ Khoa học và Công nghệ')!.id;
    const sent = (await rig.t.http.get('/api/proposals').query({ year: lastYear, clusterId: c6 }).auth(secretary, { type: 'bearer' }).expect(200)).body as Array<{ id: string; unit: { name: string } }>;
    for (const key of Object.keys(ids) as Array<keyof typeof ids>) ids[key] = sent.find((p) => p.unit.name.includes({ DL: 'Đắk Lắk', GL: 'Gia Lai', LD: 'Lâm Đồng' }[key]))!.id;
    // The demo sends them today: Đắk Lắk's is made to have waited 40 days at Bộ, Gia Lai's 20 (the chart has bands to show).
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    for (const [id, days] of [[ids.DL, 40], [ids.GL, 20]] as const) {
      await rig.t.dataSource.query(`UPDATE award_proposals SET submitted_at = ${ph(1)}, updated_at = ${ph(2)} WHERE id = ${ph(3)}`, [ago(days), ago(days), id]);
    }
  });
  after(() => rig?.close());

  it('the secretariat adds an achievement report to the returned proposal from the meeting page; a wrong or oversized file is refused in Vietnamese', async () => {
    const { context, page } = await rig.signedIn('cum6.secretary');
    await page.goto(`${rig.base}/cum/${c6}/nam/${lastYear}/binh-xet`);
    const block = page.locator('section.reports', { has: page.getByRole('heading', { name: /^Báo cáo thành tích: Bằng khen.*Lâm Đồng/ }) });
    const file = block.getByLabel('Tệp báo cáo thành tích');
    const send = block.getByRole('button', { name: 'Tải lên báo cáo' });
    // A proposal at Bộ takes no report: its block says so instead of offering the form.
    await page.locator('section.reports', { has: page.getByRole('heading', { name: /Gia Lai/ }) }).getByText('Chỉ bổ sung báo cáo thành tích khi đề nghị còn là dự thảo hoặc bị Bộ trả lại.').waitFor();

    await file.setInputFiles({ name: 'bao-cao.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải báo cáo') });
    await send.click();
    await block.locator('.field-error').waitFor();
    assert.match((await block.locator('.field-error').textContent()) ?? '', /^Chỉ nhận báo cáo thành tích dạng pdf, png, jpg/);
    assert.equal(await file.getAttribute('aria-invalid'), 'true', 'the error stands at the file field');

    // From a file on disk: Chromium reads it itself (a 21 MB buffer sent over the protocol took over 30 s on a loaded machine).
    const oversized = join(mkdtempSync(join(tmpdir(), 'thidua-report-')), 'bao-cao-qua-lon.pdf');
    writeFileSync(oversized, Buffer.concat([REPORT, Buffer.alloc(21 * 1024 * 1024)]));
    await file.setInputFiles(oversized);
    await send.click();
    await block.getByText(/^Tệp "bao-cao-qua-lon.pdf" có dung lượng 21 MB, vượt mức tối đa 20 MB\.$/).waitFor();
    // The server refuses it too, in Vietnamese, when a client does not check first.
    const refused = await page.evaluate(async (url) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(21 * 1024 * 1024)], { type: 'application/pdf' }), 'bao-cao-qua-lon.pdf');
      const res = await (window as unknown as { thidua: { api: (m: string, u: string, b: FormData) => Promise<{ status: number; data: { message: string } }> } }).thidua.api('POST', url, form);
      return { status: res.status, message: res.data.message };
    }, `/api/proposals/${ids.LD}/reports`);
    assert.deepEqual(refused, { status: 413, message: 'Nội dung gửi lên vượt quá dung lượng cho phép.' });

    await file.setInputFiles({ name: 'bao-cao-thanh-tich-lam-dong.pdf', mimeType: 'application/pdf', buffer: REPORT });
    await send.click();
    await page.getByText('Đã tải lên báo cáo thành tích cho Sở Khoa học và Công nghệ tỉnh Lâm Đồng.').waitFor();
    const link = block.getByRole('link', { name: 'bao-cao-thanh-tich-lam-dong.pdf' });
    await link.waitFor();
    assert.match((await block.locator('ul.files li').first().textContent()) ?? '', /2 KB · tải lên \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} bởi cum6\.secretary/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.deepEqual(readFileSync(await download.path()), REPORT, 'the report comes back as uploaded');
    assert.deepEqual(await unlabelledControls(page), []);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      assert.ok((await overflow(page)) <= 1, `the meeting page at ${width}px scrolls sideways`);
      await rig.shot(page, `bao-cao-thanh-tich-binh-xet-${width}`);
    }
    await context.close();
  });

  it('the reviewer pages the queue, reads its ageing, filters it, downloads the draft decision and the Excel, and opens a dossier with its report', async () => {
    const { context, page } = await rig.signedIn('reviewer', undefined, { audit: true });
    await page.goto(`${rig.base}/tham-dinh`);
    const count = page.locator('.queue-count');
    const all = Number(/^(\d+) đề nghị; hiển thị từ 1 đến 20/.exec((await count.textContent()) ?? '')?.[1]);
    assert.ok(all > 20, `the demo's ${all} proposals take more than one page`);
    // The list comes first, right after the filter; the ageing and the service level follow it.
    const top = async (name: string) => (await page.getByRole('heading', { name, exact: true }).boundingBox())!.y;
    assert.ok((await top('Danh sách đề nghị')) < (await top('Thời gian chờ xử lý')), 'the list above the ageing');

    // The ageing: Đắk Lắk's has waited 40 days, Gia Lai's 20, Lâm Đồng's is back with the cluster since today.
    const chart = page.getByRole('img', { name: /^Thời gian chờ của các đề nghị chưa có kết quả, tính đến \d{2}\/\d{2}\/\d{4}$/ });
    await chart.waitFor();
    const desc = (await page.locator('#age-desc').textContent()) ?? '';
    assert.match(desc, /0–7 ngày: \d+ đề nghị \([^)]*Trả lại để bổ sung 1[^)]*\)/);
    assert.match(desc, /15–30 ngày: 1 đề nghị \(Đã gửi Bộ 1\)/);
    assert.match(desc, /Trên 30 ngày: 1 đề nghị \(Đã gửi Bộ 1\)/);
    const returnedRow = page.locator('.age-table tr', { has: page.getByRole('rowheader', { name: 'Trả lại để bổ sung' }) });
    assert.equal((await returnedRow.locator('td').allTextContents()).join(' '), '1 0 0 0 1');

    // Paging: the next page starts where the first ended, and leads back.
    await Promise.all([page.waitForURL(/offset=20$/), page.getByRole('link', { name: 'Trang sau →' }).click()]);
    assert.match((await count.textContent()) ?? '', new RegExp(`^${all} đề nghị; hiển thị từ 21 đến ${Math.min(40, all)}`));
    await page.getByText(`Trang 2/${Math.ceil(all / 20)}`).waitFor();
    await Promise.all([page.waitForURL(`${rig.base}/tham-dinh`), page.getByRole('link', { name: '← Trang trước' }).click()]);

    // Filters: cluster, award and status; the empty year is left out of the address.
    await page.getByLabel('Cụm thi đua').selectOption(c6);
    await page.getByLabel('Hình thức khen thưởng').selectOption({ label: 'Bằng khen của Bộ trưởng' });
    await page.getByLabel('Trạng thái').selectOption({ label: 'Đã gửi Bộ' });
    await Promise.all([page.waitForURL(/\/tham-dinh\?/), page.getByRole('button', { name: 'Lọc' }).click()]);
    assert.equal(new URL(page.url()).search, `?clusterId=${c6}&award=CERTIFICATE_OF_MERIT&status=SUBMITTED`);
    assert.match((await count.textContent()) ?? '', /^1 đề nghị; hiển thị từ 1 đến 1 · mọi năm · Cụm thi đua số 6 – Bộ Khoa học và Công nghệ · Bằng khen của Bộ trưởng · trạng thái "Đã gửi Bộ"$/);
    const row = page.locator('.queue-table tbody tr');
    assert.equal(await row.count(), 1);
    // The demo's 2025 sending was recorded 20 days ago with the Tờ trình of its meeting (20/01/2026): the Tờ trình's date
    // leads, the day of recording follows, the time in the status stays.
    assert.match((await row.textContent()) ?? '', /Gia Lai.*20\/01\/2026\s*tờ trình số 01\/TTr-CTĐ6; ghi nhận trên hệ thống ngày \d{2}\/\d{2}\/\d{4}.*Đã gửi Bộ.*20 ngày ở trạng thái này/s);
    assert.equal(await page.getByRole('link', { name: 'Trang sau →' }).count(), 0, 'one page only');
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      assert.ok((await overflow(page)) <= 1, `the queue at ${width}px scrolls sideways`);
    }
    await page.goto(`${rig.base}/tham-dinh`);
    assert.deepEqual(await unlabelledControls(page), []);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      assert.ok((await overflow(page)) <= 1, `the unfiltered queue at ${width}px scrolls sideways`);
      // The ageing table's five numbers a row fit the width, without a scroll of their own.
      assert.equal(await page.locator('.table-wrap.age-table').evaluate((el) => el.scrollWidth - el.clientWidth), 0, `the ageing table at ${width}px`);
      if (width === 1366) {
        // The reviewer's long navigation is a row of its own under the brand and the signed-in person, who stay on the first.
        const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
        assert.ok(Math.abs((await top('header .who')) - (await top('header .brand'))) < 24, 'the signed-in person beside the brand');
        assert.ok((await top('header nav')) > (await top('header .brand')) + 20, 'the navigation under them');
      }
      assert.deepEqual(await axeViolations(page), [], `the queue at ${width}px`);
      await rig.shot(page, `hang-doi-tham-dinh-${width}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.emulateMedia({ media: 'print' });
    await rig.shot(page, 'hang-doi-tham-dinh-ban-in');
    assert.equal(await page.locator('form.queue-filter').isVisible(), false, 'the filter is not printed');
    assert.equal(await page.locator('.queue-docs').isVisible(), false, 'nor the documents');
    assert.ok(await chart.isVisible(), 'the chart is');
    await page.emulateMedia({ media: 'screen' });

    // The documents. Last year's draft decision is drafted before anything is approved: it lists the Bằng khen sent
    // to Bộ, not the Cờ still waiting for the council.
    const docYear = page.getByLabel('Năm thi đua của tài liệu');
    assert.equal(await docYear.inputValue(), String(lastYear), 'the decision of last year is the one due');
    const [due] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Dự thảo quyết định khen thưởng (PDF)' }).click()]);
    if (!POPPLER_MISSING) {
      const text = squash(pdftotext(await due.path()));
      assert.ok(text.includes(`Về việc tặng Bằng khen của Bộ trưởng năm ${lastYear}`) && text.includes('Sở Khoa học và Công nghệ tỉnh Gia Lai'), text.slice(0, 800));
      assert.ok(!text.includes('Tặng Cờ thi đua'), 'the Cờ waits for the council');
    }
    // A year with nothing sent: the refusal stands at the field it names (and the field takes the focus).
    await docYear.fill(String(lastYear + 1));
    await page.getByRole('link', { name: 'Dự thảo quyết định khen thưởng (PDF)' }).click();
    await page.locator('.field-error', { hasText: `Không tìm thấy đề nghị đã gửi Bộ hoặc đã phê duyệt năm ${lastYear + 1}.` }).waitFor();
    assert.equal(await docYear.getAttribute('aria-invalid'), 'true');
    // Said once, at its field; the message box above points there (it repeated the sentence).
    assert.equal(await page.getByText(`Không tìm thấy đề nghị đã gửi Bộ hoặc đã phê duyệt năm ${lastYear + 1}.`).count(), 1);
    assert.ok(await docYear.evaluate((el) => el === document.activeElement), 'the field takes the focus');
    await docYear.fill('2024');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Dự thảo quyết định khen thưởng (PDF)' }).click()]);
    assert.equal(pdf.suggestedFilename(), 'Du-thao-quyet-dinh-khen-thuong-2024.pdf');
    if (!POPPLER_MISSING) {
      const text = squash(pdftotext(await pdf.path()));
      for (const phrase of ['DỰ THẢO', 'QUYẾT ĐỊNH:', 'Về việc tặng Cờ thi đua', 'năm 2024', 'Cụm thi đua số 6']) assert.ok(text.includes(phrase), `the draft decision: missing "${phrase}" in ${text.slice(0, 600)}`);
    }
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tổng hợp đề nghị theo cụm và trạng thái (Excel)' }).click()]);
    assert.equal(xlsx.suggestedFilename(), 'De-nghi-khen-thuong-theo-trang-thai-2024.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsx.path());
    const sheet = book.worksheets[0];
    const cells = sheet.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.map(String) : []));
    assert.ok(cells.includes('TỔNG HỢP ĐỀ NGHỊ KHEN THƯỞNG THEO CỤM VÀ TRẠNG THÁI NĂM 2024'), cells.slice(0, 12).join(' | '));
    assert.ok(cells.includes('Đã phê duyệt') && cells.includes('2024'), 'the status columns and the year rows');

    // A dossier: the returned proposal shows the report the secretariat uploaded, with its link.
    await page.goto(`${rig.base}/tham-dinh?status=RETURNED&clusterId=${c6}`);
    await Promise.all([page.waitForURL(`${rig.base}/tham-dinh/${ids.LD}`), page.getByRole('link', { name: 'Sở Khoa học và Công nghệ tỉnh Lâm Đồng' }).click()]);
    const report = page.getByRole('link', { name: 'bao-cao-thanh-tich-lam-dong.pdf' });
    await report.waitFor();
    // The dossier's documents shown inline download too in a headless browser: wait for the report's own file.
    const [back] = await Promise.all([page.waitForEvent('download', { predicate: (d) => d.suggestedFilename() === 'bao-cao-thanh-tich-lam-dong.pdf' }), report.click()]);
    assert.deepEqual(readFileSync(await back.path()), REPORT);
    // Sent with the Tờ trình of the 2025 meeting (20/01/2026), recorded here today.
    await page.getByText(/Gửi Bộ kèm tờ trình số 01\/TTr-CTĐ6 ngày 20\/01\/2026 \(ghi nhận trên hệ thống ngày \d{2}\/\d{2}\/\d{4}\) · 0 ngày ở trạng thái hiện tại/).waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      assert.ok((await overflow(page)) <= 1, `the dossier at ${width}px scrolls sideways`);
      assert.deepEqual(await axeViolations(page), [], `the dossier at ${width}px`);
      await rig.shot(page, `ho-so-bao-cao-thanh-tich-${width}`);
    }
    await context.close();
  });
});
