import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './app-config';

/**
 * What the server writes is readable by its own user only: files 600, folders 700 (umask 077 for everything
 * created from now on), and the data folder and SQLite files of an earlier version tightened at start-up.
 */
export function restrictFileModes(config: AppConfig): void {
  process.umask(0o077);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  tighten(config.dataDir);
  if (config.database.type === 'sqlite' && config.database.path !== ':memory:') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) tighten(`${config.database.path}${suffix}`);
  }
}

/** chmod 700/600 of a path and, for a folder, of everything inside it. */
function tighten(path: string): void {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const name of readdirSync(path)) tighten(join(path, name));
  } else if (stat.isFile() && (stat.mode & 0o777) !== 0o600) {
    chmodSync(path, 0o600);
  }
}
