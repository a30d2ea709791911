import { PdfFile, PdfObject } from './pdf-file';
import { PdfDict, PdfRef, PdfValue, canonical, parseValue } from './pdf-syntax';

/** An incremental update read strictly: what it writes (each object as written) and its trailer. */
interface StrictUpdate {
  objects: Map<number, PdfObject>;
  trailer: PdfDict;
}

/** The trailer keys an update may carry (ISO 32000-1 §7.5.5); /XRefStm (a hybrid file's second table) is not one. */
const TRAILER_KEYS = new Set(['Size', 'Root', 'Prev', 'ID', 'Info']);
const WS = /[ \t\r\n\f\0]/;

/**
 * Reads the incremental update that starts at `start` (the end of the revision before, whose table is at `prev`) the
 * one way every reader reads it, or throws: objects `N 0 obj … endobj` one after the other (a stream's length a plain
 * number), then one classic cross-reference section that lists each of them once, at its offset, with generation 0
 * (and nothing else but object 0 free), then the trailer, `startxref` pointing at that section, `%%EOF`. No comment,
 * no byte outside these, no key given twice, no reference to another generation, no /XRefStm. Readers that disagree on
 * anything else (a number listed twice, a rebuilt table, a hidden trailer) then see the same objects as this one.
 * `until`: where the update must end (the next revision, or the end of the file).
 */
