import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
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

/** The stored bytes when they are present and still match their recorded hash; null otherwise. */
export function readVerified(dataDir: string, relative: string, sha256: string): Buffer | null {
  const path = join(dataDir, relative);
  const bytes = existsSync(path) ? readFileSync(path) : null;
  return bytes && sha256Hex(bytes) === sha256 ? bytes : null;
}

/** Deletes a file if it is there. */
export function removeIfPresent(path: string): void {
  rmSync(path, { force: true });
}
