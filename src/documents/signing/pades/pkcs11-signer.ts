/* eslint-disable @typescript-eslint/no-require-imports -- the native PKCS#11 binding loads only where a token is configured */
import { createHash } from 'node:crypto';
import type * as Pkcs11Module from 'pkcs11js';
import { CmsSigner } from './cades';

/** Where a unit's key lives on a PKCS#11 token (a USB token, an HSM, SoftHSM2 in the tests and the demo). */
export interface Pkcs11KeyConfig {
  /** The module (shared library) path, e.g. /usr/lib/softhsm/libsofthsm2.so or a vendor's token driver. */
  module: string;
  tokenLabel: string;
  pin: string;
  /** CKA_LABEL of the private key. */
  keyLabel: string;
  /** The key's certificate (DER) and the intermediates to embed. */
  certificate: Buffer;
  chain: Buffer[];
  /**
   * SoftHSM2 only: the configuration file naming the token directory (SOFTHSM2_CONF), set around each session; the
   * demo's token lives in the data folder. Other modules find their tokens themselves.
   */
  softhsm2Conf?: string;
}

/**
 * Runs a synchronous PKCS#11 job with SOFTHSM2_CONF set to the given file (SoftHSM2 reads it at C_Initialize), then
 * puts the variable back. The job is synchronous, so nothing else in the process sees the change.
 */
export function withSoftHsmConf<T>(conf: string | undefined, job: () => T): T {
  if (!conf) return job();
  const before = process.env.SOFTHSM2_CONF;
  process.env.SOFTHSM2_CONF = conf;
  try {
    return job();
  } finally {
    if (before === undefined) delete process.env.SOFTHSM2_CONF;
    else process.env.SOFTHSM2_CONF = before;
  }
}

/**
 * A signer over a private key that never leaves the token: RSASSA-PKCS1-v1_5 with SHA-256 (CKM_SHA256_RSA_PKCS), or
 * ECDSA over the SHA-256 digest (CKM_ECDSA; the token's raw r‖s turned into DER). One session per signature.
 */
export function pkcs11Signer(config: Pkcs11KeyConfig): CmsSigner {
  const lib = require('pkcs11js') as typeof Pkcs11Module;
  let keyAlgorithm: 'RSA' | 'EC' = 'RSA';
  const withKey = <T>(job: (p: Pkcs11Module.PKCS11, session: Pkcs11Module.Handle, key: Pkcs11Module.Handle) => T): T => withSoftHsmConf(config.softhsm2Conf, () => {
    const p = new lib.PKCS11();
    p.load(config.module);
    p.C_Initialize();
    try {
      const slot = p.C_GetSlotList(true).find((s) => p.C_GetTokenInfo(s).label.trim() === config.tokenLabel);
      if (!slot) throw new Error(`Không tìm thấy token "${config.tokenLabel}" trong ${config.module}.`);
      const session = p.C_OpenSession(slot, lib.CKF_SERIAL_SESSION);
      try {
        p.C_Login(session, lib.CKU_USER, config.pin);
        p.C_FindObjectsInit(session, [
          { type: lib.CKA_CLASS, value: lib.CKO_PRIVATE_KEY },
          { type: lib.CKA_LABEL, value: config.keyLabel },
        ]);
        const key = p.C_FindObjects(session);
        p.C_FindObjectsFinal(session);
        if (!key) throw new Error(`Token "${config.tokenLabel}" không có khóa bí mật "${config.keyLabel}".`);
        return job(p, session, key);
      } finally {
        p.C_CloseSession(session);
      }
    } finally {
      p.C_Finalize();
    }
  });
  const type = withKey((p, session, key) => (p.C_GetAttributeValue(session, key, [{ type: lib.CKA_KEY_TYPE }])[0].value as Buffer).readUInt32LE(0));
  keyAlgorithm = type === lib.CKK_EC ? 'EC' : 'RSA';
  return {
    certificate: config.certificate,
    chain: config.chain,
    keyAlgorithm,
    sign: (data) =>
      Promise.resolve(
        withKey((p, session, key) => {
          if (keyAlgorithm === 'RSA') {
            p.C_SignInit(session, { mechanism: lib.CKM_SHA256_RSA_PKCS }, key);
            return Buffer.from(p.C_Sign(session, data, Buffer.alloc(1024)));
          }
          p.C_SignInit(session, { mechanism: lib.CKM_ECDSA }, key);
          return ecdsaDer(Buffer.from(p.C_Sign(session, createHash('sha256').update(data).digest(), Buffer.alloc(256))));
        }),
      ),
  };
}

/** r‖s (as PKCS#11 returns an ECDSA signature) → DER Ecdsa-Sig-Value (as CMS carries it). */
export function ecdsaDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  const int = (b: Buffer) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    const body = v[0] & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v;
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const seq = Buffer.concat([int(raw.subarray(0, half)), int(raw.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30, seq.length]), seq]);
}
