import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OutboxSender } from '../../src/notifications/outbox-sender';
import { Notifier } from '../../src/notifications/notifier';
import { ReminderJob } from '../../src/notifications/reminder-job';
import { QueueReminders } from '../../src/awards/queue-reminders';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { addDays, formatDateVi, todayInVietnam } from '../../src/common/time';
import { MetricsService } from '../../src/metrics/metrics.service';
import { ReceivedMail, SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { TestApp, actorFor, demoIds, ph, startTestApp, attachReport } from '../support/test-app';

/**
 * Reminders and e-mail, through a real SMTP server in the test process (smtp-server): the reminder job's stages of a
 * cluster-year's deadline (run for a chosen "today"), the outbox sent by nodemailer exactly once, the opt-out, the
 * secretariat told when Bộ returns a proposal, the notifications in the app, and the queue's service level.
 */
describe('reminders and e-mail', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let reviewer: string;
  const run = (today: string) => t.app.get(UnitOfWork).write((m) => t.app.get(ReminderJob).run(m, today));
  const drain = () => t.app.get(OutboxSender).drain();
  const pledge2020 = (mails: ReceivedMail[]) => mails.filter((x) => x.subject.includes('Ký kết giao ước thi đua năm 2020'));

  before(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Thi đua khen thưởng <thidua@bo.gov.vn>', PUBLIC_BASE_URL: 'https://thidua.example.vn' });
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    reviewer = await t.token('reviewer');
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  it('the person sets their e-mail address on their account; bad input names the field and changes nothing', async () => {
    const current = await t.http.get('/api/notifications/email-settings').auth(secretary, { type: 'bearer' }).expect(200);
    assert.deepEqual([current.body.email, current.body.emailNotifications], [null, true]);
    const bad = await t.http.patch('/api/notifications/email-settings').auth(secretary, { type: 'bearer' }).send({ version: current.body.version, email: 'không phải thư' }).expect(400);
    assert.equal(bad.body.details[0].field, 'email');
    assert.match(bad.body.details[0].message, /Địa chỉ thư điện tử không hợp lệ/);
    const saved = await t.http.patch('/api/notifications/email-settings').auth(secretary, { type: 'bearer' }).send({ version: current.body.version, email: 'thuky.cum6@example.vn' }).expect(200);
    assert.equal(saved.body.email, 'thuky.cum6@example.vn');
    const stale = await t.http.patch('/api/notifications/email-settings').auth(secretary, { type: 'bearer' }).send({ version: current.body.version, emailNotifications: false });
    assert.equal(stale.status, 409);
    const audit = await t.dataSource.query(`SELECT action FROM audit_entries WHERE action = ${ph(1)}`, ['user.email_settings']);
    assert.equal(audit.length, 1);
  });

  it('7 days before the pledge signing the secretariat gets a notification and one e-mail, in Vietnamese, naming the cluster, year, phase and date', async () => {
    // Cụm 6's 2020 pledge is signed on 06/03/2020 and none is drafted in the demo data: the secretariat must open it.
    await run('2020-02-28');
    await run('2020-02-28');
    await run('2020-02-29'); // still the 7-day stage: nothing new
    const result = await drain();
    assert.ok(result.sent >= 1);
    const mails = pledge2020(await smtp.waitFor(1));
    assert.equal(mails.length, 1, 'once, however many runs');
    const [mail] = mails;
    assert.deepEqual(mail.to, ['thuky.cum6@example.vn']);
    assert.equal(mail.subject, '[Cụm thi đua số 6 – Bộ TTTT] Ký kết giao ước thi đua năm 2020: còn 7 ngày, hạn 06/03/2020');
    assert.match(mail.text, /Cụm thi đua số 6 – Bộ TTTT, năm thi đua 2020\. Giai đoạn: ký kết giao ước thi đua: còn 7 ngày, hạn 06\/03\/2020\./);
    assert.match(mail.text, /Giao ước chưa được mở để các đơn vị ký\./);
    assert.match(mail.text, new RegExp(`https://thidua\\.example\\.vn/cum/${ids.cum6}/nam/2020/giao-uoc`));
    const list = await t.http.get('/api/notifications').auth(secretary, { type: 'bearer' }).expect(200);
    const notice = list.body.items.find((n: { kind: string; subject: string }) => n.kind === 'reminder.pledgeSigningOn.D7' && n.subject.includes('năm 2020'));
    assert.ok(notice);
    assert.equal(notice.dueOn, '2020-03-06');
    assert.ok(list.body.unread >= 1);
    // Sending again sends nothing: the outbox row is 'sent'.
    assert.equal((await drain()).sent, 0);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(pledge2020(smtp.received).length, 1);
  });

  it('3 days before, on the day and overdue: one mail each; with e-mail turned off the notification still comes, the mail does not', async () => {
    await run('2020-03-03');
    await drain();
    assert.equal(pledge2020(await smtp.waitFor(smtp.received.length)).length, 2);
    assert.match(pledge2020(smtp.received)[1].subject, /còn 3 ngày, hạn 06\/03\/2020$/);
    const settings = await t.http.get('/api/notifications/email-settings').auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.patch('/api/notifications/email-settings').auth(secretary, { type: 'bearer' }).send({ version: settings.body.version, emailNotifications: false }).expect(200);
    await run('2020-03-06');
    await drain();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(pledge2020(smtp.received).length, 2, 'no mail with e-mail turned off');
    const list = await t.http.get('/api/notifications').auth(secretary, { type: 'bearer' }).expect(200);
    assert.ok(list.body.items.some((n: { kind: string; subject: string }) => n.kind === 'reminder.pledgeSigningOn.D0' && n.subject === '[Cụm thi đua số 6 – Bộ TTTT] Ký kết giao ước thi đua năm 2020: hôm nay là hạn (06/03/2020)'));
    await t.http.patch('/api/notifications/email-settings').auth(secretary, { type: 'bearer' }).send({ version: settings.body.version + 1, emailNotifications: true }).expect(200);
    await run('2020-03-09');
    await drain();
    const overdue = pledge2020(await smtp.waitFor(3)).at(-1)!;
    assert.equal(overdue.subject, '[Cụm thi đua số 6 – Bộ TTTT] Ký kết giao ước thi đua năm 2020: đã quá hạn 06/03/2020');
    assert.match(overdue.text, /Việc đã quá hạn: thư này cũng được gửi tới thư ký cụm\./);
  });

  it('marks notifications read, one or all, and only the caller\'s own', async () => {
    const list = await t.http.get('/api/notifications?unreadOnly=true').auth(secretary, { type: 'bearer' }).expect(200);
    const first = list.body.items[0];
    const read = await t.http.post(`/api/notifications/${first.id}/read`).auth(secretary, { type: 'bearer' }).expect(200);
    assert.ok(read.body.readAt);
    await t.http.post(`/api/notifications/${first.id}/read`).auth(reviewer, { type: 'bearer' }).expect(404);
    const after = await t.http.get('/api/notifications').auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(after.body.unread, list.body.unread - 1);
    const all = await t.http.post('/api/notifications/read-all').auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(all.body.marked, list.body.unread - 1);
    assert.equal((await t.http.get('/api/notifications').auth(secretary, { type: 'bearer' }).expect(200)).body.unread, 0);
  });

  it('a proposal returned by Bộ: the secretariat is told in the same transaction; the queue shows its age against the service level', async () => {
    const u = { GL: ids.gialai, PY: await ids.unit('STTTT-PHUYEN'), DL: ids.daklak, LD: await ids.unit('STTTT-LAMDONG'), KT: await ids.unit('STTTT-KONTUM'), DN: await ids.unit('STTTT-DAKNONG') };
    const base = `/api/clusters/${ids.cum6}/years/2019`;
    let meeting = await t.http.post(`${base}/review-meeting`).auth(secretary, { type: 'bearer' }).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Giám đốc Sở TTTT Đắk Lắk', minutesBy: 'Thư ký cụm' }).expect(201);
    meeting = await t.http.put(`${base}/review-meeting/attendance`).auth(secretary, { type: 'bearer' }).send({ version: meeting.body.version, entries: Object.values(u).map((unitId) => ({ unitId, status: 'PRESENT' })) }).expect(200);
    await t.http.put(`${base}/review-meeting/ballots`).auth(secretary, { type: 'bearer' }).send({ version: meeting.body.version, ballots: [{ unitId: u.GL, award: 'CERTIFICATE_OF_MERIT', votesFor: 6 }] }).expect(200);
    let pr = (await t.http.post(`${base}/proposals`).auth(secretary, { type: 'bearer' }).send({ award: 'CERTIFICATE_OF_MERIT', unitId: u.GL }).expect(201)).body;
    await attachReport(t, secretary, pr.id);
    pr = (await t.http.post(`/api/proposals/${pr.id}/submit`).auth(secretary, { type: 'bearer' }).send({ version: pr.version }).expect(200)).body;
    pr = (await t.http.post(`/api/proposals/${pr.id}/claim`).auth(reviewer, { type: 'bearer' }).send({ version: pr.version }).expect(200)).body;

    // The organiser's service level: set by its reviewer, audited; a stale version answers 409; 0 days is refused.
    const level = await t.http.get(`/api/organizers/${ids.successorMinistry}/service-level`).auth(reviewer, { type: 'bearer' }).expect(200);
    assert.deepEqual([level.body.days, level.body.version], [null, 0]);
    const zero = await t.http.put(`/api/organizers/${ids.successorMinistry}/service-level`).auth(reviewer, { type: 'bearer' }).send({ days: 0, version: 0, reason: 'Quy định thời hạn' }).expect(400);
    assert.equal(zero.body.details[0].field, 'days');
    await t.http.put(`/api/organizers/${ids.successorMinistry}/service-level`).auth(secretary, { type: 'bearer' }).send({ days: 5, version: 0, reason: 'x' }).expect(403);
    const set = await t.http.put(`/api/organizers/${ids.successorMinistry}/service-level`).auth(reviewer, { type: 'bearer' }).send({ days: 5, version: 0, reason: 'Quy định thời hạn xử lý hồ sơ' }).expect(200);
    assert.deepEqual([set.body.days, set.body.version], [5, 1]);
    assert.equal((await t.http.put(`/api/organizers/${ids.successorMinistry}/service-level`).auth(reviewer, { type: 'bearer' }).send({ days: 7, version: 0, reason: 'Quy định thời hạn' })).status, 409);
    let queue = await t.http.get('/api/proposals?status=IN_REVIEW').auth(reviewer, { type: 'bearer' }).expect(200);
    let row = queue.body.find((x: { id: string }) => x.id === pr.id);
    assert.deepEqual([row.daysInStatus, row.serviceLevelDays, row.overServiceLevel], [0, 5, false]);
    // Ten days in review (its last step moved back): over the level, and the reviewers are told once.
    await t.dataSource.query(`UPDATE award_proposals SET updated_at = ${ph(1)} WHERE id = ${ph(2)}`, [new Date(Date.now() - 10 * 86_400_000).toISOString(), pr.id]);
    queue = await t.http.get('/api/proposals?status=IN_REVIEW').auth(reviewer, { type: 'bearer' }).expect(200);
    row = queue.body.find((x: { id: string }) => x.id === pr.id);
    assert.deepEqual([row.daysInStatus, row.overServiceLevel], [10, true]);
    await t.app.get(UnitOfWork).write((m) => t.app.get(QueueReminders).run(m));
    const reviewerNotes = await t.http.get('/api/notifications').auth(reviewer, { type: 'bearer' }).expect(200);
    const late = reviewerNotes.body.items.filter((n: { kind: string }) => n.kind === 'queue.overdue');
    assert.equal(late.length, 1);
    assert.match(late[0].subject, /đã chờ 10 ngày, quá thời hạn xử lý 5 ngày/);
    pr = (await t.http.get('/api/proposals?status=IN_REVIEW').auth(reviewer, { type: 'bearer' }).expect(200)).body.find((x: { id: string }) => x.id === pr.id);

    const before = smtp.received.length;
    await t.http.post(`/api/proposals/${pr.id}/return`).auth(reviewer, { type: 'bearer' }).send({ version: pr.version, reason: 'Bổ sung báo cáo thành tích có xác nhận của Sở' }).expect(200);
    const outbox = await t.dataSource.query(`SELECT status, recipient FROM email_outbox WHERE dedup_key LIKE ${ph(1)}`, ['%proposal.return%']);
    assert.deepEqual(outbox.map((r: { recipient: string }) => r.recipient), ['thuky.cum6@example.vn']);
    await drain();
    const mail = (await smtp.waitFor(before + 1)).at(-1)!;
    assert.equal(mail.subject, '[Cụm thi đua số 6 – Bộ TTTT] Hồ sơ đề nghị tặng Bằng khen của Bộ trưởng cho Sở Thông tin và Truyền thông tỉnh Gia Lai năm 2019 được Bộ trả lại để bổ sung');
    assert.match(mail.text, /Lý do: Bổ sung báo cáo thành tích có xác nhận của Sở/);
  });

  it('a return may set its own date to resend by: shown, told, reminded at its stages (the reviewers too when overdue), cleared on resending', async () => {
    const today = todayInVietnam();
    const by = addDays(today, 5);
    let pr = (await t.http.get('/api/proposals?status=RETURNED').auth(reviewer, { type: 'bearer' }).expect(200)).body.find((x: { year: number; unit: { id: string } }) => x.year === 2019 && x.unit.id === ids.gialai);
    assert.equal(pr.resubmitBy, null, 'the first return gave no date');
    // Only a return takes the date, and only a date not yet past.
    const wrongStep = await t.http.post(`/api/proposals/${pr.id}/resubmit`).auth(secretary, { type: 'bearer' }).send({ version: pr.version, reason: 'Đã bổ sung', resubmitBy: by }).expect(400);
    assert.equal(wrongStep.body.details[0].field, 'resubmitBy');
    pr = (await t.http.post(`/api/proposals/${pr.id}/resubmit`).auth(secretary, { type: 'bearer' }).send({ version: pr.version, reason: 'Đã bổ sung báo cáo' }).expect(200)).body;
    // The reviewer who returned it is told it came back, with what was added.
    const back = (await t.http.get('/api/notifications').auth(reviewer, { type: 'bearer' }).expect(200)).body.items.filter((n: { kind: string }) => n.kind === 'proposal.resubmit');
    assert.equal(back.length, 1);
    assert.match(back[0].body, /Nội dung bổ sung: Đã bổ sung báo cáo\. Hồ sơ chờ nhận thẩm định lại\.$/);
    assert.equal(back[0].link, `/tham-dinh/${pr.id}`);
    // The queue says it came back, and the dossier names the old reason as the last return's.
    const queuePage = (await t.http.get('/tham-dinh?status=SUBMITTED').auth(reviewer, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    assert.match(queuePage, new RegExp(`href="/tham-dinh/${pr.id}"[\\s\\S]*?<td data-label="Ngày gửi">Gửi lại \\d{2}/\\d{2}/\\d{4}<br>`));
    const dossier = (await t.http.get(`/tham-dinh/${pr.id}`).auth(reviewer, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    assert.ok(dossier.includes('<strong>Lý do trả lại lần trước:</strong> Bổ sung báo cáo thành tích có xác nhận của Sở'));
    pr = (await t.http.post(`/api/proposals/${pr.id}/claim`).auth(reviewer, { type: 'bearer' }).send({ version: pr.version }).expect(200)).body;
    const past = await t.http.post(`/api/proposals/${pr.id}/return`).auth(reviewer, { type: 'bearer' }).send({ version: pr.version, reason: 'Thiếu xác nhận', resubmitBy: addDays(today, -1) }).expect(400);
    assert.deepEqual([past.body.details[0].field, past.body.details[0].message.startsWith('Không được là ngày trước hôm nay')], ['resubmitBy', true]);
    assert.equal((await t.http.get('/api/proposals?status=IN_REVIEW').auth(reviewer, { type: 'bearer' }).expect(200)).body.find((x: { id: string }) => x.id === pr.id).version, pr.version, 'nothing changed');
    pr = (await t.http.post(`/api/proposals/${pr.id}/return`).auth(reviewer, { type: 'bearer' }).send({ version: pr.version, reason: 'Thiếu xác nhận của Sở', resubmitBy: by }).expect(200)).body;
    assert.equal(pr.resubmitBy, by);
    const notes = async (token: string, kind: string) => (await t.http.get('/api/notifications').auth(token, { type: 'bearer' }).expect(200)).body.items.filter((n: { kind: string }) => n.kind.startsWith(kind));
    const told = (await notes(secretary, 'proposal.return')).find((n: { body: string }) => n.body.includes('Thiếu xác nhận của Sở'));
    assert.ok(told.body.includes(`Hạn gửi bổ sung: ${formatDateVi(by)}.`), told.body);
    // Reminded 3 days before (the secretariat), and when overdue (the reviewers too), once each.
    await run(addDays(by, -3));
    await run(addDays(by, -3));
    const d3 = await notes(secretary, 'reminder.resubmission.D3');
    assert.equal(d3.length, 1);
    assert.equal(d3[0].subject, `[Cụm thi đua số 6 – Bộ TTTT] Gửi bổ sung hồ sơ đề nghị tặng Bằng khen của Bộ trưởng cho Sở Thông tin và Truyền thông tỉnh Gia Lai năm 2019: còn 3 ngày, hạn ${formatDateVi(by)}`);
    assert.equal((await notes(reviewer, 'reminder.resubmission')).length, 0);
    await run(addDays(by, 1));
    assert.equal((await notes(secretary, 'reminder.resubmission.OVERDUE')).length, 1);
    assert.equal((await notes(reviewer, 'reminder.resubmission.OVERDUE')).length, 1);
    // The dashboard's task reads Bộ's date, not the year's deadline.
    const home = await t.http.get('/').auth(secretary, { type: 'bearer' }).set('Accept', 'text/html').expect(200);
    assert.ok(home.text.includes(`hạn gửi bổ sung ${formatDateVi(by)}`), 'the task names the date to resend by');
    // The reviewer who set the date sees it among the coming dates, leading to the dossier.
    const reviewerHome = (await t.http.get('/').auth(reviewer, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    assert.ok(reviewerHome.includes(`<li><strong>${formatDateVi(by)}</strong>: <a href="/tham-dinh/${pr.id}">Hạn cụm gửi bổ sung hồ sơ Bằng khen của Bộ trưởng cho Sở Thông tin và Truyền thông tỉnh Gia Lai (Cụm thi đua số 6)</a></li>`), 'the reviewer’s coming dates');
    // Not more than a year ahead.
    pr = (await t.http.post(`/api/proposals/${pr.id}/resubmit`).auth(secretary, { type: 'bearer' }).send({ version: pr.version, reason: 'Đã bổ sung một phần' }).expect(200)).body;
    pr = (await t.http.post(`/api/proposals/${pr.id}/claim`).auth(reviewer, { type: 'bearer' }).send({ version: pr.version }).expect(200)).body;
    const far = await t.http.post(`/api/proposals/${pr.id}/return`).auth(reviewer, { type: 'bearer' }).send({ version: pr.version, reason: 'Thiếu xác nhận', resubmitBy: addDays(today, 400) }).expect(400);
    assert.match(far.body.details[0].message, /^Hạn gửi bổ sung không được quá một năm kể từ hôm nay/);
    // A second return with the same date is a return of its own: reminded again.
    pr = (await t.http.post(`/api/proposals/${pr.id}/return`).auth(reviewer, { type: 'bearer' }).send({ version: pr.version, reason: 'Vẫn thiếu xác nhận của Sở', resubmitBy: by }).expect(200)).body;
    await run(addDays(by, -3));
    assert.equal((await notes(secretary, 'reminder.resubmission.D3')).length, 2);
    // The year's deadline: a returned proposal with Bộ's own date still ahead is not counted as late against it.
    const [year] = await t.dataSource.query(`SELECT proposal_deadline FROM emulation_years WHERE cluster_id = ${ph(1)} AND year = 2019`, [ids.cum6]);
    assert.ok(year, 'the 2019 year of Cụm 6');
    await t.dataSource.query(`UPDATE emulation_years SET proposal_deadline = ${ph(1)} WHERE cluster_id = ${ph(2)} AND year = 2019`, [today, ids.cum6]);
    try {
      await run(today);
      assert.equal((await notes(secretary, 'reminder.proposalDeadline.D0')).length, 0, 'nothing is late: its own date is ahead');
    } finally {
      await t.dataSource.query(`UPDATE emulation_years SET proposal_deadline = ${ph(1)} WHERE cluster_id = ${ph(2)} AND year = 2019`, [year.proposal_deadline, ids.cum6]);
    }
    // Resent: the date is spent, and this proposal's return notices and reminders are settled (read) for everyone; another
    // proposal's return and an unrelated notice stay unread.
    const other = '00000000-0000-4000-8000-000000000000';
    await t.app.get(UnitOfWork).write(async (m) => {
      const notifier = t.app.get(Notifier);
      await notifier.notify(m, [await ids.user('cum6.secretary')], { kind: 'proposal.return', subject: 'Khác', body: 'Khác', link: null, dueOn: null, dedupKey: `proposal.return:${other}:1` });
      await notifier.notify(m, [await ids.user('reviewer')], { kind: 'queue.overdue', subject: 'Khác', body: 'Khác', link: null, dueOn: null, dedupKey: `queue.overdue:${pr.id}:1` });
    });
    const readState = async () => new Map(((await t.dataSource.query('SELECT dedup_key, read_at FROM notifications')) as Array<{ dedup_key: string; read_at: string | null }>).map((r) => [r.dedup_key, r.read_at]));
    const before = await readState();
    const ofThis = [...before.keys()].filter((k) => k.startsWith(`proposal.return:${pr.id}:`) || k.startsWith(`resubmission:${pr.id}:`));
    assert.ok(ofThis.length >= 3 && ofThis.some((k) => !before.get(k)), `this proposal's return notices, some unread: ${ofThis.join(', ')}`);
    // Their e-mails not sent yet are cancelled with them; every other mail waiting stays.
    const mailState = async () => new Map(((await t.dataSource.query('SELECT dedup_key, status FROM email_outbox')) as Array<{ dedup_key: string; status: string }>).map((r) => [r.dedup_key, r.status]));
    const mailsBefore = await mailState();
    const ofThisMail = (k: string) => k.includes(`:proposal.return:${pr.id}:`) || k.includes(`:resubmission:${pr.id}:`);
    const waiting = [...mailsBefore].filter(([k, v]) => v === 'pending' && ofThisMail(k)).map(([k]) => k);
    const otherWaiting = [...mailsBefore].filter(([k, v]) => v === 'pending' && !ofThisMail(k)).map(([k]) => k);
    assert.ok(waiting.length >= 2 && otherWaiting.length >= 1, `mails waiting: ${waiting.join(', ')} / ${otherWaiting.join(', ')}`);
    pr = (await t.http.post(`/api/proposals/${pr.id}/resubmit`).auth(secretary, { type: 'bearer' }).send({ version: pr.version, reason: 'Đã bổ sung xác nhận' }).expect(200)).body;
    assert.equal(pr.resubmitBy, null);
    const mailsAfter = await mailState();
    assert.deepEqual(waiting.map((k) => mailsAfter.get(k)), waiting.map(() => 'cancelled'), 'the return’s mails not sent are cancelled');
    assert.deepEqual(otherWaiting.map((k) => mailsAfter.get(k)), otherWaiting.map(() => 'pending'), 'other mails still wait');
    const after = await readState();
    assert.ok(ofThis.every((k) => after.get(k)), 'this proposal’s return and reminders are read');
    for (const key of [`proposal.return:${other}:1`, `queue.overdue:${pr.id}:1`]) assert.equal(after.get(key), null, `${key} stays unread`);
    const untouched = [...before].filter(([k, v]) => !ofThis.includes(k) && v === null);
    assert.ok(untouched.length >= 2 && untouched.every(([k]) => after.get(k) === null), 'every other unread notice stays unread');
    const stored = await t.dataSource.query(`SELECT resubmit_by FROM award_proposals WHERE id = ${ph(1)}`, [pr.id]);
    assert.equal(stored[0].resubmit_by, null);
    // Returned again without a date: none (the year's deadline stands), and the proposal is back where the next test expects it.
    const resent = () => notes(reviewer, 'proposal.resubmit');
    assert.ok((await resent()).some((n: { readAt: string | null }) => !n.readAt), 'the reviewer is told it came back');
    pr = (await t.http.post(`/api/proposals/${pr.id}/claim`).auth(reviewer, { type: 'bearer' }).send({ version: pr.version }).expect(200)).body;
    assert.ok((await resent()).every((n: { readAt: string | null }) => n.readAt), 'taken up again: the notice that it came back is settled');
    pr = (await t.http.post(`/api/proposals/${pr.id}/return`).auth(reviewer, { type: 'bearer' }).send({ version: pr.version, reason: 'Bổ sung thêm' }).expect(200)).body;
    assert.equal(pr.resubmitBy, null);
    // Without its own date it counts against the year's deadline again.
    await t.dataSource.query(`UPDATE emulation_years SET proposal_deadline = ${ph(1)} WHERE cluster_id = ${ph(2)} AND year = 2019`, [today, ids.cum6]);
    try {
      await run(today);
      const late = await notes(secretary, 'reminder.proposalDeadline.D0');
      assert.equal(late.length, 1);
      assert.match(late[0].body, /Còn 1 hồ sơ đề nghị chưa gửi Bộ/);
    } finally {
      await t.dataSource.query(`UPDATE emulation_years SET proposal_deadline = ${ph(1)} WHERE cluster_id = ${ph(2)} AND year = 2019`, [year.proposal_deadline, ids.cum6]);
    }
    await drain();
  });

  it('a failing change writes no outbox row (same transaction); the outbox gauge counts what is pending', async () => {
    const [{ n }] = await t.dataSource.query('SELECT count(*) AS n FROM email_outbox');
    const pr = (await t.http.get('/api/proposals?status=RETURNED').auth(reviewer, { type: 'bearer' }).expect(200)).body[0];
    // A stale step is refused: nothing of it is written.
    await t.http.post(`/api/proposals/${pr.id}/resubmit`).auth(secretary, { type: 'bearer' }).send({ version: pr.version - 1 }).expect(409);
    assert.equal(Number((await t.dataSource.query('SELECT count(*) AS n FROM email_outbox'))[0].n), Number(n));
    await t.dataSource.query(`UPDATE email_outbox SET status = 'pending' WHERE id IN (SELECT id FROM email_outbox ORDER BY id LIMIT 2)`);
    const text = await t.app.get(MetricsService).registry.metrics();
    assert.match(text, /^thidua_email_outbox_backlog 2$/m);
  });

  it('3 days before the signing, the officers of a unit that has not signed get the reminder; a unit that signed does not', async () => {
    const base = `/api/clusters/${ids.cum6}/years/2020/pledge`;
    await t.http.post(base).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020', documentNumber: '01/GƯ-CTĐ6' }).expect(201);
    const current = await t.http.get(base).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.post(`${base}/open`).auth(secretary, { type: 'bearer' }).send({ version: current.body.version }).expect(200);
    // The 2020 members are the Sở TTTT: their officers' accounts (gialai, phuyen) are the ones reminded; Phú Yên's
    // signature is made by its successor's account, as after the 2025 merger (actorFor).
    // Their units ended in 2025, so the accounts are read-only — but a person's own e-mail settings stay theirs to set.
    const gialai = { token: await t.token('gialai') };
    for (const [token, email] of [[gialai.token, 'vanthu.gialai@example.vn'], [await t.token('phuyen'), 'vanthu.phuyen@example.vn']]) {
      const settings = await t.http.get('/api/notifications/email-settings').auth(token, { type: 'bearer' }).expect(200);
      await t.http.patch('/api/notifications/email-settings').auth(token, { type: 'bearer' }).send({ version: settings.body.version, email }).expect(200);
    }
    const phuyen = await actorFor(t, 'phuyen');
    await t.http.post(`${base}/signatures`).auth(phuyen.token, { type: 'bearer' }).send({ signerName: 'Người ký', signerTitle: 'Giám đốc', unitId: phuyen.unitId }).expect(201);
    const before = smtp.received.length;
    await run('2020-03-03');
    await drain();
    const mails = (await smtp.waitFor(before + 1)).slice(before).filter((x) => x.subject.includes('Ký kết giao ước thi đua năm 2020'));
    await new Promise((r) => setTimeout(r, 300));
    const to = smtp.received.slice(before).flatMap((x) => x.to);
    assert.ok(to.includes('vanthu.gialai@example.vn'), 'the unit that has not signed is reminded');
    assert.ok(!to.includes('vanthu.phuyen@example.vn'), 'the unit that signed is not');
    const mail = mails.find((x) => x.to.includes('vanthu.gialai@example.vn'))!;
    assert.equal(mail.subject, '[Cụm thi đua số 6 – Bộ TTTT] Ký kết giao ước thi đua năm 2020: còn 3 ngày, hạn 06/03/2020');
    const list = await t.http.get('/api/notifications').auth(gialai.token, { type: 'bearer' }).expect(200);
    assert.ok(list.body.items.some((n: { kind: string }) => n.kind === 'reminder.pledgeSigningOn.D3'));
  });

  it('the administrator sees the mails to look at in the outbox and sends one again on purpose, with a reason (audited)', async () => {
    const admin = await t.token('admin');
    const [{ id: adminId }] = await t.dataSource.query(`SELECT id FROM users WHERE username = ${ph(1)}`, ['admin']);
    const mail = (id: string, status: string, error: string | null) => [id, adminId, 'quantri@example.vn', `Thư thử ${status}`, 'Nội dung', status, status === 'sent' ? 1 : 3, '2026-01-01T00:00:00.000Z', error, `test:${id}`, '2026-01-01T00:00:00.000Z'];
    const insert = `INSERT INTO email_outbox (id, user_id, recipient, subject, text, status, attempts, next_attempt_at, last_error, dedup_key, created_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(ph).join(', ')})`;
    const failed = '00000000-0000-4000-8000-00000000f001';
    const unknown = '00000000-0000-4000-8000-00000000f002';
    const sent = '00000000-0000-4000-8000-00000000f003';
    await t.dataSource.query(insert, mail(failed, 'failed', '550 5.1.1 Mailbox không tồn tại'));
    await t.dataSource.query(insert, mail(unknown, 'unknown', 'Không rõ đã gửi hay chưa: phiên gửi bị gián đoạn.'));
    await t.dataSource.query(insert, mail(sent, 'sent', null));

    const box = (await t.http.get('/api/email-outbox').auth(admin, { type: 'bearer' }).expect(200)).body;
    assert.deepEqual(box.items.map((m: { id: string }) => m.id).sort(), [failed, unknown], 'by default the mails to look at');
    assert.equal(box.counts.failed, 1);
    assert.ok(box.counts.sent >= 1);
    assert.equal(box.items.find((m: { id: string }) => m.id === failed).lastError, '550 5.1.1 Mailbox không tồn tại');
    const sentOnly = (await t.http.get('/api/email-outbox?status=sent').auth(admin, { type: 'bearer' }).expect(200)).body;
    assert.ok(sentOnly.items.every((m: { status: string }) => m.status === 'sent'));
    const page = (await t.http.get('/hop-thu-di').auth(admin, { type: 'bearer' }).set('Accept', 'text/html').expect(200)).text;
    assert.ok(page.includes('550 5.1.1 Mailbox không tồn tại') && page.includes('Lý do gửi lại thư tới quantri@example.vn'));

    // Refusals: not an administrator, bad status, no reason, a mail already sent; nothing changes.
    await t.http.get('/api/email-outbox').auth(secretary, { type: 'bearer' }).expect(403);
    await t.http.get('/hop-thu-di').auth(secretary, { type: 'bearer' }).set('Accept', 'text/html').expect(403);
    const badStatus = await t.http.get('/api/email-outbox?status=lost').auth(admin, { type: 'bearer' }).expect(400);
    assert.equal(badStatus.body.details[0].field, 'status');
    const snapshot = await t.snapshot();
    const noReason = await t.http.post(`/api/email-outbox/${failed}/resend`).auth(admin, { type: 'bearer' }).send({}).expect(400);
    assert.equal(noReason.body.details[0].field, 'reason');
    const again = await t.http.post(`/api/email-outbox/${sent}/resend`).auth(admin, { type: 'bearer' }).send({ reason: 'Thử' }).expect(409);
    assert.match(again.body.message, /Chỉ gửi lại được thư gửi thất bại hoặc không rõ đã gửi chưa/);
    await t.http.post('/api/email-outbox/00000000-0000-4000-8000-0000000000ff/resend').auth(admin, { type: 'bearer' }).send({ reason: 'Thử' }).expect(404);
    assert.equal(await t.snapshot(), snapshot, 'nothing changed');

    const before = smtp.received.length;
    const resent = (await t.http.post(`/api/email-outbox/${unknown}/resend`).auth(admin, { type: 'bearer' }).send({ reason: 'Người nhận xác nhận chưa nhận được thư' }).expect(200)).body;
    assert.deepEqual([resent.status, resent.attempts], ['pending', 0]);
    const [audit] = await t.dataSource.query(`SELECT reason FROM audit_entries WHERE action = ${ph(1)} AND entity_id = ${ph(2)}`, ['email.resend', unknown]);
    assert.equal(audit.reason, 'Người nhận xác nhận chưa nhận được thư');
    await drain();
    const delivered = (await smtp.waitFor(before + 1)).slice(before);
    assert.ok(delivered.some((x) => x.subject === 'Thư thử unknown'), 'the sender sends it at its next round');
    const [row] = await t.dataSource.query(`SELECT status, attempts FROM email_outbox WHERE id = ${ph(1)}`, [unknown]);
    assert.deepEqual([row.status, Number(row.attempts)], ['sent', 1]);
  });
});
