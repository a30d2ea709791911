import { execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyObject, X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyAndCertificate, generateKey, issueCertificate } from '../../src/documents/signing/pades/certificates';
import { Revoked, issueCrl } from '../../src/documents/signing/pades/crl';
import { UnitKeysService } from '../../src/documents/signing/unit-keys.service';
import { crc32, deflateSync } from 'node:zlib';
import { hasTool } from './pdf-tools';
import { IN_PROCESS_ONLY, binary, type TestApp } from './test-app';

export const NSS_MISSING = !hasTool('certutil') || !hasTool('pk12util') || !hasTool('openssl')
  ? 'libnss3-tools (certutil, pk12util) or openssl is not installed (apt-get install libnss3-tools); CI installs it'
  : false;

export const QPDF_MISSING = !hasTool('qpdf') ? 'qpdf is not installed (apt-get install qpdf); CI installs it' : false;

const YEAR = 365 * 24 * 3600_000;

/** A test root CA (RSA) and certificates issued by it. */
export function testCa(): KeyAndCertificate & { issue(cn: string, algorithm: 'RSA' | 'EC'): KeyAndCertificate } {
  const key = generateKey('RSA');
  const now = Date.now();
  const certificate = issueCertificate(
    { commonName: 'thidua test CA', organization: 'thidua', publicKey: key, ca: true, validFrom: new Date(now - YEAR), validTo: new Date(now + 10 * YEAR) },
    null,
    key,
  );
  return {
    key,
    certificate,
    chain: [],
    issue(cn, algorithm) {
      const k = generateKey(algorithm);
      const cert = issueCertificate({ commonName: cn, organization: 'thidua demo', publicKey: k, ca: false, validFrom: new Date(now - 3600_000), validTo: new Date(now + 2 * YEAR) }, { certificate, key }, key);
      return { key: k, certificate: cert, chain: [certificate] };
    },
  };
}

const pem = (der: Buffer) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})(?!$)/g, '$1\n')}\n-----END CERTIFICATE-----\n`;

/**
 * An NSS database (certutil) holding the signer's key and certificate under `nick`, and the CA as a trusted
 * root: what poppler's `pdfsig -add-signature`/`-sign` signs with.
 */
export function nssDatabase(signer: KeyAndCertificate, ca: Buffer, nick: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-nss-'));
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  writeFileSync(join(dir, 'key.pem'), (signer.key as KeyObject).export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'cert.pem'), pem(signer.certificate));
  writeFileSync(join(dir, 'ca.pem'), pem(ca));
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem'), '-name', nick, '-out', join(dir, 'signer.p12'), '-passout', 'pass:x']);
  execFileSync('pk12util', ['-i', join(dir, 'signer.p12'), '-d', `sql:${dir}`, '-W', 'x']);
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'thidua-test-ca', '-t', 'CT,C,C', '-i', join(dir, 'ca.pem')]);
  return dir;
}

export const SOFTHSM_MODULE = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'].find((p) => existsSync(p)) ?? null;
export const SOFTHSM_MISSING = !SOFTHSM_MODULE || !hasTool('softhsm2-util') ? 'SoftHSM2 is not installed (apt-get install softhsm2): the PKCS#11 signing test is SKIPPED; CI installs it' : false;
if (SOFTHSM_MISSING) process.stderr.write(`\n*** ${SOFTHSM_MISSING} ***\n`);

/**
 * A fresh SoftHSM2 token (its own configuration and token directory, set for this process) holding the key under
 * keyLabel: a real PKCS#11 module the signer talks to as it would to a USB token.
 */
export function softHsmToken(key: KeyObject, tokenLabel: string, keyLabel: string): { module: string; tokenLabel: string; pin: string; keyLabel: string } {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-softhsm-'));
  mkdirSync(join(dir, 'tokens'));
  writeFileSync(join(dir, 'softhsm2.conf'), `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  // One configuration per process: the module reads it when it is first initialised.
  process.env.SOFTHSM2_CONF ??= join(dir, 'softhsm2.conf');
  const env = { ...process.env };
  const pin = '123456';
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', tokenLabel, '--pin', pin, '--so-pin', '654321'], { env, stdio: 'ignore' });
  writeFileSync(join(dir, 'key.pem'), key.export({ type: 'pkcs8', format: 'pem' }));
  execFileSync('softhsm2-util', ['--import', join(dir, 'key.pem'), '--token', tokenLabel, '--label', keyLabel, '--id', '01', '--pin', pin], { env, stdio: 'ignore' });
  return { module: SOFTHSM_MODULE!, tokenLabel, pin, keyLabel };
}

