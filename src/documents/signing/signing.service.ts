import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.tokens';
import { NativeP12Signer } from './native-p12-signer';
import { placeholder, signpdf } from '../libraries';
import { generateSelfSignedInWorker } from './self-signed';

export interface SignatureMeta {
  /** Shown by PDF readers; Vietnamese is fine here (the certificate's own names stay ASCII). */
  name: string;
  reason: string;
  location: string;
}

/**
 * Signs every PDF the system issues with the organisation's certificate: a detached PKCS#7 signature
 * (adbe.pkcs7.detached) added to the finished file, which pdfsig and Acrobat validate.
 * Without SIGNING_P12_PATH a self-signed certificate is generated into data/ on first start, in a worker thread.
 */
@Injectable()
export class SigningService {
  private readonly logger = new Logger(SigningService.name);
  private source!: { p12: Buffer; passphrase: string };
  private signer?: NativeP12Signer;

  /** Started at construction (while the server migrates and seeds) when a self-signed certificate must be made. */
  private readonly generating?: Promise<void>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const file = join(this.config.dataDir, 'signing.p12');
    const passFile = join(this.config.dataDir, 'signing.p12.pass');
    if (this.config.signingP12Path) {
      this.source = { p12: readFileSync(this.config.signingP12Path), passphrase: this.config.signingP12Password ?? '' };
      this.logger.log(`Signing documents with the certificate in ${this.config.signingP12Path}.`);
    } else if (existsSync(file) && existsSync(passFile)) {
      this.logger.log(`Signing documents with the self-signed certificate in ${file} (set SIGNING_P12_PATH for a real one).`);
      this.source = { p12: readFileSync(file), passphrase: readFileSync(passFile, 'utf8').trim() };
    } else {
      this.generating = this.generate(file, passFile);
      // Awaited by ready() (createApp, sign): a failure is reported there, not as an unhandled rejection meanwhile.
      this.generating.catch(() => undefined);
    }
  }

  /** Resolves once the certificate is ready (createApp awaits it before the server serves). */
  async ready(): Promise<void> {
    await this.generating;
  }

  private async generate(file: string, passFile: string): Promise<void> {
    const passphrase = randomBytes(24).toString('base64url');
    const p12 = await generateSelfSignedInWorker(passphrase);
    mkdirSync(this.config.dataDir, { recursive: true });
    writeFileSync(file, p12, { mode: 0o600 });
    writeFileSync(passFile, `${passphrase}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    this.source = { p12, passphrase };
    this.logger.warn(
      `No signing certificate configured (SIGNING_P12_PATH): generated a self-signed one in ${file}. ` +
        'Install the organisation’s certificate for real use (see README).',
    );
  }

  /**
   * At start (main.ts): opens a certificate read from a file, so that a wrong certificate or passphrase stops the start
   * rather than the first download. One this process has just generated is opened on the first document.
   */
  verifyAtStart(): void {
    if (!this.generating) this.open();
  }

  /** Opens the certificate (decrypts the PKCS#12) once, on the first document signed or at start (verifyAtStart). */
  open(): NativeP12Signer {
    return (this.signer ??= new NativeP12Signer(this.source.p12, this.source.passphrase));
  }

  async sign(pdf: Buffer, meta: SignatureMeta): Promise<Buffer> {
    await this.ready();
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
