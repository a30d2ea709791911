/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatDateVi, todayInVietnam } from '../../src/common/time';
import { SOFTHSM_MISSING } from '../support/pades-tools';
import { demoIds, ph } from '../support/test-app';
import { BrowserRig, CHROMIUM_MISSING, attachEvidence, startRig, unlabelledControls, submitSheets } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

/** The living demo of a fresh start, as a newcomer meets it (issue 16). */
describe('the demo in Chromium: what each account has to do today', { skip }, () => {
  let rig: BrowserRig;
  const [y, mo] = todayInVietnam().split('-').map(Number);
  const year = mo <= 2 ? y - 1 : y;
  before(async () => {
    rig = await startRig({ SEED_DEMO_SCENARIO: 'true' });
  });
  after(() => rig?.close());

  it('Sở KH&CN Đắk Lắk sees its open scoring with the deadline on its first page and scores itself from there today', async () => {
    const { context, page } = await rig.signedIn('skhcn.daklak');
    const task = page.getByRole('link', { name: `Chấm điểm năm ${year}: tự chấm và chấm chéo` });
    await task.waitFor();
    const note = (await page.locator('li', { has: task }).textContent()) ?? '';
    assert.match(note, /Cụm thi đua số 6, hạn \d{2}\/\d{2}\/\d{4}/, 'the deadline stands next to the task');
    await rig.shot(page, 'demo-tong-quan-skhcn-daklak');
    await Promise.all([page.waitForURL(/cham-diem$/), task.click()]);
    const rows = page.locator('tr[data-target]');
    assert.equal(await rows.count(), 1, 'self-scoring: its own row');
    assert.match((await rows.first().textContent()) ?? '', /Sở Khoa học và Công nghệ tỉnh Đắk Lắk|Sở KH&CN Đắk Lắk/);
    // The criteria's text is on the page (a phone cannot hover the column headers).
    await page.getByText(/^Nội dung các tiêu chí \(9\)$/).click();
    await page.locator('details.criteria-text dd').first().waitFor();
    assert.match((await page.locator('details.criteria-text').textContent()) ?? '', /TC2.*Thực hiện nhiệm vụ là đầu mối tham mưu triển khai chuyển đổi số, xây dựng chính quyền số tại địa phương/s);
    const points = [14, 14.5, 9, 9.5, 14, 9, 10, 9, 4.5];
    for (const [i, p] of points.entries()) await rows.first().locator(`input[data-code="TC${i + 1}"]`).fill(String(p).replace('.', ','));
    assert.deepEqual(await unlabelledControls(page), []);
    await submitSheets(page);
    // Its criteria ask for evidence: not handed in without it, and the page says which criteria lack it.
    await page.getByText(/^Chưa có tài liệu minh chứng cho các tiêu chí yêu cầu minh chứng: TC1, TC2, .*TC9\. Tải minh chứng lên trước khi nộp phiếu tự chấm\.$/).first().waitFor();
    // The page said which criteria need a file before the refusal did (helper-90: learnt only on handing in).
    const lacking = /yêu cầu minh chứng: (.+)\. Tải/.exec((await page.getByText(/^Chưa có tài liệu minh chứng/).first().textContent()) ?? '')![1].split(', ');
    assert.deepEqual(await page.locator('#score-grid thead th:has(.evidence-needed) abbr').allTextContents(), lacking);
    assert.equal((await page.locator('details.criteria-text').textContent())?.split('cần minh chứng khi tự chấm có điểm').length, lacking.length + 1);
    await rig.shot(page, 'demo-tu-cham-thieu-minh-chung');
    await attachEvidence(page, points.map((_, i) => `TC${i + 1}`));
    await submitSheets(page);
    await page.getByText('Đã nộp 1 phiếu.', { exact: true }).waitFor();
    await rig.shot(page, 'demo-tu-cham-skhcn-daklak');
    await context.close();
  });

  it('the secretariat, the member that has not signed, the reviewer and a unit that ended each see their own page', async () => {
    const secretary = await rig.signedIn('cum6.secretary');
    await secretary.page.getByRole('link', { name: `Theo dõi ký giao ước năm ${year}` }).waitFor();
    await secretary.page.getByRole('link', { name: /^Bổ sung hồ sơ bị trả lại: Bằng khen/ }).waitFor();
    await secretary.page.getByText(/Ngày họp bình xét năm \d{4} \(Cụm thi đua số 6\)/).waitFor();
    await rig.shot(secretary.page, 'demo-tong-quan-thu-ky');
    // The year's board: where the year stands and the next action, for the secretariat and for a member.
    await Promise.all([secretary.page.waitForURL(/giao-uoc$/), secretary.page.getByRole('link', { name: `Theo dõi ký giao ước năm ${year}` }).click()]);
    await secretary.page.goto(secretary.page.url().replace(/\/giao-uoc$/, ''));
    // The scoring has begun: it is the next action, the unit late to sign said after it.
    await secretary.page.getByText(/^Việc tiếp theo: Các đơn vị đang chấm điểm đến \d{2}\/\d{2}\/\d{4}; theo dõi phiếu chưa nộp\. Giao ước còn 1 đơn vị chưa ký \(Sở KH&CN Khánh Hòa\), đã quá hạn ký \d{2}\/\d{2}\/\d{4}\.$/).waitFor();
    const board = secretary.page.locator('section', { has: secretary.page.getByRole('heading', { name: `Tình hình năm ${year}` }) });
    await board.locator('tr', { hasText: 'Sở KH&CN Gia Lai' }).getByText('Đã nộp').waitFor();
    await board.locator('tr', { hasText: 'Sở KH&CN Lâm Đồng' }).getByText('Nháp').waitFor();
    assert.match((await board.textContent()) ?? '', /Ngày kết thúc chấm điểm: \d{2}\/\d{2}\/\d{4} \(còn \d+ ngày\)/);
    for (const width of [1366, 390]) {
      await secretary.page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      const overflow = await secretary.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the year's board at ${width}px scrolls sideways by ${overflow}px`);
      await rig.shot(secretary.page, `demo-tinh-hinh-nam-${width}`);
    }
    const yearUrl = secretary.page.url();
    await secretary.context.close();
    // A member before publication: the year's board shows its own sheets only, and says so (not "chưa lập" for the
    // sheets of others it may not read).
    const daklak = await rig.signedIn('skhcn.daklak');
    await daklak.page.goto(yearUrl);
    const own = daklak.page.locator('section', { has: daklak.page.getByRole('heading', { name: `Tình hình năm ${year}` }) });
    await own.getByRole('heading', { name: 'Phiếu chấm của đơn vị bạn' }).waitFor();
    assert.equal(await own.locator('tbody tr').count(), 1, 'its own row only');
    assert.match((await own.locator('tbody tr').first().textContent()) ?? '', /Sở KH&CN Đắk Lắk.*\d\/4/s);
    await daklak.context.close();
    const member = await rig.signedIn('skhcn.khanhhoa');
    const sign = member.page.getByRole('link', { name: `Ký giao ước thi đua năm ${year}` });
    await sign.waitFor();
    assert.match((await member.page.locator('li', { has: sign }).textContent()) ?? '', /hạn ký \d{2}\/\d{2}\/\d{4} \(đã quá hạn\)/, 'the deadline, here already past');
    await member.context.close();
    const reviewer = await rig.signedIn('reviewer');
    await reviewer.page.getByRole('link', { name: /^Thẩm định: Cờ thi đua/ }).first().waitFor();
    await rig.shot(reviewer.page, 'demo-tong-quan-tham-dinh');
    await reviewer.context.close();
    for (const width of [1366, 390]) {
      const ended = await rig.signedIn('phuyen', { width, height: width === 390 ? 844 : 768 });
      await ended.page.getByText(`đã kết thúc hoạt động ngày ${formatDateVi('2025-02-28')}, nay là Sở Khoa học và Công nghệ tỉnh Đắk Lắk`).waitFor();
      const overflow = await ended.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `an ended unit's page at ${width}px scrolls sideways by ${overflow}px`);
      await rig.shot(ended.page, `demo-don-vi-da-sap-nhap-${width}`);
      await ended.context.close();
    }
  });
  it('a value that is not valid in the score grid stays marked at its cell and nothing is sent: no sheet is created', async () => {
    const { context, page } = await rig.signedIn('skhcn.quangngai');
    const ids = await demoIds(rig.t);
    const c6 = (await rig.t.dataSource.query(`SELECT cluster_id FROM memberships WHERE unit_id = ${ph(1)} AND year = ${ph(2)}`, [await ids.unit('SKHCN-QUANGNGAI'), year]))[0].cluster_id;
    const sheets = async () => Number((await rig.t.dataSource.query(`SELECT count(*) AS n FROM score_sheets WHERE cluster_id = ${ph(1)} AND year = ${ph(2)} AND scorer_unit_id = ${ph(3)}`, [c6, year, await ids.unit('SKHCN-QUANGNGAI')]))[0].n);
    const before = await sheets();
    await page.goto(`${rig.base}/cum/${c6}/nam/${year}/cham-diem?loai=PEER`);
    const row = page.locator('tr[data-target]').first();
    await row.locator('input[data-code="TC1"]').fill('abc');
    await row.locator('input[data-code="TC2"]').fill('99999999999999999999');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Có ô điểm chưa hợp lệ: sửa các ô được đánh dấu đỏ trước khi lưu.').waitFor();
    assert.equal(await row.locator('input[data-code="TC1"]').getAttribute('aria-invalid'), 'true');
    assert.match((await row.locator('td', { has: page.locator('input[data-code="TC1"]') }).textContent()) ?? '', /Không phải là số/);
    assert.match((await row.locator('td', { has: page.locator('input[data-code="TC2"]') }).textContent()) ?? '', /Phải từ 0 đến/);
    assert.equal(await sheets(), before, 'no sheet was created');
    await context.close();
  });

  it(`the administrator sees that Sở KH&CN Lâm Đồng signs on a token ${SOFTHSM_MISSING ? '— SoftHSM2 MISSING: a server-held key instead' : '(SoftHSM2)'}`, async () => {
    const lamdong = await (await demoIds(rig.t)).unit('SKHCN-LAMDONG');
    const { context, page } = await rig.signedIn('admin');
    await page.goto(`${rig.base}/don-vi/${lamdong}/sua`);
    const means = page.locator('section', { has: page.getByRole('heading', { name: 'Đơn vị ký bằng gì' }) });
    await means.waitFor();
    const text = (await means.textContent()) ?? '';
    if (SOFTHSM_MISSING) assert.match(text, /Khóa do máy chủ giữ/);
    else assert.match(text, /Thiết bị ký số PKCS#11 \(token\) thidua SKHCN-LAMDONG.*không rời khỏi thiết bị.*Chứng thư số.*CN=Sở Khoa học và Công nghệ tỉnh Lâm Đồng/s);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the unit's edit page at ${width}px scrolls sideways by ${overflow}px`);
      await rig.shot(page, `demo-don-vi-ky-bang-token-${width}`);
    }
    await context.close();
  });
  // axe-core, the keyboard and the phone width on every main page of each role: roles.browser.ts.
});
