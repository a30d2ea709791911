import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftingInitials, headOf } from '../../src/documents/pdf/decision.pdf';
import { LEGAL_TEXTS, LEGAL_VALUES } from '../../src/legal/legal-seed';
import { CatalogueValue, councilShareOn, directiveOn, inForce, legalBasesOn, rewardOn, rewardText, roundUpToTenThousand, valueOn } from '../../src/legal/legal.rules';

// The seed as the rules read it (what a fresh database holds).
const texts = LEGAL_TEXTS;
const values: CatalogueValue[] = LEGAL_VALUES.map((v) => ({ strictlyAbove: false, quorum: null, label: null, ...v }));
const codes = (date: string, sector: string | null, statute = false) => legalBasesOn(texts, date, sector, { statute }).map((t) => t.code);

describe('legal bases by the date of the document (sources: legal-seed.ts, docs/research/legal-catalogue.md)', () => {
  // [date, sector of the organiser on that date, texts cited, source of the row]
  const rows: Array<[string, string, string[], string]> = [
    ['2018-03-01', 'BTTTT', ['LUAT-15-2003', 'ND-91-2017'], 'Luật 2003 (VBHN 16/VBHN-VPQH); NĐ 91/2017 from 01/10/2017; TT 09/2018 only from 15/08/2018'],
    ['2018-08-15', 'BTTTT', ['LUAT-15-2003', 'ND-91-2017', 'TT-09-2018-BTTTT'], 'TT 09/2018/TT-BTTTT in force from 15/08/2018'],
    ['2019-12-20', 'BTTTT', ['LUAT-15-2003', 'ND-91-2017', 'TT-09-2018-BTTTT'], 'the 2019 review'],
    ['2020-01-15', 'BTTTT', ['LUAT-15-2003', 'ND-91-2017', 'TT-09-2018-BTTTT'], 'a 2019 submission issued in 2020'],
    ['2021-06-30', 'BTTTT', ['LUAT-15-2003', 'ND-91-2017', 'TT-09-2018-BTTTT'], 'unchanged until 30/09/2023'],
    ['2023-09-30', 'BTTTT', ['LUAT-15-2003', 'ND-91-2017', 'TT-09-2018-BTTTT'], 'the last day TT 09/2018 is surely in force (TT 11/2023/TT-BTTTT, news of 27/11/2023, may have replaced it)'],
    ['2023-10-01', 'BTTTT', ['LUAT-15-2003', 'ND-91-2017'], 'no sector circular cited while TT 11/2023 and 17/2024 are unverified'],
    ['2023-12-31', 'BTTTT', ['LUAT-15-2003', 'ND-91-2017'], 'the last day of the 2003 Law'],
    ['2024-01-01', 'BTTTT', ['LUAT-06-2022', 'ND-98-2023'], 'Luật 06/2022/QH15 Điều 94 §1; NĐ 98/2023 from 01/01/2024; TT 09/2018 not cited once 17/2024 may have replaced it (date unverified)'],
    ['2025-02-28', 'BTTTT', ['LUAT-06-2022', 'ND-98-2023'], 'the last day of Bộ TTTT'],
    ['2025-03-01', 'BKHCN', ['LUAT-06-2022', 'ND-98-2023'], 'Bộ KH&CN from 01/03/2025: its circular 25/2025 is not yet in force'],
    ['2025-06-30', 'BKHCN', ['LUAT-06-2022', 'ND-98-2023'], 'the last day of NĐ 98/2023'],
    ['2025-07-01', 'BKHCN', ['LUAT-06-2022', 'ND-152-2025'], 'NĐ 152/2025 from 01/07/2025'],
    ['2025-12-15', 'BKHCN', ['LUAT-06-2022', 'ND-152-2025'], 'TT 25/2025/TT-BKHCN: its effective date unverified (not before 15/12/2025), cited only from 01/01/2026'],
    ['2026-01-20', 'BKHCN', ['LUAT-06-2022', 'ND-152-2025', 'TT-25-2025-BKHCN'], 'the 2025 review replayed in 2026'],
    ['2027-06-01', 'BKHCN', ['LUAT-06-2022', 'ND-152-2025', 'TT-25-2025-BKHCN'], 'Luật 06/2026/QH16 (from 01/10/2026) is catalogued from secondary sources only: not cited until its citation is confirmed'],
  ];
  for (const [date, sector, expected, source] of rows) it(`${date} (${sector}) → ${expected.join(', ')} — ${source}`, () => assert.deepEqual(codes(date, sector), expected));

  it('a circular is cited only for its own sector', () => assert.deepEqual(codes('2020-01-15', 'UBND-NGHE-AN'), ['LUAT-15-2003', 'ND-91-2017']));
  it("a ministry's statute is cited by its own decisions only", () => {
    assert.deepEqual(codes('2026-01-20', 'BKHCN', true), ['ND-55-2025', 'LUAT-06-2022', 'ND-152-2025', 'TT-25-2025-BKHCN']);
    assert.ok(!codes('2026-01-20', 'BKHCN').includes('ND-55-2025'));
    // Bộ TTTT: NĐ 17/2017 until NĐ 48/2022 took effect (from its signing on 26/07/2022, a secondary source); NĐ 48/2022 from then.
    assert.deepEqual(codes('2020-04-15', 'BTTTT', true), ['ND-17-2017', 'LUAT-15-2003', 'ND-91-2017', 'TT-09-2018-BTTTT']);
    assert.deepEqual(codes('2022-07-25', 'BTTTT', true)[0], 'ND-17-2017');
    assert.deepEqual(codes('2022-07-26', 'BTTTT', true), ['ND-48-2022', 'LUAT-15-2003', 'ND-91-2017', 'TT-09-2018-BTTTT'], 'from its signing, as the standing body');
    assert.deepEqual(codes('2024-04-20', 'BTTTT', true), ['ND-48-2022', 'LUAT-06-2022', 'ND-98-2023']);
    assert.ok(!codes('2025-03-01', 'BKHCN', true).includes('ND-48-2022'));
  });
  it("the ministry's standing body by the date (Vụ Thi đua – Khen thưởng gone with NĐ 48/2022; Vụ Tổ chức cán bộ, TT 11/2023/TT-BTTTT; Bộ KH&CN, TT 25/2025 Điều 22)", () => {
    const body = (date: string, ministry: string) => valueOn(values, 'STANDING_BODY', ministry, date)?.label ?? null;
    assert.equal(body('2020-04-15', 'BTTTT'), 'Vụ Thi đua – Khen thưởng');
    assert.equal(body('2022-07-25', 'BTTTT'), 'Vụ Thi đua – Khen thưởng', 'the day before NĐ 48/2022 took effect');
    assert.equal(body('2022-07-26', 'BTTTT'), 'Vụ Tổ chức cán bộ');
    assert.equal(body('2025-02-26', 'BTTTT'), 'Vụ Tổ chức cán bộ');
    assert.equal(body('2025-03-01', 'BTTTT'), null);
    assert.equal(body('2025-03-01', 'BKHCN'), 'Vụ Tổ chức cán bộ');
    for (const v of values.filter((x) => x.kind === 'STANDING_BODY' && x.code !== 'TT-BKHCN-VU-TCCB')) assert.ok(v.assumption, `${v.code}: the dates rest on secondary sources and say so`);
  });
  it("a pledge cites the organiser's directive of its year, when catalogued (Chỉ thị 67/CT-BTTTT for 2020, 103 for 2022, 03 for 2023)", () => {
    const directive = (date: string, sector: string) => directiveOn(texts, date, sector)?.number ?? null;
    assert.equal(directive('2020-03-06', 'BTTTT'), '67/CT-BTTTT');
    assert.equal(directive('2021-03-10', 'BTTTT'), null, 'none found for 2021: the general words');
    assert.equal(directive('2022-03-10', 'BTTTT'), '103/CT-BTTTT');
    assert.equal(directive('2023-03-10', 'BTTTT'), '03/CT-BTTTT');
    assert.equal(directive('2024-03-10', 'BTTTT'), null);
    assert.equal(directive('2020-03-06', 'BKHCN'), null, 'another ministry’s directive is not cited');
    assert.ok(!codes('2020-03-06', 'BTTTT').some((c) => c.startsWith('CT-')) && !codes('2020-04-15', 'BTTTT', true).some((c) => c.startsWith('CT-')), 'no other document cites it');
  });
  it('a decision keeps its copy with the drafting body, by its initials', () => {
    assert.equal(draftingInitials('Vụ Thi đua – Khen thưởng'), 'TĐKT');
    assert.equal(draftingInitials('Vụ Tổ chức cán bộ'), 'TCCB');
    assert.equal(draftingInitials('cơ quan thường trực công tác thi đua, khen thưởng'), null);
    assert.equal(headOf('Vụ Tổ chức cán bộ'), 'Vụ trưởng Vụ Tổ chức cán bộ');
    assert.equal(headOf('cơ quan thường trực công tác thi đua, khen thưởng'), 'Thủ trưởng cơ quan thường trực công tác thi đua, khen thưởng');
  });
  it('a text without a citation (number or date unconfirmed) is never cited', () => {
    for (const date of ['2024-06-01', '2025-01-01']) assert.ok(!codes(date, 'BTTTT').includes('TT-17-2024-BTTTT'));
  });
  it('every citation names its number and the day, month and year of its text', () => {
    for (const t of texts.filter((x) => x.citation && x.code !== 'LUAT-15-2003')) {
      assert.ok(t.citation!.includes(t.number), `${t.code} cites its number`);
      const [y, m, d] = t.signedOn!.split('-').map(Number);
      // Decree 30 writes days 1–9 and months 1–2 with a leading zero ("ngày 17 tháng 02 năm 2017"); older texts may not.
      const pad = (n: number) => String(n).padStart(2, '0');
      const forms = [`ngày ${pad(d)} tháng ${m <= 2 ? pad(m) : m} năm ${y}`, `ngày ${pad(d)} tháng ${m} năm ${y}`, `ngày ${d} tháng ${m} năm ${y}`];
      assert.ok(forms.some((f) => t.citation!.includes(f)), `${t.code} cites its date`);
    }
  });
});

