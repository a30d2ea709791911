import { Inject, Injectable } from '@nestjs/common';
import { KeyObject, X509Certificate, createHash, createPrivateKey, randomBytes } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.tokens';
import { CmsSigner } from './pades/cades';
import { KeyAndCertificate, certificateCommonName, generateKey, issueCertificate, keySigner, nameOneLine, readPkcs12 } from './pades/certificates';
import { buildChain } from './pades/cms';
import { issueCrl, parseCrl } from './pades/crl';
import { crlDistributionPoints } from './pades/dss';
import { Pkcs11KeyConfig, pkcs11Signer } from './pades/pkcs11-signer';
import { PadesStore } from './pades-store';
import { fingerprint, holderOutside, safe } from './holder-files';

export const YEAR = 365 * 24 * 3600_000;
const pem = (der: Buffer) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})(?!$)/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
const CA_KEY = 'test-ca.key.pem';
const CA_CERT = 'trust/thidua-test-ca.pem';

/**
 * The keys the server holds for units (and for a cluster's secretariat), the demo test CA that certifies them, the
 * trust store of roots, and the certificates registered to each unit (server-held and imported for outside signing).
 * Everything lives in the PadesStore (data/pades/ on SQLite, the table pades_files on PostgreSQL, shared by every
 * instance): keys as encrypted PKCS#8, certificates as PEM. What is created on first use (the demo CA, a holder's
 * key) is created once whichever instance comes first, and read back, so all sign with the same.
 */
