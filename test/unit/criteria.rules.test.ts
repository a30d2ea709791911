import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CriterionNode, flatten, treeProblems } from '../../src/criteria/criteria.rules';
import { redefinedCodes } from '../../src/criteria/criteria-tree';
import { POINTS_RULE, type MeasureRule } from '../../src/criteria/measure.rules';
import { defaultLegalBases } from '../../src/pledges/pledge-defaults';
import { LEGAL_TEXTS } from '../../src/legal/legal-seed';
import { legalBasesOn } from '../../src/legal/legal.rules';
import { placeDateLine, pointsVi, vietnamTime } from '../../src/documents/pdf/vietnamese-dates';

const node = (code: string, maxPoints: number, children: CriterionNode[] = [], kind: CriterionNode['kind'] = 'SCORED'): CriterionNode => ({
  code,
  text: `Nội dung ${code}`,
  guidance: null,
  maxPoints: maxPoints * 100,
  kind,
  evidenceRequired: false,
  children,
});

describe('treeProblems', () => {
  const cases: Array<[string, CriterionNode[], number, string[]]> = [
    ['nine criteria adding up to 100', [15, 15, 10, 10, 15, 10, 10, 10, 5].map((p, i) => node(`TC${i + 1}`, p)), 100, []],
    ['sub-items within their parent', [node('TC1', 60, [node('TC1.a', 30), node('TC1.b', 30)]), node('TC2', 40)], 100, []],
    ['sub-items exceeding their parent', [node('TC1', 60, [node('TC1.a', 40), node('TC1.b', 30)]), node('TC2', 40)], 100, ['items[0].maxPoints']],
    ['a sub-item of another kind', [node('TC1', 100, [node('TC1.a', 10, [], 'BONUS')])], 100, ['items[0].children[0].kind']],
    ['a duplicate code', [node('TC1', 50), node('tc1', 50)], 100, ['items[1].code']],
    ['scored criteria not adding up to the total', [node('TC1', 50), node('TC2', 40)], 100, ['totalPoints']],
    ['bonus and penalty items do not count in the total', [node('TC1', 100), node('TH', 5, [], 'BONUS'), node('TR', 10, [], 'PENALTY')], 100, []],
    ['four levels', [node('A', 100, [node('B', 100, [node('C', 100, [node('D', 100)])])])], 100, ['items[0].children[0].children[0].children']],
    ['decimal points', [node('TC1', 33.33), node('TC2', 66.67)], 100, []],
  ];
  for (const [name, items, total, fields] of cases) {
    it(name, () => {
      const problems = treeProblems(items, total * 100);
      assert.deepEqual(problems.map((p) => p.field), fields);
    });
  }
  it('says which total was exceeded, with a decimal comma', () => {
    const [problem] = treeProblems([node('TC1', 10.5, [node('TC1.a', 6.25), node('TC1.b', 5)])], 1050);
    assert.equal(problem.message, 'Tổng điểm các mục con của TC1 (11,25) vượt điểm tối đa của tiêu chí (10,5).');
  });
  it('flattens in reading order with depth and parent', () => {
    const flat = flatten([node('TC1', 60, [node('TC1.a', 30)]), node('TC2', 40)]);
    assert.deepEqual(flat.map((n) => [n.code, n.depth, n.parentCode]), [['TC1', 1, null], ['TC1.a', 2, 'TC1'], ['TC2', 1, null]]);
  });
});

describe('Decree 30 dates and numbers', () => {
  const cases: Array<[string, string]> = [
    ['2020-03-06', 'Đắk Lắk, ngày 06 tháng 3 năm 2020'],
    ['2021-01-15', 'Đắk Lắk, ngày 15 tháng 01 năm 2021'],
    ['2022-02-09', 'Đắk Lắk, ngày 09 tháng 02 năm 2022'],
    ['2023-12-31', 'Đắk Lắk, ngày 31 tháng 12 năm 2023'],
    ['2024-10-10', 'Đắk Lắk, ngày 10 tháng 10 năm 2024'],
  ];
  for (const [date, line] of cases) it(`${date} → ${line}`, () => assert.equal(placeDateLine('Đắk Lắk', date), line));
  it('shows times in Vietnam (UTC+7)', () => {
    assert.equal(vietnamTime('2020-03-06T02:15:00.000Z'), '09:15 ngày 06/03/2020');
    assert.equal(vietnamTime('2020-03-05T17:30:00.000Z'), '00:30 ngày 06/03/2020');
  });
  it('writes points with a decimal comma', () => {
    assert.equal(pointsVi(95.5), '95,5');
    assert.equal(pointsVi(100), '100');
  });
});

