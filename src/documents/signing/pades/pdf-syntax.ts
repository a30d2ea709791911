/**
 * The small part of PDF syntax (ISO 32000-1 §7.3) that incremental signing needs: parse one object's value,
 * write it back. Strings keep their raw bytes (latin1) so that what is read is written back unchanged.
 */
export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfValue[] | PdfDict;
export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen = 0,
  ) {}
}
export class PdfString {
  /** raw: the token as written, "(...)" or "<...>". */
  constructor(readonly raw: string) {}
}
export class PdfDict {
  constructor(readonly entries = new Map<string, PdfValue>()) {}
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: PdfValue): this {
    this.entries.set(key, value);
    return this;
  }
  name(key: string): string | undefined {
    const v = this.entries.get(key);
    return v instanceof PdfName ? v.name : undefined;
  }
}

const DELIMITERS = new Set('()<>[]{}/%'.split(''));
const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0';

/**
 * Parses the value starting at `pos` in `src` (latin1); returns it, the position after it, and what a strict reader
 * refuses because readers disagree on it: a key given twice in a dictionary (one reader takes the first, another the
 * last) and a reference to a generation other than 0 (this system's objects are all of generation 0).
 */
export function parseValue(src: string, pos: number): { value: PdfValue; end: number; ambiguous: string | null } {
  const p = new Parser(src, pos);
  const value = p.value();
  return { value, end: p.pos, ambiguous: p.ambiguous };
}

/** A number as PDF writes it (ISO 32000-1 §7.3.3): no exponent, no hexadecimal, no Infinity. */
const PDF_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

class Parser {
  /** The first thing readers disagree on (see parseValue), or null. */
  ambiguous: string | null = null;

  constructor(
    readonly s: string,
    public pos: number,
  ) {}

  private skip(): void {
    for (;;) {
      while (this.pos < this.s.length && isSpace(this.s[this.pos])) this.pos++;
      if (this.s[this.pos] !== '%') return;
      while (this.pos < this.s.length && this.s[this.pos] !== '\n' && this.s[this.pos] !== '\r') this.pos++;
    }
  }

  private regular(): string {
    const start = this.pos;
    while (this.pos < this.s.length && !isSpace(this.s[this.pos]) && !DELIMITERS.has(this.s[this.pos])) this.pos++;
    return this.s.slice(start, this.pos);
  }

  value(): PdfValue {
    this.skip();
    const c = this.s[this.pos];
    if (c === '/') {
      this.pos++;
      return new PdfName(this.regular());
    }
    if (c === '<' && this.s[this.pos + 1] === '<') {
      this.pos += 2;
      const dict = new PdfDict();
      for (;;) {
        this.skip();
        if (this.s.startsWith('>>', this.pos)) {
          this.pos += 2;
          return dict;
        }
        const key = this.value();
        if (!(key instanceof PdfName)) throw new Error(`PDF dictionary key expected at ${this.pos}`);
        if (dict.entries.has(key.name)) this.ambiguous ??= `the key /${key.name} twice in one dictionary`;
        dict.set(key.name, this.value());
      }
    }
    if (c === '<') {
      const end = this.s.indexOf('>', this.pos);
      if (end < 0) throw new Error(`Unterminated PDF hex string at ${this.pos}`);
      const raw = this.s.slice(this.pos, end + 1);
      this.pos = end + 1;
      return new PdfString(raw);
    }
    if (c === '(') return this.literal();
    if (c === '[') {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (this.s[this.pos] === ']') {
          this.pos++;
          return items;
        }
        items.push(this.value());
      }
    }
    const word = this.regular();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    const n = Number(word);
    if (!PDF_NUMBER.test(word)) throw new Error(`Unexpected PDF token "${word || c}" at ${this.pos}`);
    // "12 0 R": a reference.
    const save = this.pos;
    if (Number.isInteger(n)) {
      const m = /^\s+(\d+)\s+R(?=[\s/<>[\]()%]|$)/.exec(this.s.slice(this.pos, this.pos + 24));
      if (m) {
        this.pos += m[0].length;
        if (Number(m[1]) !== 0) this.ambiguous ??= `a reference to generation ${m[1]}`;
        return new PdfRef(n, Number(m[1]));
      }
    }
    this.pos = save;
    return n;
  }

  private literal(): PdfString {
    const start = this.pos;
    let depth = 0;
    for (; this.pos < this.s.length; this.pos++) {
      const ch = this.s[this.pos];
      if (ch === '\\') this.pos++;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) break;
    }
    if (this.pos >= this.s.length) throw new Error(`Unterminated PDF string at ${start}`);
    this.pos++;
    return new PdfString(this.s.slice(start, this.pos));
  }
}

export function serialize(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  if (v instanceof PdfName) return `/${v.name}`;
  if (v instanceof PdfRef) return `${v.num} ${v.gen} R`;
  if (v instanceof PdfString) return v.raw;
  if (Array.isArray(v)) return `[${v.map(serialize).join(' ')}]`;
  return `<<${[...v.entries].map(([k, x]) => `/${k} ${serialize(x)}`).join(' ')}>>`;
}

/**
 * A value written so that two writings of the same value compare equal: strings as their bytes (a hex string's
 * case, a literal's escapes do not matter), a dictionary's keys in order (a key given twice is refused before),
 * numbers as serialize writes them.
 */
export function canonical(v: PdfValue): string {
  if (v instanceof PdfString) return `<${stringBytes(v).toString('hex')}>`;
  if (Array.isArray(v)) return `[${v.map(canonical).join(' ')}]`;
  if (v instanceof PdfDict) return `<<${[...v.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `/${k} ${canonical(x)}`).join(' ')}>>`;
  return serialize(v);
}

/** A PDF text string in UTF-16BE with BOM, hex-encoded: safe for Vietnamese names. */
export function textString(text: string): PdfString {
  const utf16 = Buffer.from(text, 'utf16le').swap16();
  return new PdfString(`<FEFF${utf16.toString('hex').toUpperCase()}>`);
}

/** The text of a PDF string (literal or hex; PDFDocEncoding read as latin1, UTF-16BE when it starts with a BOM). */
export function stringText(s: PdfString): string {
  const bytes = stringBytes(s);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

/** The bytes a PDF string (literal or hex) holds. */
function stringBytes(s: PdfString): Buffer {
  let bytes: Buffer;
  if (s.raw.startsWith('<')) bytes = Buffer.from(s.raw.slice(1, -1).replace(/\s/g, ''), 'hex');
  else {
    const body = s.raw.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3}|\r?\n)/g, (_, e: string) => {
      const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
      if (map[e] !== undefined) return map[e];
      if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
      return '';
    });
    bytes = Buffer.from(body, 'latin1');
  }
  return bytes;
}
