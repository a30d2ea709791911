/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { DEMO_PASSWORD, TestApp, demoIds, startTestApp } from '../support/test-app';
import { totpCode } from '../../src/auth/mfa';
import { DEMO_MFA_SECRETS } from '../../src/database/seed/demo-data';

/**
 * Debian's Chromium: its headless shell (`apt-get install chromium-headless-shell`, the same Chromium build in the
 * classic headless mode, what Playwright itself runs headless) when installed, else the full browser
 * (`apt-get install chromium`); CHROMIUM_PATH overrides both. The shell renders the same pages with half the CPU.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';
export const CHROMIUM_MISSING = !existsSync(CHROMIUM);
/** Screenshots of the main pages, kept as test artifacts (git-ignored) when SCREENSHOTS=1 (they cost a few seconds). */
export const SHOTS_DIR = join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');
const SHOTS = process.env.SCREENSHOTS === '1';

/** Flags that keep headless Chromium quiet on this closed network (see the env notes). */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface BrowserRig {
  t: TestApp;
  base: string;
  browser: Browser;
  /** A fresh browser context (its own cookies), signed in as a demo user. */
  /** `audit: true` lets axe-core be injected into the pages (the site's CSP allows no inline script). */
  signedIn(username: string, viewport?: { width: number; height: number }, options?: { audit?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The host name the browser tests open the site by: an intranet name over plain HTTP, not localhost (a browser treats
 * localhost as a secure origin and would hide what breaks on an intranet). Chromium resolves it to the test server.
 */
export const INTRANET_HOST = 'thidua.intranet';

export async function startRig(env: Record<string, string> = {}): Promise<BrowserRig> {
  const t = await startTestApp(env);
  await t.app.listen(0, '127.0.0.1');
  const port = (t.app.getHttpServer().address() as AddressInfo).port;
  const base = `http://${INTRANET_HOST}:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, `--host-resolver-rules=MAP ${INTRANET_HOST} 127.0.0.1`], headless: true });
  const remembered = new Map<string, Parameters<BrowserContext['addCookies']>[0][number]>();
  mkdirSync(SHOTS_DIR, { recursive: true });
  return {
    t,
    base,
    browser,
    async signedIn(username, viewport = { width: 1366, height: 768 }, options = {}) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true, bypassCSP: !!options.audit });
      // An account with MFA signs in with a code once, asking to remember the browser; later contexts carry that cookie.
      const fromApi = t.rememberedDevice(username);
      const known = remembered.get(username) ?? (fromApi ? { name: 'thidua_mfa', value: encodeURIComponent(fromApi), url: base } : undefined);
      if (known) await context.addCookies([known]);
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw new Error(`script error on ${page.url()}: ${e.message}`);
      });
      await page.goto(`${base}/dang-nhap`);
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
      const secret = (DEMO_MFA_SECRETS as Record<string, string>)[username];
      if (secret && !known) {
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.getByText('hãy nhập mã 6 số từ ứng dụng xác thực').first().waitFor();
        // The code is the next step, not a mistake: guidance, not an error in red.
        const step = page.locator('[data-role="form-message"]', { hasText: 'hãy nhập mã 6 số' });
        if ((await step.getAttribute('class')) !== 'form-message info') throw new Error(`the code step shows as ${await step.getAttribute('class')}`);
        await page.getByLabel('Mã xác thực').fill(totpCode(secret));
        if (SHOTS) await page.screenshot({ path: join(SHOTS_DIR, `dang-nhap-ma-xac-thuc-${username}.png`), fullPage: true });
        await page.getByLabel('Ghi nhớ thiết bị này 30 ngày').check();
      }
      await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
      if (secret && !known) {
        const cookie = (await context.cookies()).find((c) => c.name === 'thidua_mfa');
        if (!cookie) throw new Error('no remembered-device cookie after an MFA sign-in');
        remembered.set(username, cookie);
      }
      return { context, page };
    },
    async shot(page, name) {
      if (SHOTS) await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Every form control on the page has an accessible name (a label, aria-label or aria-labelledby). */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.$$eval('input:not([type=hidden]), select, textarea', (els) =>
    els
      .filter((el) => {
        const id = el.getAttribute('id');
        const labelled = (id && document.querySelector(`label[for="${id}"]`)) || el.closest('label') || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        return !labelled;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** The scene both browser files start from: the rig, the demo's ids, Cụm 6's secretary, and its 2020 pledge opened for signing. */
export interface Cum6Scene {
  rig: BrowserRig;
  ids: Awaited<ReturnType<typeof demoIds>>;
  secretary: string;
  cum6: string;
}

export async function startCum6Scene(): Promise<Cum6Scene> {
  const rig = await startRig();
  const ids = await demoIds(rig.t);
  const cum6 = ids.cum6;
  const secretary = await rig.t.token('cum6.secretary');
  // The 2020 pledge from the Cụm 6 template (it also creates the nine 2020 criteria), opened for signing.
  const pledge = await rig.t.http.post(`/api/clusters/${cum6}/years/2020/pledge`).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020' }).expect(201);
  await rig.t.http.post(`/api/clusters/${cum6}/years/2020/pledge/open`).auth(secretary, { type: 'bearer' }).send({ version: pledge.body.version }).expect(200);
  return { rig, ids, secretary, cum6 };
}

/**
 * The serious and critical accessibility violations axe-core (a well-kept library of the rules of WCAG) finds on the
 * page, one line each: rule, count, first element, help. The page's context must be opened with `audit: true`.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')} — ${v.help}`);
  });
}

/**
 * A GET from inside the page (its cookies, its origin, Chromium's resolver for the intranet name; Playwright's own
 * `page.request` resolves names with Node's resolver and cannot reach thidua.intranet).
 */
export async function fetchInPage(page: Page, path: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const res = await page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await r.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => (headers[k] = v));
    return { status: r.status, headers, base64: btoa(bin) };
  }, path);
  return { status: res.status, headers: res.headers, body: Buffer.from(res.base64, 'base64') };
}

/**
 * A self-score whose criteria ask for evidence ("Cần minh chứng") is handed in with a file for each: attached on the
 * page, one criterion at a time, as a member does (each upload reloads the page and lists the file).
 */
/** Clicks "Nộp phiếu" on a score grid and accepts its confirmation (the page asks before handing sheets in). */
export async function submitSheets(page: Page): Promise<void> {
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Nộp phiếu' }).click();
}

export async function attachEvidence(page: Page, codes: string[]): Promise<void> {
  const pdf = Buffer.from('%PDF-1.4\n% minh chứng\n%%EOF\n');
  for (const code of codes) {
    const form = page.locator('form[data-api$="/evidence"]').first();
    await form.getByLabel('Tiêu chí', { exact: true }).selectOption(code);
    await form.locator('input[type="file"]').setInputFiles({ name: `minh-chung-${code}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await form.getByRole('button', { name: 'Đính kèm' }).click();
    await page.getByRole('link', { name: `minh-chung-${code}.pdf` }).waitFor();
  }
}
