/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { CHROMIUM_MISSING, axeViolations, fetchInPage, unlabelledControls } from './support';
import { BallotScene, YEAR, startBallotScene } from './ballot-scene';
import { attachReport } from '../support/test-app';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 900 };
/** A small file that passes as a PDF by its content (the server sniffs the bytes): the scanned letter. */
const LETTER = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1024, 0x20), Buffer.from('\n%%EOF\n')]);
/** Which of the two Cờ candidates each of the six present members approves (by the candidates' order). */
const PICKS = [[0, 1], [0], [1], [], [0, 1], [0]];
/** The paper Bằng khen counts: the first entry, and the second person's first try that differs on two candidates. */
const PAPER = { issued: 6, returned: 6, valid: 6, invalid: 0, votes: [5, 4, 2, 1] };
const WRONG = [5, 4, 1, 2];

type Ref = { id: string; name: string; shortName: string };
type Session = { id: string; version: number; candidates: Array<{ unit: Ref }>; ballots: Array<{ receipt: string; approved: Ref[] }> };

/** A ballot's card on the meeting page, by its award. */
const article = (page: Page, award: string): Locator => page.locator('article', { has: page.getByRole('heading', { name: new RegExp(`^${award}[^(]* \\(chỉ tiêu`) }) });

/**
 * Issue 19, done when: six member units of a current cluster-year (Bộ KH&CN's Cụm 1 of 2025, seven Sở KH&CN) vote
 * from their own accounts on a phone; outside the ballot and twice are refused; the absent seventh member's written
 * opinion is uploaded; the paper Bằng khen counts are entered twice by two people; the tally, each voter's receipt and
 * the minutes agree.
 */
