#!/usr/bin/env node
// Runs the test suites on the compiled output with Node's test runner and prints the totals of all
// suites as the last line: "N passed, N failed".
//   node scripts/run-tests.mjs            unit + e2e on SQLite (+ e2e on PostgreSQL when reachable)
//   node scripts/run-tests.mjs unit|e2e|resilience|browser   one tier
// PostgreSQL: TEST_PG_URL (an admin URL; each test file creates and drops its own database).
// REQUIRE_PG=1 makes an unreachable PostgreSQL a failure instead of a skip (CI sets it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv[2];
const pgUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function filesIn(dir, suffix) {
  const full = join(root, 'dist', 'test', dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).filter((f) => f.endsWith(suffix)).sort().map((f) => join(full, f));
}

function pgReachable() {
  const probe = spawnSync(
    process.execPath,
    ['-e', `const {Client}=require('pg');const c=new Client({connectionString:${JSON.stringify(pgUrl)},connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))`],
    { cwd: root, stdio: 'ignore' },
  );
  return probe.status === 0;
}

function runSuite(name, files, env) {
  if (files.length === 0) return { name, pass: 0, fail: 0 };
  console.log(`\n=== ${name} (${files.length} files) ===`);
  const tap = join(mkdtempSync(join(tmpdir(), 'thidua-tap-')), 'report.tap');
  const result = spawnSync(
    process.execPath,
    ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  let fail = count('fail') + count('cancelled');
  if (result.status !== 0 && fail === 0) fail = 1; // the runner itself failed
  return { name, pass: count('pass'), fail };
}

const suites = [];
if (!only || only === 'unit') suites.push(runSuite('unit', filesIn('unit', '.test.js'), {}));
if (!only || only === 'e2e') {
  suites.push(runSuite('e2e (SQLite)', filesIn('e2e', '.e2e.js'), { TEST_DB: 'sqlite' }));
  if (pgReachable()) {
    suites.push(runSuite('e2e (PostgreSQL)', filesIn('e2e', '.e2e.js'), { TEST_DB: 'postgres', TEST_PG_URL: pgUrl }));
  } else if (process.env.REQUIRE_PG === '1') {
    console.log(`\nPostgreSQL is required (REQUIRE_PG=1) but ${pgUrl} is not reachable.`);
    suites.push({ name: 'e2e (PostgreSQL)', pass: 0, fail: 1 });
  } else {
    console.log(`\nPostgreSQL not reachable at ${pgUrl}: the PostgreSQL e2e run is skipped (set TEST_PG_URL).`);
  }
}

if (!only || only === 'resilience') {
  // Quick subset by default (CI); `npm run test:resilience` runs the full one (KILL_ROUNDS=50, FUZZ_RUNS=5000).
  const full = process.env.RESILIENCE_FULL === '1';
  suites.push(
    runSuite(`resilience (${full ? 'full' : 'quick'}, SQLite)`, filesIn('resilience', '.resilience.js'), {
      TEST_DB: 'sqlite',
      KILL_ROUNDS: process.env.KILL_ROUNDS ?? (full ? '50' : '5'),
      FUZZ_RUNS: process.env.FUZZ_RUNS ?? (full ? '5000' : '500'),
    }),
  );
  // The probe's attacks on PostgreSQL too (fuzzing with NUL, deep nesting, decomposed text; hostile files).
  const pgFiles = filesIn('resilience', '.resilience.js').filter((f) => /(fuzz|hostile)\.resilience\.js$/.test(f));
  if (pgReachable()) {
    suites.push(runSuite(`resilience (${full ? 'full' : 'quick'}, PostgreSQL)`, pgFiles, { TEST_DB: 'postgres', TEST_PG_URL: pgUrl, FUZZ_RUNS: process.env.FUZZ_RUNS_PG ?? (full ? '1500' : '200') }));
  } else if (process.env.REQUIRE_PG === '1') {
    console.log(`\nPostgreSQL is required (REQUIRE_PG=1) but ${pgUrl} is not reachable.`);
    suites.push({ name: 'resilience (PostgreSQL)', pass: 0, fail: 1 });
  } else {
    console.log(`\n*** PostgreSQL not reachable at ${pgUrl}: the PostgreSQL resilience run is SKIPPED. ***`);
  }
}

if (!only || only === 'browser') {
  // Browser tests in Debian's Chromium, on SQLite. REQUIRE_BROWSER=1 (CI) makes a missing Chromium a failure.
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium)) suites.push(runSuite('browser (Chromium)', filesIn('browser', '.browser.js'), { TEST_DB: 'sqlite' }));
  else if (process.env.REQUIRE_BROWSER === '1') {
    console.log(`\nChromium is required (REQUIRE_BROWSER=1) but ${chromium} is missing.`);
    suites.push({ name: 'browser (Chromium)', pass: 0, fail: 1 });
  } else console.log(`\nChromium not found at ${chromium}: the browser tests are skipped (apt-get install chromium).`);
}

console.log('\n=== totals ===');
for (const s of suites) console.log(`${s.name}: ${s.pass} passed, ${s.fail} failed`);
const pass = suites.reduce((a, s) => a + s.pass, 0);
const fail = suites.reduce((a, s) => a + s.fail, 0);
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail > 0 ? 1 : 0);
