#!/usr/bin/env node
// Runs the test suites on the compiled output with Node's test runner and prints the totals of all
// suites as the last line: "N passed, N failed".
//   node scripts/run-tests.mjs [--build]  (--build: compile first, lint alongside) unit + e2e on SQLite and PostgreSQL + quick resilience + browser (Chromium)
//   node scripts/run-tests.mjs TIER...   only these tiers: unit, e2e (SQLite and PostgreSQL), e2e-sqlite, resilience,
//     browser, lint (e.g. `unit e2e-sqlite browser`, what CI runs on the other Node.js releases: scripts/other-nodes.mjs)
// Lint (scripts/lint.mjs: ESLint and dependency-cruiser, one test each) runs alongside the other tiers.
// PostgreSQL: TEST_PG_URL (an admin URL; each test file creates and drops its own database).
// PostgreSQL and Chromium are required: a run that cannot reach PostgreSQL or find Chromium fails, unless
// ALLOW_SKIP_PG=1 / ALLOW_SKIP_BROWSER=1 (or REQUIRE_PG=0 / REQUIRE_BROWSER=0) allows that skip, which is then
// announced loudly and listed in the totals.
// Speed: a seeded template (data folder + SQLite file, PostgreSQL database) is built once per run and each test
// file starts from a copy (test/support/template.ts); test processes hash with cheap argon2 parameters
// (NODE_ENV=test only); the files of the application tiers share one pool of TEST_CONCURRENCY workers (default:
// the number of cores), the longest first.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { tapCounts, tapFailures } from './tap.mjs';

const root = new URL('..', import.meta.url).pathname;
const runStarted = Date.now();
const args = process.argv.slice(2);
const tiers = args.filter((a) => !a.startsWith('--'));
const unknownTier = tiers.find((t) => !['unit', 'e2e', 'e2e-sqlite', 'resilience', 'browser', 'lint'].includes(t));
if (unknownTier) {
  console.log(`Unknown tier "${unknownTier}".\n0 passed, 1 failed`);
  process.exit(1);
}
/** No tier named: all of them. */
const want = (tier) => tiers.length === 0 || tiers.includes(tier);
/** `--build`: compile first (npm test), with the lint (which reads the sources, not dist/) already running alongside. */
const build = args.includes('--build');
const pgUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY) || availableParallelism());
const allowSkipPg = process.env.ALLOW_SKIP_PG === '1' || process.env.REQUIRE_PG === '0';
const allowSkipBrowser = process.env.ALLOW_SKIP_BROWSER === '1' || process.env.REQUIRE_BROWSER === '0';

function filesIn(dir, suffix) {
  const full = join(root, 'dist', 'test', dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).filter((f) => f.endsWith(suffix)).sort().map((f) => join(full, f));
}

/** Runs a child process; resolves with its exit code and what it wrote to stdout (and stderr, when piped). */
function run(args, { env = {}, stdio = 'inherit' } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio, env: { ...process.env, ...env } });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('close', (code, signal) => resolve({ code, signal, out }));
  });
}

async function pgReachable() {
  const probe = await run(
    ['-e', `const {Client}=require('pg');const c=new Client({connectionString:${JSON.stringify(pgUrl)},connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))`],
    { stdio: 'ignore' },
  );
  return probe.code === 0;
}

