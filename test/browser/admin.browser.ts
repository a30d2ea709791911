/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { totpCode } from '../../src/auth/mfa';
import { demoIds } from '../support/test-app';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, startRig, unlabelledControls } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

/** At 1366 and 390 px: every control labelled, no sideways scroll, no serious axe violation; screenshots. */
async function checkLayout(rig: BrowserRig, page: Page, name: string): Promise<void> {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
    const where = `${new URL(page.url()).pathname} at ${width}px`;
    assert.deepEqual(await unlabelledControls(page), [], where);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${where} scrolls sideways by ${overflow}px`);
    // On a phone a list is cards: none of its columns is left beyond the table's edge (the lock form of an account).
    if (width === 390) {
      const inside = await page.evaluate(() => [...document.querySelectorAll('.table-wrap')].map((w) => w.scrollWidth - w.clientWidth).filter((d) => d > 1));
      assert.deepEqual(inside, [], `${where}: a table scrolls inside`);
    }
    await rig.shot(page, `${name}-${width}`);
  }
  assert.deepEqual(await axeViolations(page), [], new URL(page.url()).pathname);
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** The message shown under a field (app.js puts it there and points the field's aria-describedby at it). */
async function fieldError(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label, { exact: true });
  await page.locator('.field-error').first().waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true', `${label} is marked invalid`);
  const id = await field.getAttribute('aria-describedby');
  return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
}

describe('administrator pages in Chromium: an account from creation to lock, a unit created and edited', { skip }, () => {
  let rig: BrowserRig;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: string;
  before(async () => {
    rig = await startRig();
    ids = await demoIds(rig.t);
    // Signed in over the API first: the browser then reuses its remembered device.
    admin = await rig.t.token('admin');
  });
  after(() => rig?.close());

  const apiGet = async (path: string) => (await rig.t.http.get(path).auth(admin, { type: 'bearer' }).expect(200)).body;

  it('an administrator creates an account, changes its role and scope, resets its password; the person signs in; locked, they cannot', async () => {
    const { context, page } = await rig.signedIn('admin', undefined, { audit: true });
    await page.goto(`${rig.base}/tai-khoan`);
    // Its own row offers no lock (it always failed); a new account starts as the least powerful role.
    const ownRow = page.locator('tr', { has: page.getByRole('link', { name: 'admin', exact: true }) });
    await ownRow.getByText('Tài khoản của bạn: không tự khóa được.').waitFor();
    assert.equal(await ownRow.getByRole('button').count(), 0);
    assert.equal(await page.getByLabel('Vai trò của tài khoản').inputValue(), 'unit_officer');
    // One answer names every field to correct: the malformed username and the unit the role needs.
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('TN Hoa');
    await page.getByLabel('Họ tên', { exact: true }).fill('Lê Thị Hoa');
    await page.getByLabel('Vai trò của tài khoản').selectOption({ label: 'Cán bộ đơn vị thành viên' });
    await page.getByLabel('Mật khẩu ban đầu (ít nhất 12 ký tự)').fill('Ban-Dau-Hoa-2026');
    await page.getByLabel('Lý do tạo tài khoản (ghi vào nhật ký)').fill('Cán bộ mới của Sở');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    assert.equal(await fieldError(page, 'Đơn vị (cán bộ đơn vị, thư ký cụm)'), 'Cán bộ đơn vị phải thuộc một đơn vị thành viên.');
    assert.match(await fieldError(page, 'Tên đăng nhập'), /^Tên đăng nhập gồm 3–50 ký tự/);
    await rig.shot(page, 'tai-khoan-loi-pham-vi');
    // A secretary without a cluster: the error sits at the cluster's select (named per item, clusterIds.0).
    await page.getByLabel('Vai trò của tài khoản').selectOption({ label: 'Thư ký cụm thi đua' });
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Thư ký cụm phải được giao ít nhất một cụm thi đua.').waitFor();
    assert.equal(await fieldError(page, 'Cụm phụ trách (thư ký cụm)'), 'Thư ký cụm phải được giao ít nhất một cụm thi đua.');
    await page.getByLabel('Vai trò của tài khoản').selectOption({ label: 'Cán bộ đơn vị thành viên' });
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('tn.hoa');
    await page.getByLabel('Đơn vị (cán bộ đơn vị, thư ký cụm)').selectOption({ label: 'Sở Khoa học và Công nghệ tỉnh Gia Lai' });
    await page.getByLabel('Mật khẩu ban đầu (ít nhất 12 ký tự)').fill('Ban-Dau-Hoa-2026');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản.').waitFor();
    const created = (await apiGet('/api/audit?action=user.create&limit=1')).items[0];
    assert.deepEqual([created.after?.username, created.reason], ['tn.hoa', 'Cán bộ mới của Sở'], 'the reason typed is in the audit log');
    await checkLayout(rig, page, 'tai-khoan-danh-sach');

    // The username opens the account's page.
    await Promise.all([page.waitForURL(/\/tai-khoan\/[0-9a-f-]{36}$/), page.getByRole('link', { name: 'tn.hoa', exact: true }).click()]);
    const userId = page.url().split('/').pop() as string;
    await page.getByRole('heading', { name: 'Tài khoản tn.hoa' }).waitFor();
    const info = page.locator('section', { has: page.getByRole('heading', { name: 'Thông tin tài khoản' }) });
    assert.match((await info.textContent()) ?? '', /Cán bộ đơn vị thành viên[\s\S]*Sở Khoa học và Công nghệ tỉnh Gia Lai[\s\S]*Đang hoạt động[\s\S]*Chưa bật/);
    await checkLayout(rig, page, 'tai-khoan-chi-tiet');

    // A secretary without a cluster is refused at the clusters' list, and nothing changes.
    const cum6 = await apiGet(`/api/clusters/${ids.cum6}`);
    const original = await apiGet(`/api/users/${userId}`);
    await page.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Thư ký cụm thi đua' });
    await page.getByLabel('Lý do thay đổi').fill('Được giao làm thư ký Cụm 6');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.locator('fieldset.checks .field-error', { hasText: 'Thư ký cụm phải được giao ít nhất một cụm thi đua.' }).waitFor();
    assert.deepEqual(await apiGet(`/api/users/${userId}`), original, 'the refused change wrote nothing');
    await page.getByLabel(`${cum6.name} – ${cum6.organizerName}`, { exact: true }).check();
    await page.getByLabel('Họ tên', { exact: true }).fill('Lê Thị Hoa (Thư ký)');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu họ tên, vai trò và phạm vi của tài khoản tn.hoa.').waitFor();
    const changed = await apiGet(`/api/users/${userId}`);
    assert.deepEqual([changed.role, changed.fullName, changed.clusterIds, changed.unitId], ['cluster_secretary', 'Lê Thị Hoa (Thư ký)', [ids.cum6], original.unitId]);
    assert.match((await info.textContent()) ?? '', new RegExp(`Thư ký cụm thi đua[\\s\\S]*${cum6.name}`));

    // Passwords typed differently: the second field says so, naming the first; nothing is sent.
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Dat-Lai-Hoa-2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Dat-Lai-Hoa-2062');
    await page.getByLabel('Lý do đặt lại mật khẩu').fill('Người dùng quên mật khẩu');
    await page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    assert.match(await fieldError(page, 'Nhập lại mật khẩu mới'), /^Chưa khớp với ô "Mật khẩu mới"/);
    await page.getByText('Có 1 ô cần sửa (“Nhập lại mật khẩu mới”): xem thông báo ngay dưới ô đó.').waitFor();
    await rig.shot(page, 'tai-khoan-mat-khau-khong-khop-1366');
    await rig.t.http.post('/api/auth/login').send({ username: 'tn.hoa', password: 'Ban-Dau-Hoa-2026' }).expect(200);
    assert.equal((await apiGet(`/api/users/${userId}`)).version, changed.version, 'the password was not reset');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Dat-Lai-Hoa-2026');
    await page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await page.getByText('Đã đặt lại mật khẩu của tn.hoa; mọi phiên đăng nhập của tài khoản đã kết thúc.').waitFor();

    // The person enrols a second factor, then loses the phone: the administrator resets it from the page.
    const api = (await rig.t.http.post('/api/auth/login').send({ username: 'tn.hoa', password: 'Dat-Lai-Hoa-2026' }).expect(200)).body.accessToken;
    const setup = await rig.t.http.post('/api/auth/mfa/setup').auth(api, { type: 'bearer' }).expect(200);
    await rig.t.http.post('/api/auth/mfa/enable').auth(api, { type: 'bearer' }).send({ code: totpCode(setup.body.secret) }).expect(200);
    await page.reload();
    await info.getByText('Đã bật').waitFor();
    await page.getByLabel('Lý do đặt lại xác thực hai lớp').fill('Người dùng mất điện thoại và mã khôi phục');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Đặt lại xác thực hai lớp' }).click();
    await page.getByText('Đã đặt lại xác thực hai lớp của tn.hoa.').waitFor();
    await info.getByText('Chưa bật').waitFor();
    assert.equal((await apiGet(`/api/users/${userId}`)).mfaEnabledAt, null);
    await rig.t.http.get('/api/auth/me').auth(api, { type: 'bearer' }).expect(401);

    // The person signs in with the new password alone in a browser of their own and sees their dashboard.
    const own = await rig.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const person = await own.newPage();
    const signIn = async () => {
      await person.goto(`${rig.base}/dang-nhap`);
      await person.getByLabel('Tên đăng nhập').fill('tn.hoa');
      await person.getByLabel('Mật khẩu', { exact: true }).fill('Dat-Lai-Hoa-2026');
      await person.getByRole('button', { name: 'Đăng nhập' }).click();
    };
    await signIn();
    await person.waitForURL(`${rig.base}/`);
    await person.getByRole('heading', { name: 'Xin chào, Lê Thị Hoa (Thư ký)' }).waitFor();
    await person.locator('section', { has: person.getByRole('heading', { name: 'Cụm thi đua của bạn' }) }).getByRole('link', { name: cum6.name }).waitFor();
    await rig.shot(person, 'tai-khoan-moi-tong-quan-390');

    // A change made meanwhile elsewhere: the stale form gets the API's 409 message and writes nothing.
    await rig.t.http.patch(`/api/users/${userId}`).auth(admin, { type: 'bearer' }).send({ version: (await apiGet(`/api/users/${userId}`)).version, fullName: 'Lê Thị Hoa', reason: 'Sửa họ tên' }).expect(200);
    await page.getByLabel('Lý do khóa').fill('Chuyển công tác');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await page.getByText('Dữ liệu đã được người khác thay đổi. Vui lòng tải lại và thực hiện lại thao tác.').waitFor();
    assert.equal((await apiGet(`/api/users/${userId}`)).active, true);

    // Locked from its page after a reload: the person's session ends and the sign-in is refused.
    await page.reload();
    await page.getByLabel('Lý do khóa').fill('Chuyển công tác');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await page.getByText('Đã khóa tài khoản tn.hoa.').waitFor();
    await info.getByText('Đã khóa').waitFor();
    await page.getByRole('button', { name: 'Mở khóa tài khoản' }).waitFor();
    await person.goto(`${rig.base}/`);
    await person.waitForURL(/\/dang-nhap/);
    await signIn();
    await person.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
    assert.match(person.url(), /\/dang-nhap/);
    await rig.shot(person, 'tai-khoan-bi-khoa-dang-nhap-390');
    await checkLayout(rig, page, 'tai-khoan-da-khoa');
    await own.close();
    await context.close();
  });

  it('an administrator creates a unit and edits it; an impossible date is refused at its field and changes nothing', async () => {
    const { context, page } = await rig.signedIn('admin', undefined, { audit: true });
    await page.goto(`${rig.base}/don-vi`);
    await checkLayout(rig, page, 'don-vi-danh-sach');
    await page.getByLabel('Mã đơn vị').fill('TN-DONVI-MOI');
    await page.getByLabel('Loại của đơn vị').selectOption({ label: 'Đơn vị thành viên' });
    await page.getByLabel('Tên đầy đủ').fill('Sở Khoa học và Công nghệ tỉnh Thử Nghiệm');
    await page.getByLabel('Tên viết tắt').fill('Sở KH&CN Thử Nghiệm');
    await page.getByLabel('Tỉnh, thành phố').fill('Thử Nghiệm');
    await page.getByLabel('Hoạt động từ ngày').fill('31/02/2025');
    await page.getByRole('button', { name: 'Tạo đơn vị' }).click();
    assert.equal(await fieldError(page, 'Hoạt động từ ngày'), 'Phải là ngày hợp lệ, dạng dd/mm/yyyy (ví dụ 15/03/2026).');
    assert.equal((await apiGet('/api/units?q=thu%20nghiem')).total, 0, 'no unit was created');
    await page.getByLabel('Hoạt động từ ngày').fill('01/07/2025');
    await Promise.all([page.waitForURL(/\/don-vi\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Tạo đơn vị' }).click()]);
    await page.getByText('Đã tạo đơn vị.').waitFor();
    await page.getByRole('heading', { name: 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm' }).waitFor();
    const unitId = page.url().split('/').pop() as string;
    const created = await apiGet(`/api/units/${unitId}`);
    assert.deepEqual([created.code, created.kind, created.shortName, created.province, created.activeFrom, created.activeTo], ['TN-DONVI-MOI', 'MEMBER', 'Sở KH&CN Thử Nghiệm', 'Thử Nghiệm', '2025-07-01', null]);
    await checkLayout(rig, page, 'don-vi-moi');

    await Promise.all([page.waitForURL(`${rig.base}/don-vi/${unitId}/sua`), page.getByRole('link', { name: 'Sửa thông tin đơn vị' }).click()]);
    assert.equal(await page.getByLabel('Hoạt động từ ngày').inputValue(), '01/07/2025', 'the date reads dd/mm/yyyy');
    await page.getByLabel('Tên viết tắt').fill('Sở KH&CN tỉnh Thử Nghiệm');
    await page.getByLabel('Đơn vị cấp trên').selectOption({ label: 'Bộ Khoa học và Công nghệ' });
    await page.getByLabel('Ghi chú').fill('Đơn vị lập để thử trang sửa đơn vị.');
    await page.getByLabel('Hoạt động đến ngày').fill('31/02/2026');
    await page.getByLabel('Lý do sửa').fill('Bổ sung thông tin');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    assert.equal(await fieldError(page, 'Hoạt động đến ngày'), 'Phải là ngày hợp lệ, dạng dd/mm/yyyy (ví dụ 15/03/2026).');
    await page.setViewportSize({ width: 390, height: 844 });
    await rig.shot(page, 'don-vi-sua-ngay-sai-390');
    await page.setViewportSize({ width: 1366, height: 768 });
    assert.deepEqual(await apiGet(`/api/units/${unitId}`), created, 'the refused edit wrote nothing');
    // An end before the start is refused at the end date, in the page's words.
    await page.getByLabel('Hoạt động đến ngày').fill('30/06/2025');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    assert.equal(await fieldError(page, 'Hoạt động đến ngày'), 'Ngày kết thúc hoạt động phải sau ngày bắt đầu.');
    await page.getByLabel('Hoạt động đến ngày').fill('');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin đơn vị.').waitFor();
    const edited = await apiGet(`/api/units/${unitId}`);
    assert.deepEqual(
      [edited.shortName, edited.parentId, edited.note, edited.activeFrom, edited.activeTo, edited.version],
      ['Sở KH&CN tỉnh Thử Nghiệm', await ids.unit('BKHCN'), 'Đơn vị lập để thử trang sửa đơn vị.', '2025-07-01', null, created.version + 1],
    );
    await checkLayout(rig, page, 'don-vi-sua');
    await page.goto(`${rig.base}/don-vi/${unitId}`);
    await checkLayout(rig, page, 'don-vi-chi-tiet');
    await context.close();
  });

  it('the account and unit editing pages are for administrators only', async () => {
    const { context, page } = await rig.signedIn('reviewer');
    for (const path of [`/tai-khoan/${await ids.user('gialai')}`, `/don-vi/${ids.gialai}/sua`]) {
      const res = await page.goto(`${rig.base}${path}`);
      assert.equal(res?.status(), 403, path);
    }
    await page.goto(`${rig.base}/don-vi`);
    assert.equal(await page.getByRole('heading', { name: 'Tạo đơn vị' }).count(), 0, 'no create form for a reviewer');
    await page.goto(`${rig.base}/don-vi/${ids.gialai}`);
    assert.equal(await page.getByRole('link', { name: 'Sửa thông tin đơn vị' }).count(), 0, 'no edit link for a reviewer');
    await context.close();
  });
});
