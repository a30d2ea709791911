import { Signer } from '@signpdf/utils';
import type forge from 'node-forge';
import { forge as loadForge } from '../libraries';
import { KeyObject, constants, createPrivateKey, privateEncrypt } from 'node:crypto';

/** DER prefix of a DigestInfo for SHA-256 (RFC 8017 §9.2): RSASSA-PKCS1-v1_5 signs prefix ‖ hash. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A PKCS#12 signer for @signpdf that decrypts the certificate once and signs with Node's native RSA
 * (the stock P12Signer decrypts the PKCS#12 and signs in pure JavaScript on every call).
 * The CMS structure is still built by node-forge: detached, SHA-256, with signing time.
 */
export class NativeP12Signer extends Signer {
  private readonly certificate: forge.pki.Certificate;
  private readonly chain: forge.pki.Certificate[];
  private readonly privateKey: KeyObject;

  constructor(p12: Buffer, passphrase: string) {
    super();
    const forge = loadForge();
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase);
    const keyBag = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0];
    const certBags = parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
    const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
    if (!key) throw new Error('The PKCS#12 file holds no private key.');
    this.chain = certBags.map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
    const match = this.chain.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n.compareTo(key.n) === 0);
    if (!match) throw new Error('No certificate in the PKCS#12 file matches its private key.');
    this.certificate = match;
    this.privateKey = createPrivateKey(forge.pki.privateKeyToPem(key));
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const forge = loadForge();
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    for (const cert of this.chain) p7.addCertificate(cert);
    const nativeKey = this.privateKey;
    p7.addSigner({
      // forge calls key.sign(md): sign the DigestInfo with the native RSA implementation instead.
      key: {
        sign: (md: forge.md.MessageDigest) =>
          privateEncrypt(
            { key: nativeKey, padding: constants.RSA_PKCS1_PADDING },
            Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().bytes(), 'binary')]),
          ).toString('binary'),
      } as unknown as forge.pki.rsa.PrivateKey,
      certificate: this.certificate,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}
