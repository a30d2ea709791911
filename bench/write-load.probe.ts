/**
 * A probe of sheet writes over HTTP alone: the built server (on DATABASE_URL's PostgreSQL when set), 100 sheets,
 * autocannon with 50 connections for 3 × 5 s; prints req/s and server CPU per write. BENCH_NODE_ARGS gives the
 * server's node flags (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" for a profile of the write load).
 * PROBE_MAIN: another build's dist/src/main.js (to compare, in turns). PROBE_AS=member: 50 members each write their
 * own self-scoring sheet (their scoring window and membership checked), instead of the administrator 100 cluster
 * sheets. PROBE_CONNECTIONS: other than 50. node dist/bench/write-load.probe.js
 */
import 'reflect-metadata';
import { postgresCpuTicks } from './postgres-cpu';
import { api, load, loadCluster, login, memberSheets, sheetWriteRequests, startServer } from './support';

async function main(): Promise<void> {
  const server = await startServer(Number(process.env.BENCH_PORT ?? 3950), {}, process.env.PROBE_MAIN || undefined);
  try {
    const admin = await login(server.url, 'admin');
    const loaded = await loadCluster(server.url, admin, 100);
    const sheets: Array<{ path: string; version: number; token?: string }> = process.env.PROBE_AS === 'member' ? await memberSheets(server.url, admin, loaded, 50) : loaded.sheets;
    const pgBefore = postgresCpuTicks();
    const writes = await load(
      { url: server.url, connections: Number(process.env.PROBE_CONNECTIONS ?? 50), headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, requests: sheetWriteRequests(sheets, () => [{ code: 'TC1', points: 10 + Math.round(Math.random() * 10) / 2 }, { code: 'TC9', points: 5 }]) },
      {
        serverPid: server.child.pid,
        beforeRun: async () => {
          for (const sheet of sheets) sheet.version = (await api(server.url, 'GET', sheet.path.replace(/\/entries$/, ''), sheet.token ?? admin)).version;
        },
      },
    );
    // PostgreSQL's own CPU (its processes on this machine, the three runs and their warm-ups) per write answered.
    const pgTicks = postgresCpuTicks() - pgBefore;
    const answered = writes.requestsPerSecond * 3 * 5;
    process.stdout.write(`${JSON.stringify({ ...writes, ...(process.env.DATABASE_URL ? { postgresCpuUsPerWriteUpperBound: Math.round((pgTicks * 10_000) / answered) } : {}) })}\n`);
  } finally {
    await server.stop();
  }
}
void main();

