/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { QueueReminders } from '../../src/awards/queue-reminders';
import { ph } from '../support/test-app';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, startRig, unlabelledControls } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : false;

/**
 * Issue 21 (reminders): the organiser's reviewer sets the queue's service level on the queue page and sees each
 * dossier within or over it; the reminder job tells the reviewers of the dossiers over it, on their dashboard
 * (unread count, mark as read); a person sets their e-mail address and turns e-mail off on their own account page.
 */
describe('reminders, notifications and the service level in Chromium (living demo)', { skip }, () => {
  let rig: BrowserRig;
  let waiting: string;

  before(async () => {
    rig = await startRig({ SEED_DEMO_SCENARIO: 'true' });
    const reviewer = await rig.t.token('reviewer');
    const queue = (await rig.t.http.get('/api/proposals?status=SUBMITTED').auth(reviewer, { type: 'bearer' }).expect(200)).body as Array<{ id: string }>;
    waiting = queue[0].id;
    // The demo sends it today: it is made to have waited 40 days at Bộ.
    const ago = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await rig.t.dataSource.query(`UPDATE award_proposals SET submitted_at = ${ph(1)}, updated_at = ${ph(2)} WHERE id = ${ph(3)}`, [ago, ago, waiting]);
  });
  after(() => rig?.close());

  it('the reviewer sets the service level on the queue page; the dossier waiting 40 days shows over it', async () => {
    const { context, page } = await rig.signedIn('reviewer');
    await page.goto(`${rig.base}/tham-dinh`);
    await page.getByText('Chưa đặt thời hạn.', { exact: false }).waitFor();
    await page.getByLabel('Thời hạn xử lý (ngày theo lịch, kể cả ngày nghỉ)').fill('0');
    await page.getByLabel('Lý do', { exact: true }).fill('Quy định thời hạn xử lý hồ sơ');
    await page.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await page.locator('.field-error').first().waitFor();
    assert.match((await page.locator('.field-error').first().textContent()) ?? '', /lớn hơn hoặc bằng 1/);
    await page.getByLabel('Thời hạn xử lý (ngày theo lịch, kể cả ngày nghỉ)').fill('10');
    await page.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await page.getByText('Đã lưu thời hạn xử lý hồ sơ.').waitFor();
    await page.getByText('Hiện tại: 10 ngày.', { exact: false }).waitFor();
    const row = page.locator('tr', { has: page.locator(`a[href="/tham-dinh/${waiting}"]`) });
    assert.equal((await row.locator('[data-role="sla"]').textContent())?.trim(), 'Quá thời hạn xử lý 10 ngày');
    assert.match((await row.textContent()) ?? '', /40 ngày ở trạng thái này/);
    assert.deepEqual(await unlabelledControls(page), []);
    const audit = await rig.t.dataSource.query(`SELECT reason FROM audit_entries WHERE action = ${ph(1)}`, ['service_level.set']);
    assert.deepEqual(audit.map((a: { reason: string }) => a.reason), ['Quy định thời hạn xử lý hồ sơ']);
    await context.close();
  });

  it('the reminder job tells the reviewer; the dashboard lists it with the unread count, and marking it read lowers the count', async () => {
    await rig.t.app.get(UnitOfWork).write((m) => rig.t.app.get(QueueReminders).run(m));
    const { context, page } = await rig.signedIn('reviewer', undefined, { audit: true });
    await page.goto(`${rig.base}/`);
    const card = page.locator('section', { has: page.getByRole('heading', { name: /^Thông báo/ }) });
    // The work to do comes first; the notifications follow it.
    const top = async (name: RegExp) => (await page.getByRole('heading', { name }).first().boundingBox())!.y;
    assert.ok((await top(/^Việc chờ bạn xử lý/)) < (await top(/^Thông báo/)), 'the tasks above the notifications');
    const count = async () => Number(/(\d+) chưa đọc/.exec((await card.locator('[data-role="unread-count"]').textContent()) ?? '')![1]);
    const unread = await count();
    assert.ok(unread >= 1);
    const notice = card.locator(`li.notice`, { has: page.locator(`a[href="/tham-dinh/${waiting}"]`) });
    assert.match((await notice.textContent()) ?? '', /đã chờ 40 ngày, quá thời hạn xử lý 10 ngày/);
    await notice.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await page.getByText('Đã đánh dấu thông báo là đã đọc.').waitFor();
    assert.equal(await count(), unread - 1);
    assert.deepEqual(await axeViolations(page), []);
    if (unread > 1) {
      await card.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
      await page.getByText('Đã đánh dấu mọi thông báo là đã đọc.').waitFor();
      assert.equal(await count(), 0);
    }
    await context.close();
  });

  it('a person sets their e-mail address and turns e-mail off on their own account page', async () => {
    const { context, page } = await rig.signedIn('cum6.secretary', undefined, { audit: true });
    await page.goto(`${rig.base}/`);
    await page.getByRole('link', { name: 'Tài khoản của tôi' }).click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await page.getByLabel('Địa chỉ thư điện tử').fill('thư sai');
    await page.getByRole('button', { name: 'Lưu cài đặt thư' }).click();
    await page.getByText('Địa chỉ thư điện tử không hợp lệ (ví dụ: ten.canbo@donvi.gov.vn).').waitFor();
    await page.getByLabel('Địa chỉ thư điện tử').fill('thuky.cum6@example.vn');
    await page.getByRole('button', { name: 'Lưu cài đặt thư' }).click();
    await page.getByText('Đang nhận thư tại thuky.cum6@example.vn').waitFor();
    await page.getByLabel('Nhận thư nhắc việc qua thư điện tử').uncheck();
    await page.getByRole('button', { name: 'Lưu cài đặt thư' }).click();
    await page.getByText('Đã tắt thư nhắc việc').waitFor();
    assert.equal(await page.getByLabel('Nhận thư nhắc việc qua thư điện tử').isChecked(), false);
    const token = await rig.t.token('cum6.secretary');
    const settings = (await rig.t.http.get('/api/notifications/email-settings').auth(token, { type: 'bearer' }).expect(200)).body;
    assert.deepEqual([settings.email, settings.emailNotifications], ['thuky.cum6@example.vn', false]);
    assert.deepEqual(await unlabelledControls(page), []);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  it('the administrator finds a mail the server refused on the outbox page and sends it again with a reason', async () => {
    const [{ id: userId }] = await rig.t.dataSource.query(`SELECT id FROM users WHERE username = ${ph(1)}`, ['cum6.secretary']);
    const mailId = '00000000-0000-4000-8000-00000000b001';
    await rig.t.dataSource.query(
      `INSERT INTO email_outbox (id, user_id, recipient, subject, text, status, attempts, next_attempt_at, last_error, dedup_key, created_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(ph).join(', ')})`,
      [mailId, userId, 'thuky.cum6@example.vn', '[Cụm thi đua số 6 – Bộ TTTT] Thư bị từ chối', 'Kính gửi thư ký cụm: hạn nộp phiếu chấm là 15/12.', 'failed', 8, new Date().toISOString(), '550 5.7.1 Hộp thư đầy', 'browser:outbox', new Date().toISOString()],
    );
    const { context, page } = await rig.signedIn('admin', undefined, { audit: true });
    await page.goto(`${rig.base}/`);
    await page.getByRole('link', { name: 'Hộp thư đi' }).click();
    await page.getByRole('heading', { name: 'Hộp thư đi', level: 1 }).waitFor();
    const row = page.locator(`tr[data-mail="${mailId}"]`);
    assert.match((await row.textContent()) ?? '', /Gửi thất bại.*550 5\.7\.1 Hộp thư đầy/s);
    assert.equal(await page.locator('[data-status="failed"]').textContent(), '1');
    // What the mail said is read on the page (before, only its recipient and subject).
    await row.getByText('Nội dung thư').click();
    await row.getByText('Kính gửi thư ký cụm: hạn nộp phiếu chấm là 15/12.').waitFor();
    await row.getByRole('button', { name: 'Gửi lại' }).click();
    await row.locator('.field-error').first().waitFor();
    await row.getByLabel('Lý do gửi lại thư tới thuky.cum6@example.vn').fill('Người nhận đã dọn hộp thư');
    await row.getByRole('button', { name: 'Gửi lại' }).click();
    await page.getByText('Đã đưa thư vào hàng chờ gửi.').waitFor();
    const [mail] = await rig.t.dataSource.query(`SELECT status, attempts FROM email_outbox WHERE id = ${ph(1)}`, [mailId]);
    assert.deepEqual([mail.status, Number(mail.attempts)], ['pending', 0]);
    assert.deepEqual(await unlabelledControls(page), []);
    assert.deepEqual(await axeViolations(page), []);
    // The mail waits in the queue now; on a phone its row is a card: no column hidden beyond the table's edge.
    await page.goto(`${rig.base}/hop-thu-di?status=pending`);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      await page.reload();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the outbox page at ${width}px scrolls sideways by ${overflow}px`);
      const wide = await page.locator(`tr[data-mail="${mailId}"]`).evaluate((tr) => tr.closest('.table-wrap')!.scrollWidth - tr.closest('.table-wrap')!.clientWidth);
      assert.ok(wide <= 1, `the outbox table at ${width}px scrolls inside by ${wide}px`);
      await rig.shot(page, `hop-thu-di-${width}`);
    }
    await context.close();
  });
});
