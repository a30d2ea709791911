import { createHash, randomBytes } from 'node:crypto';
import type forge from 'node-forge';
import { forge as loadForge } from '../../libraries';
import { OID, fromDer } from './cades';

type Asn1 = forge.asn1.Asn1;

/** Returns an RFC 3161 TimeStampToken (a CMS ContentInfo, DER) over the SHA-256 of the given bytes. */
export type Timestamper = (data: Buffer) => Promise<Buffer>;

/**
 * A client of a time-stamping authority (RFC 3161 over HTTP): a TimeStampReq with the SHA-256 imprint, a nonce and
 * certReq, posted as application/timestamp-query; the token of a granted answer is returned, checked for its imprint.
 */
export function tsaClient(url: string, timeoutMs = 10_000): Timestamper {
  return async (data) => {
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
  };
}

/** The time and the message imprint a TimeStampToken certifies (TSTInfo inside the token's signed content). */
export function timestampInfo(token: Buffer): { time: Date; imprint: Buffer } {
  const f = loadForge();
  const signedData = ((fromDer(token).value as Asn1[])[1].value as Asn1[])[0].value as Asn1[];
  const encap = signedData[2].value as Asn1[];
  const octets = (encap[1].value as Asn1[])[0];
  const content = typeof octets.value === 'string' ? octets.value : (octets.value as Asn1[]).map((o) => o.value as string).join('');
  const tst = fromDer(Buffer.from(content, 'binary')).value as Asn1[];
  const imprint = Buffer.from(((tst[2].value as Asn1[])[1].value as string) ?? '', 'binary');
  return { time: f.asn1.generalizedTimeToDate(tst[4].value as string), imprint };
}