/**
 * A local time-stamping authority: `openssl ts -reply` behind a small HTTP server (RFC 3161 over HTTP), with its own
 * root CA and a TSA certificate (timeStamping) that names the server's /tsa-ca.crl as its CRL distribution point,
 * where the root's CRL is published (listing the serials passed to revoke()). Returns its address, the root and stop.
 */
export async function startTsa(port = 0): Promise<{ url: string; root: Buffer; revoke(): void; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-tsa-'));
  const revoked: Revoked[] = [];
  let root: { certificate: Buffer; key: KeyObject } | null = null;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/tsa-ca.crl') {
      res.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(issueCrl(root!, revoked, 1 + revoked.length, new Date(Date.now() - 60_000), new Date(Date.now() + 7 * 24 * 3600_000)));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const query = join(dir, `q-${Date.now()}-${Math.random()}.tsq`);
      writeFileSync(query, Buffer.concat(chunks));
      const reply = `${query}.tsr`;
      const r = spawnSync('openssl', ['ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', query, '-out', reply]);
      if (r.status !== 0) {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(readFileSync(reply));
    });
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const at = (f: string) => join(dir, f);
  const quiet = { stdio: 'ignore' as const };
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', '/CN=thidua test TSA root', '-keyout', at('root.key'), '-out', at('root.crt')], quiet);
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=thidua test TSA', '-keyout', at('tsa.key'), '-out', at('tsa.csr')], quiet);
  writeFileSync(at('tsa.ext'), `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\ncrlDistributionPoints=URI:${base}/tsa-ca.crl\n`);
  execFileSync('openssl', ['x509', '-req', '-in', at('tsa.csr'), '-CA', at('root.crt'), '-CAkey', at('root.key'), '-CAcreateserial', '-days', '365', '-extfile', at('tsa.ext'), '-out', at('tsa.crt')], quiet);
  root = { certificate: new X509Certificate(readFileSync(at('root.crt'))).raw, key: createPrivateKey(readFileSync(at('root.key'))) };
  writeFileSync(at('serial'), '01\n');
  writeFileSync(
    at('tsa.cnf'),
    ['[ tsa ]', 'default_tsa = tsa1', '[ tsa1 ]', `serial = ${at('serial')}`, 'crypto_device = builtin', `signer_cert = ${at('tsa.crt')}`, `certs = ${at('tsa.crt')}`, `signer_key = ${at('tsa.key')}`, 'signer_digest = sha256', 'default_policy = 1.3.6.1.4.1.99999.1', 'digests = sha256', 'accuracy = secs:1', 'ordering = yes', 'tsa_name = no', 'ess_cert_id_chain = no', 'ess_cert_id_alg = sha256', ''].join('\n'),
  );
  const tsaCert = new X509Certificate(readFileSync(at('tsa.crt')));
  return {
    url: `${base}/tsa`,
    root: root.certificate,
    revoke: () => revoked.push({ serial: tsaCert.serialNumber, at: new Date(Date.now() - 3600_000) }),
    stop: () => new Promise((ok) => server.close(() => ok())),
  };
}

/**
 * Counts the pixels of a page area rendered by pdftoppm at 72 dpi (1 px per point; PDF rect, origin bottom left) that
 * are seal red (R high, G and B low) and ink blue (B high, R low): what a drawn signature appearance puts there.
 */
