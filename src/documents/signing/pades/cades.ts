import { createHash } from 'node:crypto';
import type forge from 'node-forge';
import { forge as loadForge } from '../../libraries';

/** Signs the DER of the signed attributes; the key stays wherever it is (a file, a token, a remote service). */
export interface CmsSigner {
  /** The signer's certificate (DER). */
  certificate: Buffer;
  /** Intermediate certificates to embed (DER), without the signer's own. */
  chain: Buffer[];
  keyAlgorithm: 'RSA' | 'EC';
  /** RSASSA-PKCS1-v1_5 or ECDSA (DER Ecdsa-Sig-Value) over SHA-256 of data. */
  sign(data: Buffer): Promise<Buffer>;
}

export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

type Asn1 = forge.asn1.Asn1;

const der = (a: Asn1): Buffer => {
  const f = loadForge();
  return Buffer.from(f.asn1.toDer(a).getBytes(), 'binary');
};
export const fromDer = (b: Buffer): Asn1 => {
  const f = loadForge();
  // forge's typings know only the boolean form of the options.
  const options = { strict: false, parseAllBytes: false, decodeBitStrings: false } as unknown as boolean;
  return f.asn1.fromDer(f.util.createBuffer(b.toString('binary')), options);
};

function mk() {
  const f = loadForge();
  const { Class, Type } = f.asn1;
  return {
    seq: (v: Asn1[]) => f.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, v),
    set: (v: Asn1[]) => f.asn1.create(Class.UNIVERSAL, Type.SET, true, v),
    oid: (o: string) => f.asn1.create(Class.UNIVERSAL, Type.OID, false, f.asn1.oidToDer(o).getBytes()),
    int: (n: number) => f.asn1.create(Class.UNIVERSAL, Type.INTEGER, false, f.asn1.integerToDer(n).getBytes()),
    octets: (b: Buffer) => f.asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, b.toString('binary')),
    nul: () => f.asn1.create(Class.UNIVERSAL, Type.NULL, false, ''),
    ctx: (tag: number, v: Asn1[]) => f.asn1.create(Class.CONTEXT_SPECIFIC, tag, true, v),
  };
}

/** The issuer Name and serialNumber of a certificate, as ASN.1 taken from its DER. */
export function issuerAndSerial(certificate: Buffer): { issuer: Asn1; serial: Asn1 } {
  const tbs = (fromDer(certificate).value as Asn1[])[0].value as Asn1[];
  const off = tbs[0].tagClass === loadForge().asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { serial: tbs[off], issuer: tbs[off + 2] };
}

/**
 * A CAdES detached signature for PAdES baseline B-B (ETSI EN 319 142-1): SHA-256, signed attributes content-type,
 * message-digest and signing-certificate-v2; no signing-time attribute (the claimed time is the PDF's /M).
 */
export async function cadesDetached(signer: CmsSigner, contentDigest: Buffer, timestamp?: (signature: Buffer) => Promise<Buffer>): Promise<Buffer> {
  const a = mk();
  const { issuer, serial } = issuerAndSerial(signer.certificate);
  const certHash = createHash('sha256').update(signer.certificate).digest();
  const essCertIdV2 = a.seq([a.octets(certHash), a.seq([a.seq([a.ctx(4, [issuer])]), serial])]);
  const attributes = [
    a.seq([a.oid(OID.contentType), a.set([a.oid(OID.data)])]),
    a.seq([a.oid(OID.messageDigest), a.set([a.octets(contentDigest)])]),
    a.seq([a.oid(OID.signingCertificateV2), a.set([a.seq([a.seq([essCertIdV2])])])]),
  ]
    .map(der)
    .sort((x, y) => Buffer.compare(x, y));
  // Signed over the DER of SET OF Attribute (tag 0x31); stored as [0] IMPLICIT (tag 0xA0).
  const signedAttrsSet = Buffer.concat([encodeHeader(0x31, attributes.reduce((n, b) => n + b.length, 0)), ...attributes]);
  const signature = await signer.sign(signedAttrsSet);
  const signedAttrs = fromDer(Buffer.concat([Buffer.from([0xa0]), signedAttrsSet.subarray(1)]));
  const signatureAlgorithm = signer.keyAlgorithm === 'RSA' ? a.seq([a.oid(OID.rsaEncryption), a.nul()]) : a.seq([a.oid(OID.ecdsaWithSha256)]);
  const signerInfo = a.seq([
    a.int(1),
    a.seq([issuer, serial]),
    a.seq([a.oid(OID.sha256)]),
    signedAttrs,
    signatureAlgorithm,
    a.octets(signature),
    // PAdES-B-T: the TSA's token over the signature value, as the unsigned attribute signature-time-stamp.
    ...(timestamp ? [a.ctx(1, [a.seq([a.oid(OID.timeStampToken), a.set([fromDer(await timestamp(signature))])])])] : []),
  ]);
  const signedData = a.seq([
    a.int(1),
    a.set([a.seq([a.oid(OID.sha256)])]),
    a.seq([a.oid(OID.data)]),
    a.ctx(0, [signer.certificate, ...signer.chain].map(fromDer)),
    a.set([signerInfo]),
  ]);
  return der(a.seq([a.oid(OID.signedData), a.ctx(0, [signedData])]));
}

function encodeHeader(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}