describe('base salary and reward by the date of the decision', () => {
  // [decision date, base salary, Cờ amount, Bằng khen (collective) amount or null when an assumption, source]
  const rows: Array<[string, number, number | null, number | null, string]> = [
    ['2018-01-10', 1_300_000, 10_400_000, null, 'NĐ 47/2017 (bhxhbqp table); NĐ 91/2017 Điều 69 §2 đ (8,0); the collective Bằng khen multiple (2,0) rests on a news article'],
    ['2018-12-20', 1_390_000, 11_120_000, null, 'NĐ 72/2018 from 01/07/2018'],
    ['2020-01-20', 1_490_000, 11_920_000, null, 'NĐ 38/2019 from 01/07/2019: the 2019 review decided in 2020'],
    ['2023-06-30', 1_490_000, 11_920_000, null, 'the 1,600,000 planned for 2020 was never applied'],
    ['2023-07-01', 1_800_000, 14_400_000, null, 'NĐ 24/2023 from 01/07/2023'],
    ['2024-01-15', 1_800_000, 14_400_000, null, 'NĐ 98/2023 Điều 54 (Cờ 8,0); its collective Bằng khen multiple is an assumption'],
    ['2024-07-01', 2_340_000, 18_720_000, null, 'NĐ 73/2024 from 01/07/2024'],
    ['2025-07-01', 2_340_000, 18_720_000, null, 'NĐ 152/2025 Điều 50 khoản 2 điểm e (Cờ 8,0); its collective Bằng khen multiple is an assumption'],
    ['2026-06-30', 2_340_000, 18_720_000, null, 'the last day of NĐ 73/2024'],
    ['2026-07-01', 2_530_000, 20_240_000, null, 'NĐ 161/2026 Điều 3 khoản 2 from 01/07/2026 (Công báo số 290)'],
    ['2027-01-15', 2_530_000, 20_240_000, null, 'nothing newer in the catalogue'],
  ];
  for (const [date, baseVnd, flag, merit, source] of rows) {
    it(`${date}: base ${baseVnd}, Cờ ${flag ?? 'unconfirmed'}, Bằng khen ${merit ?? 'unconfirmed'} — ${source}`, () => {
      assert.equal(valueOn(values, 'BASE_SALARY', '', date)?.amount, baseVnd);
      const f = rewardOn(values, 'EMULATION_FLAG', date)!;
      const b = rewardOn(values, 'CERTIFICATE_OF_MERIT', date)!;
      assert.equal(f.assumptions.length ? null : f.amountVnd, flag);
      assert.equal(b.assumptions.length ? null : b.amountVnd, merit);
    });
  }
  it('the amount printed for 2020 names the multiple, the decree and the base salary', () => {
    assert.equal(
      rewardText(rewardOn(values, 'EMULATION_FLAG', '2020-01-20')),
      'Kèm theo tiền thưởng 8 lần mức lương cơ sở (11.920.000 đồng/tập thể; Điều 69 khoản 2 điểm đ Nghị định 91/2017/NĐ-CP; mức lương cơ sở 1.490.000 đồng theo Nghị định 38/2019/NĐ-CP).',
    );
  });
  it('an amount resting on an assumption is not printed as law', () => {
    const text = rewardText(rewardOn(values, 'CERTIFICATE_OF_MERIT', '2026-01-20'));
    assert.doesNotMatch(text, /\d\.\d{3}\.000 đồng/);
    assert.equal(text, 'Mức tiền thưởng theo quy định tại Nghị định 152/2025/NĐ-CP.');
    // From 01/07/2026 on the base salary of Decree 161/2026: the Cờ is priced, the collective's Bằng khen still is not.
    assert.equal(
      rewardText(rewardOn(values, 'EMULATION_FLAG', '2026-07-01')),
      'Kèm theo tiền thưởng 8 lần mức lương cơ sở (20.240.000 đồng/tập thể; Điều 50 khoản 2 điểm e Nghị định 152/2025/NĐ-CP; mức lương cơ sở 2.530.000 đồng theo Nghị định 161/2026/NĐ-CP).',
    );
    assert.equal(rewardText(rewardOn(values, 'CERTIFICATE_OF_MERIT', '2026-07-01')), 'Mức tiền thưởng theo quy định tại Nghị định 152/2025/NĐ-CP.');
  });
  it('the Cờ of Decree 152/2025 is priced by Điều 50 khoản 2 điểm e on the base salary then', () => {
    assert.equal(
      rewardText(rewardOn(values, 'EMULATION_FLAG', '2026-01-20')),
      'Kèm theo tiền thưởng 8 lần mức lương cơ sở (18.720.000 đồng/tập thể; Điều 50 khoản 2 điểm e Nghị định 152/2025/NĐ-CP; mức lương cơ sở 2.340.000 đồng theo Nghị định 73/2024/NĐ-CP).',
    );
  });
  it('before the catalogue starts, no reward', () => assert.equal(rewardOn(values, 'EMULATION_FLAG', '2016-01-01'), null));
  it('rounding up to ten thousand đồng', () => {
    assert.equal(roundUpToTenThousand(2_980_000), 2_980_000);
    assert.equal(roundUpToTenThousand(2_980_001), 2_990_000);
    assert.equal(roundUpToTenThousand(3_509_999), 3_510_000);
  });
});

