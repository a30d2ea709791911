import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderPledgeForSigning } from '../../src/documents/pdf/pledge.pdf';
import { keySigner } from '../../src/documents/signing/pades/certificates';
import { PdfFile } from '../../src/documents/signing/pades/pdf-file';
import { IncrementalUpdate, addSignatureFields, signField } from '../../src/documents/signing/pades/pdf-update';
import { PdfDict, PdfRef, PdfString } from '../../src/documents/signing/pades/pdf-syntax';
import { updateProblem } from '../../src/documents/signing/pades/strict-update';
import { verifyPdfSignatures } from '../../src/documents/signing/pades/verify';
import { RevisionRefused, checkAddedSignature } from '../../src/documents/signing/pades/revision-check';
import { pledgeFixture } from '../support/document-fixtures';
import { forgedRevision, freeingRevision, rebasedRevision } from '../support/pdf-forgery';
import { NSS_MISSING, QPDF_MISSING, SOFTHSM_MISSING, nssDatabase, softHsmToken, startTsa, testCa } from '../support/pades-tools';
import { tsaClient } from '../../src/documents/signing/pades/timestamp';
import { pkcs11Signer } from '../../src/documents/signing/pades/pkcs11-signer';
import { POPPLER_MISSING, tempFile } from '../support/pdf-tools';

