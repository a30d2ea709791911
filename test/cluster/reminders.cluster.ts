import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, formatDateVi, todayInVietnam } from '../../src/common/time';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { TestApp, demoIds, startTestApp } from '../support/test-app';

/**
 * Two instances on one PostgreSQL, both running the scheduled jobs every second (scripts/cluster-ci.mjs starts them
 * with SMTP_URL pointing at this test's SMTP server and REMINDERS_EVERY_SECONDS=2): a reminder due today is computed
 * by whichever instance claims each 2-second slot, again and again, both instances send the outbox every second, and
 * its e-mail arrives exactly once.
 */
const instanceEnv = JSON.parse(process.env.E2E_INSTANCE_ENV ?? '{}') as Record<string, string>;
const smtpPort = instanceEnv.SMTP_URL ? Number(new URL(instanceEnv.SMTP_URL).port) : 0;

describe('reminder e-mail with two instances', { skip: !process.env.CLUSTER_INSTANCE_URLS || !smtpPort ? 'run by scripts/cluster-ci.mjs' : false }, () => {
  let t: TestApp;
  let smtp: SmtpSink;
  before(async () => {
    smtp = await startSmtpSink(smtpPort);
    t = await startTestApp({ SMTP_URL: instanceEnv.SMTP_URL, REMINDERS_EVERY_SECONDS: instanceEnv.REMINDERS_EVERY_SECONDS });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  it('a reminder e-mail arrives in the SMTP server exactly once while both instances compute reminders and send the outbox', async () => {
    const ids = await demoIds(t);
    const secretary = await t.token('cum6.secretary');
    const settings = await t.http.get('/api/notifications/email-settings').auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.patch('/api/notifications/email-settings').auth(secretary, { type: 'bearer' }).send({ version: settings.body.version, email: 'thuky.cum6@example.vn' }).expect(200);
    // A deadline 7 days from today: Cụm 6's 2020 pledge signing (none drafted in the demo data) moved there directly in
    // the database — the API keeps a 2020 phase within 2020.
    const deadline = addDays(todayInVietnam(), 7);
    await t.dataSource.query('UPDATE emulation_years SET pledge_signing_on = $1 WHERE cluster_id = $2 AND year = 2020', [deadline, ids.cum6]);
    const subject = `[Cụm thi đua số 6 – Bộ TTTT] Ký kết giao ước thi đua năm 2020: còn 7 ngày, hạn ${formatDateVi(deadline)}`;
    const ours = () => smtp.received.filter((x) => x.subject === subject);
    for (let i = 0; i < 300 && !ours().length; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(ours().length, 1, 'the reminder arrived');
    // Both instances tick every second: the reminder job runs again each 2-second slot (on whichever instance claims
    // it) and computes the same reminder each time; the sender runs on both every second.
    const runs = async () => Number((await t.dataSource.query("SELECT count(*) AS n FROM job_runs WHERE job = 'reminders' AND finished_at IS NOT NULL"))[0].n);
    const first = await runs();
    for (let i = 0; i < 200 && (await runs()) < first + 4; i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok((await runs()) >= first + 4, 'the job ran again in four more slots');
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(ours().length, 1, 'exactly once');
    assert.deepEqual(ours()[0].to, ['thuky.cum6@example.vn']);
    const rows = await t.dataSource.query("SELECT status, attempts FROM email_outbox WHERE dedup_key LIKE '%pledgeSigningOn%' AND recipient = 'thuky.cum6@example.vn'");
    assert.deepEqual(rows.map((r: { status: string; attempts: number }) => [r.status, Number(r.attempts)]), [['sent', 1]]);
    const notices = await t.http.get('/api/notifications').auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(notices.body.items.filter((x: { subject: string }) => x.subject === subject).length, 1);
  });
});
