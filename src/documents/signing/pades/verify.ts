import { nameOneLine } from './certificates';
import { X509Certificate, createHash, verify as verifySignature } from 'node:crypto';
import { forge as loadForge } from '../../libraries';
import { OID } from './cades';
import { buildChain, checkCmsSignature, parseCms } from './cms';
import { ParsedCrl, chainRevocation, parseCrl } from './crl';
import { readDss } from './dss';
import { verifyTimestampToken } from './timestamp';
import { PdfFile, Revision } from './pdf-file';
import { updateProblem } from './strict-update';
import { PdfDict, PdfString, stringText } from './pdf-syntax';


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
  /** The time of the RFC 3161 timestamp over the signature (PAdES-B-T), when the token verifies (signature, imprint). */
  timestampTime: string | null;
  /** The subject of the time-stamping authority's certificate. */
  timestampAuthority: string | null;
  /** The TSA's certificate chains to a trusted root and was valid at the stamped time. */
  timestampTrusted: boolean;
  /** From the revocation data in the document (DSS), offline: good, revoked, or unknown when none covers the chain. */
  revocation: 'good' | 'revoked' | 'unknown';
  /** The PAdES baseline level reached: B-B, B-T (trusted timestamp) or B-LT (and validation data in the DSS). */
  level: 'B-B' | 'B-T' | 'B-LT' | null;
  /** The signed bytes are unchanged and the signature matches the certificate's key. */
  intact: boolean;
  /** The certificate chains to a root of the trust store. */
  trusted: boolean;
  /** The certificate (and its chain) was valid at the signing time. */
  validAtSigningTime: boolean;
  /** Revisions after this one that changed what a page shows, or wrote more than signing and validation data (1-based). */
  changedByRevisions: number[];
  problems: string[];
}

/** Checks every signature of a PDF against the trusted roots, revision by revision. */
export function verifyPdfSignatures(pdf: Buffer, trustedRoots: Buffer[]): { revisions: number; signatures: SignatureCheck[] } {
  const file = new PdfFile(pdf);
  const revisions = file.revisions();
  const fingerprints = revisions.map((r) => file.pageFingerprints(r).join(','));
  // Each revision after the first: does it write only what signing and validation data write (strict-update.ts)?
  const rewrites = revisions.map((_, k) => (k === 0 ? null : updateProblem(file, k)));
  const trailing = pdf.subarray(revisions[revisions.length - 1].end).toString('latin1').trim() !== '';
  const roots = trustedRoots.map((d) => new X509Certificate(d));
  const stored = readDss(file);
  const dss: Offline = { certificates: stored.certificates.flatMap((d) => tryParse(() => new X509Certificate(d))), crls: stored.crls.flatMap((d) => tryParse(() => parseCrl(d))) };
  const checks: SignatureCheck[] = [];
  for (const field of file.signatureFields()) {
    if (!field.value) continue;
    const sig = file.dict(field.value);
    if (!sig) continue;
    const byteRange = (file.resolve(sig.get('ByteRange')) as number[] | undefined)?.map(Number) ?? [];
    const end = byteRange.length === 4 ? byteRange[2] + byteRange[3] : -1;
    const revIndex = revisions.findIndex((r: Revision) => r.end === end || r.end === end + 1 || r.end === end + 2);
    const check = checkOne(pdf, sig, byteRange, roots, dss);
    const changed: number[] = [];
    if (revIndex >= 0) for (let k = revIndex + 1; k < revisions.length; k++) if (fingerprints[k] !== fingerprints[k - 1] || rewrites[k] !== null) changed.push(k + 1);
    if (revIndex < 0) check.problems.push('Chữ ký không bao trọn một phiên bản của tệp.');
    for (const k of changed) {
      // What the pages show changed; or, the pages alike, the revision wrote more than a signature and validation data.
      check.problems.push(
        fingerprints[k - 1] !== fingerprints[k - 2]
          ? `Phiên bản ${k} đã thay đổi nội dung hiển thị sau chữ ký này.`
          : `Phiên bản ${k} đã thêm hoặc sửa phần khác của văn bản sau chữ ký này (trường, chú thích, trang, biểu mẫu hoặc danh mục), ngoài chữ ký và dữ liệu xác thực chữ ký: nội dung hiển thị có thể đã bị che hoặc thay đổi.`,
      );
    }
    if (trailing) {
      changed.push(revisions.length + 1);
      check.problems.push('Tệp có dữ liệu sau phiên bản cuối cùng, ngoài mọi chữ ký.');
    }
    checks.push({ index: 0, fieldName: field.name, subFilter: sig.name('SubFilter') ?? '', revision: revIndex + 1, changedByRevisions: changed, ...check });
  }
  checks.sort((a, b) => a.revision - b.revision).forEach((c, i) => (c.index = i + 1));
  return { revisions: revisions.length, signatures: checks };
}

type Core = Omit<SignatureCheck, 'index' | 'fieldName' | 'subFilter' | 'revision' | 'changedByRevisions'>;

