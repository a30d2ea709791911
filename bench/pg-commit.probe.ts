/**
 * PostgreSQL alone, under the statements of a sheet's save commit (postgres-transaction.ts, as the server sends
 * them: one simple query), with pgbench, 50 clients for 8 s each: what this machine's PostgreSQL does without the
 * server in the way, and what each part of the commit costs it. The variants add, in turn, what the save commits
 * after its sheet and entries: the cluster-year's revision (one row every save of the cluster-year updates) and the
 * audit chain's append (a lock and the head's row that every save takes in turn, then its entry). The last variant
 * lets the locks go before the commit's WAL flush (synchronous_commit off for it, then an empty transaction that
 * flushes), to tell how much of the cost is the flush made while the chain is held; the grouped one commits ten saves
 * in one transaction (their entries appended to the chain together), to tell what a group commit would spare.
 * Prints saves/s and PostgreSQL's CPU per save (its processes on this machine: an upper bound).
 * DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node dist/bench/pg-commit.probe.js
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresCpuTicks } from './postgres-cpu';
import { freshPostgres, loadCluster, login, startServer } from './support';

const CLIENTS = 50;
const SECONDS = 8;
/** The grouped variant: saves committed together, as the server's group commit does (src/database/commit-groups.ts). */
const GROUP = 10;

function pgbenchPath(): string {
  const found = readdirSync('/usr/lib/postgresql', { withFileTypes: true })
    .map((d) => join('/usr/lib/postgresql', d.name, 'bin/pgbench'))
    .find((p) => existsSync(p));
  if (!found) throw new Error('pgbench not found under /usr/lib/postgresql (Debian package postgresql)');
  return found;
}

/** One save's writes to `sheet` (its version checked, its entries replaced). */
function saveWrites(sheet: string, at: string): string[] {
  return [
    `WITH w AS (UPDATE "score_sheets" SET "updated_at" = '${at}', version = version + 1 WHERE "id" = '${sheet}' RETURNING 1) SELECT thidua_expect_rows((SELECT count(*) FROM w), 1, '0')`,
    `INSERT INTO score_entries (sheet_id, criterion_code, points, note, achieved) VALUES ('${sheet}', 'TC1', 1200, NULL, NULL), ('${sheet}', 'TC9', 500, NULL, NULL) ON CONFLICT (sheet_id, criterion_code) DO UPDATE SET points = excluded.points, note = excluded.note, achieved = excluded.achieved`,
  ];
}

/** The audit append of `sheets`' saves: the chain's lock, its head moved once, an entry each. */
function auditAppend(sheets: string[], cluster: string, at: string): string[] {
  const entries = sheets.map((sheet) => `('${at}', NULL, 'admin', 'score_sheet.update', 'score_sheet', '${sheet}', '{"TC1":12.5,"TC9":5}', '{"TC1":12,"TC9":5}', NULL, NULL, NULL, '${cluster}', '${'0'.repeat(64)}', '${'1'.repeat(64)}')`);
  return [
    'SELECT pg_advisory_xact_lock(7346001)',
    `UPDATE audit_anchor SET head_seq = head_seq + ${sheets.length}, updated_at = '${at}' WHERE id = 1`,
    `INSERT INTO audit_entries (occurred_at, actor_id, actor_username, action, entity_type, entity_id, "before", "after", reason, request_id, organizer_id, cluster_id, prev_hash, hash) VALUES ${entries.join(', ')}`,
  ];
}

/**
 * The commit of the saves of `sheets` (one, but for the grouped variant), its parts by variant; pgbench's "\;" keeps
 * them one simple query.
 */
function commitScript(variant: number, sheets: string[], cluster: string): string {
  const at = '2026-12-03T12:00:00.000Z';
  const parts = [
    'START TRANSACTION ISOLATION LEVEL READ COMMITTED',
    ...(variant === 4 ? ['SET LOCAL synchronous_commit = off'] : []),
    'SELECT pg_try_advisory_xact_lock(7346002, 1)',
    ...sheets.flatMap((sheet) => saveWrites(sheet, at)),
    'SAVEPOINT thidua_tail',
    ...(variant >= 3 ? auditAppend(sheets, cluster, at) : []),
    ...(variant >= 2 ? [`INSERT INTO cluster_year_revisions (cluster_id, year, revision) VALUES ('${cluster}', 2026, 1) ON CONFLICT (cluster_id, year) DO UPDATE SET revision = cluster_year_revisions.revision + 1`] : []),
    'COMMIT',
    ...(variant === 4 ? ['START TRANSACTION', 'SELECT pg_current_xact_id()', 'COMMIT'] : []),
  ];
  return `${parts.join('\\;\n')};\n`;
}

const VARIANTS = [
  [1, 'the sheet and its entries'],
  [2, '+ the cluster-year revision'],
  [3, '+ the audit append: what a save commits'],
  [4, 'the same, the locks let go before the WAL flush'],
  [5, `the same as a save's, ${GROUP} saves to a transaction (per save)`],
] as const;

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL (PostgreSQL) is required');
  const pgbench = pgbenchPath();
  const db = await freshPostgres(adminUrl);
  const dir = mkdtempSync(join(tmpdir(), 'thidua-pgbench-'));
  try {
    // The benchmark's 100-unit cluster, made by the server, which then stops: PostgreSQL alone takes the load.
    const server = await startServer(Number(process.env.BENCH_PORT ?? 3955), { DATABASE_URL: db.url });
    const loaded = await loadCluster(server.url, await login(server.url, 'admin'), 100);
    await server.stop();
    const url = new URL(db.url);
    const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username), '-n', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-M', 'simple'];
    process.stdout.write(`pgbench, ${CLIENTS} clients, ${SECONDS} s each, ${loaded.sheets.length} sheets of one cluster-year\n\n| commit | saves/s | PostgreSQL CPU µs/save |\n|---|---:|---:|\n`);
    for (const [variant, label] of VARIANTS) {
      // One script a sheet (pgbench takes at most 128), picked at random by each transaction.
      const ids = loaded.sheets.map((sheet) => sheet.id);
      const files = ids.slice(0, 100).map((id, i) => {
        const file = join(dir, `v${variant}-${i}.sql`);
        // The grouped variant's saves: GROUP sheets in the order of their ids, as the sheets' row locks are taken.
        const sheets = variant === 5 ? Array.from({ length: GROUP }, (_, k) => ids[(i + k * 7) % ids.length]).sort() : [id];
        writeFileSync(file, commitScript(variant === 5 ? 3 : variant, sheets, loaded.cluster.id));
        return file;
      });
      const before = postgresCpuTicks();
      const out = execFileSync(pgbench, [...args, ...files.flatMap((f) => ['-f', f]), url.pathname.slice(1)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const cpuTicks = postgresCpuTicks() - before;
      const tps = Number(/^tps = ([\d.]+)/m.exec(out)?.[1]);
      const failed = /number of failed transactions: (\d+)/.exec(out)?.[1];
      if (!tps || failed !== '0') throw new Error(`pgbench: ${out.slice(0, 2000)}`);
      const saves = tps * (variant === 5 ? GROUP : 1);
      process.stdout.write(`| ${label} | ${Math.round(saves)} | ${Math.round((cpuTicks * 10_000) / (saves * SECONDS))} |\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}
void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
