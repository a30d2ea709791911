import { KeyObject, X509Certificate, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type forge from 'node-forge';
import { forge as loadForge } from '../../libraries';
import { CmsSigner, OID, fromDer } from './cades';

type Asn1 = forge.asn1.Asn1;

export interface KeyAndCertificate {
  key: KeyObject;
  certificate: Buffer;
  chain: Buffer[];
}

/** An RSA-2048 or ECDSA P-256 key pair. */
export function generateKey(algorithm: 'RSA' | 'EC'): KeyObject {
  return algorithm === 'RSA'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    : generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
}

export interface CertificateRequest {
  /** UTF-8 is encoded as such (UTF8String); keep it within 64 characters (certificateCommonName). */
  commonName: string;
  organization: string;
  /** The subject's key: its public half is certified (a private KeyObject, or a public one for a key on a token). */
  publicKey: KeyObject;
  ca: boolean;
  validFrom: Date;
  validTo: Date;
  /** Where the issuer publishes its CRL (the CRL distribution points extension), for an end-entity certificate. */
  crlUrl?: string;
}

/**
 * An X.509 v3 certificate signed by the issuer's key (SHA-256 with RSA or ECDSA), built from ASN.1 so that the
 * subject key may be RSA or EC. Without an issuer the certificate is self-signed (a root).
 */
export function issueCertificate(req: CertificateRequest, issuer: { certificate: Buffer; key: KeyObject } | null, signingKey: KeyObject): Buffer {
  const f = loadForge();
  const { Class, Type } = f.asn1;
  const c = (t: number, constructed: boolean, v: Asn1[] | string) => f.asn1.create(Class.UNIVERSAL, t, constructed, v);
  const oid = (o: string) => c(Type.OID, false, f.asn1.oidToDer(o).getBytes());
  const name = (cn: string, o: string) =>
    c(Type.SEQUENCE, true, [
      c(Type.SET, true, [c(Type.SEQUENCE, true, [oid('2.5.4.6'), c(Type.PRINTABLESTRING, false, 'VN')])]),
      c(Type.SET, true, [c(Type.SEQUENCE, true, [oid('2.5.4.10'), c(Type.UTF8, false, f.util.encodeUtf8(o))])]),
      c(Type.SET, true, [c(Type.SEQUENCE, true, [oid('2.5.4.3'), c(Type.UTF8, false, f.util.encodeUtf8(cn))])]),
    ]);
  const time = (d: Date) => c(Type.GENERALIZEDTIME, false, f.asn1.dateToGeneralizedTime(d));
  const issuerKeyType = (issuer?.key ?? signingKey).asymmetricKeyType;
  const sigAlg = issuerKeyType === 'ec' ? c(Type.SEQUENCE, true, [oid(OID.ecdsaWithSha256)]) : c(Type.SEQUENCE, true, [oid(OID.sha256WithRSA), c(Type.NULL, false, '')]);
  const subject = name(req.commonName, req.organization);
  const issuerName = issuer ? ((fromDer(issuer.certificate).value as Asn1[])[0].value as Asn1[]) : null;
  const issuerNameAsn1 = issuerName ? issuerName[issuerName[0].tagClass === Class.CONTEXT_SPECIFIC ? 5 : 4] : subject;
  const ext = (id: string, critical: boolean, value: Asn1) =>
    c(Type.SEQUENCE, true, [oid(id), ...(critical ? [c(Type.BOOLEAN, false, '\xff')] : []), c(Type.OCTETSTRING, false, f.asn1.toDer(value).getBytes())]);
  const basic = c(Type.SEQUENCE, true, req.ca ? [c(Type.BOOLEAN, false, '\xff')] : []);
  // keyUsage: digitalSignature + nonRepudiation (0xC0), or keyCertSign + cRLSign (0x06) for a CA.
  const keyUsage = c(Type.BITSTRING, false, req.ca ? '\x01\x06' : '\x06\xc0');
  const spki = fromDer((req.publicKey.type === 'public' ? req.publicKey : createPublicKey(req.publicKey)).export({ type: 'spki', format: 'der' }));
  const serial = randomBytes(12);
  serial[0] &= 0x7f;
  const tbs = c(Type.SEQUENCE, true, [
    f.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [c(Type.INTEGER, false, f.asn1.integerToDer(2).getBytes())]),
    c(Type.INTEGER, false, serial.toString('binary')),
    sigAlg,
    issuerNameAsn1,
    c(Type.SEQUENCE, true, [time(req.validFrom), time(req.validTo)]),
    subject,
    spki,
    f.asn1.create(Class.CONTEXT_SPECIFIC, 3, true, [c(Type.SEQUENCE, true, [ext('2.5.29.19', true, basic), ext('2.5.29.15', true, keyUsage), ...(req.crlUrl ? [ext('2.5.29.31', false, distributionPoint(req.crlUrl))] : [])])]),
  ]);
  const tbsDer = Buffer.from(f.asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign('sha256', tbsDer, issuer?.key ?? signingKey);
  const cert = c(Type.SEQUENCE, true, [tbs, sigAlg, c(Type.BITSTRING, false, `\x00${signature.toString('binary')}`)]);
  return Buffer.from(f.asn1.toDer(cert).getBytes(), 'binary');
}

/** RFC 5280's upper bound of a common name, in characters. */
const CN_MAX = 64;

/**
 * A certificate's common name: the holder's Vietnamese name as it is written (the names are encoded as UTF8String,
 * which pdfsig and OpenSSL read back), the suffix kept, the name cut at a word to stay within 64 characters.
 */
export function certificateCommonName(name: string, suffix = ''): string {
  const room = CN_MAX - suffix.length;
  let base = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (base.length > room) base = base.slice(0, room + 1).replace(/\s+\S*$/, '') || base.slice(0, room);
  return `${base}${suffix}`;
}

/** CRLDistributionPoints with one point: its full name the URI (RFC 5280 §4.2.1.13). */
function distributionPoint(url: string): Asn1 {
  const f = loadForge();
  const { Class, Type } = f.asn1;
  const uri = f.asn1.create(Class.CONTEXT_SPECIFIC, 6, false, url);
  const fullName = f.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [uri]);
  return f.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [f.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [f.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [fullName])])]);
}