/** What the document's DSS holds, parsed once for all signatures. */
interface Offline {
  certificates: X509Certificate[];
  crls: ParsedCrl[];
}

function checkOne(pdf: Buffer, sig: PdfDict, br: number[], roots: X509Certificate[], dss: Offline): Core {
  const out: Core = { certificateSha256: null, certificateSubject: null, certificatePem: null, signingTime: null, timestampTime: null, timestampAuthority: null, timestampTrusted: false, revocation: 'unknown', level: null, intact: false, trusted: false, validAtSigningTime: false, problems: [] };
  const contents = sig.get('Contents');
  if (!(contents instanceof PdfString) || br.length !== 4 || br[0] !== 0) {
    out.problems.push('Chữ ký thiếu /Contents hoặc /ByteRange hợp lệ.');
    return out;
  }
  try {
    const cms = parseCms(Buffer.from(contents.raw.slice(1, -1), 'hex'));
    const cert = cms.signer;
    if (!cert) throw new Error('Không tìm thấy chứng thư số của người ký trong chữ ký.');
    out.certificateSha256 = createHash('sha256').update(cert.raw).digest('hex');
    out.certificateSubject = nameOneLine(cert.subject);
    out.certificatePem = cert.toString();
    const digest = createHash(cms.digest).update(pdf.subarray(br[0], br[1])).update(pdf.subarray(br[2], br[2] + br[3])).digest();
    let time: Date | null = null;
    if (cms.signedAttrs) {
      checkCmsSignature(cms, digest);
      const st = cms.signedAttrs.get(OID.signingTime)?.[0];
      const f = loadForge();
      if (st) time = st.type === f.asn1.Type.UTCTIME ? f.asn1.utcTimeToDate(st.value as string) : f.asn1.generalizedTimeToDate(st.value as string);
    } else if (!verifySignature('sha256', pdf.subarray(0, br[1]), cert.publicKey, cms.signature)) throw new Error('Chữ ký không khớp với khóa công khai của chứng thư số.');
    out.intact = true;
    let tsaChain: X509Certificate[] | null = null;
    for (const token of cms.unsignedAttrs.get(OID.timeStampToken) ?? []) {
      const ts = verifyTimestampToken(Buffer.from(loadForge().asn1.toDer(token).getBytes(), 'binary'), cms.signature, dss.certificates, roots);
      out.timestampAuthority = ts.authority;
      out.problems.push(...ts.problems);
      if (!ts.intact || !ts.time) continue;
      out.timestampTime = ts.time.toISOString();
      out.timestampTrusted = ts.chain !== null;
      tsaChain = ts.chain;
      time = ts.time;
    }
    const m = sig.get('M');
    if (!time && m instanceof PdfString) time = pdfDateToDate(stringText(m));
    out.signingTime = time?.toISOString() ?? null;
    const chain = buildChain(cert, [...cms.certificates, ...dss.certificates], roots);
    out.trusted = chain !== null;
    if (!chain) out.problems.push('Chứng thư số không chuỗi tới chứng thư gốc tin cậy nào.');
    const at = time ?? new Date();
    out.validAtSigningTime = (chain ?? [cert]).every((c) => new Date(c.validFrom) <= at && at <= new Date(c.validTo));
    if (!out.validAtSigningTime) out.problems.push('Chứng thư số không còn hiệu lực vào thời điểm ký.');
    if (chain) out.revocation = chainRevocation(chain, dss.crls, at);
    if (out.revocation === 'revoked') out.problems.push('Chứng thư số đã bị thu hồi trước thời điểm ký (theo danh sách thu hồi trong tệp).');
    out.level = levelOf(out, chain, tsaChain, dss);
  } catch (e) {
    out.problems.push(e instanceof Error ? e.message : String(e));
  }
  return out;
}

/**
 * The PAdES baseline level the signature reaches (ETSI EN 319 142-1 §6): B-B when intact, B-T with a trusted
 * timestamp, B-LT when the DSS also holds every certificate of the signer's and the TSA's paths and a CRL that shows
 * them not revoked, so that it verifies offline.
 */
function levelOf(c: Core, chain: X509Certificate[] | null, tsaChain: X509Certificate[] | null, dss: Offline): SignatureCheck['level'] {
  if (!c.intact) return null;
  if (!c.timestampTrusted || !tsaChain) return 'B-B';
  const inDss = (x: X509Certificate) => dss.certificates.some((d) => d.raw.equals(x.raw));
  const complete = chain !== null && [...chain, ...tsaChain].every(inDss);
  const tsaGood = chainRevocation(tsaChain, dss.crls, new Date(c.timestampTime!)) === 'good';
  return complete && c.revocation === 'good' && tsaGood ? 'B-LT' : 'B-T';
}

function pdfDateToDate(s: string): Date | null {
  const m = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] && m[7] !== 'Z' ? `${m[7]}${m[8] ?? '00'}:${m[9] ?? '00'}` : 'Z'}`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function tryParse<T>(parse: () => T): T[] {
  try {
    return [parse()];
  } catch {
    return [];
  }
}
