import { KeyObject, X509Certificate, sign, verify as verifySignature } from 'node:crypto';
import type forge from 'node-forge';
import { forge as loadForge } from '../../libraries';
import { OID, fromDer } from './cades';

type Asn1 = forge.asn1.Asn1;

/** A revoked certificate: its serial number (hex, as X509Certificate.serialNumber) and when it was revoked. */
export interface Revoked {
  serial: string;
  at: Date;
}

/**
 * An X.509 v2 certificate revocation list (RFC 5280 §5) signed by the CA's key: thisUpdate, nextUpdate, the revoked
 * serial numbers, and the CRL number extension.
 */
export function issueCrl(ca: { certificate: Buffer; key: KeyObject }, revoked: Revoked[], crlNumber: number, thisUpdate: Date, nextUpdate: Date): Buffer {
  const f = loadForge();
  const { Class, Type } = f.asn1;
  const c = (t: number, constructed: boolean, v: Asn1[] | string) => f.asn1.create(Class.UNIVERSAL, t, constructed, v);
  const oid = (o: string) => c(Type.OID, false, f.asn1.oidToDer(o).getBytes());
  const int = (hex: string) => c(Type.INTEGER, false, Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('binary'));
  const time = (d: Date) => c(Type.UTCTIME, false, f.asn1.dateToUtcTime(d));
  const tbsCert = (fromDer(ca.certificate).value as Asn1[])[0].value as Asn1[];
  const subject = tbsCert[tbsCert[0].tagClass === Class.CONTEXT_SPECIFIC ? 5 : 4];
  const sigAlg = ca.key.asymmetricKeyType === 'ec' ? c(Type.SEQUENCE, true, [oid(OID.ecdsaWithSha256)]) : c(Type.SEQUENCE, true, [oid(OID.sha256WithRSA), c(Type.NULL, false, '')]);
  const number = c(Type.INTEGER, false, f.asn1.integerToDer(crlNumber).getBytes());
  const tbs = c(Type.SEQUENCE, true, [
    c(Type.INTEGER, false, f.asn1.integerToDer(1).getBytes()),
    sigAlg,
    subject,
    time(thisUpdate),
    time(nextUpdate),
    ...(revoked.length ? [c(Type.SEQUENCE, true, revoked.map((r) => c(Type.SEQUENCE, true, [int(r.serial), time(r.at)])))] : []),
    f.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [c(Type.SEQUENCE, true, [c(Type.SEQUENCE, true, [oid('2.5.29.20'), c(Type.OCTETSTRING, false, f.asn1.toDer(number).getBytes())])])]),
  ]);
  const tbsDer = Buffer.from(f.asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign('sha256', tbsDer, ca.key);
  return Buffer.from(f.asn1.toDer(c(Type.SEQUENCE, true, [tbs, sigAlg, c(Type.BITSTRING, false, `\x00${signature.toString('binary')}`)])).getBytes(), 'binary');
}

export interface ParsedCrl {
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Serial (upper-case hex without leading zeros) → revocation date. */
  revoked: Map<string, Date>;
  /** The CRL's signature verifies with this certificate's key (the CRL was issued by it). */
  issuedBy(issuer: X509Certificate): boolean;
}

/** The digest of the usual X.509 signature algorithms (RSA PKCS#1 v1.5 and ECDSA). */
const SIGNATURE_DIGESTS: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

const normalSerial = (hex: string) => hex.replace(/^0+/, '').toUpperCase();

export function parseCrl(der: Buffer): ParsedCrl {
  const f = loadForge();
  const [tbs, alg, sig] = fromDer(der).value as Asn1[];
  const digest = SIGNATURE_DIGESTS[f.asn1.derToOid((alg.value as Asn1[])[0].value as string)] ?? 'sha256';
  const fields = tbs.value as Asn1[];
  const off = fields[0].type === f.asn1.Type.INTEGER ? 1 : 0;
  const toDate = (t: Asn1) => (t.type === f.asn1.Type.UTCTIME ? f.asn1.utcTimeToDate(t.value as string) : f.asn1.generalizedTimeToDate(t.value as string));
  const isTime = (t: Asn1 | undefined) => !!t && t.tagClass === f.asn1.Class.UNIVERSAL && (t.type === f.asn1.Type.UTCTIME || t.type === f.asn1.Type.GENERALIZEDTIME);
  const thisUpdate = toDate(fields[off + 2]);
  const next = fields[off + 3];
  const nextUpdate = isTime(next) ? toDate(next) : null;
  const list = fields[off + (nextUpdate ? 4 : 3)];
  const revoked = new Map<string, Date>();
  if (list && list.tagClass === f.asn1.Class.UNIVERSAL && list.type === f.asn1.Type.SEQUENCE) {
    for (const entry of list.value as Asn1[]) {
      const [serial, at] = entry.value as Asn1[];
      revoked.set(normalSerial(Buffer.from(serial.value as string, 'binary').toString('hex')), toDate(at));
    }
  }
  const tbsDer = Buffer.from(f.asn1.toDer(tbs).getBytes(), 'binary');
  const signature = Buffer.from((sig.value as string).slice(1), 'binary');
  return {
    thisUpdate,
    nextUpdate,
    revoked,
    issuedBy: (issuer) => {
      try {
        return verifySignature(digest, tbsDer, issuer.publicKey, signature);
      } catch {
        return false;
      }
    },
  };
}

/** When the certificate was revoked according to the CRL, or null when it is not listed. */
export const revokedAt = (crl: ParsedCrl, cert: X509Certificate): Date | null => crl.revoked.get(normalSerial(cert.serialNumber)) ?? null;

/**
 * The revocation status of a chain (leaf first, root last) at a time, from the CRLs at hand (offline): good when every
 * certificate but the root has its issuer's CRL and is not revoked by then, revoked when one is, unknown otherwise.
 */
export function chainRevocation(chain: X509Certificate[], crls: ParsedCrl[], at: Date): 'good' | 'revoked' | 'unknown' {
  let status: 'good' | 'unknown' = 'good';
  for (let i = 0; i + 1 < chain.length; i++) {
    const crl = crls.find((c) => c.issuedBy(chain[i + 1]));
    if (!crl) {
      status = 'unknown';
      continue;
    }
    const when = revokedAt(crl, chain[i]);
    if (when && when <= at) return 'revoked';
  }
  return status;
}
