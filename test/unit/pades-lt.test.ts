import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { renderPledgeForSigning } from '../../src/documents/pdf/pledge.pdf';
import { keySigner } from '../../src/documents/signing/pades/certificates';
import { issueCrl, parseCrl } from '../../src/documents/signing/pades/crl';
import { addDss, collectValidationData, crlDistributionPoints, readDss } from '../../src/documents/signing/pades/dss';
import { PdfFile } from '../../src/documents/signing/pades/pdf-file';
import { addSignatureFields, signField } from '../../src/documents/signing/pades/pdf-update';
import { tsaClient } from '../../src/documents/signing/pades/timestamp';
import { verifyPdfSignatures } from '../../src/documents/signing/pades/verify';
import { pledgeFixture } from '../support/document-fixtures';
import { NSS_MISSING, QPDF_MISSING, startTsa, testCa } from '../support/pades-tools';
import { POPPLER_MISSING, tempFile } from '../support/pdf-tools';

/**
 * PAdES-B-T verified and PAdES-B-LT: the timestamp token's own signature, imprint and TSA chain; the DSS with every
 * certificate and CRL, read back for an offline verification; a revoked certificate found in it.
 */
describe('timestamps verified and validation data in the DSS (PAdES-B-LT)', { skip: NSS_MISSING }, () => {
  let tsa: Awaited<ReturnType<typeof startTsa>>;
  const ca = testCa();
  const unit1 = ca.issue('Unit 1', 'RSA');
  const unit2 = ca.issue('Unit 2', 'EC');
  let signed: Buffer;
  const caCrl = (revoked: X509Certificate[] = []) => issueCrl(ca, revoked.map((c) => ({ serial: c.serialNumber, at: new Date(Date.now() - 60_000) })), 1, new Date(Date.now() - 120_000), new Date(Date.now() + 7 * 24 * 3600_000));
  /** The demo CA's CRL for its certificates; the TSA's from its distribution point (fetched like a real one). */
  // One CRL per collection, as a CA publishes one per period (made per call, two calls a second apart gave two CRLs).
  const crlOf = (revoked: X509Certificate[]) => {
    let issued: Buffer | null = null;
    return async (cert: X509Certificate, issuer: X509Certificate) => {
      if (issuer.raw.equals(ca.certificate)) return (issued ??= caCrl(revoked));
      const [url] = crlDistributionPoints(cert);
      return url ? Buffer.from(await (await fetch(url)).arrayBuffer()) : null;
    };
  };
  before(async () => {
    tsa = await startTsa();
    const { pdf, cells } = await renderPledgeForSigning(pledgeFixture(2));
    signed = addSignatureFields(pdf, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
    signed = await signField(signed, { field: 'member-1', signer: keySigner(unit1), timestamper: tsaClient(tsa.url), reserve: 24576 });
    signed = await signField(signed, { field: 'member-2', signer: keySigner(unit2), timestamper: tsaClient(tsa.url), reserve: 24576 });
  });
  after(() => tsa.stop());

  it('a timestamp from a TSA outside the trust store is reported; with its root trusted the signatures are B-T', () => {
    const untrusted = verifyPdfSignatures(signed, [ca.certificate]).signatures;
    for (const c of untrusted) {
      assert.equal(c.timestampTrusted, false);
      assert.equal(c.timestampAuthority, 'CN=thidua test TSA');
      assert.match(c.problems.join(' '), /máy chủ cấp dấu thời gian không chuỗi tới chứng thư gốc tin cậy/);
      assert.equal(c.level, 'B-B');
    }
    const trusted = verifyPdfSignatures(signed, [ca.certificate, tsa.root]).signatures;
    assert.deepEqual(trusted.map((c) => [c.level, c.revocation, c.problems.length]), [['B-T', 'unknown', 0], ['B-T', 'unknown', 0]]);
  });

  it('a token whose signature or imprint does not verify is reported and gives no time', () => {
    const stamped = new PdfFile(signed);
    // Flip one byte inside the TSA's signature value at the end of the first token (the CMS is hex in /Contents).
    const sig = stamped.dict(stamped.signatureFields()[0].value!)!;
    const raw = (sig.get('Contents') as { raw: string }).raw;
    const at = signed.indexOf(raw.slice(0, 64)) + raw.replace(/(00)+>$/, '').length - 10;
    const tampered = Buffer.from(signed);
    tampered[at] = tampered[at] === 0x30 ? 0x31 : 0x30;
    const [first] = verifyPdfSignatures(tampered, [ca.certificate, tsa.root]).signatures;
    // The CMS itself is outside the signed bytes: the member's signature stays intact, its timestamp does not.
    assert.equal(first.intact, true);
    assert.equal(first.timestampTime, null);
    assert.match(first.problems.join(' '), /Dấu thời gian: /);
    assert.equal(first.level, 'B-B');
  });

  it('the DSS holds the certificates and CRLs of every path; offline, the signatures are B-LT; pdfsig and qpdf agree', async () => {
    const data = await collectValidationData(signed, [ca.certificate, tsa.root], crlOf([]));
    assert.equal(data.certificates.length, 5, 'two members, their CA, the TSA and its root');
    assert.equal(data.crls.length, 2, 'the members’ CA’s and the TSA root’s');
    const lt = addDss(signed, data);
    assert.equal(new PdfFile(lt).revisions().length, new PdfFile(signed).revisions().length + 1);
    assert.equal(addDss(lt, data), lt, 'nothing new, no new revision');
    const stored = readDss(new PdfFile(lt));
    assert.equal(stored.certificates.length, 5);
    assert.ok(stored.crls.every((d) => parseCrl(d).revoked.size === 0));
    const checks = verifyPdfSignatures(lt, [ca.certificate, tsa.root]).signatures;
    assert.deepEqual(checks.map((c) => [c.level, c.revocation, c.problems.join(' ')]), [['B-LT', 'good', ''], ['B-LT', 'good', '']]);
    if (!POPPLER_MISSING) assert.equal(spawnSync('pdfsig', [tempFile(lt)], { encoding: 'utf8' }).stdout.match(/Signature is Valid/g)?.length, 2);
    if (!QPDF_MISSING) execFileSync('qpdf', ['--check', tempFile(lt)]);
  });

  it('a certificate the DSS’s CRL lists as revoked before the signing time fails; a revoked TSA keeps the signature at B-T', async () => {
    const revoked = addDss(signed, await collectValidationData(signed, [ca.certificate, tsa.root], crlOf([new X509Certificate(unit2.certificate)])));
    const [one, two] = verifyPdfSignatures(revoked, [ca.certificate, tsa.root]).signatures;
    assert.equal(one.revocation, 'good');
    assert.equal(two.revocation, 'revoked');
    assert.match(two.problems.join(' '), /đã bị thu hồi/);
    tsa.revoke();
    const tsaRevoked = addDss(signed, await collectValidationData(signed, [ca.certificate, tsa.root], crlOf([])));
    assert.deepEqual(verifyPdfSignatures(tsaRevoked, [ca.certificate, tsa.root]).signatures.map((c) => c.level), ['B-T', 'B-T']);
  });
});
