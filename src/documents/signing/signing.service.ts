import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.tokens';
import { NativeP12Signer } from './native-p12-signer';
import { forge as loadForge, placeholder, signpdf } from '../libraries';

export interface SignatureMeta {
  /** Shown by PDF readers; Vietnamese is fine here (the certificate's own names stay ASCII). */
  name: string;
  reason: string;
  location: string;
}

/**
 * Signs every PDF the system issues with the organisation's certificate: a detached PKCS#7 signature
 * (adbe.pkcs7.detached) added to the finished file, which pdfsig and Acrobat validate.
 * Without SIGNING_P12_PATH a self-signed certificate is generated into data/ on first start.
 */
@Injectable()
export class SigningService implements OnModuleInit {
  private readonly logger = new Logger(SigningService.name);
  private source!: { p12: Buffer; passphrase: string };
  private signer?: NativeP12Signer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (this.config.signingP12Path) {
      this.source = { p12: readFileSync(this.config.signingP12Path), passphrase: this.config.signingP12Password ?? '' };
      this.logger.log(`Signing documents with the certificate in ${this.config.signingP12Path}.`);
      return;
    }
    const file = join(this.config.dataDir, 'signing.p12');
    const passFile = join(this.config.dataDir, 'signing.p12.pass');
    if (!existsSync(file) || !existsSync(passFile)) {
      mkdirSync(this.config.dataDir, { recursive: true });
      const passphrase = randomBytes(24).toString('base64url');
      writeFileSync(file, generateSelfSigned(passphrase), { mode: 0o600 });
      writeFileSync(passFile, `${passphrase}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
      this.logger.warn(
        `No signing certificate configured (SIGNING_P12_PATH): generated a self-signed one in ${file}. ` +
          'Install the organisation’s certificate for real use (see README).',
      );
    } else {
      this.logger.log(`Signing documents with the self-signed certificate in ${file} (set SIGNING_P12_PATH for a real one).`);
    }
    this.source = { p12: readFileSync(file), passphrase: readFileSync(passFile, 'utf8').trim() };
  }

  /**
   * Opens the certificate (decrypts the PKCS#12) once, on the first document signed; the server calls it at start
   * (main.ts) so that a wrong certificate or passphrase stops the start rather than the first download.
   */
  open(): NativeP12Signer {
    return (this.signer ??= new NativeP12Signer(this.source.p12, this.source.passphrase));
  }

  async sign(pdf: Buffer, meta: SignatureMeta): Promise<Buffer> {
    const withPlaceholder = placeholder().plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: meta.reason,
      contactInfo: this.config.publicBaseUrl,
      name: meta.name,
      location: meta.location,
      signatureLength: 8192,
    });
    return signpdf().sign(withPlaceholder, this.open());
  }
}

/**
 * A self-signed RSA-2048 certificate in a PKCS#12 file. The certificate's names stay ASCII: non-ASCII
 * subjects break node-forge's PKCS#12 MAC and pdfsig's validation (measured).
 */
export function generateSelfSigned(passphrase: string): Buffer {
  const forge = loadForge();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600_000);
  const attrs = [
    { name: 'commonName', value: 'thidua document signing (self-signed)' },
    { name: 'organizationName', value: 'thidua' },
    { name: 'countryName', value: 'VN' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
