import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app-config';
import { createDataSource } from '../../src/database/data-source';
import { JobScheduler, ScheduledJob } from '../../src/database/job-scheduler';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { TEST_DB, TestApp, startTestApp } from '../support/test-app';

const HOUR = 60 * 60_000;

/**
 * Scheduled jobs run once per time slot across instances: the application's scheduler and a second one on its own
 * connection pool (another instance, as far as the database can tell) race for the same slots; an instance whose
 * connection dies mid-run leaves the slot to the other, and a slot that committed never runs again.
 */
describe(`scheduled jobs run once (${TEST_DB})`, () => {
  let t: TestApp;
  let mine: JobScheduler;
  let other: JobScheduler | undefined;
  let otherSource: DataSource | undefined;
  before(async () => {
    t = await startTestApp();
    mine = t.app.get(JobScheduler);
    if (TEST_DB === 'postgres') {
      otherSource = await createDataSource({ type: 'postgres', url: t.databaseUrl! }).initialize();
      other = new JobScheduler(new UnitOfWork(otherSource), { jobsTickSeconds: 0 } as AppConfig);
    }
  });
  after(async () => {
    await otherSource?.destroy();
    await t.close();
  });

  const runsOf = async (job: string) => (await t.dataSource.query(`SELECT slot, instance, outcome FROM job_runs WHERE job = '${job}' ORDER BY slot`)) as Array<{ slot: string; instance: string; outcome: string }>;

  it('expired sessions are deleted by the hourly job, once per hour', async () => {
    await t.token('admin');
    await t.token('cum6.secretary');
    const old = new Date(Date.now() - 10 * 24 * HOUR).toISOString();
    await t.dataSource.query(`UPDATE sessions SET expires_at = '${old}' WHERE user_id = (SELECT id FROM users WHERE username = 'admin')`);
    const before = Number((await t.dataSource.query('SELECT count(*) AS n FROM sessions'))[0].n);
    const now = Date.now();
    assert.ok((await mine.tick(now)).includes('sessions-cleanup'));
    const afterwards = Number((await t.dataSource.query('SELECT count(*) AS n FROM sessions'))[0].n);
    assert.equal(afterwards, before - 1);
    assert.deepEqual(await mine.tick(now), [], 'every job of this slot ran already');
    const [run] = await runsOf('sessions-cleanup');
    assert.equal(run.outcome, '1 phiên đã xoá');
    assert.equal(run.instance, mine.instance);
    assert.equal((await runsOf('audit-checkpoint')).length, 1);
  });

  it('two instances racing for the same slots: each slot runs exactly once', { skip: TEST_DB !== 'postgres' }, async () => {
    let ran = 0;
    const job = (): ScheduledJob => ({
      name: 'test-race',
      everyMs: HOUR,
      run: async () => {
        ran++;
        await new Promise((r) => setTimeout(r, 20));
        return 'ok';
      },
    });
    const a = job();
    const b = job();
    const start = Date.UTC(2030, 0, 1);
    // One job runs on one instance at a time (the others skip it until their next tick): each slot's attempts race.
    for (let slot = 0; slot < 5; slot++) {
      const at = start + slot * HOUR;
      const results = await Promise.all([mine.runDue(a, at), other!.runDue(b, at), mine.runDue(a, at), other!.runDue(b, at)]);
      assert.equal(results.filter(Boolean).length, 1, `slot ${slot}`);
    }
    for (let slot = 0; slot < 5; slot++) assert.equal(await other!.runDue(b, start + slot * HOUR), false);
    assert.equal(ran, 5);
    assert.equal((await runsOf('test-race')).length, 5);
  });

  it('an instance dying mid-run leaves the slot to another, which runs it once', { skip: TEST_DB !== 'postgres' }, async () => {
    let pid = 0;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const dying: ScheduledJob = {
      name: 'test-death',
      everyMs: HOUR,
      run: async (m) => {
        pid = Number((await m.query('SELECT pg_backend_pid() AS pid'))[0].pid);
        started();
        await m.query('SELECT pg_sleep(60)');
        return 'never';
      },
    };
    const surviving: ScheduledJob = { name: 'test-death', everyMs: HOUR, run: () => Promise.resolve('done by the survivor') };
    const now = Date.UTC(2031, 0, 1);
    const first = mine.runDue(dying, now).then(() => 'finished', () => 'died');
    await running;
    assert.equal(await other!.runDue(surviving, now), false, 'skipped while the other instance runs it');
    // The instance's connection dies (its process killed): its transaction rolls back and its lock goes.
    await otherSource!.query('SELECT pg_terminate_backend($1)', [pid]);
    assert.equal(await first, 'died');
    assert.equal(await other!.runDue(surviving, now), true);
    assert.equal(await other!.runDue(surviving, now), false, 'never twice');
    assert.equal(await mine.runDue(surviving, now), false);
    const runs = await runsOf('test-death');
    assert.equal(runs.length, 1);
    assert.equal(runs[0].outcome, 'done by the survivor');
  });
});
