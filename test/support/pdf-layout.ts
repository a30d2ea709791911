import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Layout measurements of a PDF file for the Decree 30 tests, read back with poppler (pdftotext -bbox,
 * pdftohtml -xml, pdftoppm) and from the page content streams (the rules pdfkit strokes). Units: PDF
 * points, origin at the top left of the page.
 */
export const MM = 72 / 25.4;

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface Word extends Box {
  text: string;
}
export interface PageWords {
  width: number;
  height: number;
  words: Word[];
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every word of every page with its box (pdftotext -bbox), in reading order. */
export function pageWords(path: string): PageWords[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return xml.split('<page ').slice(1).map((chunk) => {
    const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk)!;
    const words = [...chunk.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: unescape(m[5]),
    }));
    return { width: Number(w), height: Number(h), words };
  });
}

const ZOOM = 3;

export interface TextRun extends Box {
  page: number;
  text: string;
  size: number;
  bold: boolean;
  italic: boolean;
}

/** Runs of text with their font size and style (pdftohtml -xml at zoom 3, its largest, scaled back to points: sizes to 1/3 pt). */
export function textRuns(path: string): TextRun[] {
  const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-zoom', String(ZOOM), path], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const runs: TextRun[] = [];
  // A font is specified on the first page using it, and only referred to by id on later pages.
  const fonts = new Map<string, number>();
  for (const [n, chunk] of xml.split('<page ').slice(1).entries()) {
    for (const m of chunk.matchAll(/<fontspec id="(\d+)" size="([\d.]+)"/g)) fonts.set(m[1], Number(m[2]) / ZOOM);
    for (const m of chunk.matchAll(/<text top="(-?\d+)" left="(-?\d+)" width="(\d+)" height="(\d+)" font="(\d+)">(.*?)<\/text>/g)) {
      const inner = m[6];
      runs.push({
        page: n + 1,
        x0: Number(m[2]) / ZOOM,
        y0: Number(m[1]) / ZOOM,
        x1: (Number(m[2]) + Number(m[3])) / ZOOM,
        y1: (Number(m[1]) + Number(m[4])) / ZOOM,
        size: fonts.get(m[5]) ?? 0,
        bold: inner.includes('<b>'),
        italic: inner.includes('<i>'),
        text: unescape(inner.replace(/<[^>]+>/g, '')).trim(),
      });
    }
  }
  return runs;
}

export interface Segment {
  page: number;
  x0: number;
  x1: number;
  y: number;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** The decoded content stream of each page, in page order (pdfkit: one FlateDecode stream per page). */
function pageContents(path: string): Array<{ height: number; content: string }> {
  const raw = readFileSync(path);
  const text = raw.toString('latin1');
  const objects = new Map<string, { dict: string; start: number }>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*<<([\s\S]*?)>>\s*(stream\r?\n)?/g)) objects.set(m[1], { dict: m[2], start: m[3] ? m.index + m[0].length : -1 });
  const pagesRoot = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict))!;
  const order: string[] = [];
  const walk = (dict: string) => {
    const kids = /\/Kids \[([^\]]*)\]/.exec(dict)![1];
    for (const [, id] of kids.matchAll(/(\d+) 0 R/g)) {
      const o = objects.get(id)!;
      if (/\/Type \/Pages\b/.test(o.dict)) walk(o.dict);
      else order.push(id);
    }
  };
  walk(pagesRoot.dict);
  return order.map((id) => {
    const page = objects.get(id)!;
    const box = /\/MediaBox \[([^\]]*)\]/.exec(page.dict)![1].trim().split(/\s+/).map(Number);
    const contentId = /\/Contents (\d+) 0 R/.exec(page.dict)![1];
    const stream = objects.get(contentId)!;
    const length = Number(/\/Length (\d+)/.exec(stream.dict)![1]);
    const bytes = raw.subarray(stream.start, stream.start + length);
    return { height: box[3], content: (/FlateDecode/.test(stream.dict) ? inflateSync(bytes) : bytes).toString('latin1') };
  });
}

