import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Fact, MeasuredCriterion, factProblem, leaderRatio, measuredPoints, ruleProblem, scaledScored } from '../../src/criteria/measure.rules';

const base = { perCount: null, bands: null, factUnit: null, formula: null } as const;
const PROP: MeasuredCriterion = { ...base, code: 'Q1', kind: 'SCORED', maxPoints: 1000, measure: 'QUANTITATIVE', formula: 'PROPORTIONAL', factUnit: 'vụ' };
const LEAD: MeasuredCriterion = { ...base, code: 'Q2', kind: 'SCORED', maxPoints: 2000, measure: 'QUANTITATIVE', formula: 'RELATIVE_TO_LEADER' };
const BAND: MeasuredCriterion = {
  ...base,
  code: 'Q3',
  kind: 'SCORED',
  maxPoints: 1000,
  measure: 'QUANTITATIVE',
  formula: 'BANDED',
  bands: [{ from: 9000, points: 1000 }, { from: 5000, points: 600 }, { from: 7000, points: 800 }],
};
const PF: MeasuredCriterion = { ...base, code: 'P1', kind: 'SCORED', maxPoints: 500, measure: 'PASS_FAIL' };
const PF_PEN: MeasuredCriterion = { ...PF, code: 'P2', kind: 'PENALTY' };
const CNT: MeasuredCriterion = { ...base, code: 'C1', kind: 'BONUS', maxPoints: 300, measure: 'PER_COUNT', perCount: 50 };
const CNT_PEN: MeasuredCriterion = { ...CNT, code: 'C2', kind: 'PENALTY', maxPoints: 500, perCount: 100 };
const POINTS: MeasuredCriterion = { ...base, code: 'T1', kind: 'SCORED', maxPoints: 1500, measure: 'POINTS' };

// Each row worked by hand (all values in hundredths): [criterion, fact, expected points, words in the working].
const TABLE: Array<[string, MeasuredCriterion, Fact, number, string]> = [
  ['proportional, under target: 10 × 30 ÷ 40 = 7,5', PROP, { achieved: 3000, target: 4000 }, 750, '10 × 30 ÷ 40 = 7,5'],
  ['proportional, over target capped at max', PROP, { achieved: 5000, target: 4000 }, 1000, '(tối đa)'],
  ['proportional, exactly on target', PROP, { achieved: 4000, target: 4000 }, 1000, '→ 10 điểm'],
  ['proportional, nothing achieved', PROP, { achieved: 0, target: 4000 }, 0, '= 0 điểm'],
  ['leader rule, under target: 20 × 60 ÷ 80 × ½ = 7,5', LEAD, { achieved: 6000, target: 8000, leaderRatio: 1.5 }, 750, '× ½ = 7,5'],
  ['leader rule, on target: max/2 = 10', LEAD, { achieved: 8000, target: 8000, leaderRatio: 1.5 }, 1000, '10 + 10 × (1 − 1)'],
  ['leader rule, the leader gets max', LEAD, { achieved: 12000, target: 8000, leaderRatio: 1.5 }, 2000, 'dẫn đầu cụm'],
  ['leader rule, halfway between target and leader: 10 + 10 × 0,25 ÷ 0,5 = 15', LEAD, { achieved: 10000, target: 8000, leaderRatio: 1.5 }, 1500, '= 15 điểm'],
  ['leader rule, a quarter of the way: 10 + 10 × 0,1 ÷ 0,4 = 12,5', LEAD, { achieved: 11000, target: 10000, leaderRatio: 1.4 }, 1250, '= 12,5 điểm'],
  ['leader rule, the best under target still takes the under-target rule', LEAD, { achieved: 5000, target: 10000, leaderRatio: 0.5 }, 500, '× ½'],
  ['banded, top band', BAND, { achieved: 9500, target: null }, 1000, 'khung từ 90'],
  ['banded, middle band (bands in any order)', BAND, { achieved: 7000, target: null }, 800, 'khung từ 70'],
  ['banded, below the lowest band', BAND, { achieved: 4999, target: null }, 0, 'dưới khung thấp nhất'],
  ['pass', PF, { achieved: 100, target: null }, 500, 'đạt → 5 điểm'],
  ['fail', PF, { achieved: 0, target: null }, 0, 'không đạt'],
  ['pass/fail penalty: the fault happened', PF_PEN, { achieved: 100, target: null }, -500, '(điểm trừ)'],
  ['per count: 4 × 0,5 = 2', CNT, { achieved: 400, target: null }, 200, '4 lần × 0,5 = 2'],
  ['per count capped: 8 × 0,5 = 4 → 3', CNT, { achieved: 800, target: null }, 300, 'tối đa 3'],
  ['per-count penalty: 2 × 1 = −2', CNT_PEN, { achieved: 200, target: null }, -200, '(điểm trừ)'],
  ['points as given', POINTS, { achieved: 1250, target: null }, 1250, '12,5 điểm'],
];

describe('criterion kinds: points from facts, worked by hand', () => {
  for (const [name, criterion, fact, points, words] of TABLE) {
    it(name, () => {
      const got = measuredPoints(criterion, fact);
      assert.equal(got.points, points);
      assert.ok(got.working.includes(words), `${got.working} should include ${words}`);
    });
  }
});

describe('criterion kinds: checks', () => {
  it('a quantitative criterion needs a formula and a scored kind; bands within max; per count needs points per occurrence', () => {
    assert.equal(ruleProblem(PROP), null);
    assert.match(ruleProblem({ ...PROP, formula: null })!, /công thức/);
    assert.match(ruleProblem({ ...PROP, kind: 'BONUS' })!, /chấm điểm/);
    assert.match(ruleProblem({ ...BAND, bands: [{ from: 1, points: 2000 }] })!, /khung/);
    assert.match(ruleProblem({ ...CNT, perCount: null })!, /mỗi lần/);
  });

  it('facts: target needed except for bands, pass/fail is 0 or 1, counts are whole', () => {
    assert.match(factProblem(PROP, { achieved: 100, target: null })!, /chưa có chỉ tiêu/);
    assert.equal(factProblem(BAND, { achieved: 100, target: null }), null);
    assert.match(factProblem(PF, { achieved: 50, target: null })!, /1 \(đạt\)/);
    assert.match(factProblem(CNT, { achieved: 150, target: null })!, /số nguyên/);
    assert.match(factProblem(CNT, { achieved: -100, target: null })!, /âm/);
  });

  it('the leader is the best ratio among units with a target', () => {
    assert.equal(leaderRatio([{ achieved: 100, target: 100 }, { achieved: 300, target: 200 }, { achieved: 900, target: null }]), 1.5);
    assert.equal(leaderRatio([]), null);
  });

  it('not applicable: scored points scaled by full max ÷ applicable max', () => {
    assert.equal(scaledScored(6000, 10000, 8000), 7500); // 60 × 100 ÷ 80 = 75
    assert.equal(scaledScored(6000, 10000, 10000), 6000);
    assert.equal(scaledScored(0, 10000, 0), 0);
  });
});
