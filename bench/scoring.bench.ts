/**
 * npm run bench:scoring — HTTP sheet writes per second and ranking reads per second against the built
 * server (autocannon, 50 connections, warm-up, 3 runs), with their references measured in the same run:
 * /api/health, a bare node:http and a bare Express server (same autocannon settings), and the raw
 * better-sqlite3 loop (one entry + one audit row per transaction, WAL, synchronous = FULL). On PostgreSQL
 * (DATABASE_URL) thidua on SQLite is measured too, as the reference of PostgreSQL's writes. The server's peak
 * RSS under the loads and the machine's load average before and after are reported. BENCH_MIXED=1: on a criteria
 * set mixing the kinds (writes send achieved values), and the ranking read also on that set (100 units, every sheet
 * submitted).
 */
import 'reflect-metadata';
import { LoadFigures, ServerHandle, api, load, loadCluster, login, machine, saveReport, sheetWriteRequests, startServer } from './support';
import { loadAverage, peakRssMB, rawSqliteLoop, resetPeakRss, rssMB, startBareServer } from './references';

const CONNECTIONS = 50;
/** The aims of issue 22, each a ratio measured in the same run. */
const AIMS = { sqliteWritesVsRawLoop: 0.3, postgresWritesVsSqliteWrites: 0.6, peakRssMB: 250 };
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Ranking reads and sheet writes on one thidua server, with its RSS: right after start (the peak of the start
 * itself too), and the peak under the ranking and the write loads alone (the peak is reset before them).
 */
async function measureThidua(server: ServerHandle) {
  const afterStart = { rssMB: rssMB(server.child.pid), peakMB: peakRssMB(server.child.pid) };
  const admin = await login(server.url, 'admin');
  const secretary = await login(server.url, 'cum6.secretary');
  const clusters = await api(server.url, 'GET', '/api/clusters', secretary);
  const cum6 = clusters[0].id;

  // A cluster of 100 members with one consolidated sheet each, handed out so that no two requests in
  // flight write the same sheet: every write is a real write at its current version.
  const { cluster, sheets } = await loadCluster(server.url, admin, 2 * CONNECTIONS);

  // BENCH_MIXED=1: the set mixes the kinds (TC2 quantitative against each unit's target and the cluster's leader,
  // TC9 per count), and the writes send achieved values for them: the costliest path of a sheet write.
  const mixed = process.env.BENCH_MIXED === '1';
  if (mixed) {
    const base = `/api/clusters/${cluster.id}/years/2026/criteria`;
    const set = await api(server.url, 'GET', base, admin);
    const items = set.items.map((c: any) => ({
      code: c.code, text: c.text, maxPoints: c.maxPoints, kind: c.kind, evidenceRequired: c.evidenceRequired,
      ...(c.code === 'TC2' ? { measure: 'QUANTITATIVE', formula: 'RELATIVE_TO_LEADER', factUnit: 'hồ sơ' } : c.code === 'TC9' ? { measure: 'PER_COUNT', perCount: 1 } : {}),
    }));
    await api(server.url, 'PUT', base, admin, { version: set.version, reason: 'Bộ tiêu chí hỗn hợp', totalPoints: set.totalPoints, items });
    const targets = await api(server.url, 'GET', `${base}/targets`, admin);
    await api(server.url, 'PUT', `${base}/targets`, admin, { version: targets.version, targets: targets.units.map((u: any) => ({ criterionCode: 'TC2', unitId: u.unitId, target: 100 })) });
  }
  const measure = { serverPid: server.child.pid };
  const health = await load({ url: `${server.url}/api/health`, connections: CONNECTIONS }, measure);
  const peakReset = resetPeakRss(server.child.pid);
  const ranking = await load({ url: `${server.url}/api/clusters/${cum6}/years/2019/scoring/ranking`, connections: CONNECTIONS, headers: { authorization: `Bearer ${secretary}` } }, measure);
  const peakRssAfterRanking = peakRssMB(server.child.pid);
  const entries = () => {
    const points = 10 + Math.round(Math.random() * 10) / 2;
    return mixed ? [{ code: 'TC1', points }, { code: 'TC2', achieved: 50 + Math.round(Math.random() * 100) }, { code: 'TC9', achieved: 5 }] : [{ code: 'TC1', points }, { code: 'TC9', points: 5 }];
  };
  const writes = await load({
    url: server.url,
    connections: CONNECTIONS,
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    requests: sheetWriteRequests(sheets, entries),
  }, {
    ...measure,
    beforeRun: async () => {
      for (const sheet of sheets) sheet.version = (await api(server.url, 'GET', `/api/clusters/${cluster.id}/years/2026/scoring/sheets/${sheet.id}`, admin)).version;
    },
  });

  const peakRssAfterWrites = peakRssMB(server.child.pid);

  // With the mixed set, the ranking read is also measured on it: every sheet filled (facts for TC2 and TC9) and
  // submitted, so the ranking works the leader-relative points out again over 100 units.
  let mixedRanking: LoadFigures | null = null;
  if (mixed) {
    const codes = (await api(server.url, 'GET', `/api/clusters/${cluster.id}/years/2026/criteria`, admin)).items.map((c: any) => c.code);
    for (const [i, sheet] of sheets.entries()) {
      const current = await api(server.url, 'GET', `/api/clusters/${cluster.id}/years/2026/scoring/sheets/${sheet.id}`, admin);
      const filled = codes.map((code: string) => (code === 'TC2' ? { code, achieved: 50 + (i % 60) } : code === 'TC9' ? { code, achieved: i % 5 } : { code, points: 5 }));
      const saved = await api(server.url, 'PUT', sheet.path, admin, { version: current.version, entries: filled });
      await api(server.url, 'POST', `/api/clusters/${cluster.id}/years/2026/scoring/sheets/${sheet.id}/submit`, admin, { version: saved.version });
    }
    mixedRanking = await load({ url: `${server.url}/api/clusters/${cluster.id}/years/2026/scoring/ranking`, connections: CONNECTIONS, headers: { authorization: `Bearer ${admin}` } }, measure);
  }

  return { health, ranking, writes, mixedRanking, afterStart, peakRssMB: { afterRankingLoad: peakRssAfterRanking, afterWriteLoad: peakRssAfterWrites, sinceStart: !peakReset } };
}

