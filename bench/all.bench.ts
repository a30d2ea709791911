/**
 * npm run bench — every benchmark in one run (about 6 minutes on 2 cores, and 8–10 more for the national one), with
 * a Markdown and a JSON report in bench-results/ (git-ignored): the machine, Node, the database (SQLite, or
 * PostgreSQL when DATABASE_URL is set), and each HTTP figure as a ratio to /api/health measured in the same run. The
 * national benchmark (PostgreSQL always) runs when its PostgreSQL answers (national.bench.ts).
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { buildHistory } from './history';
import { NATIONAL_PG_URL, nationalMarkdown } from './national.bench';
import { LoadFigures, api, load, login, machine, saveReport, startServer } from './support';
import { loadAverage } from './references';

const RESULTS = resolve(__dirname, '..', '..', 'bench-results');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function runChild(name: string): unknown {
  const started = Date.now();
  const res = spawnSync(process.execPath, [join(__dirname, `${name}.bench.js`)], { stdio: ['ignore', 'ignore', 'inherit'], env: process.env });
  if (res.status !== 0) throw new Error(`bench ${name} failed (${res.status})`);
  process.stdout.write(`  ${name}: ${round((Date.now() - started) / 1000)} s\n`);
  return JSON.parse(readFileSync(join(RESULTS, `${name}.json`), 'utf8'));
}

async function coldStart(): Promise<{ emptyDatabaseMs: number[]; medianMs: number }> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const server = await startServer(3920 + i);
    times.push((server as unknown as { startMs: number }).startMs);
    await server.stop();
  }
  return { emptyDatabaseMs: times, medianMs: median(times) };
}

/** The aim of issue 22 for a cold start to a healthy /api/health. */
const COLD_START_BUDGET_MS = 2000;

/** The aims of issue 22 for the national scoreboard export. */
const NATIONAL_EXPORT_BUDGET_MS = 700;
const NATIONAL_EXPORT_BUDGET_MB = 150;

/** Timed recomputations of the ranking per database (each after a change): enough for a steady median and p95. */
const COLD_SAMPLES = 60;

/** Ranking of Cụm 6 2019: hot (cached, autocannon) and cold (after a change of a member). */
async function rankingFigures(url: string, serverPid: number | undefined): Promise<{ health: LoadFigures; hot: LoadFigures; coldMedianMs: number; coldP95Ms: number }> {
  const admin = await login(url, 'admin');
  const secretary = await login(url, 'cum6.secretary');
  const cum6 = (await api(url, 'GET', '/api/clusters', secretary))[0].id;
  const path = `/api/clusters/${cum6}/years/2019/scoring/ranking`;
  const health = await load({ url: `${url}/api/health`, connections: 50 }, { seconds: 3, serverPid });
  const hot = await load({ url: `${url}${path}`, connections: 50, headers: { authorization: `Bearer ${secretary}` } }, { seconds: 3, serverPid });
  const member = (await api(url, 'GET', `/api/clusters/${cum6}/members?year=2019`, secretary))[0].unit;
  const cold: number[] = [];
  let version = (await api(url, 'GET', `/api/units/${member.id}`, admin)).version;
  for (let i = 0; i < COLD_SAMPLES; i++) {
    version = (await api(url, 'PATCH', `/api/units/${member.id}`, admin, { version, reason: 'Đo thời gian xếp hạng', womenShare: 40 + (i % 2) })).version;
    const started = performance.now();
    await api(url, 'GET', path, secretary);
    cold.push(performance.now() - started);
  }
  const sorted = [...cold].sort((a, b) => a - b);
  return { health, hot, coldMedianMs: round(median(cold), 2), coldP95Ms: round(sorted[Math.floor(sorted.length * 0.95)], 2) };
}

