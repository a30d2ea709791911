/**
 * A probe of the sheet write path without HTTP: ScoreSheetsService.saveEntries called in the process, one after
 * another, on a consolidated sheet of Cụm 6 2021 (SQLite, the demo data). Prints the wall and CPU time per save.
 * node dist/bench/write-path.probe.js [N]; PROFILE=saves.cpuprofile to see where a save spends its time.
 */
import 'reflect-metadata';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { startTestApp } from '../test/support/test-app';
import { ScoreSheetsService } from '../src/scoring/score-sheets.service';
import { Authenticator } from '../src/auth/authenticator';
import type { HttpRequest } from '../src/common/http';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 2000);
  const t = await startTestApp();
  const secretary = await t.token('cum6.secretary');
  const [{ id: cum6 }] = await t.dataSource.query("SELECT id FROM clusters WHERE number = 6 ORDER BY created_at LIMIT 1");
  const [{ id: unitId }] = await t.dataSource.query("SELECT id FROM units WHERE code = 'STTTT-GIALAI'");
  await t.http.post(`/api/clusters/${cum6}/years/2021/criteria`).auth(secretary, { type: 'bearer' }).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);
  const sheet = (await t.http.post(`/api/clusters/${cum6}/years/2021/scoring/sheets`).auth(secretary, { type: 'bearer' }).send({ targetUnitId: unitId, kind: 'CLUSTER' })).body;
  if (!sheet.id) throw new Error(JSON.stringify(sheet));
  const service = t.app.get(ScoreSheetsService);
  // The principal as the guard resolves it for a request with the secretary's bearer token.
  const p = await t.app.get(Authenticator).authenticate({ headers: { authorization: `Bearer ${secretary}` }, cookies: {} } as unknown as HttpRequest);
  let version = sheet.version;
  const codes = ['TC1', 'TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8', 'TC9'];
  // PROFILE=file.cpuprofile: a CPU profile of the loop alone (not the start).
  const session = process.env.PROFILE ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const view = await service.saveEntries(p, cum6, 2021, sheet.id, { version, entries: [{ code: codes[i % 9], points: (i % 5) + 1 }] } as never);
    version = view.version;
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  if (session) writeFileSync(process.env.PROFILE!, JSON.stringify((await session.post('Profiler.stop')).profile));
  process.stdout.write(`${n} saves: ${(wall / n).toFixed(3)} ms wall, ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms CPU per save (user ${(cpu.user / 1000 / n).toFixed(3)}, system ${(cpu.system / 1000 / n).toFixed(3)}; ${Math.round((n * 1000) / wall)}/s)\n`);
  await t.close();
}
void main();
