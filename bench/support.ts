import { totpCode } from '../src/auth/mfa';
import { DEMO_MFA_SECRETS } from '../src/database/seed/demo-data';
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export interface ServerHandle {
  url: string;
  child: ChildProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The environment `npm run start:prod` (and `npm start`) gives the server: the `NAME=value` words before `node
 * dist/src/main.js` in the package.json of the build started (the malloc and heap settings), so the benchmarks measure each server as it is started.
 */
export function startScriptEnv(packageJson = resolve(__dirname, '../../package.json')): Record<string, string> {
  const script: string = JSON.parse(readFileSync(packageJson, 'utf8')).scripts['start:prod'];
  const words = script.trim().split(/\s+/);
  if (words.slice(-2).join(' ') !== 'node dist/src/main.js') throw new Error(`start:prod is not "[NAME=value …] node dist/src/main.js": ${script}`);
  return Object.fromEntries(words.slice(0, -2).map((w) => {
    const match = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(w);
    if (!match) throw new Error(`start:prod: unexpected word "${w}"`);
    return [match[1], match[2]];
  }));
}

/** The servers started and not yet exited: a benchmark that fails leaves none running (on its port, for the next run). */
const liveServers = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveServers) child.kill('SIGTERM');
});

/** Stops `child` (a server this benchmark started) when the benchmark's process exits, whichever way. */
export function stopOnExit(child: ChildProcess): ChildProcess {
  liveServers.add(child);
  child.once('exit', () => liveServers.delete(child));
  return child;
}

/** Starts the built server on a fresh database (SQLite in a temp folder, or DATABASE_URL) and waits for health. */
/** `main` (optional): another build's dist/src/main.js, to measure that build's server under the same settings. */
export async function startServer(port: number, env: Record<string, string> = {}, main = resolve(__dirname, '../src/main.js')): Promise<ServerHandle> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'thidua-bench-'));
  await assertPortFree(port);
  // With DATABASE_URL (PostgreSQL), each server gets a fresh database of its own, dropped when it stops.
  // env.DATABASE_URL '' forces SQLite (the same run's SQLite figure in a PostgreSQL run).
  const pg = process.env.DATABASE_URL && env.DATABASE_URL === undefined ? await freshPostgres(process.env.DATABASE_URL) : null;
  const started = Date.now();
  // BENCH_NODE_ARGS: flags for the server's node (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof to profile it).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, main], {
    // The environment of the start:prod script of the build started (another build's own, e.g. the probe's old one).
    env: { ...startScriptEnv(resolve(main, '../../../package.json')), ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', JWT_SECRET: 'b'.repeat(48), SEED_DEMO_SCENARIO: 'false', ...(pg ? { DATABASE_URL: pg.url } : {}), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  stopOnExit(child);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child);
  } catch (error) {
    await stopChild(child);
    await pg?.drop();
    throw error;
  }
  const handle: ServerHandle = {
    url,
    child,
    dataDir,
    stop: async () => {
      await stopChild(child);
      await pg?.drop();
    },
  };
  (handle as ServerHandle & { startMs: number }).startMs = Date.now() - started;
  return handle;
}

/**
 * Polls /api/health until it answers (at most a minute). With `child`, the process that should answer: its exit
 * before answering fails the wait (check the port first with assertPortFree: a server left over from an interrupted
 * run would otherwise answer in its place).
 */