describe('periods', () => {
  it('both ends are inclusive; open ends hold every date', () => {
    assert.equal(inForce({ effectiveFrom: '2024-01-01', effectiveTo: '2025-06-30' }, '2025-06-30'), true);
    assert.equal(inForce({ effectiveFrom: '2024-01-01', effectiveTo: '2025-06-30' }, '2025-07-01'), false);
    assert.equal(inForce({ effectiveFrom: null, effectiveTo: null }, '1999-01-01'), true);
  });
  it('the base salary periods leave no gap and do not overlap from 2016 on', () => {
    const b = values.filter((v) => v.kind === 'BASE_SALARY').sort((x, y) => x.effectiveFrom!.localeCompare(y.effectiveFrom!));
    for (let i = 1; i < b.length; i++) {
      const prevEnd = new Date(`${b[i - 1].effectiveTo}T00:00:00Z`);
      prevEnd.setUTCDate(prevEnd.getUTCDate() + 1);
      assert.equal(prevEnd.toISOString().slice(0, 10), b[i].effectiveFrom, `${b[i - 1].code} → ${b[i].code}`);
    }
  });
  it("the council's share for a Cờ under Decree 98/2023 is the council's, of all its members", () => {
    const share = councilShareOn(values, 'EMULATION_FLAG', '2024-12-20')!;
    assert.equal(share.amount, 8000);
    assert.match(share.label!, /Hội đồng Thi đua – Khen thưởng/);
    // Before 2024 and after 30/06/2025 the share is the ministry's own, marked as an assumption with its reason.
    for (const date of ['2020-04-10', '2026-02-10']) {
      const assumed = councilShareOn(values, 'EMULATION_FLAG', date)!;
      assert.equal(assumed.amount, 8000);
      assert.match(assumed.assumption!, /giả định/);
    }
    assert.equal(councilShareOn(values, 'CERTIFICATE_OF_MERIT', '2024-12-20'), null, 'no share is known for the Bằng khen');
  });
  it('every row has a source or an assumption with its reason', () => {
    for (const t of texts) assert.ok(t.sourceUrl || t.assumption, t.code);
    for (const v of values) assert.ok(v.sourceUrl || v.assumption, v.code);
  });
});
