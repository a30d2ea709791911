#!/usr/bin/env node
// Two instances of the built server on one PostgreSQL database behind haproxy (round robin), and tests through it:
//   node scripts/cluster-ci.mjs [--build]
// For each test file: a fresh database copied from the seeded template, instances A and B started on it (each with
// an empty data folder of its own: files live in PostgreSQL; the keys and the signing certificate are shared by
// configuration), haproxy in front, the file run with E2E_BASE_URL=the balancer (test/support/test-app.ts), then
// everything stopped. Files: CLUSTER_E2E (below) — the e2e files that go through HTTP alone — and
// test/cluster/*.cluster.js (cross-instance checks, the kill test). Ends with "N passed, N failed".
// Needs: dist/ (or --build), haproxy on PATH, PostgreSQL at TEST_PG_URL (admin URL).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { tapCounts, tapFailures } from './tap.mjs';

const root = new URL('..', import.meta.url).pathname;
const adminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const started = Date.now();

/**
 * The e2e files that run through the balancer: they drive the application by HTTP (and read the shared database);
 * the few tests among them that need the application inside the test process skip (IN_PROCESS_ONLY: access-matrix's
 * bulk check, concurrency's I/O isolation, foundation's re-seed and migration revert). Left out: audit (closes and
 * tampers with its own application), backup (SQLite files), security (reads its data folder's file modes),
 * openapi-lint (writes into its data folder), jobs (drives the scheduler object).
 */
const CLUSTER_E2E = ['access-matrix', 'auth', 'awards', 'bad-input', 'ballot-opinions', 'concurrency', 'council', 'demo-scenario', 'foundation', 'leadership', 'legal', 'measured-criteria', 'pades', 'pades-tsa-down', 'peer-conflicts', 'conflict-paths', 'pledge', 'proposals', 'ratings', 'read-cache', 'regulations', 'reorganisation', 'replay-2025', 'scoring-excel', 'scoring-normalization', 'scoring-results', 'scoring'];

/** Settings a file starts its application with: the instances are started with them for that file. */
const FILE_ENV = {
  auth: { LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '600' },
  'demo-scenario': { SEED_DEMO_SCENARIO: 'true' },
};

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

if (process.argv.includes('--build') && sh(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: root }) !== 0) {
  console.log('build failed\n0 passed, 1 failed');
  process.exit(1);
}
// The start logic shared with the national benchmark (test/support/instances.ts), from the build.
const { haproxyAvailable, sharedSecrets, startBalancer, startInstance, stopProcess: stop, waitHealthy } = (await import(join(root, 'dist', 'test', 'support', 'instances.js'))).default;
if (!haproxyAvailable()) {
  console.log('haproxy is not installed (apt-get install -y haproxy)\n0 passed, 1 failed');
  process.exit(1);
}

const admin = async (sql) => {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
};
const dbUrl = (name) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

