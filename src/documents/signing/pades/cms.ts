import { X509Certificate, createHash, verify as verifySignature } from 'node:crypto';
import type forge from 'node-forge';
import { forge as loadForge } from '../../libraries';
import { fromDer } from './cades';

type Asn1 = forge.asn1.Asn1;

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};

/** One CMS SignedData with a single signer, as PAdES signatures and RFC 3161 tokens carry it. */
export interface ParsedCms {
  /** The certificates the CMS embeds. */
  certificates: X509Certificate[];
  /** The signer's certificate (found by issuer serial), null when the CMS does not embed it. */
  signer: X509Certificate | null;
  /** Node's name of the signer's digest algorithm (sha256…). */
  digest: string;
  /** Signed attributes by OID (their values), null without signed attributes. */
  signedAttrs: Map<string, Asn1[]> | null;
  /** The DER the signature covers when there are signed attributes (tagged as SET OF). */
  signedAttrsDer: Buffer | null;
  signature: Buffer;
  /** Unsigned attributes by OID (their values). */
  unsignedAttrs: Map<string, Asn1[]>;
  /** The encapsulated content (e.g. an RFC 3161 TSTInfo), null when detached. */
  content: Buffer | null;
}

const bin = (a: Asn1): Buffer => Buffer.from(loadForge().asn1.toDer(a).getBytes(), 'binary');
const attributeMap = (set: Asn1 | undefined): Map<string, Asn1[]> => {
  const f = loadForge();
  return new Map(((set?.value as Asn1[] | undefined) ?? []).map((a) => [f.asn1.derToOid((a.value as Asn1[])[0].value as string), (a.value as Asn1[])[1].value as Asn1[]]));
};

export function parseCms(der: Buffer): ParsedCms {
  const f = loadForge();
  const ctx = (p: Asn1, tag: number) => p.tagClass === f.asn1.Class.CONTEXT_SPECIFIC && (p.type as number) === tag;
  const parts = ((fromDer(der).value as Asn1[])[1].value as Asn1[])[0].value as Asn1[];
  const certificates = parts.filter((p) => ctx(p, 0)).flatMap((p) => p.value as Asn1[]).filter((c) => c.type === f.asn1.Type.SEQUENCE).map((c) => new X509Certificate(bin(c)));
  const encap = parts[2].value as Asn1[];
  let content: Buffer | null = null;
  if (encap[1]) {
    const octets = (encap[1].value as Asn1[])[0];
    content = Buffer.from(typeof octets.value === 'string' ? octets.value : (octets.value as Asn1[]).map((o) => o.value as string).join(''), 'binary');
  }
  const info = (parts[parts.length - 1].value as Asn1[])[0].value as Asn1[];
  const sid = info[1];
  let signer: X509Certificate | null = null;
  if (sid.type === f.asn1.Type.SEQUENCE) {
    const serial = Buffer.from((sid.value as Asn1[])[1].value as string, 'binary').toString('hex').replace(/^0+/, '').toUpperCase();
    signer = certificates.find((c) => c.serialNumber.replace(/^0+/, '').toUpperCase() === serial) ?? null;
  } else {
    // subjectKeyIdentifier [0]: match the certificate's SKI extension bytes.
    const ski = Buffer.from(sid.value as string, 'binary');
    signer = certificates.find((c) => c.raw.includes(Buffer.concat([Buffer.from([0x04, ski.length]), ski]))) ?? null;
  }
  const digest = DIGESTS[f.asn1.derToOid((info[2].value as Asn1[])[0].value as string)] ?? 'sha256';
  const signed = info.find((p) => ctx(p, 0));
  const unsigned = info.find((p) => ctx(p, 1));
  const signatureAt = info.findIndex((p, i) => i > 2 && p.type === f.asn1.Type.OCTETSTRING && p.tagClass === f.asn1.Class.UNIVERSAL);
  let signedAttrsDer: Buffer | null = null;
  if (signed) {
    signedAttrsDer = bin(signed);
    signedAttrsDer[0] = 0x31;
  }
  return { certificates, signer, digest, signedAttrs: signed ? attributeMap(signed) : null, signedAttrsDer, signature: Buffer.from(info[signatureAt].value as string, 'binary'), unsignedAttrs: attributeMap(unsigned), content };
}

/**
 * Checks the signer's signature: the message-digest attribute equals the digest of the content (given, or the
 * encapsulated one) and the signature over the signed attributes matches the signer's key. Throws in Vietnamese.
 */
export function checkCmsSignature(cms: ParsedCms, contentDigest?: Buffer): void {
  if (!cms.signer) throw new Error('Không tìm thấy chứng thư số của người ký trong chữ ký.');
  const digest = contentDigest ?? (cms.content ? createHash(cms.digest).update(cms.content).digest() : null);
  if (!cms.signedAttrs || !cms.signedAttrsDer) throw new Error('Chữ ký không có thuộc tính được ký.');
  const md = Buffer.from((cms.signedAttrs.get('1.2.840.113549.1.9.4')?.[0].value as string | undefined) ?? '', 'binary');
  if (!digest || !md.equals(digest)) throw new Error('Nội dung đã ký bị thay đổi (giá trị băm không khớp).');
  if (!verifySignature(cms.digest, cms.signedAttrsDer, cms.signer.publicKey, cms.signature)) throw new Error('Chữ ký không khớp với khóa công khai của chứng thư số.');
}

/** The path from the certificate to a trusted root (both included), or null. */
export function buildChain(cert: X509Certificate, pool: X509Certificate[], roots: X509Certificate[]): X509Certificate[] | null {
  const path = [cert];
  for (let current = cert, depth = 0; depth < 8; depth++) {
    const root = roots.find((r) => current.checkIssued(r) && current.verify(r.publicKey));
    if (root) return root.raw.equals(current.raw) ? path : [...path, root];
    const next = pool.find((c) => !c.raw.equals(current.raw) && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next) return null;
    path.push(next);
    current = next;
  }
  return null;
}
