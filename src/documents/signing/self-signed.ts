import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { forge as loadForge } from '../libraries';

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

/**
 * generateSelfSigned in a worker thread: its 0.2–0.5 s of CPU (the RSA key, node-forge's signature and PKCS#12
 * encryption in JavaScript) run on another core while the server migrates and seeds, instead of before it.
 */
export function generateSelfSignedInWorker(passphrase: string): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(join(__dirname, 'self-signed.worker.js'), { workerData: { passphrase } });
    let done = false;
    worker.once('message', (p12: Uint8Array) => {
      done = true;
      resolvePromise(Buffer.from(p12.buffer, p12.byteOffset, p12.byteLength));
    });
    worker.once('error', (error) => {
      done = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`The certificate worker exited (code ${code}) without a certificate.`));
    });
  });
}