/** The horizontal stroked lines (moveTo/lineTo/stroke) of every page: the rules of the layout. */
export function horizontalRules(path: string): Segment[] {
  const out: Segment[] = [];
  pageContents(path).forEach(({ height, content }, index) => {
    const tokens = content.match(/<[0-9a-fA-F\s]*>|\[[^\]]*\]|\((?:\\.|[^\\)])*\)|\/[^\s/[\]<>()]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+/g) ?? [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    const nums: number[] = [];
    let path: Array<[number, number]> = [];
    const pending: Array<Array<[number, number]>> = [];
    const toPage = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], height - (ctm[1] * x + ctm[3] * y + ctm[5])];
    for (const t of tokens) {
      if (/^[-+.\d]/.test(t)) {
        nums.push(Number(t));
        continue;
      }
      if (t === 'q') stack.push(ctm);
      else if (t === 'Q') ctm = stack.pop() ?? ctm;
      else if (t === 'cm') ctm = multiply(nums.slice(-6) as Matrix, ctm);
      else if (t === 'm') {
        if (path.length > 1) pending.push(path);
        path = [toPage(nums.at(-2)!, nums.at(-1)!)];
      } else if (t === 'l') path.push(toPage(nums.at(-2)!, nums.at(-1)!));
      else if (t === 'S') {
        if (path.length > 1) pending.push(path);
        for (const p of pending) {
          for (let i = 1; i < p.length; i++) {
            const [a, b] = [p[i - 1], p[i]];
            if (Math.abs(a[1] - b[1]) < 0.01 && Math.abs(a[0] - b[0]) > 1) out.push({ page: index + 1, x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]), y: a[1] });
          }
        }
        pending.length = 0;
        path = [];
      } else if (t === 'n' || t === 'f' || t === 'B' || t === 'b' || t === 'h') {
        pending.length = 0;
        path = [];
      }
      nums.length = 0;
    }
  });
  return out;
}

export interface Ink {
  page: number;
  x: number;
  y: number;
}

/** Every page as grey pixels (pdftoppm, 72 dpi: one pixel per point), 0 black to 255 white, row by row. */
export function pagePixels(path: string): Array<{ w: number; h: number; at: (x: number, y: number) => number }> {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-ink-'));
  execFileSync('pdftoppm', ['-gray', '-r', '72', path, join(dir, 'p')]);
  const files = readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort();
  return files.map((file) => {
    const buf = readFileSync(join(dir, file));
    // P5 header: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'))!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const offset = header[0].length;
    return { w, h, at: (x: number, y: number) => buf[offset + y * w + x] };
  });
}

/**
 * The dark pixels of every page outside the given text area (one pixel per point). The draft watermark (light grey)
 * does not count.
 */
export function inkOutside(path: string, area: (page: number, width: number, height: number) => Box, threshold = 160): Ink[] {
  const out: Ink[] = [];
  pagePixels(path).forEach(({ w, h, at }, index) => {
    const box = area(index + 1, w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (at(x, y) >= threshold) continue;
        if (x + 1 < box.x0 || x > box.x1 || y + 1 < box.y0 || y > box.y1) out.push({ page: index + 1, x, y });
      }
    }
  });
  return out;
}

export function lineOf(words: Word[], word: Word): Box {
  const cy = (word.y0 + word.y1) / 2;
  const same = words.filter((w) => Math.abs((w.y0 + w.y1) / 2 - cy) < 2 && Math.abs(w.x0 - word.x0) < 300);
  return { x0: Math.min(...same.map((w) => w.x0)), x1: Math.max(...same.map((w) => w.x1)), y0: Math.min(...same.map((w) => w.y0)), y1: Math.max(...same.map((w) => w.y1)) };
}
