import { Inject, Injectable } from '@nestjs/common';
import { KeyObject, X509Certificate, createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.tokens';
import { foldVietnamese } from '../../common/text';
import { CmsSigner } from './pades/cades';
import { KeyAndCertificate, generateKey, issueCertificate, keySigner, readPkcs12 } from './pades/certificates';
import { buildChain } from './pades/cms';
import { issueCrl, parseCrl } from './pades/crl';
import { crlDistributionPoints } from './pades/dss';
import { Pkcs11KeyConfig, pkcs11Signer } from './pades/pkcs11-signer';

const YEAR = 365 * 24 * 3600_000;
const pem = (der: Buffer) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})(?!$)/g, '$1\n')}\n-----END CERTIFICATE-----\n`;

/**
 * The keys the server holds for units (and for a cluster's secretariat), the demo test CA that certifies them, the
 * trust store of roots, and the certificates registered to each unit (server-held and imported for outside signing).
 * Everything lives under data/pades/: keys as encrypted PKCS#8 (mode 600), certificates as PEM.
 */
@Injectable()
export class UnitKeysService {
  private readonly dir: string;
  private readonly crlUrl: string;
  private ca?: KeyAndCertificate;
  private readonly signers = new Map<string, CmsSigner>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = join(config.dataDir, 'pades');
    this.crlUrl = `${config.publicBaseUrl}/api/signing/test-ca.crl`;
  }

  /** The demo test CA, generated on first use and added to the trust store. */
  testCa(): KeyAndCertificate {
    if (this.ca) return this.ca;
    const keyFile = join(this.dir, 'test-ca.key.pem');
    const certFile = join(this.dir, 'trust', 'thidua-test-ca.pem');
    if (!existsSync(keyFile) || !existsSync(certFile)) {
      const key = generateKey('RSA');
      const now = Date.now();
      const cert = issueCertificate({ commonName: 'thidua demo test CA', organization: 'thidua (demo, not for real use)', publicKey: key, ca: true, validFrom: new Date(now - YEAR), validTo: new Date(now + 20 * YEAR) }, null, key);
      this.writeKey(keyFile, key);
      this.write(certFile, pem(cert));
    }
    this.ca = { key: this.readKey(keyFile), certificate: new X509Certificate(readFileSync(certFile)).raw, chain: [] };
    return this.ca;
  }

  /**
   * The demo CA's certificate revocation list (DER): kept in data/pades/crl/, reissued when less than a day of its
   * week of validity remains. It lists no certificate (the demo revokes none); it is what the DSS carries (B-LT).
   */
  testCaCrl(): Buffer {
    const file = join(this.dir, 'crl', 'thidua-test-ca.crl');
    if (existsSync(file)) {
      const der = readFileSync(file);
      const next = parseCrl(der).nextUpdate;
      if (next && next.getTime() - Date.now() > 24 * 3600_000) return der;
    }
    const now = Date.now();
    const der = issueCrl(this.testCa(), [], Math.floor(now / 1000), new Date(now - 60_000), new Date(now + 7 * 24 * 3600_000));
    this.write(file, der);
    return der;
  }

  /**
   * The CRL of a certificate's issuer, for the DSS: the demo CA's own, or fetched from the certificate's CRL
   * distribution point (checked to be signed by the issuer); null when none can be had.
   */
  async crlFor(cert: X509Certificate, issuer: X509Certificate): Promise<Buffer | null> {
    if (issuer.raw.equals(this.testCa().certificate)) return this.testCaCrl();
    for (const url of crlDistributionPoints(cert)) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        const der = Buffer.from(await res.arrayBuffer());
        if (res.ok && parseCrl(der).issuedBy(issuer)) return der;
      } catch {
        // The next distribution point, if any; without one the signature stays at B-T.
      }
    }
    return null;
  }

  /** The roots signatures must chain to: the demo CA and the roots an administrator imported (data/pades/trust/). */
  trustedRoots(): Buffer[] {
    this.testCa();
    const trust = join(this.dir, 'trust');
    return readdirSync(trust).filter((f) => f.endsWith('.pem')).map((f) => new X509Certificate(readFileSync(join(trust, f))).raw);
  }

  /** The trust store as the administrator sees it. */
  listRoots(): Array<{ sha256: string; subject: string; validFrom: string; validTo: string }> {
    return this.trustedRoots().map((raw) => {
      const c = new X509Certificate(raw);
      return { sha256: fingerprint(raw), subject: c.subject.replace(/\n/g, ', '), validFrom: new Date(c.validFrom).toISOString(), validTo: new Date(c.validTo).toISOString() };
    });
  }

  /** Adds a root certificate (PEM or DER) to the trust store; returns its SHA-256. */
  importRoot(bytes: Buffer): string {
    const cert = new X509Certificate(bytes);
    if (!cert.ca) throw new Error('Chứng thư số gốc phải là chứng thư của một tổ chức cung cấp dịch vụ chứng thực (CA).');
    const sha = fingerprint(cert.raw);
    this.write(join(this.dir, 'trust', `${sha}.pem`), pem(cert.raw));
    return sha;
  }

  /**
   * The server-held signer of a holder (a unit id, or "cluster-<id>" for a secretariat), generated on first use
   * and certified by the demo CA. Holders alternate RSA-2048 and ECDSA P-256 by their id, so the demo has both.
   */
  signer(holderId: string, commonName: string): CmsSigner {
    const cached = this.signers.get(holderId);
    if (cached) return cached;
    const base = join(this.dir, 'holders', safe(holderId));
    const token = this.tokenOf(holderId);
    if (token) {
      const s = pkcs11Signer(token);
      this.signers.set(holderId, s);
      return s;
    }
    if (!existsSync(`${base}.key.pem`)) {
      const ca = this.testCa();
      const algorithm = createHash('sha256').update(holderId).digest()[0] % 2 ? 'EC' : 'RSA';
      const key = generateKey(algorithm);
      const now = Date.now();
      const cn = foldVietnamese(commonName).replace(/[^\x20-\x7e]/g, '').slice(0, 60) || holderId;
      const cert = issueCertificate({ commonName: cn, organization: 'thidua demo', publicKey: key, ca: false, validFrom: new Date(now - 3600_000), validTo: new Date(now + 3 * YEAR), crlUrl: this.crlUrl }, ca, ca.key);
      this.writeKey(`${base}.key.pem`, key);
      this.write(`${base}.crt.pem`, pem(cert));
    }
    const chainFile = `${base}.chain.pem`;
    const chain = existsSync(chainFile) ? pemBlocks(readFileSync(chainFile, 'utf8')) : [this.testCa().certificate];
    const k: KeyAndCertificate = { key: this.readKey(`${base}.key.pem`), certificate: new X509Certificate(readFileSync(`${base}.crt.pem`)).raw, chain };
    const s = keySigner(k);
    this.signers.set(holderId, s);
    return s;
  }

  /**
   * The PKCS#11 token a holder signs with, when one is configured in data/pades/holders/<id>.pkcs11.json:
   * {"module": "/usr/lib/softhsm/libsofthsm2.so", "tokenLabel": "…", "pin": "…", "keyLabel": "…", "certificatePem": "…"}.
   */
  tokenOf(holderId: string): Pkcs11KeyConfig | null {
    const file = join(this.dir, 'holders', `${safe(holderId)}.pkcs11.json`);
    if (!existsSync(file)) return null;
    const c = JSON.parse(readFileSync(file, 'utf8')) as { module: string; tokenLabel: string; pin: string; keyLabel: string; certificatePem: string };
    return { module: c.module, tokenLabel: c.tokenLabel, pin: c.pin, keyLabel: c.keyLabel, certificate: new X509Certificate(c.certificatePem).raw, chain: [] };
  }

  /** Makes a holder sign with a key on a PKCS#11 token from now on (its server-held key, if any, is no longer used). */
  useToken(holderId: string, config: { module: string; tokenLabel: string; pin: string; keyLabel: string; certificate: Buffer }): void {
    const { certificate, ...rest } = config;
    this.write(join(this.dir, 'holders', `${safe(holderId)}.pkcs11.json`), JSON.stringify({ ...rest, certificatePem: pem(certificate) }));
    this.signers.delete(holderId);
  }

  /**
   * Makes the holder's server-held key one imported from a PKCS#12 file (a CA-issued key for a small deployment):
   * its certificate must chain to the trust store and be valid now. The key is stored encrypted (PKCS#8, AES-256,
   * mode 600) with the certificate and its chain; a token configured for the holder is no longer used.
   * Throws Pkcs12ImportError naming the field at fault.
   */
  importPkcs12(holderId: string, p12: Buffer, password: string): { sha256: string; subject: string; validTo: string } {
    let k: KeyAndCertificate;
    try {
      k = readPkcs12(p12, password);
    } catch (e) {
      const wrongPassword = e instanceof Error && /MAC|password|decrypt/i.test(e.message);
      throw wrongPassword
        ? new Pkcs12ImportError('password', 'Mật khẩu không mở được tệp PKCS#12.')
        : new Pkcs12ImportError('file', 'Tệp gửi lên không phải là tệp PKCS#12 (.p12, .pfx) có khóa riêng và chứng thư số.');
    }
    const cert = new X509Certificate(k.certificate);
    const roots = this.trustedRoots().map((d) => new X509Certificate(d));
    if (!buildChain(cert, k.chain.map((d) => new X509Certificate(d)), roots)) {
      throw new Pkcs12ImportError('file', 'Chứng thư số trong tệp không chuỗi tới chứng thư gốc tin cậy nào (nhập chứng thư gốc của CA trước).');
    }
    const now = Date.now();
    if (now < new Date(cert.validFrom).getTime() || now > new Date(cert.validTo).getTime()) throw new Pkcs12ImportError('file', 'Chứng thư số trong tệp chưa hoặc đã hết hiệu lực.');
    const base = join(this.dir, 'holders', safe(holderId));
    this.writeKey(`${base}.key.pem`, k.key);
    this.write(`${base}.crt.pem`, pem(cert.raw));
    this.write(`${base}.chain.pem`, k.chain.map(pem).join(''));
    rmSync(`${base}.pkcs11.json`, { force: true });
    this.signers.delete(holderId);
    return { sha256: fingerprint(cert.raw), subject: cert.subject.replace(/\n/g, ', '), validTo: new Date(cert.validTo).toISOString() };
  }

  /** Registers a certificate (PEM or DER) of a unit, for signatures it makes outside the system. */
  registerCertificate(holderId: string, bytes: Buffer): string {
    const cert = new X509Certificate(bytes);
    const sha = fingerprint(cert.raw);
    this.write(join(this.dir, 'holders', `${safe(holderId)}.registered`, `${sha}.pem`), pem(cert.raw));
    return sha;
  }

  /** SHA-256 of every certificate that belongs to the holder: the server-held one and those registered. */
  certificatesOf(holderId: string): string[] {
    const base = join(this.dir, 'holders', safe(holderId));
    const out: string[] = [];
    const token = this.tokenOf(holderId);
    if (token) out.push(fingerprint(token.certificate));
    if (existsSync(`${base}.crt.pem`)) out.push(fingerprint(new X509Certificate(readFileSync(`${base}.crt.pem`)).raw));
    if (existsSync(`${base}.registered`)) out.push(...readdirSync(`${base}.registered`).map((f) => f.replace(/\.pem$/, '')));
    return out;
  }

  /**
   * The images drawn in the holder's signed cell, when stored: data/pades/holders/<id>.signature.(png|jpg) (the signer's
   * signature) and <id>.seal.(png|jpg) (the body's seal). Without them the appearance draws demo ones.
   */
  appearanceImages(holderId: string): { signatureImage: Buffer | null; sealImage: Buffer | null } {
    const find = (kind: string) => ['png', 'jpg'].map((ext) => join(this.dir, 'holders', `${safe(holderId)}.${kind}.${ext}`)).find((f) => existsSync(f));
    const read = (f: string | undefined) => (f ? readFileSync(f) : null);
    return { signatureImage: read(find('signature')), sealImage: read(find('seal')) };
  }

  /** Stores the holder's signature or seal image (PNG or JPEG, checked by the caller to open), replacing the previous one. */
  storeAppearanceImage(holderId: string, kind: 'signature' | 'seal', bytes: Buffer): void {
    const ext = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) ? 'png' : 'jpg';
    const base = join(this.dir, 'holders', safe(holderId));
    for (const old of ['png', 'jpg']) rmSync(`${base}.${kind}.${old}`, { force: true });
    this.write(`${base}.${kind}.${ext}`, bytes);
  }

  private passphrase(): string {
    const file = join(this.dir, 'keys.pass');
    if (!existsSync(file)) this.write(file, randomBytes(24).toString('base64url'));
    return readFileSync(file, 'utf8').trim();
  }

  private writeKey(file: string, key: KeyObject): void {
    this.write(file, key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: this.passphrase() }) as string);
  }

  private readKey(file: string) {
    return createPrivateKey({ key: readFileSync(file), passphrase: this.passphrase() });
  }

  private write(file: string, text: string | Buffer): void {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
}

/** A PKCS#12 import refused: the form field at fault and the reason in Vietnamese. */
export class Pkcs12ImportError extends Error {
  constructor(
    readonly field: 'file' | 'password',
    message: string,
  ) {
    super(message);
  }
}

const pemBlocks = (text: string): Buffer[] => (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((b) => new X509Certificate(b).raw);

export const fingerprint = (der: Buffer): string => createHash('sha256').update(der).digest('hex');
const safe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');
