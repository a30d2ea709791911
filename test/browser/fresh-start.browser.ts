/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser, Page, chromium } from 'playwright-core';
import { totpCode } from '../../src/auth/mfa';
import { formatDateVi, todayInVietnam } from '../../src/common/time';
import { DEMO_MFA_SECRETS } from '../../src/database/seed/demo-data';
import { DEMO_PASSWORD } from '../support/test-app';
import { CHROMIUM, CHROMIUM_FLAGS, CHROMIUM_MISSING, INTRANET_HOST, SHOTS_DIR, attachEvidence, fetchInPage, submitSheets } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });

/**
 * What `npm start` runs (the built server, `node dist/src/main.js`, with no setting but the port) in an empty folder:
 * a fresh embedded database, the demo and its living scenario recorded at the first start, real password hashing.
 * Each role then does one of its tasks of the day in Chromium, by an intranet name over plain HTTP (issue 17).
 */
describe('a fresh npm start, by an intranet name: each role does its task of the day', { skip }, () => {
  let dir: string;
  let child: ChildProcess;
  let browser: Browser;
  let base: string;
  let stderr = '';
  const [y, mo] = todayInVietnam().split('-').map(Number);
  const year = mo <= 2 ? y - 1 : y;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-fresh-'));
    const port = await freePort();
    // The environment of a newcomer's shell: none of the test suite's settings (cheap hashing, no scenario, …).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_ENV|TEST_|SEED_|DATA_DIR|DATABASE_URL|JWT_SECRET|PUBLIC_BASE_URL)/.test(k)));
    child = spawn(process.execPath, [resolve(__dirname, '../../src/main.js')], { cwd: dir, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr?.on('data', (d) => (stderr += d));
    // Our server's own word that it listens (another process could have taken the port between freePort() and the
    // spawn, and answered the health check for it), then the health check.
    let stdout = '';
    child.stdout?.on('data', (d) => (stdout += d));
    for (let i = 0; ; i++) {
      if (child.exitCode !== null || i > 1200) throw new Error(`the server did not start: ${stderr.slice(-2000)}${stdout.slice(-2000)}`);
      const ok = stdout.includes(`Serving on http://localhost:${port} `) && (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false));
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    base = `http://${INTRANET_HOST}:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS, `--host-resolver-rules=MAP ${INTRANET_HOST} 127.0.0.1`] });
  });
  after(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      throw new Error(`script error on ${page.url()}: ${e.message}`);
    });
    await page.goto(`${base}/`);
    assert.match(page.url(), /\/dang-nhap/);
    assert.match(await page.evaluate(() => getComputedStyle(document.body).fontFamily), /Segoe UI/, 'styled over plain HTTP by the intranet name');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    const secret = (DEMO_MFA_SECRETS as Record<string, string>)[username];
    if (secret) {
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByLabel('Mã xác thực').fill(totpCode(secret));
    }
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    return page;
  }

  it('the member that has not signed signs the pledge; the secretariat sees it complete on the year board', async () => {
    const member = await signIn('skhcn.khanhhoa');
    await Promise.all([member.waitForURL(/giao-uoc$/), member.getByRole('link', { name: `Ký giao ước thi đua năm ${year}` }).click()]);
    await member.getByLabel('Họ tên người ký').fill('Trần Thị Bình');
    await member.getByRole('button', { name: 'Ký giao ước' }).click();
    await member.getByText('Đơn vị của bạn đã ký giao ước.').waitFor();
    await member.context().close();
    const secretary = await signIn('cum6.secretary');
    await secretary.getByRole('link', { name: /^Cụm thi đua$/ }).first().click();
    await secretary.locator('tr', { hasText: 'Bộ Khoa học và Công nghệ' }).getByRole('link', { name: 'Cụm thi đua số 6' }).click();
    // The cluster opens on the year under way.
    await secretary.getByRole('link', { name: `Công việc năm ${year}` }).click();
    const board = secretary.locator('section', { has: secretary.getByRole('heading', { name: `Tình hình năm ${year}` }) });
    assert.match((await board.textContent()) ?? '', /đã ký 5\/5/);
    // The file the secretariat downloads is recognised as the pledge's current signed file, each signature in words.
    await secretary.getByRole('link', { name: 'Giao ước thi đua' }).first().click();
    const href = await secretary.getByRole('link', { name: /Tải bản ký số của các đơn vị/ }).getAttribute('href');
    const signed = await fetchInPage(secretary, href!);
    assert.equal(signed.status, 200);
    await secretary.goto(`${base}/xac-thuc`);
    await secretary.getByLabel('Tệp PDF').setInputFiles({ name: 'giao-uoc-ky-so.pdf', mimeType: 'application/pdf', buffer: signed.body });
    await secretary.getByRole('button', { name: 'Kiểm tra' }).click();
    await secretary.getByRole('heading', { name: 'Tài liệu nguyên vẹn' }).waitFor();
    const output = (await secretary.locator('[data-role="verify-output"]').textContent()) ?? '';
    assert.match(output, /bản ký số hiện hành/);
    assert.match(output, /✓ Chữ ký của Sở Khoa học và Công nghệ tỉnh Khánh Hòa/);
    assert.match(output, /✓ Chữ ký của Cụm thi đua số 6/);
    assert.doesNotMatch(output.replace(/Chi tiết kỹ thuật[^✓✗]*/g, ''), /member-|CN=|PAdES/, 'technical names only under "Chi tiết kỹ thuật"');
    if (process.env.SCREENSHOTS === '1') await secretary.screenshot({ path: join(SHOTS_DIR, 'xac-thuc-giao-uoc-ky-so.png'), fullPage: true });
    // Last year's pledge was signed on paper at its conference: each member's field is the secretariat's record of it.
    const lastYear = await fetchInPage(secretary, href!.replace(`/years/${year}/`, `/years/${year - 1}/`));
    assert.equal(lastYear.status, 200);
    await secretary.getByLabel('Tệp PDF').setInputFiles({ name: 'giao-uoc-nam-truoc.pdf', mimeType: 'application/pdf', buffer: lastYear.body });
    await secretary.getByRole('button', { name: 'Kiểm tra' }).click();
    await secretary.locator('[data-role="verify-output"]', { hasText: 'Chữ ký trên bản giấy' }).waitFor();
    const paper = (await secretary.locator('[data-role="verify-output"]').textContent()) ?? '';
    assert.match(paper, /✓ Chữ ký trên bản giấy ngày \d{2}\/\d{2}\/\d{4} của Sở Khoa học và Công nghệ tỉnh Khánh Hòa, ghi nhận bởi: Cụm thi đua số 6/);
    assert.match(paper, /Hợp lệ: [^✓✗]*của thư ký cụm đã ghi nhận chữ ký trên bản giấy/);
    if (process.env.SCREENSHOTS === '1') await secretary.screenshot({ path: join(SHOTS_DIR, 'xac-thuc-giao-uoc-ban-giay.png'), fullPage: true });
    // On a phone the result fits its width: the hash and the certificate facts wrap.
    await secretary.setViewportSize({ width: 390, height: 800 });
    for (const more of await secretary.locator('[data-role="verify-output"] details').all()) await more.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    assert.ok((await secretary.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scroll at 390 px');
    if (process.env.SCREENSHOTS === '1') await secretary.screenshot({ path: join(SHOTS_DIR, 'xac-thuc-giao-uoc-ky-so-390.png'), fullPage: true });
    await secretary.context().close();
  });

  it('a member scores itself and submits; the reviewer takes a Bằng khen from the queue and approves it; the administrator creates an account', async () => {
    const member = await signIn('skhcn.daklak');
    await Promise.all([member.waitForURL(/cham-diem$/), member.getByRole('link', { name: `Chấm điểm năm ${year}: tự chấm và chấm chéo` }).click()]);
    assert.equal(await member.getByTestId('criteria-unlocked').count(), 0, 'the pledge signed by all: its criteria are locked, nothing to warn of');
    const row = member.locator('tr[data-target]').first();
    for (const [i, p] of [14, 14.5, 9, 9.5, 14, 9, 10, 9, 4.5].entries()) await row.locator(`input[data-code="TC${i + 1}"]`).fill(String(p).replace('.', ','));
    await member.getByRole('button', { name: 'Lưu nháp' }).click();
    await member.getByText(/Đã lưu/).first().waitFor();
    await attachEvidence(member, ['TC1', 'TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8', 'TC9']);
    await submitSheets(member);
    await member.getByText('Đã nộp 1 phiếu.', { exact: true }).waitFor();
    await member.context().close();

    const reviewer = await signIn('reviewer');
    await reviewer.goto(`${base}/tham-dinh`);
    await reviewer.getByLabel('Hình thức').selectOption({ label: 'Bằng khen của Bộ trưởng' }).catch(() => reviewer.getByLabel('Hình thức').selectOption('CERTIFICATE_OF_MERIT'));
    await reviewer.getByLabel('Trạng thái').selectOption('SUBMITTED');
    await Promise.all([reviewer.waitForURL(/tham-dinh\?/), reviewer.getByRole('button', { name: 'Lọc' }).click()]);
    await Promise.all([reviewer.waitForURL(/\/tham-dinh\/[0-9a-f-]{36}$/), reviewer.locator('table.queue-table tbody a').first().click()]);
    await reviewer.getByRole('button', { name: 'Nhận thẩm định' }).click();
    const approve = reviewer.locator('form', { has: reviewer.getByRole('heading', { name: 'Phê duyệt', exact: true }) });
    await approve.getByLabel('Số quyết định').fill(`45/QĐ-BKHCN`);
    // Today: after the review meeting that voted the proposal (a decision is not dated before it), and not in the future.
    await approve.getByLabel('Ngày quyết định').fill(formatDateVi(todayInVietnam()));
    reviewer.once('dialog', (d) => {
      assert.match(d.message(), /^Phê duyệt đề nghị tặng .* theo quyết định đã ghi\? Đã phê duyệt thì không trả lại hay sửa được nữa\.$/);
      void d.accept();
    });
    await approve.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await reviewer.locator('.badge', { hasText: 'Đã phê duyệt' }).first().waitFor();
    await reviewer.context().close();

    const admin = await signIn('admin');
    await admin.goto(`${base}/tai-khoan`);
    await admin.getByLabel('Tên đăng nhập', { exact: true }).fill('vanthu.cum6');
    await admin.getByLabel('Họ tên', { exact: true }).fill('Lê Văn Cường');
    await admin.getByLabel('Vai trò của tài khoản').selectOption('unit_officer');
    await admin.getByLabel(/^Đơn vị \(cán bộ đơn vị/).selectOption({ label: 'Sở Khoa học và Công nghệ tỉnh Gia Lai' });
    await admin.getByLabel(/^Mật khẩu ban đầu/).fill('VanThu@2026x');
    await admin.getByLabel('Lý do tạo tài khoản (ghi vào nhật ký)').fill('Văn thư của cụm');
    await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await admin.getByRole('link', { name: 'vanthu.cum6' }).waitFor();
    await admin.context().close();
  });
});