@Injectable()
export class UnitKeysService {
  /** Where the demo CA publishes its CRL (named in the certificates it issues). */
  readonly crlUrl: string;
  private ca?: KeyAndCertificate;
  private pass?: string;
  /** Signers by holder, with the stored state they were made from (another instance may replace a holder's key). */
  private readonly signers = new Map<string, { state: string; signer: CmsSigner }>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly store: PadesStore,
  ) {
    this.crlUrl = `${config.publicBaseUrl}/api/signing/test-ca.crl`;
  }

  /** The demo test CA, generated on first use (by one instance) and added to the trust store. */
  async testCa(): Promise<KeyAndCertificate> {
    if (this.ca) return this.ca;
    const passphrase = await this.passphrase();
    await this.store.createOnce(CA_KEY, () => {
      const key = generateKey('RSA');
      const now = Date.now();
      const cert = issueCertificate({ commonName: 'thidua demo test CA', organization: 'thidua (demo, not for real use)', publicKey: key, ca: true, validFrom: new Date(now - YEAR), validTo: new Date(now + 20 * YEAR) }, null, key);
      return [
        [CA_KEY, encrypted(key, passphrase)],
        [CA_CERT, pem(cert)],
      ];
    });
    this.ca = { key: await this.readKey(CA_KEY), certificate: new X509Certificate((await this.store.read(CA_CERT))!).raw, chain: [] };
    return this.ca;
  }

  /**
   * The demo CA's certificate revocation list (DER): kept at pades/crl/, reissued when less than a day of its
   * week of validity remains. It lists no certificate (the demo revokes none); it is what the DSS carries (B-LT).
   */
  async testCaCrl(): Promise<Buffer> {
    const file = 'crl/thidua-test-ca.crl';
    const stored = await this.store.read(file);
    if (stored) {
      const next = parseCrl(stored).nextUpdate;
      if (next && next.getTime() - Date.now() > 24 * 3600_000) return stored;
    }
    const now = Date.now();
    const der = issueCrl(await this.testCa(), [], Math.floor(now / 1000), new Date(now - 60_000), new Date(now + 7 * 24 * 3600_000));
    await this.store.write(file, der);
    return der;
  }

  /**
   * The CRL of a certificate's issuer, for the DSS: the demo CA's own, or fetched from the certificate's CRL
   * distribution point (checked to be signed by the issuer); null when none can be had.
   */
  async crlFor(cert: X509Certificate, issuer: X509Certificate): Promise<Buffer | null> {
    if (issuer.raw.equals((await this.testCa()).certificate)) return this.testCaCrl();
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

  /** The roots signatures must chain to: the demo CA and the roots an administrator imported (pades/trust/). */
  async trustedRoots(): Promise<Buffer[]> {
    await this.testCa();
    const names = (await this.store.list('trust')).filter((f) => f.endsWith('.pem'));
    return Promise.all(names.map(async (f) => new X509Certificate((await this.store.read(`trust/${f}`))!).raw));
  }

  /** The trust store as the administrator sees it. */
  async listRoots(): Promise<Array<{ sha256: string; subject: string; validFrom: string; validTo: string }>> {
    return (await this.trustedRoots()).map((raw) => {
      const c = new X509Certificate(raw);
      return { sha256: fingerprint(raw), subject: nameOneLine(c.subject), validFrom: new Date(c.validFrom).toISOString(), validTo: new Date(c.validTo).toISOString() };
    });
  }

  /** Adds a root certificate (PEM or DER) to the trust store; returns its SHA-256. */
  async importRoot(bytes: Buffer): Promise<string> {
    const cert = new X509Certificate(bytes);
    if (!cert.ca) throw new Error('Chứng thư số gốc phải là chứng thư của một tổ chức cung cấp dịch vụ chứng thực (CA).');
    const sha = fingerprint(cert.raw);
    await this.store.write(`trust/${sha}.pem`, pem(cert.raw));
    return sha;
  }

  /**
   * The server-held signer of a holder (a unit id, or "cluster-<id>" for a secretariat), generated on first use
   * and certified by the demo CA. Holders alternate RSA-2048 and ECDSA P-256 by their id, so the demo has both.
   */
  async signer(holderId: string, commonName: string): Promise<CmsSigner> {
    const base = `holders/${safe(holderId)}`;
    const token = await this.tokenOf(holderId);
    if (!token && !(await this.store.exists(`${base}.key.pem`))) {
      const ca = await this.testCa();
      const passphrase = await this.passphrase();
      await this.store.createOnce(`${base}.key.pem`, () => {
        const algorithm = createHash('sha256').update(holderId).digest()[0] % 2 ? 'EC' : 'RSA';
        const key = generateKey(algorithm);
        const now = Date.now();
        const cn = certificateCommonName(commonName) || holderId;
        const cert = issueCertificate({ commonName: cn, organization: 'thidua demo', publicKey: key, ca: false, validFrom: new Date(now - 3600_000), validTo: new Date(now + 3 * YEAR), crlUrl: this.crlUrl }, ca, ca.key);
        return [
          [`${base}.key.pem`, encrypted(key, passphrase)],
          [`${base}.crt.pem`, pem(cert)],
        ];
      });
    }
    const [keyPem, certPem, chainPem] = token ? [null, null, null] : await Promise.all(['key', 'crt', 'chain'].map((k) => this.store.read(`${base}.${k}.pem`)));
    const state = token ? `token:${JSON.stringify(token)}` : fingerprint(Buffer.concat([keyPem!, certPem!, chainPem ?? Buffer.alloc(0)]));
    const cached = this.signers.get(holderId);
    if (cached?.state === state) return cached.signer;
    let s: CmsSigner;
    if (token) {
      s = pkcs11Signer(token);
    } else {
      const chain = chainPem ? pemBlocks(chainPem.toString('utf8')) : [(await this.testCa()).certificate];
      s = keySigner({ key: createPrivateKey({ key: keyPem!, passphrase: await this.passphrase() }), certificate: new X509Certificate(certPem!).raw, chain });
    }
    this.signers.set(holderId, { state, signer: s });
    return s;
  }

  /**
   * The PKCS#11 token a holder signs with, when one is configured at pades/holders/<id>.pkcs11.json:
   * {"module": "/usr/lib/softhsm/libsofthsm2.so", "tokenLabel": "…", "pin": "…", "keyLabel": "…", "certificatePem": "…"}.
   */
  async tokenOf(holderId: string): Promise<Pkcs11KeyConfig | null> {
    const json = await this.store.read(`holders/${safe(holderId)}.pkcs11.json`);
    if (!json) return null;
    const c = JSON.parse(json.toString('utf8')) as { module: string; tokenLabel: string; pin: string; keyLabel: string; certificatePem: string; softhsm2Conf?: string; chainPem?: string };
    const chain = c.chainPem ? pemBlocks(c.chainPem) : [];
    return { module: c.module, tokenLabel: c.tokenLabel, pin: c.pin, keyLabel: c.keyLabel, certificate: new X509Certificate(c.certificatePem).raw, chain, ...(c.softhsm2Conf ? { softhsm2Conf: c.softhsm2Conf } : {}) };
  }

  /** Makes a holder sign with a key on a PKCS#11 token from now on (its server-held key, if any, is no longer used). */
  async useToken(holderId: string, config: { module: string; tokenLabel: string; pin: string; keyLabel: string; certificate: Buffer; chain?: Buffer[]; softhsm2Conf?: string }): Promise<void> {
    const { certificate, chain, ...rest } = config;
    await this.store.write(`holders/${safe(holderId)}.pkcs11.json`, JSON.stringify({ ...rest, certificatePem: pem(certificate), ...(chain?.length ? { chainPem: chain.map(pem).join('') } : {}) }));
  }

  /** How the holder signs when it clicks: a PKCS#11 token, a key the server holds, or none yet (made on first use). */
  async describeKey(holderId: string): Promise<{ means: 'TOKEN' | 'SERVER_KEY' | 'NONE'; tokenLabel?: string; module?: string; sha256?: string; subject?: string; issuer?: string; validTo?: string }> {
    const token = await this.tokenOf(holderId);
    const held = token ? null : await this.store.read(`holders/${safe(holderId)}.crt.pem`);
    const raw = token?.certificate ?? (held ? new X509Certificate(held).raw : null);
    if (!raw) return { means: 'NONE' };
    const c = new X509Certificate(raw);
    return {
      means: token ? 'TOKEN' : 'SERVER_KEY',
      ...(token ? { tokenLabel: token.tokenLabel, module: token.module } : {}),
      sha256: fingerprint(raw),
      subject: nameOneLine(c.subject),
      issuer: nameOneLine(c.issuer),
      validTo: new Date(c.validTo).toISOString(),
    };
  }

  /**
   * Makes the holder's server-held key one imported from a PKCS#12 file (a CA-issued key for a small deployment):
   * its certificate must chain to the trust store and be valid now. The key is stored encrypted (PKCS#8, AES-256)
   * with the certificate and its chain; a token configured for the holder is no longer used.
   * Throws Pkcs12ImportError naming the field at fault.
   */
  async importPkcs12(holderId: string, p12: Buffer, password: string): Promise<{ sha256: string; subject: string; validTo: string }> {
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
    const roots = (await this.trustedRoots()).map((d) => new X509Certificate(d));
    if (!buildChain(cert, k.chain.map((d) => new X509Certificate(d)), roots)) {
      throw new Pkcs12ImportError('file', 'Chứng thư số trong tệp không chuỗi tới chứng thư gốc tin cậy nào (nhập chứng thư gốc của CA trước).');
    }
    const now = Date.now();
    if (now < new Date(cert.validFrom).getTime() || now > new Date(cert.validTo).getTime()) throw new Pkcs12ImportError('file', 'Chứng thư số trong tệp chưa hoặc đã hết hiệu lực.');
    const base = `holders/${safe(holderId)}`;
    await this.store.write(`${base}.key.pem`, encrypted(k.key, await this.passphrase()));
    await this.store.write(`${base}.crt.pem`, pem(cert.raw));
    await this.store.write(`${base}.chain.pem`, k.chain.map(pem).join(''));
    await this.store.remove(`${base}.pkcs11.json`);
    return { sha256: fingerprint(cert.raw), subject: nameOneLine(cert.subject), validTo: new Date(cert.validTo).toISOString() };
  }

  /** Registers a certificate (PEM or DER) of a unit, for signatures it makes outside the system. */
  async registerCertificate(holderId: string, bytes: Buffer): Promise<string> {
    const cert = new X509Certificate(bytes);
    const sha = fingerprint(cert.raw);
    await this.store.write(`holders/${safe(holderId)}.registered/${sha}.pem`, pem(cert.raw));
    await this.store.write(`registered-index/${sha}`, safe(holderId));
    return sha;
  }

  /** The holder outside `own` whose certificate this is (holder-files.ts), or null. */
  otherHolderOf(own: string[], raw: Buffer, candidates: string[]): Promise<string | null> {
    return holderOutside(this.store, own, raw, candidates);
  }

  /** SHA-256 of every certificate that belongs to the holder: the server-held one and those registered. */
  async certificatesOf(holderId: string): Promise<string[]> {
    const base = `holders/${safe(holderId)}`;
    const out: string[] = [];
    const token = await this.tokenOf(holderId);
    if (token) out.push(fingerprint(token.certificate));
    const held = await this.store.read(`${base}.crt.pem`);
    if (held) out.push(fingerprint(new X509Certificate(held).raw));
    out.push(...(await this.store.list(`${base}.registered`)).map((f) => f.replace(/\.pem$/, '')));
    return out;
  }

  /**
   * The images drawn in the holder's signed cell, when stored: pades/holders/<id>.signature.(png|jpg) (the signer's
   * signature) and <id>.seal.(png|jpg) (the body's seal). Without them the appearance draws demo ones.
   */
  async appearanceImages(holderId: string): Promise<{ signatureImage: Buffer | null; sealImage: Buffer | null }> {
    const find = async (kind: string) => (await this.store.read(`holders/${safe(holderId)}.${kind}.png`)) ?? (await this.store.read(`holders/${safe(holderId)}.${kind}.jpg`));
    return { signatureImage: await find('signature'), sealImage: await find('seal') };
  }

  /** Stores the holder's signature or seal image (PNG or JPEG, checked by the caller to open), replacing the previous one. */
  async storeAppearanceImage(holderId: string, kind: 'signature' | 'seal', bytes: Buffer): Promise<void> {
    const ext = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) ? 'png' : 'jpg';
    const base = `holders/${safe(holderId)}`;
    for (const old of ['png', 'jpg']) await this.store.remove(`${base}.${kind}.${old}`);
    await this.store.write(`${base}.${kind}.${ext}`, bytes);
  }

  /** The passphrase the stored keys are encrypted with: made once (pades/keys.pass), shared like the keys. */
  private async passphrase(): Promise<string> {
    if (this.pass) return this.pass;
    await this.store.createOnce('keys.pass', () => [['keys.pass', randomBytes(24).toString('base64url')]]);
    this.pass = (await this.store.read('keys.pass'))!.toString('utf8').trim();
    return this.pass;
  }

  private async readKey(path: string): Promise<KeyObject> {
    return createPrivateKey({ key: (await this.store.read(path))!, passphrase: await this.passphrase() });
  }
}

const encrypted = (key: KeyObject, passphrase: string): string => key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;

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

export { fingerprint, safe };