async function history() {
  if (process.env.DATABASE_URL) return { skipped: 'measured on SQLite only (the history is built by copying rows in the SQLite file)' };
  const fresh = await startServer(3930);
  const onFresh = await rankingFigures(fresh.url, fresh.child.pid).finally(() => fresh.stop());
  const started = Date.now();
  const built = buildHistory(join(fresh.dataDir, 'thidua.sqlite'), 100, 10);
  const buildMs = Date.now() - started;
  const big = await startServer(3931, { DATA_DIR: fresh.dataDir });
  const firstCalls: number[] = [];
  let onHistory: Awaited<ReturnType<typeof rankingFigures>>;
  try {
    onHistory = await rankingFigures(big.url, big.child.pid);
    // First (uncached) ranking of 30 distinct history cluster-years.
    const secretaryless = await login(big.url, 'admin');
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await api(big.url, 'GET', `/api/clusters/${built.clusterIds[(i * 7) % built.clusterIds.length]}/years/${built.years[i % built.years.length]}/scoring/ranking`, secretaryless);
      firstCalls.push(performance.now() - t0);
    }
  } finally {
    await big.stop();
  }
  return {
    history: { clusters: 100, years: 10, sheets: built.sheets, entries: built.entries, buildMs },
    fresh: onFresh,
    withHistory: onHistory,
    historyFirstRankingMedianMs: round(median(firstCalls), 2),
    ratios: {
      coldRankingHistoryVsFresh: round(onHistory.coldMedianMs / onFresh.coldMedianMs, 2),
      hotRankingP50HistoryVsFresh: round(onHistory.hot.p50Ms / Math.max(1, onFresh.hot.p50Ms), 2),
      hotRankingThroughputHistoryVsFresh: round(onHistory.hot.requestsPerSecond / onFresh.hot.requestsPerSecond, 2),
    },
  };
}

