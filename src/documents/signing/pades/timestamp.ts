import { nameOneLine } from './certificates';
import { createHash, randomBytes } from 'node:crypto';
import type forge from 'node-forge';
import { forge as loadForge } from '../../libraries';
import { X509Certificate } from 'node:crypto';
import { OID, fromDer } from './cades';
import { buildChain, checkCmsSignature, parseCms } from './cms';

type Asn1 = forge.asn1.Asn1;

/** Returns an RFC 3161 TimeStampToken (a CMS ContentInfo, DER) over the SHA-256 of the given bytes. */
export type Timestamper = (data: Buffer) => Promise<Buffer>;

/**
 * A client of a time-stamping authority (RFC 3161 over HTTP): a TimeStampReq with the SHA-256 imprint, a nonce and
 * certReq, posted as application/timestamp-query; the token of a granted answer is returned, checked for its imprint.
 */
/** The configured TSA could not give a timestamp (unreachable, an HTTP error, a refusal): the server's fault, not the caller's. */
export class TimestampUnavailableError extends Error {}

export function tsaClient(url: string, timeoutMs = 10_000): Timestamper {
  return async (data) => {
    try {
      return await requestToken(url, timeoutMs, data);
    } catch (e) {
      throw new TimestampUnavailableError(e instanceof Error ? e.message : String(e));
    }
  };
}

async function requestToken(url: string, timeoutMs: number, data: Buffer): Promise<Buffer> {
  {
    const f = loadForge();
    const { Class, Type } = f.asn1;
    const c = (t: number, constructed: boolean, v: Asn1[] | string) => f.asn1.create(Class.UNIVERSAL, t, constructed, v);
    const digest = createHash('sha256').update(data).digest();
    const nonce = randomBytes(8);
    nonce[0] &= 0x7f;
    const req = c(Type.SEQUENCE, true, [
      c(Type.INTEGER, false, f.asn1.integerToDer(1).getBytes()),
      c(Type.SEQUENCE, true, [c(Type.SEQUENCE, true, [c(Type.OID, false, f.asn1.oidToDer(OID.sha256).getBytes())]), c(Type.OCTETSTRING, false, digest.toString('binary'))]),
      c(Type.INTEGER, false, nonce.toString('binary')),
      c(Type.BOOLEAN, false, '\xff'),
    ]);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: Buffer.from(f.asn1.toDer(req).getBytes(), 'binary'),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`Máy chủ cấp dấu thời gian trả lời HTTP ${res.status}.`);
    const parts = fromDer(Buffer.from(await res.arrayBuffer())).value as Asn1[];
    const status = f.asn1.derToInteger((parts[0].value as Asn1[])[0].value as string);
    if (status > 1 || !parts[1]) throw new Error(`Máy chủ cấp dấu thời gian từ chối yêu cầu (trạng thái ${status}).`);
    const token = Buffer.from(f.asn1.toDer(parts[1]).getBytes(), 'binary');
    const info = timestampInfo(token);
    if (!info.imprint.equals(digest)) throw new Error('Dấu thời gian không khớp với chữ ký.');
    return token;
  }
}

/** The time and the message imprint (and its digest, as Node names it) a TimeStampToken certifies (its TSTInfo). */
export function timestampInfo(token: Buffer): { time: Date; imprint: Buffer; digest: string } {
  const f = loadForge();
  const tst = fromDer(parseCms(token).content ?? Buffer.alloc(0)).value as Asn1[];
  const [alg, imprint] = tst[2].value as Asn1[];
  const digest = { [OID.sha256]: 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512', '1.3.14.3.2.26': 'sha1' }[f.asn1.derToOid((alg.value as Asn1[])[0].value as string)] ?? 'unknown';
  return { time: f.asn1.generalizedTimeToDate(tst[4].value as string), imprint: Buffer.from((imprint.value as string) ?? '', 'binary'), digest };
}

/** What a signature's RFC 3161 timestamp proves. */
export interface TimestampCheck {
  time: Date | null;
  /** The TSA certificate's subject. */
  authority: string | null;
  /** The token's signature matches the TSA's key, its imprint the signature value, and the TSA may stamp time. */
  intact: boolean;
  /** The TSA's certificate path to a trusted root, valid at the stamped time; null when not trusted. */
  chain: X509Certificate[] | null;
  problems: string[];
}

/**
 * Verifies a signature-time-stamp (RFC 3161 §2.4.2, ETSI EN 319 122-1 §5.3): the token's CMS signature by the TSA,
 * its message imprint against the digest of the signature value, the TSA certificate's timeStamping purpose, and its
 * chain to the trust store (certificates from the token and the pool, e.g. the document's DSS) at the stamped time.
 */
export function verifyTimestampToken(token: Buffer, signatureValue: Buffer, pool: X509Certificate[], roots: X509Certificate[]): TimestampCheck {
  const out: TimestampCheck = { time: null, authority: null, intact: false, chain: null, problems: [] };
  try {
    const cms = parseCms(token);
    out.authority = cms.signer ? nameOneLine(cms.signer.subject) : null;
    checkCmsSignature(cms);
    const info = timestampInfo(token);
    out.time = info.time;
    if (info.digest === 'unknown' || !createHash(info.digest).update(signatureValue).digest().equals(info.imprint)) throw new Error('giá trị băm trong dấu không khớp với chữ ký.');
    if (!(cms.signer!.keyUsage ?? []).includes('1.3.6.1.5.5.7.3.8')) throw new Error('chứng thư số của máy chủ cấp dấu không dành cho việc cấp dấu thời gian.');
    out.intact = true;
    out.chain = buildChain(cms.signer!, [...cms.certificates, ...pool], roots);
    if (!out.chain) out.problems.push('Chứng thư số của máy chủ cấp dấu thời gian không chuỗi tới chứng thư gốc tin cậy nào.');
    else if (!out.chain.every((c) => new Date(c.validFrom) <= info.time && info.time <= new Date(c.validTo))) {
      out.problems.push('Chứng thư số của máy chủ cấp dấu thời gian không còn hiệu lực vào thời điểm cấp dấu.');
      out.chain = null;
    }
  } catch (e) {
    out.problems.push(`Dấu thời gian: ${e instanceof Error ? e.message : String(e)}`);
  }
  return out;
}
