import { createHash } from 'node:crypto';
import { PdfDict, PdfName, PdfRef, PdfString, PdfValue, parseValue, serialize, stringText } from './pdf-syntax';

/** One revision of a PDF: the bytes up to and including its %%EOF, and its trailer. */
export interface Revision {
  end: number;
  startxref: number;
  trailer: PdfDict;
}

export interface PdfObject {
  value: PdfValue;
  /** Raw stream bytes (latin1) when the object is a stream. */
  stream?: string;
}

/** A signature field as a revision shows it. */
export interface SignatureField {
  name: string;
  ref: PdfRef;
  /** The /V signature dictionary's reference, null while the field is empty. */
  value: PdfRef | null;
  pageRef: PdfRef | null;
  rect: number[];
}

/**
 * Reads a PDF written with classic cross-reference tables (pdfkit's output and the incremental updates of this
 * system and of poppler on such files): its revisions, and each object as a given revision sees it.
 */
export class PdfFile {
  readonly src: string;
  private readonly tables = new Map<number, { offsets: Map<number, number>; trailer: PdfDict }>();
  private revisionList?: Revision[];

  constructor(readonly bytes: Buffer) {
    this.src = bytes.toString('latin1');
  }

  revisions(): Revision[] {
    if (this.revisionList) return this.revisionList;
    const list: Revision[] = [];
    const re = /startxref\s+(\d+)\s+%%EOF(\r\n|\r|\n)?/g;
    for (let m = re.exec(this.src); m; m = re.exec(this.src)) {
      const startxref = Number(m[1]);
      list.push({ end: m.index + m[0].length, startxref, trailer: this.table(startxref).trailer });
    }
    if (!list.length) throw new Error('No startxref/%%EOF found: not a complete PDF file.');
    return (this.revisionList = list);
  }

  latest(): Revision {
    const all = this.revisions();
    return all[all.length - 1];
  }

  /** Object number → byte offset, following /Prev from the revision's table (later sections win). */
  offsets(rev: Revision = this.latest()): Map<number, number> {
    const merged = new Map<number, number>();
    const seen = new Set<number>();
    for (let at: number | null = rev.startxref; at !== null && !seen.has(at); ) {
      seen.add(at);
      const t = this.table(at);
      for (const [num, off] of t.offsets) if (!merged.has(num)) merged.set(num, off);
      const prev = t.trailer.get('Prev');
      at = typeof prev === 'number' ? prev : null;
    }
    return merged;
  }

  object(ref: PdfRef | number, rev: Revision = this.latest(), offsets = this.offsets(rev)): PdfObject | null {
    const num = typeof ref === 'number' ? ref : ref.num;
    const at = offsets.get(num);
    if (at === undefined) return null;
    const head = /^\s*(\d+)\s+(\d+)\s+obj/.exec(this.src.slice(at, at + 40));
    if (!head || Number(head[1]) !== num) throw new Error(`Object ${num} is not at offset ${at}.`);
    const { value, end } = parseValue(this.src, at + head[0].length);
    const after = /^\s*stream(\r\n|\n)/.exec(this.src.slice(end, end + 12));
    if (!after) return { value };
    const start = end + after[0].length;
    const length = value instanceof PdfDict ? this.resolve(value.get('Length'), rev, offsets) : undefined;
    const stop = typeof length === 'number' ? start + length : this.src.indexOf('endstream', start);
    return { value, stream: this.src.slice(start, stop) };
  }

  resolve(v: PdfValue | undefined, rev: Revision = this.latest(), offsets = this.offsets(rev)): PdfValue | undefined {
    return v instanceof PdfRef ? this.object(v, rev, offsets)?.value : v;
  }

  dict(v: PdfValue | undefined, rev: Revision = this.latest(), offsets = this.offsets(rev)): PdfDict | null {
    const r = this.resolve(v, rev, offsets);
    return r instanceof PdfDict ? r : null;
  }

  catalog(rev: Revision = this.latest()): { ref: PdfRef; dict: PdfDict } {
    const root = rev.trailer.get('Root');
    if (!(root instanceof PdfRef)) throw new Error('The trailer has no /Root.');
    return { ref: root, dict: this.dict(root, rev)! };
  }