describe('the legal bases of a new pledge: the citations of its signing date, then the directive and the regulation', () => {
  const texts = LEGAL_TEXTS;
  const cases: Array<[string, string, RegExp, RegExp]> = [
    ['2020-03-06', 'BTTTT', /năm 2003/, /91\/2017\/NĐ-CP/],
    ['2024-02-20', 'BTTTT', /06\/2022\/QH15/, /98\/2023\/NĐ-CP/],
    ['2025-03-10', 'BKHCN', /06\/2022\/QH15/, /98\/2023\/NĐ-CP/],
    ['2026-02-10', 'BKHCN', /06\/2022\/QH15/, /152\/2025\/NĐ-CP/],
  ];
  for (const [date, sector, law, decree] of cases) {
    it(`${date}`, () => {
      const citations = legalBasesOn(texts, date, sector).map((t) => t.citation!);
      const bases = defaultLegalBases(citations, 'Quy chế hoạt động của Cụm thi đua số 6 (ban hành kèm theo Biên bản hội nghị ngày 20/02/2020)');
      assert.match(bases[0], law);
      assert.match(bases[1], decree);
      assert.equal(bases.at(-1), 'Căn cứ Quy chế hoạt động của Cụm thi đua số 6 (ban hành kèm theo Biên bản hội nghị ngày 20/02/2020),');
      // Neither a regulation on record nor a directive catalogued: the texts only, no basis in general words.
      const plain = defaultLegalBases(citations, null);
      assert.deepEqual(plain, [...citations.slice(0, -1), citations.at(-1)!.replace(/;$/, ',')]);
      assert.ok(!plain.some((b) => b.startsWith('Căn cứ hướng dẫn')));
      // A directive of the year catalogued: cited by its number, the regulation after it, the last basis with a comma.
      const directive = 'Căn cứ Chỉ thị số 67/CT-BTTTT ngày 27 tháng 12 năm 2019 của Bộ trưởng Bộ Thông tin và Truyền thông về công tác thi đua, khen thưởng năm 2020;';
      assert.deepEqual(defaultLegalBases([], null, directive), [directive.replace(/;$/, ',')]);
      assert.deepEqual(defaultLegalBases([], 'Quy chế X', directive), [directive, 'Căn cứ Quy chế X,']);
      assert.ok(bases.every((b) => b.startsWith('Căn cứ')));
    });
  }
});

describe('an amendment redefines a criterion when its maximum, kind or rule moves (a draft’s points for it are cleared)', () => {
  const leaf = (code: string, maxPoints = 10, kind = 'SCORED', rule: MeasureRule = POINTS_RULE, text = `Nội dung ${code}`) => ({ code, text, maxPoints, kind, rule });
  const before = [leaf('TC1'), leaf('TC2'), leaf('TC3'), leaf('TC4'), leaf('TC5'), leaf('TC6', 5, 'PENALTY')];
  const after = [
    leaf('TC1'), // unchanged
    leaf('TC2', 8), // maximum lowered
    leaf('TC3', 10, 'BONUS'), // kind
    leaf('TC4', 10, 'SCORED', { ...POINTS_RULE, measure: 'QUANTITATIVE', formula: 'PROPORTIONAL' }), // now measured
    // TC5 removed
    leaf('TC6', 5, 'PENALTY', POINTS_RULE, '  Nội dung   TC6 '), // unchanged (only spaces)
    leaf('TC7'), // new: no draft holds points for it
    leaf('TC8', 10, 'SCORED', POINTS_RULE, 'Một nội dung khác hẳn'), // the code reused with another meaning
  ];
  before.push(leaf('TC8'));
  it('lists the removed and redefined criteria only', () => assert.deepEqual(redefinedCodes(before, after), ['TC2', 'TC3', 'TC4', 'TC5', 'TC8']));
  it('an identical amendment redefines nothing', () => assert.deepEqual(redefinedCodes(before, before.map((l) => ({ ...l, rule: { ...l.rule } }))), []));
});