/** The national benchmark (PostgreSQL, one and two instances) when its PostgreSQL answers. */
async function national(): Promise<unknown> {
  // It measures PostgreSQL whatever DATABASE_URL says: one of the two runs (SQLite, PostgreSQL) may leave it out.
  if (process.env.BENCH_SKIP_NATIONAL === '1') return { skipped: 'left out of this run (BENCH_SKIP_NATIONAL=1): see the run that measured it' };
  const probe = new Client({ connectionString: NATIONAL_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await probe.connect();
  } catch {
    return { skipped: `PostgreSQL is not reachable at ${NATIONAL_PG_URL} (DATABASE_URL or BENCH_PG_URL)` };
  } finally {
    await probe.end().catch(() => undefined);
  }
  return runChild('national');
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadAverage();
  process.stdout.write(`load average before: ${loadBefore.join(', ')}\n`);
  process.stdout.write('npm run bench: cold start, scoring (ranking reads, sheet writes), PDF, Excel, hostile uploads, history, national (PostgreSQL)\n');
  const cold = await coldStart();
  process.stdout.write(`  cold start: median ${cold.medianMs} ms\n`);
  const scoring = runChild('scoring') as any;
  const pdf = runChild('pdf') as any;
  const excel = runChild('excel') as any;
  const hostile = runChild('hostile') as any;
  const hist = (await history()) as any;
  process.stdout.write(`  history: done\n`);
  const nat = (await national()) as any;
  const loadAfter = loadAverage();
  const report = { generatedAt: new Date().toISOString(), durationSeconds: round((Date.now() - started) / 1000), machine: machine(), loadAverage: { before: loadBefore, after: loadAfter }, coldStart: cold, scoring, pdf, excel, hostile, history: hist, national: nat };
  const json = saveReport('report', report);
  const ratio = (x: LoadFigures, h: LoadFigures) => `${round(x.requestsPerSecond / h.requestsPerSecond, 2)} × health`;
  const cpu = (x: LoadFigures) => x.serverCpuUsPerRequest ?? '—';
  const m = report.machine;
  const lines = [
    `# thidua benchmarks`,
    ``,
    `${report.generatedAt} · ${m.cpus} · ${m.memoryGiB} GiB · Node ${m.node} · database ${m.database} · ${report.durationSeconds} s in all`,
    ``,
    `Load average (1, 5, 15 min): before ${loadBefore.join(', ')}; after ${loadAfter.join(', ')}.`,
    ``,
    `HTTP figures: autocannon, 50 connections, 2 s warm-up, median of 3 runs; each also as a ratio to \`/api/health\` in the same run, and as the server's CPU time per request (the load generator shares the cores; CPU per request is what the code costs).`,
    ``,
    `References (same run): raw better-sqlite3 loop ${scoring.references.rawSqliteLoop.transactionsPerSecond} transactions/s (${scoring.references.rawSqliteLoop.settings}); bare node:http ${scoring.references.bareHttp.requestsPerSecond} req/s; bare Express ${scoring.references.bareExpress.requestsPerSecond} req/s.`,
    ``,
    `| aim (issue 22) | measured | ratio | aim |`,
    `|---|---|---:|---|`,
    `| SQLite sheet writes ÷ raw loop | ${(scoring.sqliteSameRun?.sheetWrites ?? scoring.sheetWrites).requestsPerSecond}/s ÷ ${scoring.references.rawSqliteLoop.transactionsPerSecond}/s | ${scoring.ratios.sqliteWritesVsRawLoop} | ≥ ${scoring.aims.sqliteWritesVsRawLoop} |`,
    ...(scoring.ratios.postgresWritesVsSqliteWrites !== undefined
      ? [`| PostgreSQL sheet writes ÷ SQLite's (same run) | ${scoring.sheetWrites.requestsPerSecond}/s ÷ ${scoring.sqliteSameRun.sheetWrites.requestsPerSecond}/s | ${scoring.ratios.postgresWritesVsSqliteWrites} | ≥ ${scoring.aims.postgresWritesVsSqliteWrites} |`]
      : []),
    `| peak RSS under the ranking and write loads | ${scoring.peakRssMB.afterRankingLoad} MB, ${scoring.peakRssMB.afterWriteLoad} MB (${scoring.afterStartMB.rssMB} MB right after start) | ${scoring.ratios.peakRssVsBudget} | ≤ 1 (${scoring.aims.peakRssMB} MB) |`,
    `| cold start | median ${cold.medianMs} ms | ${round(cold.medianMs / COLD_START_BUDGET_MS, 2)} | ≤ 1 (${COLD_START_BUDGET_MS / 1000} s) |`,
    `| scoreboard Excel, 100 × 30, over HTTP ÷ the peer's ${excel.scoreboardHttp.peerExportsPerSecond}/s (the issue's figure) | ${excel.scoreboardHttp.scoreboard.requestsPerSecond}/s (${excel.scoreboardHttp.scoreboard.vsHealth} × health) | ${round(excel.scoreboardHttp.scoreboard.requestsPerSecond / excel.scoreboardHttp.peerExportsPerSecond, 2)} | ≥ 1 |`,
    `| national Excel export (3,000 units × 9 criteria × 5 sheets) ÷ 0.7 s, its peak RSS ÷ 150 MB | ${excel.export.warmExportMs} ms (first, loading exceljs: ${excel.export.exportMs} ms), ${excel.export.peakRssMB} MB | ${round(excel.export.warmExportMs / NATIONAL_EXPORT_BUDGET_MS, 2)}, ${round(excel.export.peakRssMB / NATIONAL_EXPORT_BUDGET_MB, 2)} | ≤ 1, ≤ 1 |`,
    `| /api/health ÷ bare node:http, ÷ bare Express | ${scoring.health.requestsPerSecond} req/s | ${scoring.ratios.healthVsBareHttp}, ${scoring.ratios.healthVsBareExpress} | (reference) |`,
    ``,
    `| figure | req/s | p50 ms | p99 ms | errors | vs health | server CPU µs/request |`,
    `|---|---:|---:|---:|---:|---|---:|`,
    `| /api/health | ${scoring.health.requestsPerSecond} | ${scoring.health.p50Ms} | ${scoring.health.p99Ms} | ${scoring.health.errors + scoring.health.non2xx} | 1 | ${cpu(scoring.health)} |`,
    `| ranking reads (Cụm 6, 2019) | ${scoring.rankingReads.requestsPerSecond} | ${scoring.rankingReads.p50Ms} | ${scoring.rankingReads.p99Ms} | ${scoring.rankingReads.errors + scoring.rankingReads.non2xx} | ${ratio(scoring.rankingReads, scoring.health)} | ${cpu(scoring.rankingReads)} |`,
    `| score-sheet writes | ${scoring.sheetWrites.requestsPerSecond} | ${scoring.sheetWrites.p50Ms} | ${scoring.sheetWrites.p99Ms} | ${scoring.sheetWrites.errors + scoring.sheetWrites.non2xx} | ${ratio(scoring.sheetWrites, scoring.health)} | ${cpu(scoring.sheetWrites)} |`,
    ``,
    `| figure | result |`,
    `|---|---|`,
    `| pledge PDF, rendered and signed (${pdf.iterations} documents) | median ${pdf.medianMs} ms (render ${pdf.medianRenderMs} + sign ${pdf.medianSignMs}), p95 ${pdf.p95Ms} ms, ${pdf.documentsPerSecond} documents/s |`,
    `| Excel export, 3,000 units × 9 criteria × 5 sheets | ${excel.export.exportMs} ms, peak RSS ${excel.export.peakRssMB} MB |`,
    `| Excel import, 500 rows over HTTP | median ${excel.import.medianMs} ms (${excel.import.runs.join(', ')}) |`,
    `| cold start to a healthy /api/health, empty database | median ${cold.medianMs} ms (${cold.emptyDatabaseMs.join(', ')}) |`,
    `| hostile uploads refused (${hostile.results.length}: zip bombs, lying zips, oversized, disguised) | slowest ${Math.max(...hostile.results.map((r: { ms: number }) => r.ms))} ms, largest server RSS growth ${Math.max(...hostile.results.map((r: { rssGrowthMB: number | null }) => r.rssGrowthMB ?? 0))} MB (budgets ${hostile.budgets.maxMs} ms, ${hostile.budgets.maxGrowthMB} MB) |`,
  ];
  if (hist.skipped) lines.push(`| ranking with 100 clusters × 10 years of history | ${hist.skipped} |`);
  else
    lines.push(
      `| history built (100 clusters × 10 years: ${hist.history.sheets} sheets, ${hist.history.entries} entries) | ${hist.history.buildMs} ms |`,
      `| ranking, cold (recomputed), Cụm 6 2019: fresh vs history | ${hist.fresh.coldMedianMs} ms vs ${hist.withHistory.coldMedianMs} ms median (p95 ${hist.fresh.coldP95Ms} vs ${hist.withHistory.coldP95Ms}) → **ratio ${hist.ratios.coldRankingHistoryVsFresh}** |`,
      `| ranking, hot (autocannon): fresh vs history | ${hist.fresh.hot.requestsPerSecond} vs ${hist.withHistory.hot.requestsPerSecond} req/s, p50 ${hist.fresh.hot.p50Ms} vs ${hist.withHistory.hot.p50Ms} ms, server CPU ${cpu(hist.fresh.hot)} vs ${cpu(hist.withHistory.hot)} µs/request → ratio ${hist.ratios.hotRankingThroughputHistoryVsFresh} (throughput) |`,
      `| first ranking of 30 distinct history cluster-years | median ${hist.historyFirstRankingMedianMs} ms |`,
    );
  lines.push('', '## National dataset (PostgreSQL)', '', ...(nat.skipped ? [nat.skipped] : nationalMarkdown(nat)));
  lines.push('', `JSON: ${json}`, '');
  const md = join(RESULTS, 'report.md');
  writeFileSync(md, lines.join('\n'));
  process.stdout.write(`\n${lines.join('\n')}\nMarkdown: ${md}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
