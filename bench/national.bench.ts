/**
 * npm run bench:national — the application at national size on PostgreSQL (bench/national-data.ts: 60 organisers,
 * 1,000 clusters, 12,000 units, ten years), measured with one instance and with two behind haproxy (round robin):
 * /api/health, a cached ranking read of a cluster-year, sheet writes, the organiser's Excel summary of proposals
 * (GET /api/awards/proposals.xlsx: its own clusters as the reviewer, the whole country as the administrator) and the
 * reviewers' queue (GET /api/proposals, waiting proposals, 50 a page), each as a ratio to /api/health in the same run.
 * PostgreSQL: DATABASE_URL, else BENCH_PG_URL, else postgres://postgres@127.0.0.1:5432/postgres (admin URL: a fresh
 * database is made next to it and dropped at the end). The two-instance part needs haproxy on PATH.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Instance, haproxyAvailable, sharedSecrets, startBalancer, startInstance, stopProcess, waitHealthy } from '../test/support/instances';
import { NATIONAL, NationalData, buildNational } from './national-data';
import { LoadFigures, api, freshPostgres, load, login, machine, saveReport, sheetWriteRequests, startScriptEnv } from './support';

export const NATIONAL_PG_URL = process.env.DATABASE_URL ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PORT = Number(process.env.BENCH_PORT ?? 3940);
const SECONDS = 4;
/** Writers at once (two sheets each): at this size a write takes long enough that 50 at once finish none in a run. */
const WRITERS = 10;
const WRITE_SECONDS = 6;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const loads = () => loadavg().map((x) => round(x));

interface Target {
  name: string;
  path: string;
  token: 'reviewer' | 'admin';
  /** Few for the slow requests: with many in flight none would finish within a run. */
  connections: number;
  seconds: number;
}

interface Figure extends LoadFigures {
  name: string;
  connections: number;
  vsHealth: number;
  firstCallMs: number;
  bytes: number;
}

/** The reads measured, besides health and the writes. */
function targets(ranking: { clusterId: string; year: number }, queueYear: number): Target[] {
  return [
    { name: `ranking read (one cluster-year, cached)`, path: `/api/clusters/${ranking.clusterId}/years/${ranking.year}/scoring/ranking`, token: 'reviewer', connections: 50, seconds: 4 },
    { name: `reviewer's queue (waiting, 50 a page)`, path: `/api/proposals?status=SUBMITTED&limit=50&offset=0`, token: 'reviewer', connections: 4, seconds: 6 },
    { name: `whole country's queue, administrator (waiting, 50 a page)`, path: `/api/proposals?status=SUBMITTED&limit=50&offset=50`, token: 'admin', connections: 4, seconds: 6 },
    { name: `organiser's proposals summary, Excel (${queueYear})`, path: `/api/awards/proposals.xlsx?year=${queueYear}`, token: 'reviewer', connections: 2, seconds: 8 },
    { name: `whole country's proposals summary, Excel, administrator (${queueYear})`, path: `/api/awards/proposals.xlsx?year=${queueYear}`, token: 'admin', connections: 2, seconds: 8 },
  ];
}