function readUpdateStrictly(src: string, start: number, prev: number, until: number, prevSize: number): StrictUpdate {
  const fail = (what: string, at: number): never => {
    throw new Error(`${what} (byte ${at})`);
  };
  let pos = start;
  const space = () => {
    while (pos < until && WS.test(src[pos])) pos++;
  };
  const parse = (at: number) => {
    const { value, end, ambiguous } = parseValue(src, at);
    if (ambiguous) fail(`ambiguous: ${ambiguous}`, at);
    if (end > until) fail('a value runs past the update', at);
    return { value, end };
  };
  const objects = new Map<number, PdfObject & { at: number }>();
  for (space(); !src.startsWith('xref', pos); space()) {
    const head = /^(\d+) 0 obj(?=[\s<[/(])/.exec(src.slice(pos, pos + 24));
    if (!head) fail('an object "N 0 obj" or the cross-reference section expected', pos);
    const num = Number(head![1]);
    if (objects.has(num)) fail(`object ${num} written twice`, pos);
    const at = pos;
    const { value, end } = parse(pos + head![0].length);
    pos = end;
    let stream: string | undefined;
    const opening = /^\s*stream(\r\n|\n)/.exec(src.slice(pos, pos + 12));
    if (opening) {
      const length = value instanceof PdfDict ? value.get('Length') : undefined;
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) fail('a stream whose /Length is not a plain number', at);
      const from = pos + opening![0].length;
      stream = src.slice(from, from + (length as number));
      pos = from + (length as number);
      const closing = /^(\r\n|\r|\n)?endstream/.exec(src.slice(pos, pos + 12));
      if (!closing) fail('"endstream" expected where the stream\'s /Length ends', pos);
      pos += closing![0].length;
    }
    space();
    if (!src.startsWith('endobj', pos)) fail('"endobj" expected', pos);
    pos += 'endobj'.length;
    objects.set(num, { value, stream, at });
  }
  const xrefAt = pos;
  pos += 'xref'.length;
  const line = () => {
    const m = /^(\r\n|\n|\r)/.exec(src.slice(pos, pos + 2));
    if (!m) fail('an end of line expected in the cross-reference section', pos);
    pos += m![0].length;
  };
  line();
  const listed = new Set<number>();
  while (!src.startsWith('trailer', pos)) {
    const header = /^(\d+) (\d+)/.exec(src.slice(pos, pos + 24));
    if (!header) fail('a subsection "first count" expected', pos);
    pos += header![0].length;
    line();
    for (let num = Number(header![1]), left = Number(header![2]); left > 0; num++, left--) {
      const entry = /^(\d{10}) (\d{5}) ([nf])( \r| \n|\r\n)/.exec(src.slice(pos, pos + 20));
      if (!entry) fail('a 20-byte cross-reference entry expected', pos);
      pos += 20;
      if (listed.has(num)) fail(`object ${num} listed twice`, pos);
      listed.add(num);
      if (entry![3] === 'f') {
        if (num !== 0) fail(`object ${num} freed`, pos);
        continue;
      }
      const object = objects.get(num);
      if (entry![2] !== '00000' || !object || object.at !== Number(entry![1])) fail(`object ${num} not listed where it is written`, pos);
    }
  }
  for (const num of objects.keys()) if (!listed.has(num)) fail(`object ${num} written but not listed`, xrefAt);
  const { value: trailer, end: trailerEnd } = parse(pos + 'trailer'.length);
  if (!(trailer instanceof PdfDict)) return fail('the trailer is not a dictionary', pos);
  for (const key of trailer.entries.keys()) if (!TRAILER_KEYS.has(key)) fail(`the trailer key /${key}`, pos);
  if (trailer.get('Prev') !== prev) fail('the trailer\'s /Prev is not the table before', pos);
  // /Size numbers the next objects: not below the file's, and past every object written (a smaller one let the next
  // signature overwrite the pledge's own objects).
  const size = trailer.get('Size');
  const highest = Math.max(0, ...objects.keys());
  if (typeof size !== 'number' || !Number.isInteger(size) || size < prevSize || size <= highest) fail('the trailer\'s /Size is not past every object', pos);
  pos = trailerEnd;
  const tail = /^\s*startxref(\r\n|\n|\r)(\d+)(\r\n|\n|\r)%%EOF(\r\n|\n|\r)?/.exec(src.slice(pos, pos + 48));
  if (!tail || Number(tail[2]) !== xrefAt) fail('"startxref" to this section and "%%EOF" expected', pos);
  pos += tail![0].length;
  if (pos !== until) fail('bytes after "%%EOF"', pos);
  const refs = trailer.get('Root');
  if (!(refs instanceof PdfRef)) fail('the trailer has no /Root', pos);
  return { objects: new Map([...objects].map(([num, { value, stream }]) => [num, { value, stream }])), trailer };
}

/** What an update may change in an object the file had: its keys but these. */
const SIGNING_KEYS = ['V', 'AP', 'M'];
const DSS_KEYS = ['DSS', 'Extensions'];
/** What a signing library rewrites in the document information dictionary when it appends (iText: /ModDate, /Producer). */
const INFO_KEYS = ['ModDate', 'Producer'];

/**
 * Whether revision `k` (0-based, after the first) writes only what signing and validation data write: an empty
 * signature field's value, appearance and date of change (`ownField`, when given, is the only field it may sign), the
 * catalog's /DSS and /Extensions (dss.ts), the information dictionary's /ModDate and /Producer, and new objects — read
 * strictly, the same catalog and /Info. Otherwise
 * the reason (English, for the caller to word); null when it holds.
 */
export function updateProblem(file: PdfFile, k: number, ownField?: string): string | null {
  const revisions = file.revisions();
  const before = revisions[k - 1];
  let update: StrictUpdate;
  try {
    update = readUpdateStrictly(file.src, before.end, before.startxref, revisions[k].end, file.size(before));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const same = (a: PdfValue | undefined, b: PdfValue | undefined) => (a === undefined && b === undefined) || (a instanceof PdfRef && b instanceof PdfRef && a.num === b.num && a.gen === b.gen);
  if (!same(before.trailer.get('Root'), update.trailer.get('Root'))) return 'another /Root';
  if (update.trailer.get('Info') !== undefined && !same(before.trailer.get('Info'), update.trailer.get('Info'))) return 'another /Info';
  const size = file.size(before);
  const catalog = file.catalog(before).ref.num;
  const info = before.trailer.get('Info');
  const empty = new Map(file.signatureFields(before).filter((f) => !f.value).map((f) => [f.ref.num, f.name]));
  const without = (v: PdfValue | undefined, keys: string[]) => canonical(v instanceof PdfDict ? new PdfDict(new Map([...v.entries].filter(([key]) => !keys.includes(key)))) : (v ?? null));
  for (const [num, now] of update.objects) {
    if (num >= size) continue;
    const was = file.object(num, before);
    if (!was) return `object ${num} written where none was`;
    const field = empty.get(num);
    const free = field !== undefined && (ownField === undefined || field === ownField) ? SIGNING_KEYS : num === catalog && ownField === undefined ? DSS_KEYS : info instanceof PdfRef && num === info.num ? INFO_KEYS : [];
    if (without(was.value, free) !== without(now.value, free) || (was.stream ?? '') !== (now.stream ?? '')) return `object ${num} rewritten`;
  }
  return null;
}
