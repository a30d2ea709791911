/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { binary, demoIds } from '../support/test-app';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, startRig, unlabelledControls } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const PHONE = { width: 390, height: 844 };

/**
 * Issue 19, for units that ended: the 2019 review meeting of Bộ TTTT's Cụm 6 votes by secret ballot online. Its six
 * members ended in 2025; the Sở KH&CN that took each over votes for it from its own account (two of them for two units
 * each), on a phone. ballot.browser.ts has six current units voting from their own accounts.
 */
describe('the secret ballot in Chromium: six member units vote, the tally, the receipts and the minutes agree', { skip }, () => {
  let rig: BrowserRig;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let meetingUrl: string;
  let ballotUrl: string;
  const receipts: Array<{ unit: string; receipt: string; approved: string[] }> = [];
  // Who votes for whom: the account, the unit it votes for, the candidates (by short name) it approves.
  const VOTES: Array<[string, string, number[]]> = [
    ['skhcn.gialai', 'Gia Lai', [0, 1]],
    ['skhcn.daklak', 'Phú Yên', [0]],
    ['skhcn.daklak', 'Đắk Lắk', [0, 1]],
    ['skhcn.lamdong', 'Lâm Đồng', []],
    ['skhcn.lamdong', 'Đắk Nông', [0, 1]],
    ['skhcn.quangngai', 'Kon Tum', [1]],
  ];

  before(async () => {
    rig = await startRig();
    ids = await demoIds(rig.t);
    const secretary = await rig.t.token('cum6.secretary');
    const base = `/api/clusters/${ids.cum6}/years/2019`;
    const meeting = (await rig.t.http.post(`${base}/review-meeting`).auth(secretary, { type: 'bearer' }).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Giám đốc Sở TTTT Đắk Lắk', minutesBy: 'Thư ký Cụm thi đua số 6' }).expect(201)).body;
    const members = (await rig.t.http.get(`/api/clusters/${ids.cum6}/members?year=2019`).auth(secretary, { type: 'bearer' }).expect(200)).body as Array<{ unit: { id: string } }>;
    await rig.t.http.put(`${base}/review-meeting/attendance`).auth(secretary, { type: 'bearer' }).send({ version: meeting.version, entries: members.map((m) => ({ unitId: m.unit.id, status: 'PRESENT' })) }).expect(200);
    meetingUrl = `${rig.base}/cum/${ids.cum6}/nam/2019/binh-xet`;
  });
  after(() => rig?.close());

  it('the secretariat opens the Cờ ballot from the meeting page', async () => {
    const { context, page } = await rig.signedIn('cum6.secretary');
    page.on('dialog', (d) => void d.accept());
    await page.goto(meetingUrl);
    await page.getByLabel('Danh hiệu').selectOption({ label: 'Cờ thi đua của Bộ' });
    await page.getByLabel('Cách bỏ phiếu').selectOption('ONLINE');
    await page.getByRole('button', { name: 'Mở phiên bỏ phiếu' }).click();
    await page.getByText('0/6 đơn vị đã bỏ phiếu.').waitFor();
    ballotUrl = new URL((await page.getByRole('link', { name: 'Trang bỏ phiếu' }).getAttribute('href'))!, rig.base).href;
    assert.equal(await page.getByRole('button', { name: 'Lưu phiếu bầu' }).count(), 0, 'no typed counts once a ballot is open');
    await rig.shot(page, 'bo-phieu-mo-phien-1366');
    await context.close();
  });

  it('six member units vote on a phone, each from its own account, and each gets a receipt once', async () => {
    for (const [user, unit, picks] of VOTES) {
      const { context, page } = await rig.signedIn(user, PHONE);
      page.on('dialog', (d) => void d.accept());
      await page.goto(ballotUrl);
      const candidates = await page.locator('fieldset .check-row label').allTextContents();
      assert.equal(candidates.length, 2);
      const unitSelect = page.getByLabel('Đơn vị bỏ phiếu');
      if (await unitSelect.count()) await unitSelect.selectOption({ label: (await unitSelect.locator('option', { hasText: unit }).textContent())! });
      else await page.getByText(`Đơn vị bỏ phiếu: `).filter({ hasText: unit }).waitFor();
      for (const i of picks) await page.getByLabel(candidates[i]).check();
      assert.ok((await overflow(page)) <= 1, `the voting page fits 390 px (${user})`);
      assert.deepEqual(await unlabelledControls(page), []);
      if (receipts.length === 0) await rig.shot(page, 'bo-phieu-phieu-bau-390');
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      const code = page.locator('[data-role="receipt-code"]');
      await code.waitFor();
      const receipt = (await code.textContent())!.trim();
      assert.match(receipt, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      if (receipts.length === 0) await rig.shot(page, 'bo-phieu-bien-nhan-390');
      receipts.push({ unit, receipt, approved: picks.map((i) => candidates[i]) });
      // Back on the page: the unit is on the roll as voted, its form gone; the receipt is not shown again.
      await page.reload();
      assert.equal(await page.getByText(receipt).count(), 0);
      await context.close();
    }
    // Every unit has voted: a second vote is refused.
    const sid = ballotUrl.split('/').pop();
    const again = await rig.t.http.post(`/api/ballot-sessions/${sid}/votes`).auth(await rig.t.token('skhcn.gialai'), { type: 'bearer' }).send({ choices: [] }).expect(409);
    assert.match(again.body.message, /chỉ bỏ phiếu một lần/);
  });

  it('the secretariat sees 6/6 (who, not how), closes with the counting committee; the tally, the receipts and the minutes agree', async () => {
    const { context, page } = await rig.signedIn('cum6.secretary', { width: 1366, height: 900 }, { audit: true });
    page.on('dialog', (d) => void d.accept());
    await page.goto(meetingUrl);
    await page.getByText('6/6 đơn vị đã bỏ phiếu.').waitFor();
    await page.getByLabel(/^Ban kiểm phiếu/).fill('Nguyễn Văn An, Trưởng ban\nTrần Thị Bình, Thành viên');
    await page.getByRole('button', { name: 'Đóng phiên và công bố kết quả' }).click();
    await page.getByText('Số phiếu phát ra:').first().waitFor();
    await rig.shot(page, 'bo-phieu-ket-qua-hop-1366');
    await page.goto(ballotUrl);
    assert.deepEqual(await axeViolations(page), []);
    const rows = await page.locator('#h-receipts ~ div table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('code')!.textContent!.trim(), tr.querySelectorAll('td')[1].textContent!.trim()]));
    assert.deepEqual(rows.map((r) => r[0]), receipts.map((r) => r.receipt).sort(), 'every receipt published, by receipt order');
    const names = await page.locator('#h-result ~ div table tbody th').allTextContents();
    // Each voter finds its ballot as cast under its receipt (the API publishes the same list, with full names).
    const session = (await rig.t.http.get(`/api/ballot-sessions/${ballotUrl.split('/').pop()}`).auth(await rig.t.token('skhcn.gialai'), { type: 'bearer' }).expect(200)).body as { ballots: Array<{ receipt: string; approved: Array<{ name: string; shortName: string }> }> };
    for (const r of receipts) {
      const b = session.ballots.find((x) => x.receipt === r.receipt)!;
      assert.deepEqual(b.approved.map((u) => u.name).sort(), [...r.approved].sort(), `${r.unit}: ballot ${r.receipt} counted as cast`);
      const row = rows.find((x) => x[0] === r.receipt)![1];
      assert.equal(row, b.approved.length ? b.approved.map((u) => u.shortName).join(', ') : '(không đồng ý ứng viên nào)');
    }
    // The tally recounted from the receipts: each candidate's votes on the page equal the ballots approving it.
    const expected = names.map((n) => receipts.filter((r) => r.approved.includes(n)).length);
    const shown = (await page.locator('#h-result ~ div table tbody td:nth-child(2)').allTextContents()).map(Number);
    assert.deepEqual(shown, expected);
    assert.ok(await page.getByText('Số phiếu phát ra: 6 · thu về: 6 · hợp lệ: 6 · không hợp lệ: 0').isVisible());
    await rig.shot(page, 'bo-phieu-cong-bo-1366');
    await page.setViewportSize(PHONE);
    assert.ok((await overflow(page)) <= 1, 'the published tally fits 390 px');
    await rig.shot(page, 'bo-phieu-cong-bo-390');
    const secretary = await rig.t.token('cum6.secretary');
    const pdf = await rig.t.http.get(`/api/clusters/${ids.cum6}/years/2019/review-meeting/minutes.pdf`).auth(secretary, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    if (!POPPLER_MISSING) {
      const text = squash(pdftotext(tempFile(pdf.body)));
      assert.ok(text.includes('số phiếu phát ra 6; số phiếu thu về 6; số phiếu hợp lệ 6; số phiếu không hợp lệ 0.'));
      assert.ok(text.includes('Ban kiểm phiếu: Nguyễn Văn An, Trưởng ban; Trần Thị Bình, Thành viên.'));
      for (const [i, n] of names.entries()) assert.ok(text.includes(`${n} ${expected[i]}`), `${n} ${expected[i]} in the minutes`);
    }
    await context.close();
  });
});
