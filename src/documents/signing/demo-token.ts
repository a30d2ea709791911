import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { certificateCommonName, issueCertificate } from './pades/certificates';
import { createSoftHsmToken, softHsmModule } from './pades/softhsm';
import { UnitKeysService, YEAR, safe } from './unit-keys.service';

/**
 * The demo's unit on a hardware token: when SoftHSM2 is installed, a token made in the data folder
 * (softhsm/<holder>/), an ECDSA P-256 key generated inside it, certified by the demo CA, and the holder set to sign
 * through it. Returns the token's label (at most 32 characters), or null when SoftHSM2 is not installed or the holder
 * already has a token. Only for one instance (the token directory is this machine's): the demo on SQLite.
 */
export async function provisionDemoToken(keys: UnitKeysService, dataDir: string, holderId: string, commonName: string, tokenLabel: string): Promise<string | null> {
  const module = softHsmModule();
  if (!module || (await keys.tokenOf(holderId))) return null;
  const ca = await keys.testCa();
  const token = createSoftHsmToken(module, join(dataDir, 'softhsm', safe(holderId)), tokenLabel, 'signing-key', randomBytes(6).toString('hex'), randomBytes(8).toString('hex'));
  const now = Date.now();
  // The unit's name alone: it is printed on the signed documents ("Ký số bởi: …"); the issuer says it is the demo's.
  const cn = certificateCommonName(commonName || holderId);
  const certificate = issueCertificate({ commonName: cn, organization: 'thidua demo', publicKey: token.publicKey, ca: false, validFrom: new Date(now - 3600_000), validTo: new Date(now + 3 * YEAR), crlUrl: keys.crlUrl }, ca, ca.key);
  await keys.useToken(holderId, { module: token.module, tokenLabel, pin: token.pin, keyLabel: token.keyLabel, certificate, chain: [ca.certificate], softhsm2Conf: token.conf });
  return tokenLabel;
}
