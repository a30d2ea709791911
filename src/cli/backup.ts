/**
 * npm run backup [-- <file>]   a consistent copy of the SQLite database, while the server runs
 * npm run restore -- <file>    restores a copy (stop the server first); the current file is kept
 * PostgreSQL: use pg_dump / pg_restore (see the README).
 */
import { resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { backupSqlite, restoreSqlite } from '../database/backup';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  const config = loadConfig();
  if (config.database.type !== 'sqlite') {
    process.stderr.write('Cơ sở dữ liệu là PostgreSQL: hãy dùng pg_dump và pg_restore (xem README).\n');
    process.exit(2);
  }
  // A copy holds password hashes, MFA secrets and ballot boxes: what this writes is readable by this user only (umask
  // 077, as the server's own files), without touching the data folder.
  process.umask(0o077);
  const database = config.database.path;
  if (command === 'backup') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const destination = resolve(file ?? `${config.dataDir}/backups/thidua-${stamp}.sqlite`);
    const check = await backupSqlite(database, destination);
    const total = Object.values(check.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(`Đã sao lưu ${database}\n  → ${check.file}\n  ${total} bản ghi trong ${Object.keys(check.rows).length} bảng; kiểm tra toàn vẹn: ${check.integrity}; SHA-256 ${check.sha256}\n`);
  } else if (command === 'restore') {
    if (!file) {
      process.stderr.write('Cần chỉ ra tệp sao lưu: npm run restore -- data/backups/thidua-….sqlite\n');
      process.exit(2);
    }
    const check = await restoreSqlite(resolve(file), database);
    // The audit checkpoints name entries written after the backup: they are kept aside, not held against it.
    const checkpoints = join(config.dataDir, 'audit-checkpoints.jsonl');
    if (existsSync(checkpoints)) renameSync(checkpoints, `${checkpoints}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const total = Object.values(check.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Đã khôi phục ${resolve(file)}\n  → ${database}\n  ${total} bản ghi trong ${Object.keys(check.rows).length} bảng; kiểm tra toàn vẹn: ${check.integrity}\n` +
        (check.previous ? `  Tệp cũ được giữ tại ${check.previous}\n` : ''),
    );
  } else {
    process.stderr.write('Cách dùng: npm run backup [-- <tệp>] | npm run restore -- <tệp>\n');
    process.exit(2);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
