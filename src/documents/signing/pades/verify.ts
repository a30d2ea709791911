import { X509Certificate, createHash, verify as verifySignature } from 'node:crypto';
import type forge from 'node-forge';
import { forge as loadForge } from '../../libraries';
import { OID, fromDer } from './cades';
import { timestampInfo } from './timestamp';
import { PdfFile, Revision } from './pdf-file';
import { PdfDict, PdfString, stringText } from './pdf-syntax';

type Asn1 = forge.asn1.Asn1;

/** What one signature of a PDF proves. */
export interface SignatureCheck {
  /** 1-based, in file order. */
  index: number;
  fieldName: string;
  subFilter: string;
  /** 1-based revision the signature closes. */
  revision: number;
  /** SHA-256 of the signer's certificate (DER), hex. */
  certificateSha256: string | null;
  certificateSubject: string | null;
  certificatePem: string | null;
  signingTime: string | null;
  /** The time of the RFC 3161 timestamp over the signature (PAdES-B-T), when it has one and its imprint matches. */
  timestampTime: string | null;
  /** The signed bytes are unchanged and the signature matches the certificate's key. */
  intact: boolean;
  /** The certificate chains to a root of the trust store. */
  trusted: boolean;
  /** The certificate (and its chain) was valid at the signing time. */
  validAtSigningTime: boolean;
  /** Revisions after this one that changed what a page shows (1-based). */
  changedByRevisions: number[];
  problems: string[];
}

/** Checks every signature of a PDF against the trusted roots, revision by revision. */
export function verifyPdfSignatures(pdf: Buffer, trustedRoots: Buffer[]): { revisions: number; signatures: SignatureCheck[] } {
  const file = new PdfFile(pdf);
  const revisions = file.revisions();
  const fingerprints = revisions.map((r) => file.pageFingerprints(r).join(','));
  const roots = trustedRoots.map((d) => new X509Certificate(d));
  const checks: SignatureCheck[] = [];
  for (const field of file.signatureFields()) {
    if (!field.value) continue;
    const sig = file.dict(field.value);
    if (!sig) continue;
    const byteRange = (file.resolve(sig.get('ByteRange')) as number[] | undefined)?.map(Number) ?? [];
    const end = byteRange.length === 4 ? byteRange[2] + byteRange[3] : -1;
    const revIndex = revisions.findIndex((r: Revision) => r.end === end || r.end === end + 1 || r.end === end + 2);
    const check = checkOne(pdf, sig, byteRange, roots);
    const changed: number[] = [];
    if (revIndex >= 0) for (let k = revIndex + 1; k < revisions.length; k++) if (fingerprints[k] !== fingerprints[k - 1]) changed.push(k + 1);
    if (revIndex < 0) check.problems.push('Chữ ký không bao trọn một phiên bản của tệp.');
    for (const k of changed) check.problems.push(`Phiên bản ${k} đã thay đổi nội dung hiển thị sau chữ ký này.`);
    checks.push({ index: 0, fieldName: field.name, subFilter: sig.name('SubFilter') ?? '', revision: revIndex + 1, changedByRevisions: changed, ...check });
  }
  checks.sort((a, b) => a.revision - b.revision).forEach((c, i) => (c.index = i + 1));
  return { revisions: revisions.length, signatures: checks };
}

type Core = Omit<SignatureCheck, 'index' | 'fieldName' | 'subFilter' | 'revision' | 'changedByRevisions'>;

