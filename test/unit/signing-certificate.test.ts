import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/app-config';
import { NativeP12Signer } from '../../src/documents/signing/native-p12-signer';
import { generateSelfSignedInWorker } from '../../src/documents/signing/self-signed';
import { SigningService } from '../../src/documents/signing/signing.service';

describe('the self-signed signing certificate of a first start', () => {
  it('is made in a worker thread: a PKCS#12 file that opens with its passphrase only', async () => {
    // The event loop keeps turning meanwhile (made on this thread, the certificate would arrive before a turn).
    let turns = 0;
    let done = false;
    const spin = () => {
      turns++;
      if (!done) setImmediate(spin);
    };
    setImmediate(spin);
    const p12 = await generateSelfSignedInWorker('correct horse').finally(() => (done = true));
    assert.ok(turns >= 3, `the event loop turned ${turns} times while the certificate was made`);
    assert.ok(p12.length > 1000);
    assert.doesNotThrow(() => new NativeP12Signer(p12, 'correct horse'));
    assert.throws(() => new NativeP12Signer(p12, 'wrong'));
  });

  it('is written to the data folder (mode 0600) once ready, and the next start reads it instead of making another', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'thidua-signing-'));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    const first = new SigningService(config);
    await first.ready();
    const p12 = readFileSync(join(dataDir, 'signing.p12'));
    assert.equal(statSync(join(dataDir, 'signing.p12')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dataDir, 'signing.p12.pass')).mode & 0o777, 0o600);
    // Opened on the first document: the start does not pay for opening a certificate it has just made.
    first.verifyAtStart();
    assert.equal(opened(first), false);
    assert.ok(first.open());

    const second = new SigningService(config);
    await second.ready();
    assert.deepEqual(readFileSync(join(dataDir, 'signing.p12')), p12);
    assert.doesNotThrow(() => second.verifyAtStart());
    assert.equal(opened(second), true);
  });

  it('stops the start when the certificate on file does not open with its passphrase', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'thidua-signing-'));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    return new SigningService(config).ready().then(() => {
      writeFileSync(join(dataDir, 'signing.p12.pass'), 'not the passphrase\n', { mode: 0o600 });
      assert.throws(() => new SigningService(config).verifyAtStart());
    });
  });
});

/** Whether the service has opened (decrypted) its certificate yet. */
const opened = (service: SigningService): boolean => (service as unknown as { signer?: unknown }).signer !== undefined;
