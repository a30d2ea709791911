import { inflateSync } from 'node:zlib';
import { PdfFile } from './pdf-file';
import { PdfDict, PdfName, PdfRef, PdfValue } from './pdf-syntax';

/** Where the copied objects go: an incremental update (allocates numbers, takes objects and streams). */
export interface ObjectSink {
  allocate(): PdfRef;
  put(ref: PdfRef, value: PdfValue, stream?: Buffer): void;
}

/**
 * Copies the first page of a small PDF (e.g. drawn by pdfkit at the field's size) into an incremental update as a
 * form XObject — its content stream and every object its resources reach (fonts with their embedded subsets,
 * images) — and returns the form's reference: a signature widget's appearance.
 */
export function importPageAsForm(update: ObjectSink, pagePdf: Buffer): PdfRef {
  const source = new PdfFile(pagePdf);
  const offsets = source.offsets();
  const [page] = source.pages();
  if (!page) throw new Error('The appearance PDF has no page.');
  const copied = new Map<number, PdfRef>();
  const copy = (v: PdfValue): PdfValue => {
    if (v instanceof PdfRef) {
      const done = copied.get(v.num);
      if (done) return done;
      const ref = update.allocate();
      copied.set(v.num, ref);
      const obj = source.object(v, source.latest(), offsets);
      if (!obj) return null;
      const stream = obj.stream === undefined ? undefined : Buffer.from(obj.stream, 'latin1');
      update.put(ref, copyValue(obj.value, stream !== undefined), stream);
      return ref;
    }
    return copyValue(v, false);
  };
  const copyValue = (v: PdfValue, isStream: boolean): PdfValue => {
    if (Array.isArray(v)) return v.map(copy);
    if (v instanceof PdfDict) return new PdfDict(new Map([...v.entries].filter(([k]) => !(isStream && k === 'Length')).map(([k, x]) => [k, copy(x)])));
    return v instanceof PdfRef ? copy(v) : v;
  };
  const contents = source.resolve(page.dict.get('Contents'));
  const streams = (Array.isArray(contents) ? contents : [page.dict.get('Contents')]).flatMap((ref) => {
    const obj = ref instanceof PdfRef ? source.object(ref, source.latest(), offsets) : null;
    if (!obj?.stream) return [];
    const raw = Buffer.from(obj.stream, 'latin1');
    return [obj.value instanceof PdfDict && obj.value.name('Filter') === 'FlateDecode' ? inflateSync(raw) : raw];
  });
  const box = (source.resolve(page.dict.get('MediaBox')) as number[] | undefined) ?? [0, 0, 0, 0];
  const form = new PdfDict()
    .set('Type', new PdfName('XObject'))
    .set('Subtype', new PdfName('Form'))
    .set('BBox', box.map(Number))
    .set('Resources', copy(page.dict.get('Resources') ?? new PdfDict()));
  const ref = update.allocate();
  update.put(ref, form, Buffer.concat(streams.flatMap((s) => [s, Buffer.from('\n')])));
  return ref;
}
