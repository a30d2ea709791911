import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export interface BackupCheck {
  file: string;
  sha256: string;
  integrity: string;
  /** Rows per table: what a restore must give back. */
  rows: Record<string, number>;
}

/** Row counts and integrity of a SQLite file, read without changing it. */
export function inspectSqlite(file: string): BackupCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
    const rows = Object.fromEntries(tables.map(({ name }) => [name, Number((db.prepare(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n)]));
    return { file, sha256: createHash('sha256').update(readFileSync(file)).digest('hex'), integrity, rows };
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API: the server may keep
 * writing meanwhile; the copy is one committed state. The copy is checked before it is reported.
 */
export async function backupSqlite(source: string, destination: string): Promise<BackupCheck> {
  if (!existsSync(source)) throw new Error(`Không tìm thấy cơ sở dữ liệu ${source}.`);
  if (existsSync(destination)) throw new Error(`Tệp sao lưu ${destination} đã tồn tại: chọn tên khác.`);
  mkdirSync(dirname(destination), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const partial = `${destination}.partial`;
    rmSync(partial, { force: true });
    await db.backup(partial);
    // The copy is a single file (no WAL): switch it out of WAL mode so it opens anywhere as it is.
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    renameSync(partial, destination);
  } finally {
    db.close();
  }
  const check = inspectSqlite(destination);
  if (check.integrity !== 'ok') throw new Error(`Bản sao lưu không toàn vẹn: ${check.integrity}`);
  return check;
}

/**
 * Restores a backup over the database file. The server must be stopped: the current file is first kept
 * beside it (`…before-restore-<time>.sqlite`), then the backup is copied in through the backup API.
 */
export async function restoreSqlite(backup: string, target: string, now = new Date()): Promise<BackupCheck & { previous: string | null }> {
  const source = inspectSqlite(backup);
  if (source.integrity !== 'ok') throw new Error(`Tệp sao lưu không toàn vẹn: ${source.integrity}`);
  if (!source.rows.migrations) throw new Error(`Tệp ${backup} không phải bản sao lưu của thidua (không có bảng migrations).`);
  mkdirSync(dirname(target), { recursive: true });
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = target.replace(/\.sqlite$/, '') + `.before-restore-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`;
    await backupSqlite(target, previous);
  }
  const db = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const staged = `${target}.restoring`;
    rmSync(staged, { force: true });
    await db.backup(staged);
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(staged, target);
  } finally {
    db.close();
  }
  const check = inspectSqlite(target);
  if (check.integrity !== 'ok') {
    if (previous) copyFileSync(previous, target);
    throw new Error(`Khôi phục thất bại (${check.integrity}); đã trả lại tệp cũ.`);
  }
  return { ...check, previous };
}