/** A signer over a private key this process holds (a unit's server-held key). */
export function keySigner(k: KeyAndCertificate): CmsSigner {
  return {
    certificate: k.certificate,
    chain: k.chain,
    keyAlgorithm: k.key.asymmetricKeyType === 'ec' ? 'EC' : 'RSA',
    sign: (data) => Promise.resolve(sign('sha256', data, k.key)),
  };
}

/** Reads a PKCS#12 file (RSA or EC key): the key, the certificate matching it and the rest of the chain. */
export function readPkcs12(p12: Buffer, passphrase: string): KeyAndCertificate {
  const f = loadForge();
  const parsed = f.pkcs12.pkcs12FromAsn1(f.asn1.fromDer(f.util.createBuffer(p12.toString('binary'))), false, passphrase);
  const keyBag = parsed.getBags({ bagType: f.pki.oids.pkcs8ShroudedKeyBag })[f.pki.oids.pkcs8ShroudedKeyBag]?.[0];
  if (!keyBag) throw new Error('The PKCS#12 file holds no private key.');
  // forge decodes RSA keys only; for an EC key it leaves the PrivateKeyInfo as ASN.1.
  const keyDer = keyBag.key ? f.asn1.toDer(f.pki.wrapRsaPrivateKey(f.pki.privateKeyToAsn1(keyBag.key))).getBytes() : f.asn1.toDer(keyBag.asn1!).getBytes();
  const key = createPrivateKey({ key: Buffer.from(keyDer, 'binary'), format: 'der', type: 'pkcs8' });
  const certs = (parsed.getBags({ bagType: f.pki.oids.certBag })[f.pki.oids.certBag] ?? []).map((b) =>
    Buffer.from(f.asn1.toDer(b.cert ? f.pki.certificateToAsn1(b.cert) : b.asn1!).getBytes(), 'binary'),
  );
  const publicDer = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const certificate = certs.find((d) => (new X509Certificate(d).publicKey.export({ type: 'spki', format: 'der' }) as Buffer).equals(publicDer));
  if (!certificate) throw new Error('No certificate in the PKCS#12 file matches its private key.');
  return { key, certificate, chain: certs.filter((d) => d !== certificate) };
}

/** The holder a certificate names: its CN (the whole subject without one), without RFC 4514 escapes. */
export function holderName(cert: X509Certificate): string {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  return nameOneLine(cn ?? cert.subject);
}

/**
 * A certificate's subject or issuer (Node's X509Certificate form: one attribute a line, RFC 4514 escapes) on one line
 * for people: "C=VN, O=thidua (demo, not for real use), CN=…".
 */
export function nameOneLine(name: string): string {
  return name
    .split('\n')
    .map((part) => part.replace(/\\(.)/g, '$1'))
    .join(', ');
}
