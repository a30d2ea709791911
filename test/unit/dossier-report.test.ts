import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingReportProblem, ReportRule } from '../../src/awards/proposals.rules';
import { LEGAL_VALUES } from '../../src/legal/legal-seed';
import { CatalogueValue, valueOn } from '../../src/legal/legal.rules';
import { renderSubmission } from '../../src/documents/pdf/dossier.pdf';
import { renderMinutes } from '../../src/documents/pdf/minutes.pdf';
import { dossierFixture, minutesFixture } from '../support/document-fixtures';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';

const confirmed: ReportRule = { code: 'BCTT-CO-98-2023', amount: 1, textRef: 'Nghị định 98/2023/NĐ-CP', article: 'Điều 34 khoản 2 điểm b', assumption: null };
const assumed: ReportRule = { code: 'BCTT-CO-152-2025', amount: 1, textRef: 'Nghị định 152/2025/NĐ-CP', article: null, assumption: 'Điều về hồ sơ chưa đọc được.' };
const what = { award: 'Cờ thi đua của Bộ', unit: 'Sở Khoa học và Công nghệ tỉnh Gia Lai', action: 'submit' as const };

describe('the achievement report a proposal’s dossier carries (proposals.rules missingReportProblem)', () => {
  const table: Array<[string, ReportRule | null, number, typeof what['action'] | 'resubmit' | 'approve', RegExp | null]> = [
    ['no rule in force', null, 0, 'submit', null],
    ['a period that does not require it', { ...confirmed, amount: 0 }, 0, 'submit', null],
    ['one report attached', confirmed, 1, 'submit', null],
    ['sent without one: the confirmed text and article', confirmed, 0, 'submit', /chưa có báo cáo thành tích của đơn vị; cần có báo cáo thành tích trước khi gửi đề nghị \(Nghị định 98\/2023\/NĐ-CP, Điều 34 khoản 2 điểm b\)\.$/],
    ['sent again without one', confirmed, 0, 'resubmit', /trước khi gửi lại đề nghị \(/],
    ['approved without one: returned to the cluster', confirmed, 0, 'approve', /trước khi phê duyệt: trả lại để cụm bổ sung \(/],
    ['an assumed rule is not printed as law', assumed, 0, 'submit', /\(căn cứ pháp lý xem trang Pháp lý, mục “Báo cáo thành tích trong hồ sơ đề nghị”\)\.$/],
  ];
  for (const [name, rule, reports, action, expected] of table) {
    it(name, () => {
      const problem = missingReportProblem(rule, reports, { ...what, action });
      if (expected === null) assert.equal(problem, null);
      else {
        assert.match(problem ?? '', expected);
        assert.match(problem ?? '', /^Hồ sơ đề nghị Cờ thi đua của Bộ cho Sở Khoa học và Công nghệ tỉnh Gia Lai /);
      }
    });
  }

  it('the seeded catalogue requires it for both awards on every date since 01/10/2017, one row at a time, citing only what was read', () => {
    const values = LEGAL_VALUES.map((v) => ({ strictlyAbove: false, quorum: null, label: null, ...v })) as CatalogueValue[];
    for (const award of ['EMULATION_FLAG', 'CERTIFICATE_OF_MERIT']) {
      const rows = values.filter((v) => v.kind === 'DOSSIER_REPORT' && v.subject === award);
      for (const date of ['2017-10-01', '2019-06-30', '2023-12-31', '2024-01-01', '2025-06-30', '2025-07-01', '2026-12-04']) {
        const inForce = rows.filter((v) => (v.effectiveFrom ?? '') <= date && (v.effectiveTo === null || date <= v.effectiveTo));
        assert.equal(inForce.length, 1, `${award} on ${date}`);
        assert.equal(valueOn(values, 'DOSSIER_REPORT', award, date)?.amount, 1);
      }
      for (const row of rows) assert.ok(row.assumption !== null || (row.textRef && row.article), `${row.code}: a cited article or an assumption with its reason`);
    }
    assert.equal(valueOn(values, 'DOSSIER_REPORT', 'EMULATION_FLAG', '2024-05-01')?.article, 'Điều 34 khoản 2 điểm b');
    const now = valueOn(values, 'DOSSIER_REPORT', 'EMULATION_FLAG', '2026-12-04')!;
    assert.deepEqual([now.textRef, now.article, now.assumption], ['Luật Thi đua, khen thưởng số 06/2022/QH15', 'Điều 84 khoản 1 điểm b', null]);
    assert.ok(valueOn(values, 'DOSSIER_REPORT', 'CERTIFICATE_OF_MERIT', '2026-12-04')!.assumption, 'the Bằng khen dossier article is not read yet');
  });
});

describe('the Tờ trình lists as attached only what is', { skip: POPPLER_MISSING ? 'poppler-utils missing (apt-get install poppler-utils)' : false }, () => {
  it('says the achievement reports go with it only when every proposed unit has one', async () => {
    const text = async (reportsAttached: boolean) => squash(pdftotext(tempFile(await renderSubmission({ ...dossierFixture(), reportsAttached }))));
    assert.match(await text(true), /\(Có danh sách, biên bản hội nghị bình xét và báo cáo thành tích của các đơn vị kèm theo\.\)/);
    const without = await text(false);
    assert.match(without, /\(Có danh sách và biên bản hội nghị bình xét kèm theo\.\)/);
    assert.doesNotMatch(without, /báo cáo thành tích/);
  });
});

describe('the minutes conclude with the units the meeting selected', { skip: POPPLER_MISSING ? 'poppler-utils missing (apt-get install poppler-utils)' : false }, () => {
  it('names the selected units by award, not every unit voted on in section III', async () => {
    const data = { ...minutesFixture(), conclusions: null };
    const text = squash(pdftotext(tempFile(await renderMinutes(data))));
    const selected = data.ballots.flatMap((b) => b.rows.filter((r) => r.selected).map((r) => r.unitName));
    const notSelected = data.ballots.flatMap((b) => b.rows.filter((r) => !r.selected).map((r) => r.unitName)).filter((u) => !selected.includes(u));
    assert.ok(selected.length && notSelected.length, 'the fixture has both');
    const conclusion = /Hội nghị thống nhất đề nghị khen thưởng: (.+?) \(các đơn vị ghi "Đề nghị" tại mục III\)\./.exec(text)?.[1] ?? '';
    for (const u of selected) assert.ok(conclusion.includes(u), u);
    for (const u of notSelected) assert.ok(!conclusion.includes(u), `not ${u}`);
  });

  it('has the representatives’ column only when any was recorded (an empty column read as left unfilled)', async () => {
    const data = minutesFixture();
    assert.match(squash(pdftotext(tempFile(await renderMinutes(data)))), /Người đại diện.*Lê Văn Tâm 1/);
    const unnamed = squash(pdftotext(tempFile(await renderMinutes({ ...data, attendance: data.attendance.map((a) => ({ ...a, representative: null })) }))));
    assert.doesNotMatch(unnamed, /Người đại diện/);
    assert.match(unnamed, /Tình trạng/);
  });

  it('the Tờ trình speaks of one unit’s report when one unit is proposed', async () => {
    const one = dossierFixture();
    one.units = one.units.slice(0, 1);
    assert.match(squash(pdftotext(tempFile(await renderSubmission(one)))), /báo cáo thành tích của đơn vị kèm theo\.\)/);
  });
});
