import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** poppler-utils (pdftotext, pdffonts, pdfsig, pdftoppm, pdfinfo): installed by .ci/run; tests skip without them. */
export function hasTool(tool: string): boolean {
  return spawnSync('which', [tool], { stdio: 'ignore' }).status === 0;
}

export const POPPLER_MISSING = ['pdftotext', 'pdffonts', 'pdfsig', 'pdftoppm', 'pdfinfo'].some((t) => !hasTool(t))
  ? 'poppler-utils is not installed (apt-get install poppler-utils); CI installs it'
  : false;

/** Writes the bytes to a temporary file and returns its path. */
export function tempFile(bytes: Buffer, name = 'document.pdf'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'thidua-pdf-')), name);
  writeFileSync(path, bytes);
  return path;
}

export function pdftotext(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

export function pdffonts(path: string): string {
  return execFileSync('pdffonts', [path], { encoding: 'utf8' });
}

/** The Info dictionary with its custom keys (`pdfinfo -custom`), as key → value (UTF-8). */
export function pdfinfoCustom(path: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-custom', '-enc', 'UTF-8', path], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').map((l) => /^([A-Za-z][A-Za-z0-9]*):\s*(.*)$/.exec(l)).filter((m): m is RegExpExecArray => !!m).map((m) => [m[1], m[2].trim()]));
}

/** The page count pdfinfo reads from the file's page tree. */
export function pdfPageCount(path: string): number {
  return Number(/^Pages:\s*(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
}

/** The first page's size as pdfinfo states it, e.g. "595.28 x 841.89 pts (A4)" (portrait A4). */
export function pdfPageSize(path: string): string {
  return /^Page size:\s*(.+)$/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1].trim() ?? '';
}

/** pdfsig's report; it exits non-zero for an invalid signature, so the output is read either way. */
export function pdfsig(path: string): string {
  const r = spawnSync('pdfsig', [path], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

/** Renders page 1 to artifacts/<name>.png (a test artifact to look at). */
export function renderFirstPage(path: string, name: string): string {
  const dir = resolve(__dirname, '../../../artifacts');
  mkdirSync(dir, { recursive: true });
  const prefix = join(dir, name);
  execFileSync('pdftoppm', ['-r', '80', '-f', '1', '-l', '1', '-singlefile', '-png', path, prefix]);
  return `${prefix}.png`;
}

/** Text with all white space folded, for comparing wrapped paragraphs. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