/** Builds the seeded template of one database; null (with a loud note) when that fails: files then seed their own. */
async function buildTemplate(db) {
  const res = await run([join(root, 'dist', 'test', 'support', 'template.js'), 'build', db], { env: { TEST_PG_URL: pgUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
  const json = res.out.trim().split('\n').at(-1);
  if (res.code === 0 && json?.startsWith('{')) return json;
  console.log(`\n*** The ${db} template could not be built: each test file seeds its own database (slower). ***`);
  return null;
}

async function dropTemplate(json) {
  if (json) await run([join(root, 'dist', 'test', 'support', 'template.js'), 'drop', json], { env: { TEST_PG_URL: pgUrl } });
}


// Lint starts first: it reads the sources, so it runs alongside the build.
const lint = want('lint') ? runLint() : null;
if (build) {
  const started = Date.now();
  const tsc = await run([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  console.log(`--- build (tsc): ${Math.round((Date.now() - started) / 1000)} s`);
  if (tsc.code !== 0) {
    console.log('\n*** The build failed: no test ran. ***\n0 passed, 1 failed');
    process.exit(1);
  }
}

// How long each file took last time (dist/, rebuilt with the code): the longest start first, so that the pool
// does not end on one long file. Files not measured yet start first.
const durationsFile = join(root, 'dist', '.test-durations.json');
const lastDurations = existsSync(durationsFile) ? JSON.parse(readFileSync(durationsFile, 'utf8')) : {};

/**
 * The tiers that start an application (e2e, resilience, browser), file by file in one pool of TEST_CONCURRENCY
 * workers across tiers, so that a long file of one tier overlaps the files of the others. Each file's output is
 * printed whole when it ends; the totals are per tier.
 */
async function runPool(plan) {
  const jobs = plan.flatMap((suite) => (suite.bundles ? bundleJobs(suite) : suite.files.map((file) => ({ suite, file, key: `${suite.name}|${basename(file)}` }))));
  // Not measured yet (a fresh clone): rough seconds of this machine, so that the small files come last.
  const guess = (job) => (/^browser/.test(job.suite.name) ? 45 : /^e2e/.test(job.suite.name) ? 28 : 15);
  const expected = (job) => (job.suite.first ? Infinity : (lastDurations[job.key] ?? guess(job)));
  jobs.sort((a, b) => expected(b) - expected(a));
  const results = new Map(plan.map((s) => [s, { name: s.name, pass: 0, fail: 0 }]));
  const durations = { ...lastDurations };
  console.log(`\n=== ${plan.map((s) => `${s.name} (${s.files.length} files)`).join(', ')}: ${jobs.length} files, ${concurrency} at a time ===`);
  const worker = async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const dir = mkdtempSync(join(tmpdir(), 'thidua-tap-'));
      const template = await job.suite.template;
      const started = Date.now();
      const res = await run(
        ['--test', '--test-reporter=spec', `--test-reporter-destination=${join(dir, 'spec.txt')}`, '--test-reporter=tap', `--test-reporter-destination=${join(dir, 'report.tap')}`, job.file],
        { env: { ...job.suite.env, ...(template ? { TEST_TEMPLATE: template } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const seconds = (Date.now() - started) / 1000;
      durations[job.key] = seconds;
      const counts = tapCounts(join(dir, 'report.tap'), res.code);
      if (counts.fail) for (const name of tapFailures(join(dir, 'report.tap'), res.code, res.signal)) failures.push(`${job.suite.name}${job.suite.bundles ? '' : ` · ${basename(job.file)}`} › ${name}`);
      const total = results.get(job.suite);
      total.pass += counts.pass;
      total.fail += counts.fail;
      const spec = existsSync(join(dir, 'spec.txt')) ? readFileSync(join(dir, 'spec.txt'), 'utf8') : '';
      process.stdout.write(`\n=== ${job.suite.name} · ${job.label ?? basename(job.file)} (${Math.round(seconds)} s, ${Math.round((started - runStarted) / 1000)}–${Math.round((Date.now() - runStarted) / 1000)} s into the run) ===\n${spec}${res.out}`);
      rmSync(dir, { recursive: true, force: true });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  writeFileSync(durationsFile, `${JSON.stringify(durations, null, 1)}\n`);
  return plan.map((s) => results.get(s));
}

/**
 * A tier's files in `suite.bundles` processes rather than one each: a generated entry requires the files in turn,
 * so Node, the app's modules and supertest load once per bundle (about 2 s of CPU per test process), while every
 * file still starts its own application on its own copy of the template. Files are spread by size (a stable proxy
 * for their duration), the largest first onto the lightest bundle.
 */
function bundleJobs(suite) {
  const groups = Array.from({ length: Math.min(suite.bundles, suite.files.length) }, () => ({ files: [], size: 0 }));
  const sized = suite.files.map((file) => ({ file, size: statSync(file).size })).sort((a, b) => b.size - a.size || a.file.localeCompare(b.file));
  for (const { file, size } of sized) {
    const lightest = groups.reduce((a, b) => (b.size < a.size ? b : a));
    lightest.files.push(file);
    lightest.size += size;
  }
  const dir = mkdtempSync(join(tmpdir(), 'thidua-bundle-'));
  return groups.map((g, i) => {
    const files = g.files.sort();
    const entry = join(dir, `${suite.name.replace(/\W+/g, '-')}-${i + 1}.js`);
    writeFileSync(entry, files.map((f) => `require(${JSON.stringify(f)});`).join('\n') + '\n');
    return { suite, file: entry, key: `${suite.name}|bundle ${i + 1}/${groups.length}`, label: suite.first ? `${files.length} files in one process` : files.map((f) => basename(f)).join(', ') };
  });
}

const suites = [];
const skipped = [];
/** The failed tests, named again with the totals: a long run's output is often read from its end. */
const failures = [];
/** A missing prerequisite: a failure, unless explicitly allowed; either way said loudly. */
function missing(what, name, allowed, allowVar, hint) {
  if (allowed) {
    console.log(`\n*** SKIPPED: ${name} — ${what} (allowed by ${allowVar}=1). This run does NOT cover ${name}. ***`);
    skipped.push(`${name} (${what})`);
  } else {
    console.log(`\n*** FAILED: ${name} cannot run — ${what}. ${hint} Set ${allowVar}=1 to allow skipping it. ***`);
    suites.push({ name, pass: 0, fail: 1 });
    failures.push(`${name} › cannot run: ${what}`);
  }
}

const wantE2ePg = want('e2e');
const wantE2eSqlite = wantE2ePg || want('e2e-sqlite');
/** Processes per e2e tier (E2E_BUNDLES=16: one per file, as before bundling). */
const e2eBundles = Math.max(1, Number(process.env.E2E_BUNDLES) || concurrency);
const wantResilience = want('resilience');
const wantBrowser = want('browser');
// As test/browser/support.ts: Debian's headless shell when installed (half the CPU), else the full browser.
const chromium = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';
const pgOk = wantE2ePg || wantResilience ? await pgReachable() : false;
const useTemplates = process.env.TEST_TEMPLATE !== 'none';
const needSqlite = useTemplates && (wantE2eSqlite || wantResilience || (wantBrowser && existsSync(chromium)));
const needPg = useTemplates && pgOk && (wantE2ePg || wantResilience);

/** The static checks, one test per tool, run as child processes alongside the tiers (their output printed at the end). */
function runLint() {
  return Promise.all(
    ['eslint', 'dependency-cruiser'].map(
      (tool) =>
        new Promise((resolve) => {
          const child = spawn(process.execPath, [join(root, 'scripts', 'lint.mjs'), tool], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('close', (code) => resolve({ tool, ok: code === 0, out }));
        }),
    ),
  ).then((results) => {
    console.log('\n=== lint (ESLint, dependency-cruiser) ===');
    for (const r of results) process.stdout.write(r.out);
    for (const r of results) if (!r.ok) failures.push(`lint › ${r.tool}`);
    return { name: 'lint (ESLint, dependency-cruiser)', pass: results.filter((r) => r.ok).length, fail: results.filter((r) => !r.ok).length };
  });
}
// The templates are built while the pool starts with the unit tests (which need none); a file that needs one
// waits for it.
const sqliteTemplate = needSqlite ? buildTemplate('sqlite') : Promise.resolve(null);
const pgTemplate = needPg ? buildTemplate('postgres') : Promise.resolve(null);

// The tiers that start an application, in the order of the totals; a missing prerequisite takes its place.
const plan = [];
const ordered = [];
// The unit tests: one process (an entry that requires every file), first in the pool.
if (want('unit')) {
  const unitFiles = filesIn('unit', '.test.js');
  if (unitFiles.length) {
    const suite = { name: 'unit', files: unitFiles, env: {}, template: Promise.resolve(null), bundles: 1, first: true };
    plan.push(suite);
    ordered.push(suite);
  }
}
const tier = (name, files, env, template, bundles) => {
  if (files.length === 0) return;
  const suite = { name, files, env, template, bundles };
  plan.push(suite);
  ordered.push(suite);
};
const lacking = (...args) => {
  const before = suites.length;
  missing(...args);
  ordered.push(...suites.splice(before)); // a failure keeps its place in the totals
};
if (wantE2eSqlite) tier('e2e (SQLite)', filesIn('e2e', '.e2e.js'), { TEST_DB: 'sqlite' }, sqliteTemplate, e2eBundles);
if (wantE2ePg) {
  if (pgOk) tier('e2e (PostgreSQL)', filesIn('e2e', '.e2e.js'), { TEST_DB: 'postgres', TEST_PG_URL: pgUrl }, pgTemplate, e2eBundles);
  else lacking(`PostgreSQL is not reachable at ${pgUrl}`, 'e2e (PostgreSQL)', allowSkipPg, 'ALLOW_SKIP_PG', 'Start PostgreSQL or set TEST_PG_URL.');
}
if (wantResilience) {
  // Quick subset by default (CI); `npm run test:resilience` runs the full one (KILL_ROUNDS=50, FUZZ_RUNS=5000).
  const full = process.env.RESILIENCE_FULL === '1';
  tier(
    `resilience (${full ? 'full' : 'quick'}, SQLite)`,
    filesIn('resilience', '.resilience.js'),
    { TEST_DB: 'sqlite', KILL_ROUNDS: process.env.KILL_ROUNDS ?? (full ? '50' : '5'), FUZZ_RUNS: process.env.FUZZ_RUNS ?? (full ? '5000' : '500') },
    sqliteTemplate,
  );
  // The probe's attacks on PostgreSQL too (fuzzing with NUL, deep nesting, decomposed text; hostile files).
  const pgFiles = filesIn('resilience', '.resilience.js').filter((f) => /(fuzz|hostile)\.resilience\.js$/.test(f));
  const name = `resilience (${full ? 'full' : 'quick'}, PostgreSQL)`;
  if (pgOk) tier(name, pgFiles, { TEST_DB: 'postgres', TEST_PG_URL: pgUrl, FUZZ_RUNS: process.env.FUZZ_RUNS_PG ?? process.env.FUZZ_RUNS ?? (full ? '5000' : '500') }, pgTemplate);
  else lacking(`PostgreSQL is not reachable at ${pgUrl}`, name, allowSkipPg, 'ALLOW_SKIP_PG', 'Start PostgreSQL or set TEST_PG_URL.');
}
if (wantBrowser) {
  // Browser tests in Debian's Chromium, on SQLite.
  if (existsSync(chromium)) tier('browser (Chromium)', filesIn('browser', '.browser.js'), { TEST_DB: 'sqlite' }, sqliteTemplate);
  else lacking(`Chromium is missing at ${chromium}`, 'browser (Chromium)', allowSkipBrowser, 'ALLOW_SKIP_BROWSER', 'apt-get install chromium-headless-shell (or chromium), or set CHROMIUM_PATH.');
}

try {
  const results = plan.length ? await runPool(plan) : [];
  for (const entry of ordered) suites.push(plan.includes(entry) ? results[plan.indexOf(entry)] : entry);
} finally {
  await Promise.all([dropTemplate(await sqliteTemplate), dropTemplate(await pgTemplate)]);
}
if (lint) suites.push(await lint);

console.log('\n=== totals ===');
for (const s of suites) console.log(`${s.name}: ${s.pass} passed, ${s.fail} failed`);
for (const s of skipped) console.log(`SKIPPED: ${s}`);
for (const f of failures) console.log(`FAILED TEST: ${f}`);
const pass = suites.reduce((a, s) => a + s.pass, 0);
const fail = suites.reduce((a, s) => a + s.fail, 0);
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail > 0 ? 1 : 0);
