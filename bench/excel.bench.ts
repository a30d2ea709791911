/**
 * npm run bench:excel — scoreboard export at national scale (3,000 units × 9 criteria × 5 sheets each):
 * time and peak RSS, measured in a child process of its own; the scoreboard export over HTTP on 100 members
 * × 30 criteria, per second and as a ratio to /api/health in the same run; and the import of a 500-row
 * upload through the HTTP endpoint (validation and writes included). BENCH_ONLY=scoreboard runs only the
 * HTTP export.
 */
import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScoreboardData, writeScoreboard } from '../src/documents/excel/scoreboard-workbook';
import { api, login, machine, saveReport, startServer } from './support';
import { PEER_EXPORTS_PER_SECOND, scoreboardHttp } from './scoreboard-http';

const UNITS = 3000;
const CRITERIA = [15, 15, 10, 10, 15, 10, 10, 10, 5];

async function exportChild(): Promise<void> {
  const data: ScoreboardData = {
    clusterName: 'Toàn quốc',
    organizerName: 'Bộ Khoa học và Công nghệ',
    year: 2024,
    ruleLabel: 'Trung bình chấm chéo',
    published: true,
    criteria: CRITERIA.map((maxPoints, i) => ({ code: `TC${i + 1}`, maxPoints })),
    rows: Array.from({ length: UNITS }, (_, i) => ({
      rank: i + 1,
      tie: false,
      unitCode: `U${i}`,
      unitName: `Sở Khoa học và Công nghệ số ${i + 1}`,
      total: 100 - i / 100,
      bonus: 0,
      penalty: 0,
      criteriaAtMax: 5,
      band: 'Hoàn thành tốt nhiệm vụ',
      selfTotal: 99,
      sheetsUsed: 5,
      finalPoints: CRITERIA.map((m) => m - (i % 3) * 0.5),
      reasons: `Điểm cuối cùng ${100 - i / 100} (trung bình 5 phiếu chấm chéo).`,
    })),
    sheets: Array.from({ length: UNITS * 5 }, (_, i) => ({ scorerName: `Sở Khoa học và Công nghệ số ${((i + 1) % UNITS) + 1}`, kindLabel: 'Chấm chéo', targetName: `Sở Khoa học và Công nghệ số ${Math.floor(i / 5) + 1}`, total: 95, statusLabel: 'Đã khóa', counted: true })),
    flags: [],
  };
  const dir = mkdtempSync(join(tmpdir(), 'thidua-export-'));
  const file = join(dir, 'scoreboard.xlsx');
  // The first export loads exceljs (as a server's first export does); the second is a running server's.
  const times: number[] = [];
  for (let i = 0; i < 2; i++) {
    const start = process.hrtime.bigint();
    await writeScoreboard(createWriteStream(file), data);
    times.push(Math.round(Number(process.hrtime.bigint() - start) / 1e6));
  }
  const result = { exportMs: times[0], warmExportMs: times[1], peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), bytes: statSync(file).size };
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(result));
}

async function importBench(): Promise<{ medianMs: number; runs: number[]; rows: number }> {
  const server = await startServer(Number(process.env.BENCH_PORT ?? 3911));
  try {
    const admin = await login(server.url, 'admin');
    const ministry = (await api(server.url, 'GET', '/api/units?q=bo khoa hoc&kind=ORGANIZER', admin)).items[0];
    const cluster = await api(server.url, 'POST', '/api/clusters', admin, { organizerId: ministry.id, number: 98, name: 'Cụm đo nhập liệu', documentCode: 'CTĐ98' });
    for (let i = 0; i < 500; i++) {
      const unit = await api(server.url, 'POST', '/api/units', admin, { code: `IMP-${String(i).padStart(3, '0')}`, kind: 'MEMBER', name: `Đơn vị nhập liệu ${i}`, shortName: `ĐV ${i}` });
      await api(server.url, 'POST', `/api/clusters/${cluster.id}/members`, admin, { unitId: unit.id, year: 2026 });
    }
    await api(server.url, 'POST', `/api/clusters/${cluster.id}/years/2026/criteria`, admin, { from: 'TEMPLATE', templateCode: 'CUM6-2020' });
    const template = Buffer.from(await (await fetch(`${server.url}/api/clusters/${cluster.id}/years/2026/scoring/template?kind=CLUSTER`, { headers: { authorization: `Bearer ${admin}` } })).arrayBuffer());
    const runs: number[] = [];
    for (let run = 0; run < 3; run++) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Phiếu chấm')!;
      for (let r = 6; r < 6 + 500; r++) CRITERIA.forEach((m, i) => (ws.getCell(r, 4 + i).value = m - ((r + run) % 3) * 0.5));
      const body = new FormData();
      body.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), 'phieu.xlsx');
      const start = process.hrtime.bigint();
      const res = await fetch(`${server.url}/api/clusters/${cluster.id}/years/2026/scoring/upload`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body });
      runs.push(Math.round(Number(process.hrtime.bigint() - start) / 1e6));
      if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
    }
    return { medianMs: [...runs].sort((a, b) => a - b)[1], runs, rows: 500 };
  } finally {
    await server.stop();
  }
}

async function httpExport() {
  const server = await startServer(Number(process.env.BENCH_PORT ?? 3911));
  try {
    return await scoreboardHttp(server);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--export-child')) return exportChild();
  const only = process.env.BENCH_ONLY === 'scoreboard';
  let exported: { exportMs: number; warmExportMs: number; peakRssMB: number; bytes: number } | undefined;
  if (!only) {
    const child = spawnSync(process.execPath, [__filename, '--export-child'], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    exported = JSON.parse(child.stdout);
  }
  const http = await httpExport();
  const imported = only ? undefined : await importBench();
  const report = {
    benchmark: 'Excel: scoreboard export (3,000 units × 9 criteria × 5 sheets, streaming), the scoreboard over HTTP (100 members × 30 criteria, 10 connections) against /api/health, and a 500-row upload over HTTP',
    machine: machine(),
    export: exported,
    scoreboardHttp: { ...http, peerExportsPerSecond: PEER_EXPORTS_PER_SECOND },
    import: imported,
  };
  const file = saveReport(only ? 'excel-scoreboard' : 'excel', report);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const s = http.scoreboard;
  if (exported) process.stdout.write(`export ${exported.exportMs} ms (with loading exceljs; then ${exported.warmExportMs} ms), peak RSS ${exported.peakRssMB} MB, ${Math.round(exported.bytes / 1024)} KB | `);
  process.stdout.write(`scoreboard 100 × 30 over HTTP ${s.requestsPerSecond}/s (p50 ${s.p50Ms} ms, ${s.serverCpuUsPerRequest} µs CPU, ${Math.round(s.bytes / 1024)} KB; ${s.vsHealth} × health ${http.health.requestsPerSecond}/s; peer's figure ${PEER_EXPORTS_PER_SECOND}/s)`);
  if (imported) process.stdout.write(` | import of 500 rows: median ${imported.medianMs} ms (${imported.runs.join(', ')})`);
  process.stdout.write(` | report ${file}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