function checkOne(pdf: Buffer, sig: PdfDict, br: number[], roots: X509Certificate[]): Core {
  const out: Core = { certificateSha256: null, certificateSubject: null, certificatePem: null, signingTime: null, timestampTime: null, intact: false, trusted: false, validAtSigningTime: false, problems: [] };
  const contents = sig.get('Contents');
  if (!(contents instanceof PdfString) || br.length !== 4 || br[0] !== 0) {
    out.problems.push('Chữ ký thiếu /Contents hoặc /ByteRange hợp lệ.');
    return out;
  }
  const f = loadForge();
  try {
    const cms = Buffer.from(contents.raw.slice(1, -1), 'hex');
    const signedData = (fromDer(cms).value as Asn1[])[1].value[0] as Asn1;
    const parts = signedData.value as Asn1[];
    const certs = parts.filter((p) => p.tagClass === f.asn1.Class.CONTEXT_SPECIFIC && (p.type as number) === 0).flatMap((p) => p.value as Asn1[]);
    const x509 = certs.map((c) => new X509Certificate(Buffer.from(f.asn1.toDer(c).getBytes(), 'binary')));
    const signerInfo = ((parts[parts.length - 1].value as Asn1[])[0].value as Asn1[]);
    const serialHex = Buffer.from((signerInfo[1].value as Asn1[])[1].value as string, 'binary').toString('hex').replace(/^0+/, '').toUpperCase();
    const cert = x509.find((c) => c.serialNumber.replace(/^0+/, '').toUpperCase() === serialHex) ?? null;
    if (!cert) throw new Error('Không tìm thấy chứng thư số của người ký trong chữ ký.');
    out.certificateSha256 = createHash('sha256').update(cert.raw).digest('hex');
    out.certificateSubject = cert.subject.replace(/\n/g, ', ');
    out.certificatePem = cert.toString();
    const signedAttrs = signerInfo.find((p) => p.tagClass === f.asn1.Class.CONTEXT_SPECIFIC && (p.type as number) === 0);
    const signature = Buffer.from(signerInfo[signerInfo.length - 1].tagClass === f.asn1.Class.CONTEXT_SPECIFIC ? (signerInfo[signerInfo.length - 2].value as string) : (signerInfo[signerInfo.length - 1].value as string), 'binary');
    const digest = createHash('sha256').update(pdf.subarray(br[0], br[1])).update(pdf.subarray(br[2], br[2] + br[3])).digest();
    let time: Date | null = null;
    if (signedAttrs) {
      const attrs = new Map((signedAttrs.value as Asn1[]).map((a) => [f.asn1.derToOid((a.value as Asn1[])[0].value as string), (a.value as Asn1[])[1].value as Asn1[]]));
      const md = Buffer.from((attrs.get(OID.messageDigest)?.[0].value as string) ?? '', 'binary');
      if (!md.equals(digest)) throw new Error('Nội dung đã ký bị thay đổi (giá trị băm không khớp).');
      const st = attrs.get(OID.signingTime)?.[0];
      if (st) time = st.type === f.asn1.Type.UTCTIME ? f.asn1.utcTimeToDate(st.value as string) : f.asn1.generalizedTimeToDate(st.value as string);
      const der = Buffer.from(f.asn1.toDer(signedAttrs).getBytes(), 'binary');
      der[0] = 0x31;
      if (!verifySignature('sha256', der, cert.publicKey, signature)) throw new Error('Chữ ký không khớp với khóa công khai của chứng thư số.');
    } else if (!verifySignature('sha256', pdf.subarray(0, br[1]), cert.publicKey, signature)) throw new Error('Chữ ký không khớp với khóa công khai của chứng thư số.');
    out.intact = true;
    const unsigned = signerInfo[signerInfo.length - 1];
    if (unsigned.tagClass === f.asn1.Class.CONTEXT_SPECIFIC && (unsigned.type as number) === 1) {
      for (const attr of unsigned.value as Asn1[]) {
        const [oid, values] = attr.value as Asn1[];
        if (f.asn1.derToOid(oid.value as string) !== OID.timeStampToken) continue;
        const info = timestampInfo(Buffer.from(f.asn1.toDer((values.value as Asn1[])[0]).getBytes(), 'binary'));
        if (info.imprint.equals(createHash('sha256').update(signature).digest())) {
          out.timestampTime = info.time.toISOString();
          time = info.time;
        } else out.problems.push('Dấu thời gian không khớp với chữ ký.');
      }
    }
    const m = sig.get('M');
    if (!time && m instanceof PdfString) time = pdfDateToDate(stringText(m));
    out.signingTime = time?.toISOString() ?? null;
    const chain = buildChain(cert, x509, roots);
    out.trusted = chain !== null;
    if (!chain) out.problems.push('Chứng thư số không chuỗi tới chứng thư gốc tin cậy nào.');
    const at = time ?? new Date();
    out.validAtSigningTime = (chain ?? [cert]).every((c) => new Date(c.validFrom) <= at && at <= new Date(c.validTo));
    if (!out.validAtSigningTime) out.problems.push('Chứng thư số không còn hiệu lực vào thời điểm ký.');
  } catch (e) {
    out.problems.push(e instanceof Error ? e.message : String(e));
  }
  return out;
}

/** The path from the certificate to a trusted root (both included), or null. */
function buildChain(cert: X509Certificate, pool: X509Certificate[], roots: X509Certificate[]): X509Certificate[] | null {
  const path = [cert];
  for (let current = cert, depth = 0; depth < 8; depth++) {
    const root = roots.find((r) => current.checkIssued(r) && current.verify(r.publicKey));
    if (root) return root.raw.equals(current.raw) ? path : [...path, root];
    const next = pool.find((c) => c !== current && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next) return null;
    path.push(next);
    current = next;
  }
  return null;
}

function pdfDateToDate(s: string): Date | null {
  const m = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] && m[7] !== 'Z' ? `${m[7]}${m[8] ?? '00'}:${m[9] ?? '00'}` : 'Z'}`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}
