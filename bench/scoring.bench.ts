/**
 * npm run bench:scoring — HTTP sheet writes per second and ranking reads per second against the built
 * server (autocannon, 50 connections, warm-up, 3 runs), each given as a ratio to /api/health measured
 * in the same run. BENCH_MIXED=1: on a criteria set mixing the kinds (writes send achieved values), and the ranking
 * read also on that set (100 units, every sheet submitted).
 */
import 'reflect-metadata';
import { LoadFigures, api, load, login, machine, saveReport, startServer } from './support';

const CONNECTIONS = 50;

async function main(): Promise<void> {
  const server = await startServer(Number(process.env.BENCH_PORT ?? 3910));
  try {
    const admin = await login(server.url, 'admin');
    const secretary = await login(server.url, 'cum6.secretary');
    const clusters = await api(server.url, 'GET', '/api/clusters', secretary);
    const cum6 = clusters[0].id;

    // A cluster of 100 members with one consolidated sheet each, handed out so that no two requests in
    // flight write the same sheet: every write is a real write at its current version.
    const ministry = (await api(server.url, 'GET', '/api/units?q=bo khoa hoc&kind=ORGANIZER', admin)).items[0];
    const cluster = await api(server.url, 'POST', '/api/clusters', admin, { organizerId: ministry.id, number: 99, name: 'Cụm thi đua đo tải', documentCode: 'CTĐ99' });
    const sheets: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < 2 * CONNECTIONS; i++) {
      const unit = await api(server.url, 'POST', '/api/units', admin, { code: `BENCH-${String(i).padStart(3, '0')}`, kind: 'MEMBER', name: `Đơn vị đo tải ${i}`, shortName: `ĐV ${i}` });
      await api(server.url, 'POST', `/api/clusters/${cluster.id}/members`, admin, { unitId: unit.id, year: 2026 });
      if (i === 0) await api(server.url, 'POST', `/api/clusters/${cluster.id}/years/2026/criteria`, admin, { from: 'TEMPLATE', templateCode: 'CUM6-2020' });
      const sheet = await api(server.url, 'POST', `/api/clusters/${cluster.id}/years/2026/scoring/sheets`, admin, { targetUnitId: unit.id, kind: 'CLUSTER' });
      sheets.push({ id: sheet.id, version: sheet.version });
    }

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
      await api(server.url, 'PUT', `${base}/targets`, admin, { targets: targets.units.map((u: any) => ({ criterionCode: 'TC2', unitId: u.unitId, target: 100 })) });
    }
    const measure = { serverPid: server.child.pid };
    const health = await load({ url: `${server.url}/api/health`, connections: CONNECTIONS }, measure);
    const ranking = await load({ url: `${server.url}/api/clusters/${cum6}/years/2019/scoring/ranking`, connections: CONNECTIONS, headers: { authorization: `Bearer ${secretary}` } }, measure);
    // autocannon resets a client's context after each request sequence: one long sequence per client
    // keeps its context, and with it the client's own sheet and version.
    let next = 0;
    const write = {
      method: 'PUT',
      setupRequest: (req: any, context: any) => {
        if (context.sheet === undefined) context.sheet = next++ % sheets.length;
        const sheet = sheets[context.sheet];
        const points = 10 + Math.round(Math.random() * 10) / 2;
        const entries = mixed ? [{ code: 'TC1', points }, { code: 'TC2', achieved: 50 + Math.round(Math.random() * 100) }, { code: 'TC9', achieved: 5 }] : [{ code: 'TC1', points }, { code: 'TC9', points: 5 }];
        return { ...req, path: `/api/clusters/${cluster.id}/years/2026/scoring/sheets/${sheet.id}/entries`, body: JSON.stringify({ version: sheet.version, entries }) };
      },
      onResponse: (status: number, body: string, context: any) => {
        if (status === 200) sheets[context.sheet].version = JSON.parse(body).version;
      },
    };
    const writes = await load({
      url: server.url,
      connections: CONNECTIONS,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      requests: Array.from({ length: 2_000 }, () => write) as any,
    }, {
      ...measure,
      beforeRun: async () => {
        for (const sheet of sheets) sheet.version = (await api(server.url, 'GET', `/api/clusters/${cluster.id}/years/2026/scoring/sheets/${sheet.id}`, admin)).version;
      },
    });

    // With the mixed set, the ranking read is also measured on it: every sheet filled (facts for TC2 and TC9) and
    // submitted, so the ranking works the leader-relative points out again over 100 units.
    let mixedRanking: LoadFigures | null = null;
    if (mixed) {
      const codes = (await api(server.url, 'GET', `/api/clusters/${cluster.id}/years/2026/criteria`, admin)).items.map((c: any) => c.code);
      for (const [i, sheet] of sheets.entries()) {
        const current = await api(server.url, 'GET', `/api/clusters/${cluster.id}/years/2026/scoring/sheets/${sheet.id}`, admin);
        const entries = codes.map((code: string) => (code === 'TC2' ? { code, achieved: 50 + (i % 60) } : code === 'TC9' ? { code, achieved: i % 5 } : { code, points: 5 }));
        const saved = await api(server.url, 'PUT', `/api/clusters/${cluster.id}/years/2026/scoring/sheets/${sheet.id}/entries`, admin, { version: current.version, entries });
        await api(server.url, 'POST', `/api/clusters/${cluster.id}/years/2026/scoring/sheets/${sheet.id}/submit`, admin, { version: saved.version });
      }
      mixedRanking = await load({ url: `${server.url}/api/clusters/${cluster.id}/years/2026/scoring/ranking`, connections: CONNECTIONS, headers: { authorization: `Bearer ${admin}` } }, measure);
    }

    const ratio = (x: LoadFigures) => ({ throughputVsHealth: +(x.requestsPerSecond / health.requestsPerSecond).toFixed(3), p99VsHealth: +(x.p99Ms / Math.max(1, health.p99Ms)).toFixed(2) });
    const report = {
      benchmark: `scoring over HTTP (autocannon, 50 connections, 2 s warm-up, median of 3 × 5 s)${mixed ? ', criteria set mixing the kinds' : ''}`,
      machine: machine(),
      health,
      rankingReads: { ...ranking, ...ratio(ranking) },
      sheetWrites: { ...writes, ...ratio(writes) },
      ...(mixedRanking ? { mixedRankingReads: { ...mixedRanking, ...ratio(mixedRanking) } } : {}),
    };
    const file = saveReport('scoring', report);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(
      `health ${health.requestsPerSecond} req/s (p99 ${health.p99Ms} ms, ${health.serverCpuUsPerRequest ?? '—'} µs CPU) | ranking ${ranking.requestsPerSecond} req/s, p50 ${ranking.p50Ms} ms, p99 ${ranking.p99Ms} ms, ${ranking.serverCpuUsPerRequest ?? '—'} µs CPU (${report.rankingReads.throughputVsHealth} × health) | ` +
        `sheet writes ${writes.requestsPerSecond}/s, p50 ${writes.p50Ms} ms, p99 ${writes.p99Ms} ms, ${writes.serverCpuUsPerRequest ?? '—'} µs CPU, non-2xx ${writes.non2xx} (${report.sheetWrites.throughputVsHealth} × health)${
        mixedRanking ? ` | ranking of the mixed set (100 units) ${mixedRanking.requestsPerSecond} req/s, p50 ${mixedRanking.p50Ms} ms, p99 ${mixedRanking.p99Ms} ms, ${mixedRanking.serverCpuUsPerRequest ?? '—'} µs CPU` : ''
      } | report ${file}\n`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
