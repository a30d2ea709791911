import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResultCriterion, ResultInput, criterionAggregates, lostOn, unitResults } from '../../src/scoring/results/results.rules';

const CRITERIA: ResultCriterion[] = [
  { code: 'TC1', kind: 'SCORED', maxPoints: 3000 },
  { code: 'TC2', kind: 'SCORED', maxPoints: 2000 },
  { code: 'TH', kind: 'BONUS', maxPoints: 500 },
  { code: 'TR', kind: 'PENALTY', maxPoints: 500 },
];
const ROWS: ResultInput[] = [
  { unitId: 'A', entries: { TC1: 3000, TC2: 1500, TH: 0, TR: -250 } },
  { unitId: 'B', entries: { TC1: 2500, TC2: 2000, TH: 500, TR: 0 } },
  { unitId: 'C', entries: { TC1: 2000, TC2: 1000, TH: 200 } },
  { unitId: 'D', entries: null },
];

describe('points lost on a criterion (table)', () => {
  const cases: Array<[string, ResultCriterion, number, number]> = [
    ['scored at maximum', CRITERIA[0], 3000, 0],
    ['scored below maximum', CRITERIA[0], 2250, 750],
    ['bonus not earned', CRITERIA[2], 0, 500],
    ['penalty taken', CRITERIA[3], -250, 250],
    ['no penalty', CRITERIA[3], 0, 0],
  ];
  for (const [name, c, points, lost] of cases) it(name, () => assert.equal(lostOn(c, points), lost));
});

describe('cluster aggregates per criterion', () => {
  const agg = criterionAggregates(CRITERIA, ROWS);
  const cases: Array<[string, number | null, number | null, number]> = [
    ['TC1', 2500, 3000, 3],
    ['TC2', 1500, 2000, 3],
    ['TH', 233, 500, 3],
    // C has no entry for TR: the mean is over the two units that have one; the best penalty is the smallest deduction.
    ['TR', -125, 0, 2],
  ];
  for (const [code, mean, best, units] of cases) {
    it(`${code}: mean ${mean}, best ${best} over ${units} units`, () => assert.deepEqual(agg.find((a) => a.code === code), { code, mean, best, units }));
  }
  it('a criterion nobody has points on has no mean nor best', () => {
    assert.deepEqual(criterionAggregates([{ code: 'X', kind: 'SCORED', maxPoints: 100 }], ROWS), [{ code: 'X', mean: null, best: null, units: 0 }]);
  });
});

describe('unit results', () => {
  const agg = criterionAggregates(CRITERIA, ROWS);
  const results = unitResults(CRITERIA, ROWS, agg);
  it('where a unit lost points, most first, with the total lost', () => {
    const a = results.find((r) => r.unitId === 'A')!;
    assert.deepEqual(a.losses, [{ code: 'TC2', lost: 500 }, { code: 'TH', lost: 500 }, { code: 'TR', lost: 250 }]);
    assert.equal(a.lostTotal, 1250);
    assert.deepEqual(a.criteria.find((c) => c.code === 'TC1'), { code: 'TC1', points: 3000, lost: 0, behindBest: 0 });
    assert.deepEqual(a.criteria.find((c) => c.code === 'TR'), { code: 'TR', points: -250, lost: 250, behindBest: 250 });
  });
  it('a criterion without points has no loss', () => {
    const c = results.find((r) => r.unitId === 'C')!;
    assert.deepEqual(c.criteria.find((x) => x.code === 'TR'), { code: 'TR', points: null, lost: null, behindBest: null });
  });
  it('an unranked unit has no points anywhere and loses nothing', () => {
    const d = results.find((r) => r.unitId === 'D')!;
    assert.deepEqual([d.lostTotal, d.losses, d.criteria.every((c) => c.points === null)], [0, [], true]);
  });
  it('showing one unit keeps the aggregates of all', () => {
    const [b] = unitResults(CRITERIA, ROWS.filter((r) => r.unitId === 'B'), agg);
    assert.equal(b.criteria.find((c) => c.code === 'TC1')!.behindBest, 500);
  });
});
