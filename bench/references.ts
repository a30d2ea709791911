import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareSqlite } from '../src/database/data-source';
import { assertPortFree, stopChild, stopOnExit, waitForHealth } from './support';

/**
 * The raw better-sqlite3 loop, the reference of sheet writes: per transaction one score entry replaced and one
 * audit row appended (hash-chained with an HMAC, as thidua's), on a file database with thidua's own settings
 * (WAL, synchronous = FULL: the same durability), for `seconds` of wall time. Answers transactions per second.
 */
export function rawSqliteLoop(seconds = 3): { transactionsPerSecond: number; transactions: number; settings: string } {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-raw-loop-'));
  const db = new Database(join(dir, 'loop.sqlite'));
  try {
    prepareSqlite(db);
    db.exec(`CREATE TABLE score_entries (sheet_id varchar NOT NULL, criterion_code varchar NOT NULL, points integer NOT NULL, note text, achieved integer, PRIMARY KEY (sheet_id, criterion_code));
      CREATE TABLE audit_entries (seq integer PRIMARY KEY AUTOINCREMENT, occurred_at varchar NOT NULL, actor_username varchar NOT NULL, action varchar NOT NULL,
        entity_type varchar NOT NULL, entity_id varchar NOT NULL, "after" text, prev_hash varchar NOT NULL, hash varchar NOT NULL);`);
    const remove = db.prepare('DELETE FROM score_entries WHERE sheet_id = ? AND criterion_code = ?');
    const insert = db.prepare('INSERT INTO score_entries (sheet_id, criterion_code, points, note, achieved) VALUES (?, ?, ?, NULL, NULL)');
    const append = db.prepare('INSERT INTO audit_entries (occurred_at, actor_username, action, entity_type, entity_id, "after", prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const key = Buffer.alloc(32, 7);
    let prev = '0'.repeat(64);
    const save = db.transaction((sheet: string, points: number) => {
      remove.run(sheet, 'TC1');
      insert.run(sheet, 'TC1', points);
      const after = `{"TC1":${points / 100}}`;
      const occurredAt = new Date().toISOString();
      const hash = createHmac('sha256', key).update(`${prev}\n${occurredAt}${sheet}${after}`).digest('hex');
      append.run(occurredAt, 'admin', 'score_sheet.update', 'score_sheet', sheet, after, prev, hash);
      prev = hash;
    });
    const started = performance.now();
    const until = started + seconds * 1000;
    let n = 0;
    for (; performance.now() < until; n++) save(`sheet-${n % 100}`, 1000 + (n % 500));
    const elapsed = (performance.now() - started) / 1000;
    return { transactionsPerSecond: Math.round(n / elapsed), transactions: n, settings: 'WAL, synchronous = FULL, 1 entry replaced + 1 audit row per transaction' };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A bare HTTP server (node:http or Express) answering /api/health in its own process; see bare-server.ts. */
export async function startBareServer(kind: 'http' | 'express', port: number): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  await assertPortFree(port);
  const child = stopOnExit(spawn(process.execPath, [join(__dirname, 'bare-server.js'), kind, String(port)], { stdio: ['ignore', 'ignore', 'inherit'] }));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  return { url, child, stop: () => stopChild(child) };
}

/** The machine's load average (1, 5, 15 minutes), rounded: printed before and after a run. */
export function loadAverage(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}

/** The highest resident set size of a process so far (Linux VmHWM), in MB, or null. */
export function peakRssMB(pid: number | undefined): number | null {
  return procStatusMB(pid, 'VmHWM');
}

/** Resets a process's peak RSS (VmHWM) to its RSS now (Linux `clear_refs` 5), so a later peak is one of what follows; false if it could not. */
export function resetPeakRss(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The resident set size of a process now (Linux VmRSS), in MB, or null. */
export function rssMB(pid: number | undefined): number | null {
  return procStatusMB(pid, 'VmRSS');
}

function procStatusMB(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number | null {
  if (!pid) return null;
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}