/** One PDF, one revision per signer: six members by six keys (RSA and ECDSA, one through pdfsig), then the organisation. */
describe('incremental PAdES signatures on the pledge', () => {
  const ca = testCa();
  const algorithms: Array<'RSA' | 'EC'> = ['RSA', 'EC', 'RSA', 'EC', 'RSA', 'EC'];
  const members = algorithms.map((a, i) => ca.issue(`Unit ${i + 1} leader`, a));
  const organisation = ca.issue('Cluster 6 secretariat', 'RSA');

  async function prepared(count = 6): Promise<Buffer> {
    const { pdf, cells } = await renderPledgeForSigning(pledgeFixture(count));
    assert.equal(cells.length, count);
    const last = cells[cells.length - 1];
    return addSignatureFields(pdf, [
      ...cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })),
      { name: 'organisation', page: last.page, rect: [0, 0, 0, 0] },
    ]);
  }

  it('issues the prepared PDF with one empty signature field per member cell and one for the organisation', async () => {
    const pdf = await prepared();
    const fields = new PdfFile(pdf).signatureFields();
    assert.deepEqual(fields.map((f) => f.name), ['member-1', 'member-2', 'member-3', 'member-4', 'member-5', 'member-6', 'organisation']);
    assert.ok(fields.every((f) => f.value === null));
    assert.ok(fields.slice(0, 6).every((f) => f.rect[2] - f.rect[0] > 100 && f.rect[3] - f.rect[1] > 40));
    if (!QPDF_MISSING) execFileSync('qpdf', ['--check', tempFile(pdf)]);
  });

  it('six members in any order (RSA, ECDSA, one with pdfsig from an NSS database), the organisation last: seven valid signatures', { skip: POPPLER_MISSING || NSS_MISSING || QPDF_MISSING }, async () => {
    let pdf = await prepared();
    for (const i of [3, 1, 6, 2, 4]) pdf = await signField(pdf, { field: `member-${i}`, signer: keySigner(members[i - 1]), name: `Đơn vị ${i}`, reason: 'Ký giao ước thi đua' });
    // Member 5 signs outside the system with poppler.
    const nss = nssDatabase(members[4], ca.certificate, 'member5');
    const input = tempFile(pdf);
    const output = `${input}.signed.pdf`;
    execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, '-sign', 'member-5', '-etsi', '-nick', 'member5', '-reason', 'Ky giao uoc', input, output]);
    pdf = readFileSync(output);
    pdf = await signField(pdf, { field: 'organisation', signer: keySigner(organisation), name: 'Cụm thi đua số 6', reason: 'Phát hành' });

    const file = tempFile(pdf);
    execFileSync('qpdf', ['--check', file]);
    const report = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, file], { encoding: 'utf8' }).stdout;
    assert.equal(report.match(/Signature Validation: Signature is Valid\./g)?.length, 7, report);
    assert.equal(report.match(/Certificate Validation: Certificate is Trusted\./g)?.length, 7, report);
    // poppler 22 signs an existing field as adbe.pkcs7.detached whatever -etsi says; the system's six are PAdES.
    assert.ok((report.match(/Signature Type: ETSI\.CAdES\.detached/g)?.length ?? 0) >= 6, report);

    const result = verifyPdfSignatures(pdf, [ca.certificate]);
    assert.equal(result.revisions, 9);
    assert.deepEqual(result.signatures.map((s) => s.fieldName), ['member-3', 'member-1', 'member-6', 'member-2', 'member-4', 'member-5', 'organisation']);
    for (const s of result.signatures) {
      assert.deepEqual(s.problems, [], s.fieldName);
      assert.ok(s.intact && s.trusted && s.validAtSigningTime, s.fieldName);
    }
    assert.equal(result.signatures[5].certificateSubject?.includes('Unit 5 leader'), true);
    // Every earlier revision stays verifiable on its own.
    const first = new PdfFile(pdf).revisions()[2];
    const early = verifyPdfSignatures(pdf.subarray(0, first.end), [ca.certificate]);
    assert.equal(early.signatures.length, 1);
    assert.ok(early.signatures[0].intact);
    // Not trusted without the CA.
    assert.ok(verifyPdfSignatures(pdf, []).signatures.every((s) => s.intact && !s.trusted));
  });

  it('a revision that changes what a page shows after the first signature is reported, naming the revision', async () => {
    let pdf = await prepared(2);
    pdf = await signField(pdf, { field: 'member-1', signer: keySigner(members[0]) });
    const file = new PdfFile(pdf);
    const page = file.pages()[0];
    const update = new IncrementalUpdate(file);
    const extra = update.allocate();
    update.put(extra, new PdfDict(), Buffer.from('BT /F1 12 Tf 100 100 Td (forged) Tj ET'));
    const contents = page.dict.get('Contents');
    update.put(page.ref, new PdfDict(new Map(page.dict.entries)).set('Contents', [...(Array.isArray(contents) ? contents : [contents!]), extra]));
    pdf = update.build();
    pdf = await signField(pdf, { field: 'member-2', signer: keySigner(members[1]) });
    const result = verifyPdfSignatures(pdf, [ca.certificate]);
    assert.deepEqual(result.signatures[0].changedByRevisions, [4]);
    assert.match(result.signatures[0].problems.join(' '), /Phiên bản 4 đã thay đổi nội dung hiển thị/);
    assert.deepEqual(result.signatures[1].problems, []);
  });

  it('a byte changed inside a signed revision breaks that signature', async () => {
    const pdf = await signField(await prepared(2), { field: 'member-2', signer: keySigner(members[1]) });
    const at = pdf.indexOf('/Title');
    const tampered = Buffer.from(pdf);
    tampered[at + 8] ^= 1;
    const [s] = verifyPdfSignatures(tampered, [ca.certificate]).signatures;
    assert.equal(s.intact, false);
  });
});

