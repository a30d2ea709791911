import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes a file so that it survives a crash: a temporary file, fsync, then an atomic rename. */
export function writeDurably(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o640);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Stores uploaded bytes once per content under dataDir/folder/year, named by their SHA-256, durably and
 * before the caller records them. Returns the hash and the path relative to the data directory.
 */
export function storeByHash(dataDir: string, folder: string, year: number, bytes: Buffer, extension: string): { sha256: string; relative: string } {
  const sha256 = sha256Hex(bytes);
  const relative = join(folder, String(year), `${sha256}.${extension}`);
  const absolute = join(dataDir, relative);
  if (!existsSync(absolute)) writeDurably(absolute, bytes);
  return { sha256, relative };
}

/** The stored bytes when they are present and still match their recorded hash; null otherwise. */
export function readVerified(dataDir: string, relative: string, sha256: string): Buffer | null {
  const path = join(dataDir, relative);
  const bytes = existsSync(path) ? readFileSync(path) : null;
  return bytes && sha256Hex(bytes) === sha256 ? bytes : null;
}
