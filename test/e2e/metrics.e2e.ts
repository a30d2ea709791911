import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JobScheduler } from '../../src/database/job-scheduler';
import { TEST_DB, TestApp, demoIds, startTestApp } from '../support/test-app';

/** Prometheus metrics on a port of their own: requests by route pattern and status, latency, jobs, the pool. */
describe(`metrics (${TEST_DB})`, () => {
  let t: TestApp;
  const port = 9300 + Math.floor(Math.random() * 500);
  before(async () => {
    t = await startTestApp({ METRICS_PORT: String(port) });
  });
  after(() => t.close());

  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    return res.text();
  };

  it('counts requests under their route pattern (no ids), with their status, and times them', async () => {
    const admin = await t.token('admin');
    const unit = { id: (await demoIds(t)).gialai };
    await t.http.get(`/api/units/${unit.id}`).auth(admin, { type: 'bearer' }).expect(200);
    await t.http.get('/api/units/00000000-0000-4000-8000-000000000000').auth(admin, { type: 'bearer' }).expect(404);
    await t.http.get('/api/health/ready').expect(200);
    const text = await scrape();
    assert.match(text, /thidua_http_requests_total\{method="GET",route="\/api\/units\/:id",status="200"\} 1\n/);
    assert.match(text, /thidua_http_requests_total\{method="GET",route="\/api\/units\/:id",status="404"\} 1\n/);
    assert.match(text, /thidua_http_requests_total\{method="POST",route="\/api\/auth\/login",status="200"\} 1\n/);
    assert.match(text, /thidua_http_request_duration_seconds_count\{method="GET",route="\/api\/units\/:id"\} 2\n/);
    assert.ok(!text.includes(unit.id), 'no id in a label');
    assert.match(text, /thidua_process_cpu_seconds_total/);
    if (TEST_DB === 'postgres') assert.match(text, /thidua_db_pool_connections\{state="total"\} \d+/);
  });

  it('reports the scheduled jobs\' runs recorded in the database', async () => {
    await t.app.get(JobScheduler).tick();
    assert.match(await scrape(), /thidua_job_runs\{job="sessions-cleanup",finished="yes"\} 1\n/);
  });

  it('serves nothing else on that port, and nothing of it through the application', async () => {
    assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 404);
    assert.equal((await t.http.get('/metrics')).status, 404);
  });
});
