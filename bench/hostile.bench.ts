/**
 * npm run bench:hostile — how fast and how cheaply hostile uploads are refused, against the built server:
 * zip bombs, zips whose headers lie about their size, oversized files, executables and HTML in disguise, at the
 * score upload, the evidence upload and the document check. Each upload is timed and the server's resident
 * memory is read before and after (Linux /proc). The budgets the tests used to assert (refused in under 3 s
 * with under 150 MB of growth; the 60 MB lying zip in under 10 s) are checked here: the run exits 1 when one is
 * over. The tests keep what does not depend on the machine's speed (status, message, nothing changed).
 */
import 'reflect-metadata';
import JSZip from 'jszip';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { lyingZip } from '../test/support/hostile-input';
import { api, login, machine, saveReport, startServer } from './support';

const MAX_MS = 3000;
const MAX_GROWTH_MB = 150;
const LYING_ZIP_MAX_MS = 10_000;

function rssMB(pid: number | undefined): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const server = await startServer(Number(process.env.BENCH_PORT ?? 3913));
  const results: Array<{ name: string; status: number; expected: number; ms: number; rssGrowthMB: number | null; budgetMs: number; withinBudget: boolean }> = [];
  try {
    const secretary = await login(server.url, 'cum6.secretary');
    const cum6 = (await api(server.url, 'GET', '/api/clusters', secretary))[0].id as string;
    await api(server.url, 'POST', `/api/clusters/${cum6}/years/2020/pledge`, secretary, { template: 'CUM6-2020' });
    const gialai = (await api(server.url, 'GET', `/api/clusters/${cum6}/members?year=2020`, secretary)).find((m: { unit: { code: string } }) => m.unit.code === 'STTTT-GIALAI').unit.id;
    const sheet = await api(server.url, 'POST', `/api/clusters/${cum6}/years/2020/scoring/sheets`, secretary, { targetUnitId: gialai, kind: 'CLUSTER' });
    const upload = `/api/clusters/${cum6}/years/2020/scoring/upload`;
    const evidence = `/api/clusters/${cum6}/years/2020/scoring/sheets/${sheet.id}/evidence`;

    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(200 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 1)]);
    const fakePdf = Buffer.from('<html><body>không phải PDF</body></html>');
    const cases: Array<[string, string, string, Buffer, number, number]> = [
      ['score workbook: zip bomb (200 MB inside)', upload, 'bom.xlsx', bomb, 422, MAX_MS],
      ['score workbook: lying zip headers (256 MB inside)', upload, 'bom-noi-doi.xlsx', lyingZip(256 * 1024 * 1024), 422, MAX_MS],
      ['score workbook: lying zip (60 MB inside)', upload, 'bom.xlsx', lyingZip(60 * 1024 * 1024), 422, LYING_ZIP_MAX_MS],
      ['score workbook: lying zip to a cluster that does not exist', `/api/clusters/${randomUUID()}/years/2020/scoring/upload`, 'bom.xlsx', lyingZip(60 * 1024 * 1024), 404, MAX_MS],
      ['score workbook: oversized', upload, 'lon.xlsx', Buffer.alloc(3 * 1024 * 1024, 65), 413, MAX_MS],
      ['score workbook: an executable named .xlsx', upload, 'bang.xlsx', exe, 422, MAX_MS],
      ['evidence: an executable named .pdf', evidence, 'minh-chung.pdf', exe, 422, MAX_MS],
      ['evidence: HTML named .pdf', evidence, 'minh-chung.pdf', fakePdf, 422, MAX_MS],
      ['evidence: oversized', evidence, 'minh-chung.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024, 32)]), 413, MAX_MS],
      ['document check: not a PDF', '/api/documents/verify', 'tai-lieu.pdf', fakePdf, 422, MAX_MS],
    ];
    for (const [name, path, fileName, bytes, expected, budgetMs] of cases) {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(bytes)]), fileName);
      const before = rssMB(server.child.pid);
      const started = performance.now();
      const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${secretary}` }, body });
      await res.arrayBuffer();
      const ms = Math.round(performance.now() - started);
      const after = rssMB(server.child.pid);
      const rssGrowthMB = before === null || after === null ? null : after - before;
      const withinBudget = res.status === expected && ms < budgetMs && (rssGrowthMB === null || rssGrowthMB < MAX_GROWTH_MB);
      results.push({ name, status: res.status, expected, ms, rssGrowthMB, budgetMs, withinBudget });
      process.stdout.write(`  ${withinBudget ? 'ok  ' : 'OVER'} ${name}: ${res.status} in ${ms} ms (budget ${budgetMs}), server RSS ${rssGrowthMB === null ? '—' : `${rssGrowthMB >= 0 ? '+' : ''}${rssGrowthMB} MB`} (budget ${MAX_GROWTH_MB})\n`);
    }
  } finally {
    await server.stop();
  }
  const over = results.filter((r) => !r.withinBudget);
  const file = saveReport('hostile', { generatedAt: new Date().toISOString(), machine: machine(), budgets: { maxMs: MAX_MS, maxGrowthMB: MAX_GROWTH_MB, lyingZipMaxMs: LYING_ZIP_MAX_MS }, results });
  process.stdout.write(`${results.length - over.length} of ${results.length} refusals within budget; JSON: ${file}\n`);
  if (over.length) process.exit(1);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