/** One request, checked: its status, time and size. */
async function firstCall(url: string, token: string): Promise<{ ms: number; bytes: number; total: string | null }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${body.toString('utf8', 0, 300)}`);
  return { ms: round(performance.now() - started, 1), bytes: body.length, total: res.headers.get('x-total-count') };
}

/** Every figure against `url` (an instance or the balancer); CPU per request when one server `pid` is given. */
async function measure(url: string, db: Client, data: NationalData, pid: number | undefined): Promise<{ loadBefore: number[]; loadAfter: number[]; figures: Figure[]; notes: string[] }> {
  const loadBefore = loads();
  const tokens = { reviewer: await login(url, 'reviewer'), admin: await login(url, 'admin') };
  // A national cluster of the reviewer's organisers (Bộ KH&CN, and Bộ TTTT it succeeded).
  const ranking = {
    clusterId: (await db.query(`SELECT c.id FROM clusters c JOIN units o ON o.id = c.organizer_id WHERE o.code IN ('BKHCN', 'BTTTT') AND c.number >= 1000 ORDER BY c.number LIMIT 1`)).rows[0].id as string,
    year: data.queueYear,
  };
  const notes: string[] = [];
  const health = await load({ url: `${url}/api/health`, connections: 50 }, { seconds: SECONDS, serverPid: pid });
  const figures: Figure[] = [{ ...health, name: '/api/health', connections: 50, vsHealth: 1, firstCallMs: 0, bytes: 0 }];
  for (const t of targets(ranking, data.queueYear)) {
    const first = await firstCall(`${url}${t.path}`, tokens[t.token]);
    if (first.total) notes.push(`${t.name}: ${first.total} match`);
    const f = await load({ url: `${url}${t.path}`, connections: t.connections, headers: { authorization: `Bearer ${tokens[t.token]}` } }, { seconds: t.seconds, serverPid: pid });
    figures.push({ ...f, name: t.name, connections: t.connections, vsHealth: round(f.requestsPerSecond / health.requestsPerSecond, 3), firstCallMs: first.ms, bytes: first.bytes });
  }
  // Sheet writes: the consolidated draft sheets of the open year in 100 clusters, two per connection, each at its version.
  const sheets: Array<{ id: string; clusterId: string; version: number }> = (
    await db.query(
      `SELECT id, cluster_id AS "clusterId", version FROM (SELECT DISTINCT ON (s.cluster_id) s.id, s.cluster_id, s.version FROM score_sheets s JOIN clusters c ON c.id = s.cluster_id
       WHERE s.year = $1 AND s.scorer_kind = 'CLUSTER' AND c.number >= 1000 ORDER BY s.cluster_id, s.target_unit_id) x LIMIT $2`,
      [data.openYear, 2 * WRITERS],
    )
  ).rows;
  const paths = sheets.map((s) => ({ id: s.id, version: s.version, path: `/api/clusters/${s.clusterId}/years/${data.openYear}/scoring/sheets/${s.id}/entries` }));
  const entries = () => [{ code: 'TC1', points: 10 + Math.round(Math.random() * 10) / 2 }, { code: 'TC9', points: 5 }];
  const writes = await load(
    { url, connections: WRITERS, headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' }, requests: sheetWriteRequests(paths, entries) },
    {
      seconds: WRITE_SECONDS,
      serverPid: pid,
      beforeRun: async () => {
        const versions = new Map((await db.query('SELECT id, version FROM score_sheets WHERE id = ANY($1)', [paths.map((s) => s.id)])).rows.map((r) => [r.id as string, r.version as number]));
        for (const s of paths) s.version = versions.get(s.id)!;
      },
    },
  );
  figures.push({ ...writes, name: `sheet writes (${2 * WRITERS} draft sheets of ${data.openYear} in as many clusters)`, connections: WRITERS, vsHealth: round(writes.requestsPerSecond / health.requestsPerSecond, 3), firstCallMs: 0, bytes: 0 });
  return { loadBefore, loadAfter: loads(), figures, notes };
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loads();
  const work = mkdtempSync(join(tmpdir(), 'thidua-national-'));
  const database = await freshPostgres(NATIONAL_PG_URL);
  const db = new Client({ connectionString: database.url });
  const running: Instance[] = [];
  // As the server is started (start:prod's malloc and heap settings), like the other benchmarks.
  const env = { ...startScriptEnv(), JWT_SECRET: 'national-bench-'.padEnd(48, 'x'), LOG_LEVEL: 'warn', SEED_DEMO_SCENARIO: 'false' };
  const up = async (name: string, port: number, extra: Record<string, string> = {}) => {
    const instance = startInstance(name, port, database.url, work, { ...env, ...extra });
    running.push(instance);
    await waitHealthy(instance.url, instance.child, `instance ${name}`);
    return instance;
  };
  try {
    // Migrations and the seed by a first start on the empty database; the national data while no server runs.
    const seeded = await up('seed', PORT);
    await stopProcess(running.pop());
    await db.connect();
    process.stdout.write('national dataset: building…\n');
    const data = await buildNational(db);
    process.stdout.write(`national dataset: ${JSON.stringify(data.counts)} in ${round(data.buildMs / 1000, 1)} s\n`);
    const shared = sharedSecrets(seeded.dataDir, env.JWT_SECRET);
    const startA = Date.now();
    const a = await up('a', PORT + 1, shared);
    const startMs = Date.now() - startA;
    const one = await measure(a.url, db, data, a.child.pid);
    process.stdout.write(`one instance: done\n`);
    let two: Awaited<ReturnType<typeof measure>> | { skipped: string };
    if (haproxyAvailable()) {
      const b = await up('b', PORT + 2, shared);
      // A generous health-check timeout: on a loaded machine a slow check would take a busy instance out of the pool.
      const lb = startBalancer(PORT + 3, [PORT + 1, PORT + 2], work, false, 30);
      running.push(lb);
      await waitHealthy(lb.url, lb.child, 'haproxy');
      // The balancer's health checks mark both servers up after two checks (rise 2, every 500 ms).
      await new Promise((r) => setTimeout(r, 1500));
      two = await measure(lb.url, db, data, undefined);
      process.stdout.write(`two instances behind haproxy: done (instance b pid ${b.child.pid})\n`);
    } else {
      two = { skipped: 'haproxy is not installed' };
    }
    // The audit chain after the run: the seed's entries and those of every write measured.
    const chain = await api(a.url, 'GET', '/api/audit/verify', await login(a.url, 'admin'));
    if (!chain.ok) throw new Error(`audit chain: ${chain.message}`);
    const report = {
      auditChain: { ok: chain.ok, checked: chain.checked },
      benchmark: `national dataset on PostgreSQL (autocannon, 2 s warm-up, median of 3 × ${SECONDS} s)`,
      generatedAt: new Date().toISOString(),
      machine: { ...machine(), database: 'postgres' },
      shape: NATIONAL,
      dataset: data,
      startWithDatasetMs: startMs,
      loadAverage: { atStart: loadAtStart, atEnd: loads() },
      oneInstance: one,
      twoInstances: two,
      durationSeconds: round((Date.now() - started) / 1000, 0),
    };
    const file = saveReport('national', report);
    process.stdout.write(`${nationalMarkdown(report).join('\n')}\nreport ${file}\n`);
  } finally {
    for (const p of running.reverse()) await stopProcess(p);
    await db.end().catch(() => undefined);
    await database.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The report as Markdown lines (also used by npm run bench's report). */
export function nationalMarkdown(r: any): string[] {
  const c = r.dataset.counts;
  const lines = [
    `National dataset (${r.generatedAt.slice(0, 10)}): ${c.organisers} organisers, ${c.clusters} clusters, ${c.units} units, ${c.memberships} memberships, ${c.criteria_sets} criteria sets, ${c.score_sheets} sheets, ${c.score_entries} entries, ${c.award_proposals} proposals; built in ${round(r.dataset.buildMs / 1000, 1)} s; an instance starts on it in ${r.startWithDatasetMs} ms; ${r.durationSeconds} s in all; audit chain verified after the run (${r.auditChain.checked} entries).`,
    ``,
    `| figure | connections | one instance: req/s (p50 / p99 ms) | × health | two instances behind haproxy: req/s (p50 / p99 ms) | × health |`,
    `|---|---:|---|---:|---|---:|`,
  ];
  const twoFigures: Figure[] = r.twoInstances.figures ?? [];
  for (const f of r.oneInstance.figures as Figure[]) {
    const t = twoFigures.find((x) => x.name === f.name);
    const statuses = (x: Figure) => (x.statusCodes ? ` (${Object.entries(x.statusCodes).map(([code, n]) => `${n} × ${code}`).join(', ')})` : '');
    const cell = (x: Figure) => `${x.requestsPerSecond} (${x.p50Ms} / ${x.p99Ms})${x.errors + x.non2xx ? `, ${x.errors} errors, ${x.non2xx} non-2xx${statuses(x)}` : ''}`;
    lines.push(`| ${f.name} | ${f.connections} | ${cell(f)} | ${f.vsHealth} | ${t ? cell(t) : r.twoInstances.skipped ?? '—'} | ${t ? t.vsHealth : '—'} |`);
  }
  lines.push('', `Load average (1, 5, 15 min): at start ${r.loadAverage.atStart.join(', ')}; one instance ${r.oneInstance.loadBefore.join(', ')} → ${r.oneInstance.loadAfter.join(', ')}; two ${r.twoInstances.loadBefore?.join(', ') ?? '—'} → ${r.twoInstances.loadAfter?.join(', ') ?? '—'}.`);
  if (r.oneInstance.notes.length) lines.push(`Matches: ${r.oneInstance.notes.join('; ')}.`);
  return lines;
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
  });
}
