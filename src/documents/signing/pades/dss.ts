import { X509Certificate, createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type forge from 'node-forge';
import { forge as loadForge } from '../../libraries';
import { fromDer } from './cades';
import { parseCms } from './cms';
import { PdfFile } from './pdf-file';
import { PdfDict, PdfName, PdfRef, PdfString, PdfValue } from './pdf-syntax';
import { IncrementalUpdate } from './pdf-update';

type Asn1 = forge.asn1.Asn1;

/** The validation material of PAdES-B-LT (ETSI EN 319 142-1 §5.4): certificates and revocation data, DER. */
export interface ValidationData {
  certificates: Buffer[];
  crls: Buffer[];
  ocsps: Buffer[];
}

const KEYS = { certificates: 'Certs', crls: 'CRLs', ocsps: 'OCSPs' } as const;

/** The document security store of the latest revision (empty lists when there is none). */
export function readDss(file: PdfFile): ValidationData {
  const out: ValidationData = { certificates: [], crls: [], ocsps: [] };
  const dss = file.dict(file.catalog().dict.get('DSS'));
  if (!dss) return out;
  for (const [field, key] of Object.entries(KEYS) as Array<[keyof ValidationData, string]>) {
    for (const ref of (file.resolve(dss.get(key)) as PdfValue[] | undefined) ?? []) {
      if (!(ref instanceof PdfRef)) continue;
      const obj = file.object(ref);
      if (obj?.stream === undefined) continue;
      const raw = Buffer.from(obj.stream, 'latin1');
      const filter = obj.value instanceof PdfDict ? obj.value.name('Filter') : undefined;
      try {
        out[field].push(filter === 'FlateDecode' ? inflateSync(raw) : raw);
      } catch {
        // An unreadable entry proves nothing; the checks that needed it report what is missing.
      }
    }
  }
  return out;
}

/** The CMS of every signature in the PDF (DER), and the RFC 3161 tokens inside them. */
export function signatureContents(file: PdfFile): Buffer[] {
  const out: Buffer[] = [];
  for (const field of file.signatureFields()) {
    const contents = field.value ? file.dict(field.value)?.get('Contents') : undefined;
    if (!(contents instanceof PdfString) || !contents.raw.startsWith('<')) continue;
    const cms = Buffer.from(contents.raw.slice(1, -1), 'hex');
    out.push(cms);
    try {
      for (const token of parseCms(cms).unsignedAttrs.get('1.2.840.113549.1.9.16.2.14') ?? []) out.push(Buffer.from(loadForge().asn1.toDer(token).getBytes(), 'binary'));
    } catch {
      // Not a CMS this reader understands: its certificates are not collected.
    }
  }
  return out;
}

/**
 * Everything needed to validate the file's signatures offline: each signature's certificates (and its timestamp's),
 * completed up to a trusted root, and for each certificate but a root the revocation list of its issuer.
 */
export async function collectValidationData(pdf: Buffer, roots: Buffer[], crlOf: (cert: X509Certificate, issuer: X509Certificate) => Promise<Buffer | null>): Promise<ValidationData> {
  const file = new PdfFile(pdf);
  const pool = new Map<string, X509Certificate>();
  const add = (c: X509Certificate) => pool.set(createHash('sha256').update(c.raw).digest('hex'), c);
  for (const cms of signatureContents(file)) {
    try {
      parseCms(cms).certificates.forEach(add);
    } catch {
      continue;
    }
  }
  readDss(file).certificates.forEach((d) => add(new X509Certificate(d)));
  const trusted = roots.map((d) => new X509Certificate(d));
  for (const c of [...pool.values()]) {
    const root = trusted.find((r) => !r.raw.equals(c.raw) && c.checkIssued(r) && c.verify(r.publicKey));
    if (root) add(root);
  }
  const crls: Buffer[] = [];
  for (const cert of pool.values()) {
    const issuer = [...pool.values()].find((i) => !i.raw.equals(cert.raw) && cert.checkIssued(i) && cert.verify(i.publicKey));
    if (!issuer) continue; // a root: nothing revokes a trust anchor
    const crl = await crlOf(cert, issuer);
    if (crl && !crls.some((b) => b.equals(crl))) crls.push(crl);
  }
  return { certificates: [...pool.values()].map((c) => c.raw), crls, ocsps: [] };
}

/**
 * Adds (or extends) the catalog's /DSS in an incremental update: one stream per certificate, CRL and OCSP response
 * not yet in it. The update touches no page and no field, so every signature stays valid and covers its revision.
 */
export function addDss(pdf: Buffer, data: ValidationData): Buffer {
  const file = new PdfFile(pdf);
  const existing = readDss(file);
  const catalog = file.catalog();
  const old = file.dict(catalog.dict.get('DSS'));
  const update = new IncrementalUpdate(file);
  const dss = new PdfDict().set('Type', new PdfName('DSS'));
  let added = 0;
  for (const [field, key] of Object.entries(KEYS) as Array<[keyof ValidationData, string]>) {
    const refs: PdfValue[] = [...((file.resolve(old?.get(key)) as PdfValue[] | undefined) ?? [])];
    for (const der of data[field]) {
      if (existing[field].some((b) => b.equals(der))) continue;
      const ref = update.allocate();
      update.put(ref, new PdfDict(), der);
      refs.push(ref);
      existing[field].push(der);
      added++;
    }
    if (refs.length) dss.set(key, refs);
  }
  if (!added) return pdf;
  const dssRef = update.allocate();
  update.put(dssRef, dss);
  // ISO 32000-2's DSS declared for PDF 1.7 readers: the ETSI extension (ESIC) level 5.
  const extensions = new PdfDict(new Map(file.dict(catalog.dict.get('Extensions'))?.entries ?? [])).set('ESIC', new PdfDict().set('BaseVersion', new PdfName('1.7')).set('ExtensionLevel', 5));
  update.put(catalog.ref, new PdfDict(new Map(catalog.dict.entries)).set('DSS', dssRef).set('Extensions', extensions));
  return update.build();
}

/** The http(s) addresses of a certificate's CRL distribution points (RFC 5280 §4.2.1.13). */
export function crlDistributionPoints(cert: X509Certificate): string[] {
  const f = loadForge();
  const tbs = (fromDer(cert.raw).value as Asn1[])[0].value as Asn1[];
  const exts = tbs.find((p) => p.tagClass === f.asn1.Class.CONTEXT_SPECIFIC && (p.type as number) === 3);
  const cdp = ((exts?.value as Asn1[] | undefined)?.[0]?.value as Asn1[] | undefined)?.find((e) => f.asn1.derToOid((e.value as Asn1[])[0].value as string) === '2.5.29.31');
  if (!cdp) return [];
  const octets = (cdp.value as Asn1[])[(cdp.value as Asn1[]).length - 1].value as string;
  const urls: string[] = [];
  const walk = (a: Asn1) => {
    if (a.tagClass === f.asn1.Class.CONTEXT_SPECIFIC && (a.type as number) === 6 && typeof a.value === 'string') urls.push(a.value);
    else if (Array.isArray(a.value)) a.value.forEach(walk);
  };
  walk(fromDer(Buffer.from(octets, 'binary')));
  return urls.filter((u) => /^https?:\/\//.test(u));
}