describe('a revision signed outside the system (pdfsig) is accepted only in the member’s own field', { skip: POPPLER_MISSING || NSS_MISSING }, () => {
  const ca = testCa();
  const member = ca.issue('Unit 1 leader', 'RSA');
  // RSA: poppler 22's pdfsig fails to sign with an EC key from NSS ("unable update signature").
  const other = ca.issue('Unit 2 leader', 'RSA');
  const fingerprint = (der: Buffer) => createHash('sha256').update(der).digest('hex');

  async function current(): Promise<Buffer> {
    const { pdf, cells } = await renderPledgeForSigning(pledgeFixture(2));
    return addSignatureFields(pdf, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
  }
  function pdfsigSign(pdf: Buffer, who: typeof member, args: string[]): Buffer {
    const nss = nssDatabase(who, ca.certificate, 'me');
    const input = tempFile(pdf);
    execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, ...args, '-nick', 'me', input, `${input}.out.pdf`]);
    return readFileSync(`${input}.out.pdf`);
  }
  const rules = (ownField: string, cert: Buffer) => ({ ownField, certificateSha256s: [fingerprint(cert)], trustedRoots: [ca.certificate] });

  it('its own field with its certificate: accepted; a new field (the form and the page rewritten): refused', async () => {
    const pdf = await current();
    assert.equal(checkAddedSignature(pdf, pdfsigSign(pdf, member, ['-sign', 'member-1']), rules('member-1', member.certificate)).fieldName, 'member-1');
    const extra = pdfsigSign(pdf, member, ['-add-signature', '-new-signature-field-name', 'extra-1']);
    assert.throws(() => checkAddedSignature(pdf, extra, rules('member-1', member.certificate)), /^Error: Phiên bản ký gửi lên không chỉ ký vào ô chữ ký của đơn vị: phần mềm ký đã thêm hoặc sửa phần khác/);
  });

  it('another member’s field, another member’s certificate, two signatures or a replaced file: refused', async () => {
    const pdf = await current();
    assert.throws(() => checkAddedSignature(pdf, pdfsigSign(pdf, member, ['-sign', 'member-2']), rules('member-1', member.certificate)), /ô chữ ký của chính mình; chữ ký mới nằm ở ô "member-2"/);
    assert.throws(() => checkAddedSignature(pdf, pdfsigSign(pdf, other, ['-sign', 'member-1']), rules('member-1', member.certificate)), /không phải của đơn vị bạn/);
    const twice = pdfsigSign(pdfsigSign(pdf, member, ['-sign', 'member-1']), member, ['-add-signature']);
    assert.throws(() => checkAddedSignature(pdf, twice, rules('member-1', member.certificate)), /đúng một phiên bản mới/);
    const fresh = await current();
    assert.throws(() => checkAddedSignature(pdf, pdfsigSign(fresh, member, ['-sign', 'member-1']), rules('member-1', member.certificate)), /không giữ nguyên bản hiện hành/);
  });
});

