import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { holderName, issueCertificate } from '../../src/documents/signing/pades/certificates';

describe('the holder a certificate names (its CN), as the signed cells and the signature report show it', () => {
  const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  const holder = (commonName: string) =>
    holderName(new X509Certificate(issueCertificate({ commonName, organization: 'thidua, kiểm thử', publicKey: key, ca: false, validFrom: new Date('2026-01-01'), validTo: new Date('2027-01-01') }, null, key)));
  const cases: Array<[string, string]> = [
    ['a plain Vietnamese name', 'Sở Khoa học và Công nghệ tỉnh Gia Lai'],
    ['a comma inside the name (the one-line subject split it there)', 'Sở KH&CN, tỉnh Gia Lai'],
    ['characters RFC 4514 escapes', 'A+B "C" <D>; E=F \\ G'],
  ];
  for (const [name, cn] of cases) it(name, () => assert.equal(holder(cn), cn));
});
