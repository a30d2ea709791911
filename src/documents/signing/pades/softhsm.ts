/* eslint-disable @typescript-eslint/no-require-imports -- the native PKCS#11 binding loads only where a token is made */
import { KeyObject, createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Pkcs11Module from 'pkcs11js';
import { withSoftHsmConf } from './pkcs11-signer';

/** Where Debian's softhsm2 package puts its PKCS#11 module (amd64, arm64, the generic path). */
const SOFTHSM_MODULES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so'];

/** The SoftHSM2 module of this machine, or null when softhsm2 is not installed. */
export function softHsmModule(): string | null {
  return SOFTHSM_MODULES.find((p) => existsSync(p)) ?? null;
}

/** prime256v1 (P-256) as the DER OID CKA_EC_PARAMS carries. */
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');
/** SubjectPublicKeyInfo prefix of a P-256 key: SEQUENCE { SEQUENCE { ecPublicKey, prime256v1 }, BIT STRING (65 bytes) }. */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

export interface SoftHsmToken {
  module: string;
  /** The configuration file (SOFTHSM2_CONF) naming the token directory. */
  conf: string;
  tokenLabel: string;
  pin: string;
  keyLabel: string;
  /** The public half of the key pair generated inside the token (the private half never leaves it). */
  publicKey: KeyObject;
}

/**
 * A new SoftHSM2 token in its own directory (dir/tokens, configured by dir/softhsm2.conf), initialised through the
 * PKCS#11 interface itself (C_InitToken, C_InitPIN: no softhsm2-util needed), holding an ECDSA P-256 key pair
 * generated on the token: the private key is sensitive and not extractable, as on a USB token.
 */
export function createSoftHsmToken(module: string, dir: string, tokenLabel: string, keyLabel: string, pin: string, soPin: string): SoftHsmToken {
  const lib = require('pkcs11js') as typeof Pkcs11Module;
  mkdirSync(join(dir, 'tokens'), { recursive: true, mode: 0o700 });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`, { mode: 0o600 });
  const point = withSoftHsmConf(conf, () => {
    const p = new lib.PKCS11();
    p.load(module);
    p.C_Initialize();
    try {
      const free = p.C_GetSlotList(false).find((s) => !(p.C_GetTokenInfo(s).flags & lib.CKF_TOKEN_INITIALIZED));
      if (free === undefined) throw new Error('SoftHSM2 has no free slot.');
      p.C_InitToken(free, soPin, tokenLabel.padEnd(32, ' '));
      // SoftHSM2 gives the initialised token a new slot id: find it again by its label.
      const slot = p.C_GetSlotList(true).find((s) => p.C_GetTokenInfo(s).label.trim() === tokenLabel);
      if (slot === undefined) throw new Error(`SoftHSM2 lost the token "${tokenLabel}".`);
      const session = p.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION);
      try {
        p.C_Login(session, lib.CKU_SO, soPin);
        p.C_InitPIN(session, pin);
        p.C_Logout(session);
        p.C_Login(session, lib.CKU_USER, pin);
        const label = Buffer.from(keyLabel, 'utf8');
        const id = Buffer.from([1]);
        const keys = p.C_GenerateKeyPair(
          session,
          { mechanism: lib.CKM_EC_KEY_PAIR_GEN },
          [
            { type: lib.CKA_TOKEN, value: true },
            { type: lib.CKA_VERIFY, value: true },
            { type: lib.CKA_EC_PARAMS, value: P256_PARAMS },
            { type: lib.CKA_LABEL, value: label },
            { type: lib.CKA_ID, value: id },
          ],
          [
            { type: lib.CKA_TOKEN, value: true },
            { type: lib.CKA_PRIVATE, value: true },
            { type: lib.CKA_SIGN, value: true },
            { type: lib.CKA_SENSITIVE, value: true },
            { type: lib.CKA_EXTRACTABLE, value: false },
            { type: lib.CKA_LABEL, value: label },
            { type: lib.CKA_ID, value: id },
          ],
        );
        return p.C_GetAttributeValue(session, keys.publicKey, [{ type: lib.CKA_EC_POINT }])[0].value as Buffer;
      } finally {
        p.C_CloseSession(session);
      }
    } finally {
      p.C_Finalize();
    }
  });
  // CKA_EC_POINT is the uncompressed point wrapped in a DER OCTET STRING (04 41 04‖x‖y).
  const raw = point.length === 67 && point[0] === 0x04 && point[1] === 0x41 ? point.subarray(2) : point;
  if (raw.length !== 65 || raw[0] !== 0x04) throw new Error('SoftHSM2 returned an EC point that is not an uncompressed P-256 point.');
  const publicKey = createPublicKey({ key: Buffer.concat([P256_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  return { module, conf, tokenLabel, pin, keyLabel, publicKey };
}