export async function waitForHealth(url: string, child?: ChildProcess): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (child && child.exitCode !== null) throw new Error(`The server for ${url} exited (code ${child.exitCode}) before answering`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    // Every 20 ms: the cold start is measured by this wait (a 100 ms step added 50 ms to it on average).
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url}/api/health did not answer within a minute`);
}

/** Fails when something already listens on the port (e.g. a server left over from an interrupted run). */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(new Error(`Port ${port} is taken (${error.code}): a server left over from an earlier run? Stop it first.`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePort()));
  });
}

/** Ends a server process with SIGTERM and waits for it to exit. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM'))));
}

/** A new empty PostgreSQL database next to `adminUrl`'s, and how to drop it. */
export async function freshPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { Client } = await import('pg');
  const name = `thidua_bench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function api(url: string, method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

export async function login(url: string, username: string): Promise<string> {
  const secret = (DEMO_MFA_SECRETS as Record<string, string>)[username];
  for (let attempt = 0; ; attempt++) {
    const body = { username, password: 'ThiDua@Demo2026', ...(secret ? { code: totpCode(secret) } : {}) };
    try {
      return (await api(url, 'POST', '/api/auth/login', undefined, body)).accessToken;
    } catch (error) {
      // A TOTP code is accepted once: a second login of the same user on the same data (e.g. a copy of the data
      // folder) within one 30-second step is refused, so wait for the next step's code.
      if (!secret || attempt > 0 || !String(error).includes('AUTH_MFA_INVALID')) throw error;
      await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
    }
  }
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** Answers by status over the measured runs, when any was not 2xx (e.g. { "200": 950, "409": 50 }). */
  statusCodes?: Record<string, number>;
  runs: number;
  /**
   * CPU time the server process spent per request in the median run (µs; Linux /proc), or null. Less
   * sensitive than latency to what else the two cores are doing, so it compares runs of different hours.
   */
  serverCpuUsPerRequest: number | null;
}

export interface LoadOptions {
  runs?: number;
  seconds?: number;
  /** Called before the warm-up and before each measured run. */
  beforeRun?: () => Promise<void>;
  /** The server's process id, to measure its CPU time per request. */
  serverPid?: number;
}

/** autocannon with a warm-up, then `runs` measured runs; the median run by requests per second is reported. */
export async function load(opts: autocannon.Options, { runs = 3, seconds = 5, beforeRun, serverPid }: LoadOptions = {}): Promise<LoadFigures> {
  await beforeRun?.();
  await autocannon({ ...opts, duration: 2 });
  const results: Array<{ result: autocannon.Result; cpuUs: number | null }> = [];
  for (let i = 0; i < runs; i++) {
    // A timed run ends with requests in flight whose answers are never delivered: refresh state first.
    await beforeRun?.();
    const cpuBefore = processCpuUs(serverPid);
    const result = await autocannon({ ...opts, duration: seconds });
    const cpuAfter = processCpuUs(serverPid);
    results.push({ result, cpuUs: cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : null });
  }
  const sorted = [...results].sort((a, b) => a.result.requests.average - b.result.requests.average);
  const statusCodes: Record<string, number> = {};
  for (const { result } of results) for (const [code, { count }] of Object.entries((result as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  const median = sorted[Math.floor(sorted.length / 2)];
  return {
    // Below 100/s one decimal, from the run's total (a slow request's per-second samples are mostly 0 or 1).
    requestsPerSecond: median.result.requests.average >= 100 ? Math.round(median.result.requests.average) : Math.round((10 * median.result.requests.total) / median.result.duration) / 10,
    p50Ms: median.result.latency.p50,
    p99Ms: median.result.latency.p99,
    errors: results.reduce((a, r) => a + r.result.errors + r.result.timeouts, 0),
    non2xx: results.reduce((a, r) => a + r.result.non2xx, 0),
    ...(results.some((r) => r.result.non2xx > 0) ? { statusCodes } : {}),
    runs,
    serverCpuUsPerRequest: median.cpuUs === null ? null : Math.round(median.cpuUs),
  };
}

/** Cụm 99 of `units` new members (2026), each with its consolidated sheet on the CUM6-2020 criteria. */
export async function loadCluster(url: string, admin: string, units: number): Promise<{ cluster: { id: string }; sheets: Array<{ id: string; version: number; path: string; unitId: string }> }> {
  const ministry = (await api(url, 'GET', '/api/units?q=bo khoa hoc&kind=ORGANIZER', admin)).items[0];
  const cluster = await api(url, 'POST', '/api/clusters', admin, { organizerId: ministry.id, number: 99, name: 'Cụm thi đua đo tải', documentCode: 'CTĐ99' });
  const sheets: Array<{ id: string; version: number; path: string; unitId: string }> = [];
  for (let i = 0; i < units; i++) {
    const unit = await api(url, 'POST', '/api/units', admin, { code: `BENCH-${String(i).padStart(3, '0')}`, kind: 'MEMBER', name: `Đơn vị đo tải ${i}`, shortName: `ĐV ${i}` });
    await api(url, 'POST', `/api/clusters/${cluster.id}/members`, admin, { unitId: unit.id, year: 2026 });
    if (i === 0) await api(url, 'POST', `/api/clusters/${cluster.id}/years/2026/criteria`, admin, { from: 'TEMPLATE', templateCode: 'CUM6-2020' });
    const sheet = await api(url, 'POST', `/api/clusters/${cluster.id}/years/2026/scoring/sheets`, admin, { targetUnitId: unit.id, kind: 'CLUSTER' });
    sheets.push({ id: sheet.id, version: sheet.version, path: `/api/clusters/${cluster.id}/years/2026/scoring/sheets/${sheet.id}/entries`, unitId: unit.id });
  }
  return { cluster, sheets };
}

/**
 * The self-scoring sheets of `count` members of `loadCluster`'s cluster, each with an officer of its unit (a new
 * account) and that officer's token: what a member's save goes through (its scoring window, its membership).
 */
export async function memberSheets(url: string, admin: string, loaded: Awaited<ReturnType<typeof loadCluster>>, count: number): Promise<Array<{ id: string; version: number; path: string; token: string }>> {
  const out = [];
  for (const [i, { unitId }] of loaded.sheets.slice(0, count).entries()) {
    const username = `bench.member${i}`;
    const password = 'Đo tải ghi điểm 2026!';
    await api(url, 'POST', '/api/users', admin, { username, fullName: `Cán bộ đo tải ${i}`, role: 'unit_officer', password, unitId });
    const token = (await api(url, 'POST', '/api/auth/login', undefined, { username, password })).accessToken as string;
    const base = `/api/clusters/${loaded.cluster.id}/years/2026/scoring/sheets`;
    const sheet = await api(url, 'POST', base, token, { targetUnitId: unitId, kind: 'SELF' });
    out.push({ id: sheet.id, version: sheet.version, path: `${base}/${sheet.id}/entries`, token });
  }
  return out;
}

/**
 * autocannon's requests for score-sheet writes: each client takes one of `sheets` in turn and PUTs `entries()` to it
 * at its current version, keeping the version each 200 answers with, so that every write is a real write. autocannon
 * resets a client's context after each request sequence: one long sequence per client keeps its context, and with it
 * the client's own sheet and version.
 */
export function sheetWriteRequests(sheets: Array<{ path: string; version: number; token?: string }>, entries: () => unknown[]): autocannon.Request[] {
  let next = 0;
  const write = {
    method: 'PUT',
    setupRequest: (req: any, context: any) => {
      if (context.sheet === undefined) context.sheet = next++ % sheets.length;
      const sheet = sheets[context.sheet];
      // A sheet with a token of its own is written by its scorer (a member's sheet).
      const headers = sheet.token ? { ...req.headers, authorization: `Bearer ${sheet.token}` } : req.headers;
      return { ...req, headers, path: sheet.path, body: JSON.stringify({ version: sheet.version, entries: entries() }) };
    },
    onResponse: (status: number, body: string, context: any) => {
      if (status === 200) sheets[context.sheet].version = JSON.parse(body).version;
    },
  };
  return Array.from({ length: 2_000 }, () => write) as autocannon.Request[];
}

/** User + system CPU time of a process in µs (Linux /proc), or null where it cannot be read. */
function processCpuUs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return (ticks * 1e6) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on Linux for every architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

export function machine() {
  return { node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, memoryGiB: Math.round(totalmem() / 2 ** 30), database: process.env.DATABASE_URL ? 'postgres' : 'sqlite' };
}

export function saveReport(name: string, report: unknown): string {
  const dir = resolve(__dirname, '../../bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