describe('a revision that lays a new face over the pledge (a "shadow" attack) is refused, and reported by the verification', () => {
  const ca = testCa();
  const [member, other] = [ca.issue('Unit 1 leader', 'RSA'), ca.issue('Unit 2 leader', 'EC')];
  const fingerprint = (der: Buffer) => createHash('sha256').update(der).digest('hex');
  const rules = { ownField: 'member-1', certificateSha256s: [fingerprint(member.certificate)], trustedRoots: [ca.certificate] };
  async function current(): Promise<Buffer> {
    const { pdf, cells } = await renderPledgeForSigning(pledgeFixture(2));
    return addSignatureFields(pdf, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
  }

  it('its own widget enlarged over the page, a new field, the page changed with the signature, an object freed, an older revision built on: refused', async () => {
    const pdf = await current();
    assert.equal(checkAddedSignature(pdf, await signField(pdf, { field: 'member-1', signer: keySigner(member) }), rules).fieldName, 'member-1', 'the field signed as the system signs it');
    for (const kind of ['overlay', 'new-field'] as const) {
      const forged = await forgedRevision(pdf, 'member-1', keySigner(member), kind);
      assert.throws(() => checkAddedSignature(pdf, forged, rules), /^Error: Phiên bản ký gửi lên không chỉ ký vào ô chữ ký của đơn vị/, kind);
    }
    const pageText = await forgedRevision(pdf, 'member-1', keySigner(member), 'page-text');
    assert.throws(() => checkAddedSignature(pdf, pageText, rules), /thay đổi nội dung hiển thị/);
    assert.throws(() => checkAddedSignature(pdf, freeingRevision(pdf, 3), rules), /không chỉ ký vào ô chữ ký của đơn vị/);
    assert.throws(() => checkAddedSignature(pdf, rebasedRevision(pdf), rules), /không chỉ ký vào ô chữ ký của đơn vị/);
  });

  it('what the reader cannot read is refused in Vietnamese; its own words (English) go to the log only', async () => {
    const pdf = await current();
    const refusal = (uploaded: Buffer) => {
      try {
        checkAddedSignature(pdf, uploaded, rules);
      } catch (error) {
        assert.ok(error instanceof RevisionRefused, String(error));
        return [error.message, error.detail ?? ''];
      }
      assert.fail('accepted');
    };
    // A signing tool that writes a compressed cross-reference stream (this reader takes classic tables only).
    const xrefStream = Buffer.concat([pdf, Buffer.from(`\n99 0 obj\n<< /Type /XRef /Size 100 >>\nstream\nendstream\nendobj\nstartxref\n${pdf.length + 1}\n%%EOF\n`)]);
    const [streamMessage, streamDetail] = refusal(xrefStream);
    assert.match(streamMessage, /^Phần mềm ký số đã ghi tệp với bảng tham chiếu dạng nén \(cross-reference stream\)/);
    assert.match(streamDetail, /Cross-reference streams are not supported/);
    // A revision cut short inside its trailer.
    const cut = Buffer.concat([pdf, Buffer.from(`\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size (\nstartxref\n${pdf.length + 1}\n%%EOF\n`)]);
    const [cutMessage, cutDetail] = refusal(cut);
    assert.match(cutMessage, /^Tệp gửi lên không đọc được như một tệp PDF hoàn chỉnh/);
    assert.match(cutDetail, /Unterminated PDF string/);
    // A refusal of the revision's structure says what was written in the log's words.
    assert.match(refusal(freeingRevision(pdf, 3))[1], /object 3|xref|free/i);
  });

  it('an overlay or a new field after a signature is reported as more than a signature written after it; signing the next field is not', async () => {
    const first = await signField(await current(), { field: 'member-2', signer: keySigner(other) });
    for (const kind of ['overlay', 'new-field'] as const) {
      const checks = verifyPdfSignatures(await forgedRevision(first, 'member-1', keySigner(member), kind), [ca.certificate]).signatures;
      const earlier = checks.find((c) => c.fieldName === 'member-2')!;
      assert.deepEqual(earlier.changedByRevisions, [4], kind);
      assert.deepEqual(earlier.problems, ['Phiên bản 4 đã thêm hoặc sửa phần khác của văn bản sau chữ ký này (trường, chú thích, trang, biểu mẫu hoặc danh mục), ngoài chữ ký và dữ liệu xác thực chữ ký: nội dung hiển thị có thể đã bị che hoặc thay đổi.'], kind);
    }
    const both = verifyPdfSignatures(await signField(first, { field: 'member-1', signer: keySigner(member) }), [ca.certificate]).signatures;
    assert.deepEqual(both.map((c) => [c.fieldName, c.changedByRevisions, c.problems]), [['member-2', [], []], ['member-1', [], []]]);
  });
});

describe('an update is read strictly, the one way every PDF reader reads it (second read of the fix, 05/12/2026)', () => {
  const ca = testCa();
  const member = ca.issue('Unit 1 leader', 'RSA');
  /** The field signed as the system signs it, then its update (from `base`'s end) changed as `edit` says. */
  async function edited(edit: (update: string, file: PdfFile) => string): Promise<{ pdf: Buffer; problem: string | null }> {
    const { pdf: rendered, cells } = await renderPledgeForSigning(pledgeFixture(2));
    const base = addSignatureFields(rendered, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
    const signed = await signField(base, { field: 'member-1', signer: keySigner(member) });
    const start = new PdfFile(base).latest().end;
    const text = signed.toString('latin1');
    let update = edit(text.slice(start), new PdfFile(base));
    // As an attacker would: startxref points at the (moved) table again.
    update = update.replace(/startxref\n\d+/, `startxref\n${start + update.lastIndexOf('xref\n', update.lastIndexOf('trailer'))}`);
    const pdf = Buffer.from(text.slice(0, start) + update, 'latin1');
    const file = new PdfFile(pdf);
    return { pdf, problem: updateProblem(file, file.revisions().length - 1, 'member-1') };
  }
  const entry = (offset: number, gen = '00000') => `${String(offset).padStart(10, '0')} ${gen} n \n`;
  const cases: Array<[string, (update: string, file: PdfFile) => string, RegExp | null]> = [
    ['as the system writes it', (u) => u, null],
    ['an object listed twice (one reader takes the first entry, another the last)', (u, f) => u.replace('xref\n', `xref\n5 1\n${entry(f.offsets().get(5)!)}`), /object 5 (listed twice|written)|not listed where/],
    ['a second table named by /XRefStm (a hybrid file)', (u) => u.replace('trailer\n<<', 'trailer\n<</XRefStm 0 '), /the trailer key \/XRefStm/],
    ['a comment in the cross-reference section (a trailer hidden in it)', (u) => u.replace('xref\n', 'xref\n%trailer <<>>\n'), /subsection "first count" expected/],
    ['a key twice in a dictionary', (u) => u.replace('/FT /Sig', '/FT /Sig /FT /Sig'), /ambiguous: the key \/FT twice/],
    ['an entry of generation 1 (a reader rebuilds the table)', (u) => u.replace(/(\d{10}) 00000 n/, '$1 00001 n'), /not listed where it is written/],
    ['an object written but listed nowhere (found by a rebuilt table)', (u) => u.replace('xref\n', '5 0 obj\n<<>>\nendobj\nxref\n'), /object 5 written but not listed/],
    ['a reference to generation 1', (u) => u.replace(/\/V (\d+) 0 R/, '/V $1 1 R'), /ambiguous: a reference to generation 1/],
    ['a number a reader reads otherwise (hexadecimal)', (u) => u.replace(/\/F 132/, '/F 0x84'), /Unexpected PDF token|an object/],
    ['a /Size below the objects written (the next signature would overwrite the pledge\'s own objects)', (u) => u.replace(/\/Size \d+/, '/Size 2'), /the trailer's \/Size is not past every object/],
  ];
  for (const [name, edit, expected] of cases) {
    it(`${name}: ${expected ? 'refused' : 'read'}`, async () => {
      const { problem } = await edited(edit);
      if (expected) assert.match(String(problem), expected);
      else assert.equal(problem, null);
    });
  }

  it('the information dictionary may take a new date of change and producer (as iText writes them), nothing else', async () => {
    const { pdf, cells } = await renderPledgeForSigning(pledgeFixture(2));
    const base = await signField(addSignatureFields(pdf, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect }))), { field: 'member-1', signer: keySigner(member) });
    const rewrite = (changes: Record<string, string>) => {
      const file = new PdfFile(base);
      const update = new IncrementalUpdate(file);
      const info = file.latest().trailer.get('Info') as PdfRef;
      const dict = new PdfDict(new Map(file.dict(info)!.entries));
      for (const [key, value] of Object.entries(changes)) dict.set(key, new PdfString(value));
      update.put(info, dict);
      const out = new PdfFile(update.build());
      return updateProblem(out, out.revisions().length - 1);
    };
    assert.equal(rewrite({ ModDate: '(D:20261205120000Z)', Producer: '(iText 7)' }), null);
    assert.match(String(rewrite({ Title: '(Giao uoc khac)' })), /^object \d+ rewritten$/);
  });

  it('bytes after the %%EOF of the signed update: refused before the signature is read', async () => {
    const { pdf: rendered, cells } = await renderPledgeForSigning(pledgeFixture(2));
    const base = addSignatureFields(rendered, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
    const signed = await signField(base, { field: 'member-1', signer: keySigner(member) });
    const rules = { ownField: 'member-1', certificateSha256s: [createHash('sha256').update(member.certificate).digest('hex')], trustedRoots: [ca.certificate] };
    assert.equal(checkAddedSignature(base, signed, rules).fieldName, 'member-1');
    const tail = Buffer.concat([signed, Buffer.from('5 0 obj\n<<>>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 60>>\nstartxref\n1\n')]);
    assert.throws(
      () => checkAddedSignature(base, tail, rules),
      (e: unknown) => e instanceof RevisionRefused && /^Phiên bản ký gửi lên không chỉ ký vào ô chữ ký của đơn vị: .* rồi gửi lại\.$/.test(e.message) && e.detail === 'bytes after the last %%EOF',
    );
  });

  it('the verification reports an unsigned revision after a signature that rewrites the page tree or a font, and bytes after the last %%EOF', async () => {
    const first = await signField(await (async () => {
      const { pdf, cells } = await renderPledgeForSigning(pledgeFixture(2));
      return addSignatureFields(pdf, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
    })(), { field: 'member-2', signer: keySigner(member) });
    const file = new PdfFile(first);
    const update = new IncrementalUpdate(file);
    const tree = file.dict(file.catalog().dict.get('Pages'))!;
    update.put(file.catalog().dict.get('Pages') as PdfRef, new PdfDict(new Map(tree.entries)).set('Rotate', 180));
    const rotated = verifyPdfSignatures(update.build(), [ca.certificate]).signatures[0];
    assert.deepEqual(rotated.changedByRevisions, [4]);
    const tail = verifyPdfSignatures(Buffer.concat([first, Buffer.from('9 0 obj\n<<>>\nendobj\n')]), [ca.certificate]).signatures[0];
    assert.deepEqual([tail.changedByRevisions, tail.problems], [[4], ['Tệp có dữ liệu sau phiên bản cuối cùng, ngoài mọi chữ ký.']]);
  });
});

describe('a key on a PKCS#11 token (SoftHSM2) signs its member field', { skip: SOFTHSM_MISSING }, () => {
  const ca = testCa();
  for (const algorithm of ['RSA', 'EC'] as const) {
    it(`${algorithm}: the key never leaves the token, the signature verifies`, async () => {
      const held = ca.issue(`Token ${algorithm}`, algorithm);
      const token = softHsmToken(held.key, `unit-${algorithm.toLowerCase()}`, 'signing-key');
      const signer = pkcs11Signer({ ...token, certificate: held.certificate, chain: held.chain });
      assert.equal(signer.keyAlgorithm, algorithm);
      const { pdf, cells } = await renderPledgeForSigning(pledgeFixture(2));
      const prepared = addSignatureFields(pdf, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
      const signed = await signField(prepared, { field: 'member-2', signer });
      const [check] = verifyPdfSignatures(signed, [ca.certificate]).signatures;
      assert.deepEqual(check.problems, []);
      assert.ok(check.intact && check.trusted);
      if (!POPPLER_MISSING) assert.match(spawnSync('pdfsig', [tempFile(signed)], { encoding: 'utf8' }).stdout, /Signature is Valid/);
    });
  }
});

describe('RFC 3161 timestamps from a configured TSA (PAdES-B-T)', { skip: NSS_MISSING }, () => {
  it('each signature carries a token over its value from the local openssl TSA; the verification reads its time', async () => {
    const tsa = await startTsa();
    try {
      const ca = testCa();
      const { pdf, cells } = await renderPledgeForSigning(pledgeFixture(2));
      let file = addSignatureFields(pdf, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
      const before = Date.now();
      file = await signField(file, { field: 'member-1', signer: keySigner(ca.issue('Unit 1', 'RSA')), timestamper: tsaClient(tsa.url), reserve: 24576 });
      file = await signField(file, { field: 'member-2', signer: keySigner(ca.issue('Unit 2', 'EC')), timestamper: tsaClient(tsa.url), reserve: 24576 });
      const checks = verifyPdfSignatures(file, [ca.certificate, tsa.root]).signatures;
      for (const c of checks) {
        assert.deepEqual(c.problems, []);
        assert.ok(c.timestampTrusted && c.level === 'B-T', `${c.level}`);
        assert.ok(c.timestampTime && Math.abs(Date.parse(c.timestampTime) - before) < 60_000, String(c.timestampTime));
      }
      if (!POPPLER_MISSING) assert.equal(spawnSync('pdfsig', [tempFile(file)], { encoding: 'utf8' }).stdout.match(/Signature is Valid/g)?.length, 2);
      await assert.rejects(tsaClient(`${tsa.url.replace(/\d+\/tsa$/, '1')}/tsa`, 2000)(Buffer.from('x')));
    } finally {
      await tsa.stop();
    }
  });
});
