import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POPPLER_MISSING, pdfPageCount, pdfinfoCustom, tempFile } from '../support/pdf-tools';
import { decisionFixture, dossierFixture, minutesFixture, pledgeFixture, scoreboardFixture } from '../support/document-fixtures';
import { decisionRecord, renderDecisionDraft } from '../../src/documents/pdf/decision.pdf';
import { listRecord, renderSubmission, submissionRecord } from '../../src/documents/pdf/dossier.pdf';
import { minutesRecord, renderMinutes } from '../../src/documents/pdf/minutes.pdf';
import { pledgeRecord } from '../../src/documents/pdf/pledge.pdf';
import { scoreboardRecord } from '../../src/documents/pdf/scoreboard.pdf';
import { INFO_KEYS, countPdfPages, recipientEntries, recordInfo } from '../../src/documents/pdf/electronic-record';

/**
 * The input information of an electronic document (Decree 30/2020 Appendix VI): what each document prints, kept as
 * a record, written into the PDF's Info dictionary (read back with poppler's pdfinfo -custom).
 */
describe('Electronic-document record (Decree 30 Appendix VI)', () => {
  it('takes the number, date, type, summary, signer and recipients the Tờ trình prints', () => {
    const r = submissionRecord({ ...dossierFixture(), issuerCode: 'CTĐ6' });
    assert.deepEqual(r, {
      issuerCode: 'CTĐ6',
      number: '01/TTr-CTĐ6',
      date: '2025-03-10',
      type: 'Tờ trình',
      summary: 'Về việc đề nghị tặng Cờ thi đua và Bằng khen năm 2024',
      signerPosition: `TM. Cụm thi đua số 6, Cụm trưởng, ${dossierFixture().signerUnit}`,
      // No person's name is printed: the name slot is left for the signer, so none is recorded.
      signerName: null,
      recipients: ['Như trên', 'Vụ Tổ chức cán bộ (Bộ Khoa học và Công nghệ)', 'Các đơn vị thành viên', 'Lưu: VT, CTĐ6'],
    });
    const list = listRecord(dossierFixture());
    assert.equal(list.number, null, 'the list prints no number of its own');
    assert.equal(list.type, 'Danh sách');
    assert.deepEqual(list.recipients, []);
  });

  it('records a draft decision without a number, a date or a signer’s name, under the ministry’s code', () => {
    const r = decisionRecord(decisionFixture());
    assert.equal(r.issuerCode, 'BKHCN');
    assert.equal(r.number, null);
    assert.equal(r.date, null);
    assert.equal(r.type, 'Quyết định');
    assert.equal(r.signerPosition, 'Bộ trưởng');
    assert.equal(r.signerName, null);
    assert.deepEqual(r.recipients, ['Như Điều 3', 'Các Thứ trưởng', 'Vụ Tổ chức cán bộ', 'Lưu: VT, TCCB'], 'the copy stays with the drafting body');
  });

  it('lists every signer of the minutes and of the pledge, in the order they sign', () => {
    const m = minutesFixture();
    const r = minutesRecord(m);
    assert.equal(r.date, m.heldOn, 'minutes are dated the meeting’s day');
    assert.equal(r.signerPosition, 'Thư ký hội nghị; Chủ trì hội nghị');
    assert.equal(r.signerName, `${m.minutesBy}; ${m.chairedBy}`);
    const p = pledgeFixture(3);
    const pr = pledgeRecord(p);
    assert.equal(pr.signerPosition?.split('; ').length, 3);
    assert.equal(pr.type, p.title);
    const draft = pledgeRecord(pledgeFixture(3, true));
    assert.ok(!draft.signerName || draft.signerName.includes('(chưa ký)') || draft.signerName.split('; ').length === 3);
    const s = scoreboardRecord(scoreboardFixture(3));
    assert.equal(s.number, null);
    assert.equal(s.summary, 'Thi đua năm ' + scoreboardFixture(3).year);
  });

  it('leaves out of the Info dictionary what the document does not print', () => {
    const info = recordInfo(decisionRecord(decisionFixture()), 2);
    assert.equal(info[INFO_KEYS.number], undefined);
    assert.equal(info[INFO_KEYS.date], undefined);
    assert.equal(info[INFO_KEYS.pageCount], '2');
    assert.equal(info[INFO_KEYS.type], 'Quyết định');
    assert.deepEqual(recipientEntries(['- Như trên;', '- Lưu: VT, CTĐ6.']), ['Như trên', 'Lưu: VT, CTĐ6']);
  });

  describe('in the PDF', { skip: POPPLER_MISSING }, () => {
    it('writes the record of a Tờ trình into the Info dictionary, with the page count of the file', async () => {
      const pdf = await renderSubmission({ ...dossierFixture(), issuerCode: 'CTĐ6' });
      const file = tempFile(pdf);
      const info = pdfinfoCustom(file);
      assert.equal(info[INFO_KEYS.issuerCode], 'CTĐ6');
      assert.equal(info[INFO_KEYS.number], '01/TTr-CTĐ6');
      assert.equal(info[INFO_KEYS.date], '10/03/2025');
      assert.equal(info[INFO_KEYS.type], 'Tờ trình');
      assert.equal(info[INFO_KEYS.summary], 'Về việc đề nghị tặng Cờ thi đua và Bằng khen năm 2024');
      assert.match(info[INFO_KEYS.signerPosition], /^TM\. Cụm thi đua số 6, Cụm trưởng/);
      assert.equal(info[INFO_KEYS.signerName], undefined);
      assert.equal(info[INFO_KEYS.recipients], 'Như trên; Vụ Tổ chức cán bộ (Bộ Khoa học và Công nghệ); Các đơn vị thành viên; Lưu: VT, CTĐ6');
      assert.equal(info[INFO_KEYS.pageCount], String(countPdfPages(pdf)));
      assert.equal(info[INFO_KEYS.pageCount], String(pdfPageCount(file)), 'the page count is the file’s');
    });

    it('writes a multi-page document’s page count and the signers of minutes', async () => {
      const pdf = await renderMinutes(minutesFixture());
      const file = tempFile(pdf);
      const info = pdfinfoCustom(file);
      assert.ok(pdfPageCount(file) >= 2, 'the minutes fixture spans pages');
      assert.equal(info[INFO_KEYS.pageCount], String(pdfPageCount(file)));
      assert.equal(countPdfPages(pdf), pdfPageCount(file));
      assert.equal(info[INFO_KEYS.type], 'Biên bản');
      assert.equal(info[INFO_KEYS.signerPosition], 'Thư ký hội nghị; Chủ trì hội nghị');
    });

    it('gives a draft decision no number and no date in the Info dictionary', async () => {
      const info = pdfinfoCustom(tempFile(await renderDecisionDraft(decisionFixture())));
      assert.equal(info[INFO_KEYS.number], undefined);
      assert.equal(info[INFO_KEYS.date], undefined);
      assert.equal(info[INFO_KEYS.issuerCode], 'BKHCN');
      assert.equal(info[INFO_KEYS.type], 'Quyết định');
    });
  });
});