  /** The page objects in order, as the revision sees them. */
  pages(rev: Revision = this.latest()): Array<{ ref: PdfRef; dict: PdfDict }> {
    const offsets = this.offsets(rev);
    const out: Array<{ ref: PdfRef; dict: PdfDict }> = [];
    const walk = (ref: PdfValue | undefined, depth: number) => {
      if (!(ref instanceof PdfRef) || depth > 32) return;
      const node = this.dict(ref, rev, offsets);
      if (!node) return;
      if (node.name('Type') === 'Pages') for (const kid of (this.resolve(node.get('Kids'), rev, offsets) as PdfValue[]) ?? []) walk(kid, depth + 1);
      else out.push({ ref, dict: node });
    };
    walk(this.catalog(rev).dict.get('Pages'), 0);
    return out;
  }

  /**
   * What each page shows in a revision: its dictionary without /Annots, its resources and its content streams.
   * Signing adds annotations and form fields only, so a signature update leaves these fingerprints unchanged.
   */
  pageFingerprints(rev: Revision = this.latest()): string[] {
    const offsets = this.offsets(rev);
    return this.pages(rev).map(({ dict }) => {
      const h = createHash('sha256');
      const copy = new PdfDict(new Map([...dict.entries].filter(([k]) => k !== 'Annots')));
      h.update(serialize(copy));
      h.update(serialize(this.resolve(dict.get('Resources'), rev, offsets) ?? null));
      const contents = this.resolve(dict.get('Contents'), rev, offsets);
      const refs = Array.isArray(contents) ? contents : [dict.get('Contents')];
      for (const c of refs) if (c instanceof PdfRef) h.update(this.object(c, rev, offsets)?.stream ?? '');
      return h.digest('hex');
    });
  }

  /** The signature fields of the revision's AcroForm (top-level fields and their kids). */
  signatureFields(rev: Revision = this.latest()): SignatureField[] {
    const offsets = this.offsets(rev);
    const form = this.dict(this.catalog(rev).dict.get('AcroForm'), rev, offsets);
    const fields = (form ? (this.resolve(form.get('Fields'), rev, offsets) as PdfValue[]) : null) ?? [];
    const out: SignatureField[] = [];
    for (const ref of fields) {
      if (!(ref instanceof PdfRef)) continue;
      const f = this.dict(ref, rev, offsets);
      if (!f || f.name('FT') !== 'Sig') continue;
      const t = f.get('T');
      const v = f.get('V');
      const p = f.get('P');
      const rect = this.resolve(f.get('Rect'), rev, offsets);
      out.push({
        name: t instanceof PdfString ? stringText(t) : '',
        ref,
        value: v instanceof PdfRef ? v : null,
        pageRef: p instanceof PdfRef ? p : null,
        rect: Array.isArray(rect) ? rect.map(Number) : [],
      });
    }
    return out;
  }

  /** The highest object number + 1 the revision declares (/Size). */
  size(rev: Revision = this.latest()): number {
    return Number(rev.trailer.get('Size'));
  }

  private table(at: number): { offsets: Map<number, number>; trailer: PdfDict } {
    const cached = this.tables.get(at);
    if (cached) return cached;
    if (!this.src.startsWith('xref', at)) {
      throw new Error('Cross-reference streams are not supported: the PDF must use classic xref tables.');
    }
    const offsets = new Map<number, number>();
    const trailerAt = this.src.indexOf('trailer', at);
    const lines = this.src.slice(at + 4, trailerAt).split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean);
    let num = 0;
    for (const line of lines) {
      const parts = line.split(/\s+/);
      if (parts.length === 2) {
        num = Number(parts[0]);
        continue;
      }
      if (parts[2] === 'n') offsets.set(num, Number(parts[0]));
      num++;
    }
    const trailer = parseValue(this.src, trailerAt + 7).value;
    if (!(trailer instanceof PdfDict)) throw new Error('The trailer is not a dictionary.');
    const t = { offsets, trailer };
    this.tables.set(at, t);
    return t;
  }
}

export const nameOf = (v: PdfValue | undefined): string | undefined => (v instanceof PdfName ? v.name : undefined);
