import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { renderPledgeForSigning } from '../../src/documents/pdf/pledge.pdf';
import { renderSignatureAppearance } from '../../src/documents/pdf/signature-appearance.pdf';
import { keySigner } from '../../src/documents/signing/pades/certificates';
import { PdfFile } from '../../src/documents/signing/pades/pdf-file';
import { addSignatureFields, signField } from '../../src/documents/signing/pades/pdf-update';
import { verifyPdfSignatures } from '../../src/documents/signing/pades/verify';
import { pledgeFixture } from '../support/document-fixtures';
import { QPDF_MISSING, inkIn, testCa } from '../support/pades-tools';
import { POPPLER_MISSING, tempFile } from '../support/pdf-tools';

/** Decree 30 appearance: the member's cell, once signed, shows the signature, the seal over its left third, the time and holder, the name. */
describe('the appearance drawn into a member’s cell when it signs', { skip: POPPLER_MISSING || QPDF_MISSING }, () => {
  it('a field signed well after the act (a file prepared anew after a withdrawal) gives both times, in full', async () => {
    const data = pledgeFixture(3);
    data.signatories = data.signatories.map((s) => ({ ...s, status: '(Ký số)', signer: '', room: 36 }));
    const { pdf, cells } = await renderPledgeForSigning(data);
    const prepared = addSignatureFields(pdf, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
    const time = new Date('2026-12-05T07:00:00Z');
    const signed = await signField(prepared, {
      field: 'member-1',
      signer: keySigner(testCa().issue('Unit 1 leader', 'EC')),
      signingTime: time,
      appearance: (width, height) => renderSignatureAppearance({ width, height, signerName: 'Nguyễn Văn An', unitName: data.signatories[0].unitName, certificateHolder: 'Unit 1 leader', signingTime: time, recordedAt: new Date('2026-03-06T02:15:00Z'), seed: 'unit-1' }),
    });
    const [first] = cells;
    const r = first.rect;
    const inCell = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(first.page + 1), '-l', String(first.page + 1), '-x', String(Math.round(r[0])), '-y', String(Math.round(842 - r[3])), '-W', String(Math.round(r[2] - r[0])), '-H', String(Math.round(r[3] - r[1])), tempFile(signed), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.ok(inCell.includes('Ký lúc 06/03/2026 09:15; ký số 05/12/2026 14:00'), inCell);
    assert.ok(!inCell.includes('Thời gian ký'), inCell);
  });

  it('signature in blue ink and the red seal between the title and the name; time (Vietnam) and holder in small print', async () => {
    const data = pledgeFixture(3);
    data.signatories = data.signatories.map((s) => ({ ...s, status: '(Ký số)', signer: '', room: 36 }));
    const { pdf, cells } = await renderPledgeForSigning(data);
    const prepared = addSignatureFields(pdf, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
    const ca = testCa();
    const time = new Date();
    // Vietnam is UTC+7 all year: the small print shows the hour seven ahead of UTC.
    const vn = new Date(time.getTime() + 7 * 3600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    const expected = `${two(vn.getUTCDate())}/${two(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()} ${two(vn.getUTCHours())}:${two(vn.getUTCMinutes())}`;
    const signed = await signField(prepared, {
      field: 'member-2',
      signer: keySigner(ca.issue('Unit 2 leader', 'EC')),
      signingTime: time,
      // A deputy signs for the director: the appearance draws its own title over the printed "Giám đốc".
      appearance: (width, height) => renderSignatureAppearance({ width, height, title: 'KT. Giám đốc / Phó Giám đốc', signerName: 'Trần Thị Bình', unitName: data.signatories[1].unitName, certificateHolder: 'Unit 2 leader', signingTime: time, seed: 'unit-2' }),
    });
    const file = tempFile(signed);
    execFileSync('qpdf', ['--check', file]);
    assert.match(spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout, /Signature is Valid/);
    assert.deepEqual(verifyPdfSignatures(signed, [ca.certificate]).signatures[0].problems, []);
    const [, second, third] = cells;
    const page = second.page + 1;
    // The field begins at the title lines: the appearance shows the signer's title, the unit's name stays above it.
    const [x1, y1, x2, y2] = second.rect;
    const text = (r: number[]) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), '-x', String(Math.round(r[0])), '-y', String(Math.round(842 - r[3])), '-W', String(Math.round(r[2] - r[0])), '-H', String(Math.round(r[3] - r[1])), file, '-'], { encoding: 'utf8' });
    const inCell = text(second.rect).replace(/\s+/g, ' ');
    assert.match(inCell, /Ký số bởi: Unit 2 leader/);
    assert.ok(inCell.includes(`Thời gian ký: ${expected}`), `Vietnam time (UTC+7) ${expected}: ${inCell}`);
    assert.match(inCell, /Trần Thị Bình/);
    assert.match(inCell, /KT\. GIÁM ĐỐC PHÓ GIÁM ĐỐC/, `the deputy's authority: ${inCell}`);
    assert.match(text([x1, y2, x2, y2 + 40]).replace(/\s+/g, ' '), /SỞ THÔNG TIN/, 'the unit above the field');
    const ink = inkIn(file, page, second.rect);
    assert.ok(ink.red > 200, `the seal: ${ink.red} red pixels`);
    assert.ok(ink.blue > 100, `the signature: ${ink.blue} blue pixels`);
    // The seal lies over the signature's left third: more red in the left half of the cell than in the right.
    const left = inkIn(file, page, [x1, y1, (x1 + x2) / 2, y2]);
    assert.ok(left.red > ink.red * 0.8, `${left.red} of ${ink.red} red pixels on the left`);
    // An unsigned cell shows nothing of the kind.
    assert.deepEqual(inkIn(file, third.page + 1, third.rect), { red: 0, blue: 0 });
    // The appearance is one form XObject with its own fonts (Tinos subsets) added in the signature's revision.
    const field = new PdfFile(signed).signatureFields().find((f) => f.name === 'member-2')!;
    assert.ok(field.value);
  });
});