async function onServer<T>(port: number, env: Record<string, string>, work: (server: ServerHandle) => Promise<T>): Promise<T> {
  const server = await startServer(port, env);
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

async function bare(kind: 'http' | 'express', port: number): Promise<LoadFigures> {
  const server = await startBareServer(kind, port);
  try {
    return await load({ url: `${server.url}/api/health`, connections: CONNECTIONS }, { serverPid: server.child.pid });
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.BENCH_PORT ?? 3910);
  const loadBefore = loadAverage();
  const rawLoop = rawSqliteLoop(3);
  const bareHttp = await bare('http', port + 1);
  const bareExpress = await bare('express', port + 2);
  const postgres = !!process.env.DATABASE_URL;
  const main = await onServer(port, {}, measureThidua);
  // The reference of PostgreSQL's writes: thidua on SQLite, in the same run.
  const sqlite = postgres ? await onServer(port + 3, { DATABASE_URL: '' }, measureThidua) : main;
  const rawLoopAfter = rawSqliteLoop(3);
  const loadAfter = loadAverage();
  const rawLoopPerSecond = Math.round((rawLoop.transactionsPerSecond + rawLoopAfter.transactionsPerSecond) / 2);
  const { health, ranking, writes, mixedRanking } = main;
  const ratio = (x: LoadFigures) => ({ throughputVsHealth: r3(x.requestsPerSecond / health.requestsPerSecond), p99VsHealth: +(x.p99Ms / Math.max(1, health.p99Ms)).toFixed(2) });
  const peak = Math.max(main.peakRssMB.afterRankingLoad ?? 0, main.peakRssMB.afterWriteLoad ?? 0);
  const ratios = {
    sqliteWritesVsRawLoop: r3(sqlite.writes.requestsPerSecond / rawLoopPerSecond),
    ...(postgres ? { postgresWritesVsSqliteWrites: r3(writes.requestsPerSecond / sqlite.writes.requestsPerSecond), postgresWritesVsRawLoop: r3(writes.requestsPerSecond / rawLoopPerSecond) } : {}),
    healthVsBareHttp: r3(health.requestsPerSecond / bareHttp.requestsPerSecond),
    healthVsBareExpress: r3(health.requestsPerSecond / bareExpress.requestsPerSecond),
    peakRssVsBudget: r3(peak / AIMS.peakRssMB),
  };
  const report = {
    benchmark: `scoring over HTTP (autocannon, 50 connections, 2 s warm-up, median of 3 × 5 s)${process.env.BENCH_MIXED === '1' ? ', criteria set mixing the kinds' : ''}`,
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAfter },
    references: { rawSqliteLoop: { ...rawLoop, transactionsPerSecond: rawLoopPerSecond, before: rawLoop.transactionsPerSecond, after: rawLoopAfter.transactionsPerSecond }, bareHttp, bareExpress },
    health,
    rankingReads: { ...ranking, ...ratio(ranking) },
    sheetWrites: { ...writes, ...ratio(writes) },
    ...(mixedRanking ? { mixedRankingReads: { ...mixedRanking, ...ratio(mixedRanking) } } : {}),
    ...(postgres ? { sqliteSameRun: { health: sqlite.health, sheetWrites: sqlite.writes, peakRssMB: sqlite.peakRssMB } } : {}),
    peakRssMB: main.peakRssMB,
    afterStartMB: main.afterStart,
    aims: AIMS,
    ratios,
  };
  const file = saveReport('scoring', report);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const cpu = (x: LoadFigures) => `${x.serverCpuUsPerRequest ?? '—'} µs CPU`;
  process.stdout.write(
    `load ${loadBefore.join('/')} → ${loadAfter.join('/')} | raw loop ${rawLoopPerSecond}/s (${rawLoop.transactionsPerSecond}, ${rawLoopAfter.transactionsPerSecond}) | bare http ${bareHttp.requestsPerSecond}/s, express ${bareExpress.requestsPerSecond}/s | ` +
      `health ${health.requestsPerSecond} req/s (${cpu(health)}; ${ratios.healthVsBareHttp} × http, ${ratios.healthVsBareExpress} × express) | ranking ${ranking.requestsPerSecond} req/s, p99 ${ranking.p99Ms} ms, ${cpu(ranking)} (${report.rankingReads.throughputVsHealth} × health) | ` +
      `sheet writes ${writes.requestsPerSecond}/s, p50 ${writes.p50Ms} ms, p99 ${writes.p99Ms} ms, ${cpu(writes)}, non-2xx ${writes.non2xx} | ` +
      (mixedRanking ? `ranking of the mixed set (100 units) ${mixedRanking.requestsPerSecond} req/s, p99 ${mixedRanking.p99Ms} ms, ${cpu(mixedRanking)} | ` : '') +
      (postgres ? `SQLite same run ${sqlite.writes.requestsPerSecond}/s (${cpu(sqlite.writes)}) → PostgreSQL ÷ SQLite ${ratios.postgresWritesVsSqliteWrites} (aim ≥ ${AIMS.postgresWritesVsSqliteWrites}) | ` : '') +
      `SQLite writes ÷ raw loop ${ratios.sqliteWritesVsRawLoop} (aim ≥ ${AIMS.sqliteWritesVsRawLoop}) | RSS after start ${main.afterStart.rssMB} MB (start's peak ${main.afterStart.peakMB} MB), peak under the ranking and write loads ${peak} MB${main.peakRssMB.sinceStart ? ' (peak since start: could not reset it)' : ''} (aim ≤ ${AIMS.peakRssMB}) | report ${file}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