export function inkIn(pdf: string, page: number, rect: number[]): { red: number; blue: number } {
  const [x1, y1, x2, y2] = rect;
  const height = Number(/Page size:\s*[\d.]+ x ([\d.]+)/.exec(execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), pdf], { encoding: 'utf8' }))?.[1] ?? 842);
  const ppm = execFileSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-x', String(Math.round(x1)), '-y', String(Math.round(height - y2)), '-W', String(Math.round(x2 - x1)), '-H', String(Math.round(y2 - y1)), pdf]);
  // P6 header: "P6\n<w> <h>\n255\n", then RGB bytes.
  let at = 0;
  for (let lines = 0; lines < 3; at++) if (ppm[at] === 0x0a) lines++;
  let red = 0;
  let blue = 0;
  for (let i = at; i + 2 < ppm.length; i += 3) {
    const [r, g, b] = [ppm[i], ppm[i + 1], ppm[i + 2]];
    if (r > 170 && g < 110 && b < 110) red++;
    if (b > 110 && r < 90 && g < 110) blue++;
  }
  return { red, blue };
}

/**
 * A certificate the app's demo test CA issues (as a commercial CA would issue a token's or a PKCS#12's), with its key.
 * The CA as the application holds it; through the balancer (no application here), read from the instances' shared
 * signing state (pades_files) once one of them has made it.
 */
export async function issuedByDemoCa(t: TestApp, cn: string, algorithm: 'RSA' | 'EC' = 'RSA'): Promise<KeyAndCertificate & { caCert: Buffer }> {
  const { key: caKey, certificate: caCert } = IN_PROCESS_ONLY ? await sharedDemoCa(t) : await t.app.get(UnitKeysService).testCa();
  const key = generateKey(algorithm);
  const certificate = issueCertificate({ commonName: cn, organization: 'own token', publicKey: key, ca: false, validFrom: new Date(Date.now() - 3600_000), validTo: new Date(Date.now() + YEAR) }, { certificate: caCert, key: caKey }, caKey);
  return { key, certificate, chain: [caCert], caCert };
}

async function sharedDemoCa(t: TestApp): Promise<{ key: KeyObject; certificate: Buffer }> {
  const certificate = (await t.http.get('/api/signing/test-ca.crt').buffer(true).parse(binary).expect(200)).body as Buffer;
  const rows = (await t.dataSource.query("SELECT path, content FROM pades_files WHERE path IN ('test-ca.key.pem', 'keys.pass')")) as Array<{ path: string; content: Buffer }>;
  const file = (path: string) => rows.find((r) => r.path === path)!.content;
  return { key: createPrivateKey({ key: file('test-ca.key.pem'), passphrase: file('keys.pass').toString('utf8').trim() }), certificate };
}

/**
 * The port the time-stamping authority a test starts must listen on: through the balancer, the one the instances
 * were started with (TSA_URL in E2E_INSTANCE_ENV); in-process, any free port (0).
 */
export function instancesTsaPort(): number {
  const url = (JSON.parse(process.env.E2E_INSTANCE_ENV ?? '{}') as { TSA_URL?: string }).TSA_URL;
  return IN_PROCESS_ONLY && url ? Number(new URL(url).port) : 0;
}

/** A PKCS#12 file (openssl's defaults) holding the key, its certificate and the CA's. */
export function pkcs12File(signer: { key: KeyObject; certificate: Buffer; caCert: Buffer }, password: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-p12-'));
  writeFileSync(join(dir, 'key.pem'), signer.key.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'cert.pem'), pem(signer.certificate));
  writeFileSync(join(dir, 'ca.pem'), pem(signer.caCert));
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem'), '-certfile', join(dir, 'ca.pem'), '-out', join(dir, 'k.p12'), '-passout', `pass:${password}`]);
  return readFileSync(join(dir, 'k.p12'));
}

/** A small RGBA PNG (a filled disc of the colour on a transparent ground): a stand-in for a seal or signature image. */
export function discPng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 <= (size / 2 - 1) ** 2;
      row.set([r, g, b, inside ? 255 : 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