// The seeded template (migrations, reference and demo data): each file's database is a copy of it.
const built = spawnSync(process.execPath, [join(root, 'dist', 'test', 'support', 'template.js'), 'build', 'postgres'], { cwd: root, env: { ...process.env, TEST_PG_URL: adminUrl }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const template = JSON.parse(built.stdout.trim().split('\n').at(-1));
// What every instance must share: the token secret, the server key (audit chain, MFA secrets) and the certificate.
const shared = sharedSecrets(template.dataDir, 'cluster-ci-'.padEnd(48, 'x'));

// Ports the system hands out free at this moment (a fixed range met the machine's own services: epmd on 4369, NATS on
// 4222), all distinct; released at once for the instances, the balancer and the test servers to take.
async function freePorts(n) {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise((resolve, reject) => { const s = createServer(); s.once('error', reject); s.listen(0, '127.0.0.1', () => resolve(s)); })));
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}
const [lb, a, b, smtp, tsa, closed] = await freePorts(6);
const ports = { lb, a, b, smtp, tsa, closed };
// test/cluster/reminders.cluster.ts listens with a real SMTP server on this port: the instances send to it.
FILE_ENV.reminders = { SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`, REMINDERS_EVERY_SECONDS: '2' };
// pades.e2e starts its time-stamping authority on this port (test/support/pades-tools.ts instancesTsaPort());
// pades-tsa-down.e2e's TSA is a port nothing listens on.
FILE_ENV.pades = { TSA_URL: `http://127.0.0.1:${ports.tsa}/tsa` };
FILE_ENV['pades-tsa-down'] = { TSA_URL: `http://127.0.0.1:${ports.closed}/tsa` };
const lbUrl = `http://127.0.0.1:${ports.lb}`;
const work = mkdtempSync(join(tmpdir(), 'thidua-cluster-'));
const instance = (name, port, databaseUrl, extra) =>
  startInstance(name, port, databaseUrl, work, { ...shared, LOG_LEVEL: 'error', NODE_ENV: 'test', TEST_CHEAP_ARGON2: '1', SEED_DEMO: 'true', SEED_DEMO_SCENARIO: 'false', JOBS_TICK_SECONDS: '1', ...extra });


/** One test file on a fresh copy of the template, two instances and the balancer. */
async function runFile(file) {
  const name = `thidua_cl_${Math.random().toString(16).slice(2, 10)}`;
  await admin(`CREATE DATABASE ${name} TEMPLATE ${template.pgDatabase}`);
  const url = dbUrl(name);
  const extra = FILE_ENV[basename(file).replace(/\.(e2e|cluster)\.js$/, '')] ?? {};
  const a = instance('a', ports.a, url, extra);
  const b = instance('b', ports.b, url, extra);
  // haproxy's notices (servers up and down) go to the run's log only when CLUSTER_VERBOSE=1.
  const lb = startBalancer(ports.lb, [ports.a, ports.b], work, process.env.CLUSTER_VERBOSE === '1');
  const fileStarted = Date.now();
  let counts = { pass: 0, fail: 1 };
  const dir = mkdtempSync(join(work, 'tap-'));
  try {
    await Promise.all([waitHealthy(a.url, a.child, 'instance a'), waitHealthy(b.url, b.child, 'instance b')]);
    await waitHealthy(lbUrl, lb.child, 'haproxy');
    console.log(`--- ${basename(file)}: instances and balancer up in ${Math.round((Date.now() - fileStarted) / 100) / 10} s`);
    const res = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter=tap', `--test-reporter-destination=stdout`, `--test-reporter-destination=${join(dir, 'report.tap')}`, file], {
      cwd: root,
      env: { ...process.env, TEST_DB: 'postgres', TEST_PG_URL: adminUrl, E2E_BASE_URL: lbUrl, E2E_DATABASE_URL: url, E2E_INSTANCE_ENV: JSON.stringify(extra), CLUSTER_PIDS: `${a.child.pid},${b.child.pid}`, CLUSTER_INSTANCE_URLS: `${a.url},${b.url}` },
      stdio: 'inherit',
      timeout: 15 * 60_000,
    });
    counts = tapCounts(join(dir, 'report.tap'), res.status);
    for (const failed of counts.fail ? tapFailures(join(dir, 'report.tap'), res.status, res.signal) : []) failures.push(`cluster · ${basename(file)} › ${failed}`);
  } catch (error) {
    console.log(`*** ${basename(file)}: ${error.message}`);
    failures.push(`cluster · ${basename(file)} › ${String(error.message).split('\n')[0]}`);
  } finally {
    await Promise.all([stop(a), stop(b), stop(lb)]);
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`=== cluster · ${basename(file)}: ${counts.pass} passed, ${counts.fail} failed (${Math.round((Date.now() - fileStarted) / 1000)} s) ===`);
  return counts;
}

const clusterDir = join(root, 'dist', 'test', 'cluster');
const only = process.env.CLUSTER_FILES?.split(',').filter(Boolean);
const files = [
  ...(existsSync(clusterDir) ? readdirSync(clusterDir).filter((f) => f.endsWith('.cluster.js')).map((f) => join(clusterDir, f)) : []),
  ...CLUSTER_E2E.map((n) => join(root, 'dist', 'test', 'e2e', `${n}.e2e.js`)),
].filter((f) => !only || only.some((o) => basename(f).startsWith(o)));
let pass = 0;
let fail = 0;
/** The failed tests, named again at the end: a long run's output is often read from its end. */
const failures = [];
try {
  for (const file of files) {
    const c = await runFile(file);
    pass += c.pass;
    fail += c.fail;
  }
} finally {
  spawnSync(process.execPath, [join(root, 'dist', 'test', 'support', 'template.js'), 'drop', JSON.stringify(template)], { cwd: root, env: { ...process.env, TEST_PG_URL: adminUrl } });
  rmSync(work, { recursive: true, force: true });
}
console.log(`\n=== cluster (2 instances behind haproxy, ${files.length} files, ${Math.round((Date.now() - started) / 1000)} s) ===`);
for (const f of failures) console.log(`FAILED TEST: ${f}`);
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail > 0 ? 1 : 0);
