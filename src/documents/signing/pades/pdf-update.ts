import { createHash } from 'node:crypto';
import { PdfFile } from './pdf-file';
import { PdfDict, PdfName, PdfRef, PdfString, PdfValue, serialize, textString } from './pdf-syntax';
import { CmsSigner, cadesDetached } from './cades';
import { importPageAsForm } from './appearance';

/** An incremental update (ISO 32000-1 §7.5.6): new and changed objects, a cross-reference section, a trailer. */
export class IncrementalUpdate {
  private readonly objects = new Map<number, { value: PdfValue; stream?: Buffer }>();
  private next: number;

  constructor(readonly file: PdfFile) {
    // Past every object the file has, whatever its trailer's /Size says (an update must never overwrite one).
    this.next = Math.max(file.size() || 0, ...[...file.offsets().keys()].map((n) => n + 1));
  }

  allocate(): PdfRef {
    return new PdfRef(this.next++);
  }

  put(ref: PdfRef, value: PdfValue, stream?: Buffer): void {
    if (stream && value instanceof PdfDict) value.set('Length', stream.length);
    this.objects.set(ref.num, { value, stream });
  }

  build(): Buffer {
    const base = this.file.bytes;
    const latest = this.file.latest();
    const parts: Buffer[] = [base];
    let offset = base.length;
    if (base[base.length - 1] !== 0x0a) {
      parts.push(Buffer.from('\n'));
      offset++;
    }
    const offsets = new Map<number, number>();
    for (const [num, { value, stream }] of [...this.objects].sort((x, y) => x[0] - y[0])) {
      offsets.set(num, offset);
      const chunk = stream
        ? Buffer.concat([Buffer.from(`${num} 0 obj\n${serialize(value)}\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n')])
        : Buffer.from(`${num} 0 obj\n${serialize(value)}\nendobj\n`, 'latin1');
      parts.push(chunk);
      offset += chunk.length;
    }
    const nums = [...offsets.keys()];
    let xref = 'xref\n';
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
      xref += `${nums[i]} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) xref += `${String(offsets.get(nums[k])).padStart(10, '0')} 00000 n \n`;
      i = j + 1;
    }
    const trailer = new PdfDict().set('Size', this.next).set('Root', latest.trailer.get('Root') ?? null).set('Prev', latest.startxref);
    for (const key of ['Info', 'ID']) {
      const v = latest.trailer.get(key);
      if (v !== undefined) trailer.set(key, v);
    }
    parts.push(Buffer.from(`${xref}trailer\n${serialize(trailer)}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }
}

export interface FieldPlacement {
  name: string;
  /** 0-based page index. */
  page: number;
  /** [x1, y1, x2, y2] in PDF user space (origin bottom left). */
  rect: [number, number, number, number];
}

/** Adds one empty signature field per placement (a widget on its page) and the AcroForm with SigFlags 3. */
export function addSignatureFields(pdf: Buffer, placements: FieldPlacement[]): Buffer {
  const file = new PdfFile(pdf);
  const update = new IncrementalUpdate(file);
  const pages = file.pages();
  const catalog = file.catalog();
  const existingForm = file.dict(catalog.dict.get('AcroForm'));
  const fields: PdfValue[] = [...((file.resolve(existingForm?.get('Fields')) as PdfValue[] | undefined) ?? [])];
  const annotsByPage = new Map<number, PdfValue[]>();
  for (const p of placements) {
    const page = pages[p.page];
    if (!page) throw new Error(`No page ${p.page + 1} for signature field ${p.name}.`);
    const ref = update.allocate();
    update.put(
      ref,
      new PdfDict()
        .set('Type', new PdfName('Annot'))
        .set('Subtype', new PdfName('Widget'))
        .set('FT', new PdfName('Sig'))
        .set('T', textString(p.name))
        .set('Rect', p.rect)
        .set('F', 132)
        .set('P', page.ref),
    );
    fields.push(ref);
    const annots = annotsByPage.get(p.page) ?? [...((file.resolve(page.dict.get('Annots')) as PdfValue[] | undefined) ?? [])];
    annots.push(ref);
    annotsByPage.set(p.page, annots);
  }
  for (const [index, annots] of annotsByPage) {
    const page = pages[index];
    update.put(page.ref, new PdfDict(new Map(page.dict.entries)).set('Annots', annots));
  }
  const formRef = update.allocate();
  update.put(formRef, new PdfDict(new Map(existingForm?.entries ?? [])).set('Fields', fields).set('SigFlags', 3));
  update.put(catalog.ref, new PdfDict(new Map(catalog.dict.entries)).set('AcroForm', formRef));
  return update.build();
}

export interface SignFieldOptions {
  field: string;
  signer: CmsSigner;
  name?: string;
  reason?: string;
  location?: string;
  signingTime?: Date;
  /** Bytes reserved for the CMS (hex doubles it). */
  reserve?: number;
  /** The field's appearance: a one-page PDF of the field's size (see importPageAsForm); a red frame without one. */
  appearance?: (width: number, height: number) => Promise<Buffer>;
  /** An RFC 3161 time-stamping client: the signature gets a timestamp (PAdES-B-T). */
  timestamper?: (data: Buffer) => Promise<Buffer>;
}

const BYTE_RANGE_PLACEHOLDER = '[0 0000000000 0000000000 0000000000]';

/**
 * Signs the named empty signature field as a new revision: a /Sig dictionary (ETSI.CAdES.detached) whose
 * /ByteRange covers the whole file but its /Contents, and a framed appearance in the field's rectangle.
 */
export async function signField(pdf: Buffer, opts: SignFieldOptions): Promise<Buffer> {
  const file = new PdfFile(pdf);
  const field = file.signatureFields().find((f) => f.name === opts.field);
  if (!field) throw new Error(`The document has no signature field "${opts.field}".`);
  if (field.value) throw new Error(`The signature field "${opts.field}" is already signed.`);
  const reserve = opts.reserve ?? 16384;
  const update = new IncrementalUpdate(file);
  const sigRef = update.allocate();
  const sig = new PdfDict()
    .set('Type', new PdfName('Sig'))
    .set('Filter', new PdfName('Adobe.PPKLite'))
    .set('SubFilter', new PdfName('ETSI.CAdES.detached'))
    .set('ByteRange', new PdfString(BYTE_RANGE_PLACEHOLDER)) // written raw, patched once the offsets are known
    .set('Contents', new PdfString(`<${'0'.repeat(reserve * 2)}>`))
    .set('M', new PdfString(`(${pdfDate(opts.signingTime ?? new Date())})`));
  if (opts.name) sig.set('Name', textString(opts.name));
  if (opts.reason) sig.set('Reason', textString(opts.reason));
  if (opts.location) sig.set('Location', textString(opts.location));
  update.put(sigRef, sig);
  const [x1, y1, x2, y2] = field.rect;
  const w = Math.abs(x2 - x1);
  const h = Math.abs(y2 - y1);
  let apRef: PdfRef;
  if (opts.appearance && w > 0 && h > 0) apRef = importPageAsForm(update, await opts.appearance(w, h));
  else {
    apRef = update.allocate();
    // A red frame, as a seal's colour: the time and holder are in the signature panel of the reader.
    const drawing = Buffer.from(`q 0.8 0 0 RG 1.2 w 2 2 ${(w - 4).toFixed(2)} ${(h - 4).toFixed(2)} re S Q\n`, 'latin1');
    update.put(apRef, new PdfDict().set('Type', new PdfName('XObject')).set('Subtype', new PdfName('Form')).set('BBox', [0, 0, w, h]).set('Resources', new PdfDict()), drawing);
  }
  const fieldDict = file.dict(field.ref)!;
  update.put(field.ref, new PdfDict(new Map(fieldDict.entries)).set('V', sigRef).set('AP', new PdfDict().set('N', apRef)));
  const out = update.build();
  const brAt = out.lastIndexOf(`/ByteRange ${BYTE_RANGE_PLACEHOLDER}`);
  const contentsAt = out.indexOf(`/Contents <${'0'.repeat(32)}`, brAt) + '/Contents '.length;
  const contentsEnd = contentsAt + reserve * 2 + 2;
  const range = [0, contentsAt, contentsEnd, out.length - contentsEnd];
  const brText = `[${range.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  out.write(brText, brAt + '/ByteRange '.length, 'latin1');
  const digest = createHash('sha256').update(out.subarray(0, contentsAt)).update(out.subarray(contentsEnd)).digest();
  const cms = await cadesDetached(opts.signer, digest, opts.timestamper);
  if (cms.length > reserve) throw new Error(`The signature (${cms.length} bytes) is larger than the space reserved (${reserve}).`);
  out.write(cms.toString('hex').toUpperCase(), contentsAt + 1, 'latin1');
  return out;
}

/** D:YYYYMMDDHHmmSS+00'00' */
export function pdfDate(d: Date): string {
  const iso = d.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}