describe('the secret ballot in Chromium: six current member units vote from their own accounts', { skip }, () => {
  let scene: BallotScene;
  let flag: Session;
  let merit: Session;
  const voterPages: Array<{ context: BrowserContext; page: Page; receipt: string; approved: string[] }> = [];
  const api = (path: string) => scene.rig.t.http.get(path).auth(scene.voters[0].token, { type: 'bearer' }).expect(200);
  const session = async (id: string) => (await api(`/api/ballot-sessions/${id}`)).body as Session;

  before(async () => {
    scene = await startBallotScene();
  });
  after(async () => {
    for (const v of voterPages) await v.context.close();
    await scene?.rig.close();
  });

  it('the secretariat opens the Cờ ballot online and the Bằng khen ballot on paper from the meeting page', async () => {
    const { context, page } = await scene.rig.signedIn(scene.secretary, DESK);
    page.on('dialog', (d) => void d.accept());
    await page.goto(scene.meetingUrl);
    await page.getByLabel('Danh hiệu').selectOption({ label: 'Cờ thi đua của Bộ' });
    await page.getByLabel('Cách bỏ phiếu').selectOption('ONLINE');
    await page.getByRole('button', { name: 'Mở phiên bỏ phiếu' }).click();
    await page.getByText('0/6 đơn vị đã bỏ phiếu.').waitFor();
    await page.getByLabel('Danh hiệu').selectOption({ label: 'Bằng khen của Bộ trưởng' });
    await page.getByLabel('Cách bỏ phiếu').selectOption('PAPER');
    await page.getByRole('button', { name: 'Mở phiên bỏ phiếu' }).click();
    await article(page, 'Bằng khen').getByRole('button', { name: 'Ghi nhận kết quả kiểm phiếu' }).waitFor();
    const sessions = (await api(`/api/clusters/${scene.clusterId}/years/${YEAR}/review-meeting/ballot-sessions`)).body as Array<Session & { award: string }>;
    flag = sessions.find((s) => s.award === 'EMULATION_FLAG')!;
    merit = sessions.find((s) => s.award === 'CERTIFICATE_OF_MERIT')!;
    // The candidates the rules allow: the two leading the ranking for Cờ, the first four (2 + 2) for Bằng khen.
    const ids = (s: Session) => s.candidates.map((c) => c.unit.id).sort();
    assert.deepEqual(ids(flag), scene.voters.slice(0, 2).map((v) => v.unitId).sort());
    assert.deepEqual(ids(merit), scene.voters.slice(0, 4).map((v) => v.unitId).sort());
    await scene.rig.shot(page, 'bo-phieu-hien-tai-mo-phien-1366');
    await context.close();
  });

  it('a candidate outside the ballot is refused; six units vote on a phone from their own accounts; a second vote is refused', async () => {
    const [first] = scene.voters;
    const outside = await scene.rig.t.http.post(`/api/ballot-sessions/${flag.id}/votes`).auth(first.token, { type: 'bearer' }).send({ choices: [scene.voters[4].unitId] }).expect(422);
    assert.equal(outside.body.details[0].field, 'choices.0');
    assert.equal((await session(flag.id) as unknown as { votedCount: number }).votedCount, 0, 'the refused ballot left no trace');
    const url = `${scene.rig.base}/cum/${scene.clusterId}/nam/${YEAR}/bo-phieu/${flag.id}`;
    for (const [i, v] of scene.voters.entries()) {
      const { context, page } = await scene.rig.signedIn(v.user, PHONE);
      page.on('dialog', (d) => void d.accept());
      await page.goto(url);
      // Its own unit, the only one it votes for: no choice of unit.
      assert.equal(await page.getByLabel('Đơn vị bỏ phiếu').count(), 0);
      assert.equal((await page.getByText('Đơn vị bỏ phiếu:').textContent())!.trim(), `Đơn vị bỏ phiếu: ${v.name}`);
      const labels = await page.locator('fieldset .check-row label').allTextContents();
      assert.deepEqual(labels, flag.candidates.map((c) => c.unit.name));
      for (const k of PICKS[i]) await page.getByLabel(labels[k]).check();
      assert.ok((await overflow(page)) <= 1, `the voting page fits 390 px (${v.user})`);
      assert.deepEqual(await unlabelledControls(page), []);
      if (i === 0) await scene.rig.shot(page, 'bo-phieu-hien-tai-phieu-bau-390');
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      const code = page.locator('[data-role="receipt-code"]');
      await code.waitFor();
      const receipt = (await code.textContent())!.trim();
      assert.match(receipt, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      if (i === 0) await scene.rig.shot(page, 'bo-phieu-hien-tai-bien-nhan-390');
      voterPages.push({ context, page, receipt, approved: PICKS[i].map((k) => flag.candidates[k].unit.shortName) });
      // Back on the page: the form is gone (the unit has voted), the receipt is not shown again.
      await page.reload();
      assert.equal(await page.getByRole('button', { name: 'Gửi phiếu' }).count(), 0);
      assert.equal(await page.getByText(receipt).count(), 0);
    }
    const again = await scene.rig.t.http.post(`/api/ballot-sessions/${flag.id}/votes`).auth(first.token, { type: 'bearer' }).send({ choices: [] }).expect(409);
    assert.match(again.body.message, /chỉ bỏ phiếu một lần/);
  });

  it('the absent member’s written opinion is recorded on the meeting page with its scanned letter', async () => {
    const { context, page } = await scene.rig.signedIn(scene.secretary, DESK);
    await page.goto(scene.meetingUrl);
    const card = article(page, 'Cờ thi đua');
    await card.getByLabel('Thành viên vắng mặt').selectOption({ label: scene.absent.name });
    // Both candidates ticked: the form sends one field per box.
    for (const c of flag.candidates) await card.getByRole('group', { name: /^Đồng ý theo văn bản/ }).getByLabel(c.unit.name).check();
    await card.getByLabel('Văn bản ý kiến (bản quét)').setInputFiles({ name: 'y-kien-tay-ninh.pdf', mimeType: 'application/pdf', buffer: LETTER });
    await card.getByRole('button', { name: 'Ghi nhận ý kiến bằng văn bản' }).click();
    const link = article(page, 'Cờ thi đua').getByRole('link', { name: 'y-kien-tay-ninh.pdf' });
    await link.waitFor();
    const item = (await article(page, 'Cờ thi đua').locator('li', { has: page.getByRole('link', { name: 'y-kien-tay-ninh.pdf' }) }).textContent())!;
    // While the others vote, its choices are not on the page (as the ballot box); the secretariat reads the letter.
    assert.ok(item.startsWith(`${scene.absent.name}: đã nhận ý kiến; nội dung công bố khi đóng phiên`), item);
    if (process.env.SCREENSHOTS) await article(page, 'Cờ thi đua').locator('ul', { has: page.getByRole('link', { name: 'y-kien-tay-ninh.pdf' }) }).locator('..').screenshot({ path: 'artifacts/screenshots/bo-phieu-y-kien-van-ban-dang-mo-1366.png' });
    const letter = await fetchInPage(page, (await link.getAttribute('href'))!);
    assert.equal(letter.status, 200);
    assert.deepEqual(letter.body, LETTER, 'the letter as uploaded');
    await context.close();
  });

  it('paper Bằng khen counts: two people enter them; a second entry that differs is refused, naming the figures', async () => {
    const fill = async (page: Page, votes: number[]) => {
      const card = article(page, 'Bằng khen');
      for (const [name, label] of [['issued', 'Số phiếu phát ra'], ['returned', 'Số phiếu thu về'], ['valid', 'Số phiếu hợp lệ'], ['invalid', 'Số phiếu không hợp lệ']] as const) {
        await card.getByLabel(label, { exact: true }).fill(String(PAPER[name]));
      }
      for (const [i, c] of merit.candidates.entries()) await card.getByLabel(`Số phiếu đồng ý: ${c.unit.name}`).fill(String(votes[i]));
      await card.getByRole('button', { name: 'Ghi nhận kết quả kiểm phiếu' }).click();
    };
    const one = await scene.rig.signedIn(scene.secretary, DESK);
    await one.page.goto(scene.meetingUrl);
    await fill(one.page, PAPER.votes);
    await article(one.page, 'Bằng khen').getByText(/Đã nhập: lần 1 \(/).waitFor();
    await one.context.close();
    // The second entry by another person who may record the cluster's meeting: the administrator acting for it.
    const two = await scene.rig.signedIn('admin', PHONE);
    await two.page.goto(scene.meetingUrl);
    await fill(two.page, WRONG);
    const message = article(two.page, 'Bằng khen').getByText(/^Hai lần nhập không khớp nhau/);
    await message.waitFor();
    if (process.env.SCREENSHOTS) await message.locator('..').screenshot({ path: 'artifacts/screenshots/bo-phieu-giay-khong-khop-thong-bao-390.png' });
    const text = (await message.textContent())!;
    const short = merit.candidates.map((c) => c.unit.shortName);
    for (const i of [2, 3]) assert.ok(text.includes(short[i]), `${short[i]} named as differing: ${text}`);
    for (const i of [0, 1]) assert.ok(!text.includes(short[i]), `${short[i]} agrees: ${text}`);
    assert.ok((await overflow(two.page)) <= 1, 'the meeting page with the refusal fits 390 px');
    await scene.rig.shot(two.page, 'bo-phieu-giay-khong-khop-390');
    // Both entries were discarded: the two count again and enter anew, the administrator first this time.
    await fill(two.page, PAPER.votes);
    await article(two.page, 'Bằng khen').getByText(/Đã nhập: lần 1 \(/).waitFor();
    await two.context.close();
    const again = await scene.rig.signedIn(scene.secretary, DESK);
    await again.page.goto(scene.meetingUrl);
    await fill(again.page, PAPER.votes);
    await article(again.page, 'Bằng khen').getByText(/Đã nhập: lần 1 \(.*\), lần 2 \(/).waitFor();
    await again.context.close();
  });

  it('the secretariat closes both ballots with the counting committee; the tally, every receipt and the minutes agree', async () => {
    const { context, page } = await scene.rig.signedIn(scene.secretary, DESK, { audit: true });
    page.on('dialog', (d) => void d.accept());
    await page.goto(scene.meetingUrl);
    await page.getByText('6/6 đơn vị đã bỏ phiếu.').waitFor();
    for (const award of ['Cờ thi đua', 'Bằng khen']) {
      await article(page, award).getByLabel(/^Ban kiểm phiếu/).fill('Nguyễn Văn An, Trưởng ban\nTrần Thị Bình, Thành viên');
      await article(page, award).getByRole('button', { name: 'Đóng phiên và công bố kết quả' }).click();
      await article(page, award).getByText('Số phiếu phát ra:').waitFor();
    }
    await scene.rig.shot(page, 'bo-phieu-hien-tai-ket-qua-hop-1366');
    await page.goto(`${scene.rig.base}/cum/${scene.clusterId}/nam/${YEAR}/bo-phieu/${flag.id}`);
    assert.deepEqual(await axeViolations(page), []);
    const names = await page.locator('#h-result ~ div table tbody th').allTextContents();
    assert.deepEqual(names, flag.candidates.map((c) => c.unit.name));
    // The tally recounted from the receipts (the written opinion is not counted: the regulation does not say so).
    const expected = flag.candidates.map((c) => voterPages.filter((v) => v.approved.includes(c.unit.shortName)).length);
    assert.deepEqual((await page.locator('#h-result ~ div table tbody td:nth-child(2)').allTextContents()).map(Number), expected);
    assert.ok(await page.getByText('Số phiếu phát ra: 6 · thu về: 6 · hợp lệ: 6 · không hợp lệ: 0').isVisible());
    assert.ok(await page.getByText('Ý kiến bằng văn bản: 1 · không tính vào kết quả.').isVisible());
    const published = (await session(flag.id)).ballots;
    assert.deepEqual(published.map((b) => b.receipt), voterPages.map((v) => v.receipt).sort(), 'every receipt published, in receipt order');
    // The minutes are the cluster's: a member reads them once the secretariat has issued them, never issues them itself.
    const minutesPath = `/api/clusters/${scene.clusterId}/years/${YEAR}/review-meeting/minutes.pdf`;
    assert.equal((await fetchInPage(voterPages[0].page, minutesPath)).status, 404, 'not issued by a member’s request');
    const draft = await fetchInPage(page, minutesPath);
    assert.deepEqual([draft.status, draft.headers['x-document-id']], [200, undefined], 'before sending, the secretariat’s download is a draft');
    // Sending a proposal issues the minutes (the meeting as recorded then): a member reads them from then on.
    const { t } = scene.rig;
    const sec = await t.token(scene.secretary);
    const pick = ((await t.http.get(`/api/clusters/${scene.clusterId}/years/${YEAR}/proposals/suggestions`).auth(sec, { type: 'bearer' }).expect(200)).body as Array<{ award: string; units: Array<{ id: string }> }>).find((x) => x.units.length)!;
    const proposal = (await t.http.post(`/api/clusters/${scene.clusterId}/years/${YEAR}/proposals`).auth(sec, { type: 'bearer' }).send({ award: pick.award, unitId: pick.units[0].id }).expect(201)).body;
    await attachReport(t, sec, proposal.id);
    await t.http.post(`/api/proposals/${proposal.id}/submit`).auth(sec, { type: 'bearer' }).send({ version: proposal.version }).expect(200);
    assert.ok((await fetchInPage(page, minutesPath)).headers['x-document-id'], 'issued with the sending');
    await context.close();
    // Each voter, on its own phone, finds its ballot as cast under its receipt.
    for (const v of voterPages) {
      await v.page.reload();
      const row = v.page.locator(`#phieu-${v.receipt} td`).nth(1);
      assert.equal((await row.textContent())!.trim(), v.approved.length ? v.approved.join(', ') : '(không đồng ý ứng viên nào)', `receipt ${v.receipt} shows its ballot as cast`);
      assert.ok((await overflow(v.page)) <= 1, 'the published tally fits 390 px');
    }
    await scene.rig.shot(voterPages[0].page, 'bo-phieu-hien-tai-cong-bo-390');
    const pdf = await fetchInPage(voterPages[0].page, `/api/clusters/${scene.clusterId}/years/${YEAR}/review-meeting/minutes.pdf`);
    assert.equal(pdf.status, 200);
    if (POPPLER_MISSING) return;
    const text = squash(pdftotext(tempFile(pdf.body)));
    const flagPart = text.slice(text.indexOf('Cờ thi đua'));
    assert.ok(flagPart.includes('số phiếu phát ra 6; số phiếu thu về 6; số phiếu hợp lệ 6; số phiếu không hợp lệ 0.'), text);
    assert.ok(text.includes('Ban kiểm phiếu: Nguyễn Văn An, Trưởng ban; Trần Thị Bình, Thành viên.'));
    for (const [i, n] of names.entries()) assert.ok(flagPart.includes(`${n} ${expected[i]}`), `${n} ${expected[i]} in the minutes: ${text}`);
    for (const [i, c] of merit.candidates.entries()) assert.ok(text.includes(`${c.unit.name} ${PAPER.votes[i]}`), `${c.unit.name} ${PAPER.votes[i]} (paper) in the minutes`);
    assert.ok(text.includes('Ý kiến bằng văn bản của thành viên vắng mặt: 1.'), text);
  });
});
