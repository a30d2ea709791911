import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  Entries,
  LeafCriterion,
  RankingConfig,
  RankedUnit,
  ScoredSheet,
  compareUnits,
  entryProblem,
  finalScore,
  peerNormalization,
  rankMembers,
  sheetTotals,
} from '../../src/scoring/ranking.rules';

const LEAVES: LeafCriterion[] = [
  { code: 'TC1', maxPoints: 6000, kind: 'SCORED' },
  { code: 'TC2', maxPoints: 4000, kind: 'SCORED' },
  { code: 'TH', maxPoints: 500, kind: 'BONUS' },
  { code: 'TR', maxPoints: 1000, kind: 'PENALTY' },
];
const CONFIG: RankingConfig = {
  rule: 'CLUSTER',
  normalize: false,
  normalizeMethod: 'MEAN_SHIFT',
  normalizeMinUnits: 1,
  selfMargin: 500,
  peerOutlier: 1000,
  bands: [
    { minPoints: 9500, label: 'Hoàn thành xuất sắc nhiệm vụ', code: 'EXCELLENT' },
    { minPoints: 8500, label: 'Hoàn thành tốt nhiệm vụ', code: 'GOOD' },
    { minPoints: 0, label: 'Hoàn thành nhiệm vụ', code: 'COMPLETED' },
  ],
};
const e = (tc1: number, tc2: number, th = 0, tr = 0): Entries => ({ TC1: tc1 * 100, TC2: tc2 * 100, TH: th * 100, TR: tr * 100 });
const unit = (id: string, womenShare: number | null = null): RankedUnit => ({ id, name: id, womenShare: womenShare === null ? null : womenShare * 100 });
const cluster = (target: string, entries: Entries): ScoredSheet => ({ kind: 'CLUSTER', scorerId: 'cụm', targetId: target, entries });
const peer = (scorer: string, target: string, entries: Entries): ScoredSheet => ({ kind: 'PEER', scorerId: scorer, targetId: target, entries });

describe('entry ranges', () => {
  const cases: Array<[LeafCriterion, number, boolean]> = [
    [LEAVES[0], 0, true],
    [LEAVES[0], 6000, true],
    [LEAVES[0], 6001, false],
    [LEAVES[0], -1, false],
    [LEAVES[2], 500, true],
    [LEAVES[2], 501, false],
    [LEAVES[3], -1000, true],
    [LEAVES[3], 0, true],
    [LEAVES[3], 100, false],
    [LEAVES[3], -1001, false],
    [LEAVES[0], 12.5, false],
  ];
  for (const [leaf, value, ok] of cases) it(`${leaf.code} = ${value}: ${ok ? 'accepted' : 'refused'}`, () => assert.equal(entryProblem(leaf, value) === null, ok));
});

describe('sheet totals', () => {
  it('adds bonus and subtracts penalties, counting scored criteria at their maximum', () => {
    assert.deepEqual(sheetTotals(LEAVES, e(60, 35, 5, -2)), { total: 9800, bonus: 500, penalty: -200, criteriaAtMax: 1 });
  });
  it('missing entries count as zero', () => assert.equal(sheetTotals(LEAVES, { TC1: 1000 }).total, 1000));
});

describe('final score rules', () => {
  const peers = [peer('A', 'X', e(50, 30)), peer('B', 'X', e(55, 35)), peer('C', 'X', e(40, 20)), peer('D', 'X', e(60, 40))];
  const cases: Array<[string, RankingConfig['rule'], ScoredSheet[], number | null]> = [
    ['cluster sheet', 'CLUSTER', [cluster('X', e(58, 37, 2)), ...peers], 9700],
    ['no cluster sheet yet', 'CLUSTER', peers, null],
    ['mean of peers', 'PEER_MEAN', peers, 8250],
    ['trimmed mean drops the highest and lowest with four or more', 'PEER_TRIMMED_MEAN', peers, 8500],
    ['trimmed mean keeps all with three', 'PEER_TRIMMED_MEAN', peers.slice(0, 3), 7667],
    ['no peer sheets', 'PEER_MEAN', [cluster('X', e(1, 1))], null],
  ];
  for (const [name, rule, sheets, expected] of cases) {
    it(name, () => {
      const result = finalScore(LEAVES, sheets, { rule }, null);
      assert.equal('missing' in result ? null : result.totals.total, expected);
    });
  }

  it('normalisation cancels a lenient scorer', () => {
    // Scorer L gives everyone 10 points more than scorer H does.
    const sheets = [peer('L', 'X', e(50, 40)), peer('H', 'X', e(45, 35)), peer('L', 'Y', e(45, 35)), peer('H', 'Y', e(40, 30))];
    const norm = peerNormalization(LEAVES, sheets, { normalize: true, normalizeMethod: 'MEAN_SHIFT', normalizeMinUnits: 2 });
    assert.equal(norm?.scorers.get('L')?.mean, 8500);
    assert.equal(norm?.pooled.mean, 8000);
    const x = finalScore(LEAVES, sheets.filter((s) => s.targetId === 'X'), { rule: 'PEER_MEAN' }, norm);
    assert.ok(!('missing' in x) && x.totals.total === 8500);
  });
});

describe('ranking with its tie-break chain', () => {
  it('ranks by total, then criteria at maximum, then penalties; a full tie stays a tie, whatever the share of women', () => {
    const units = [unit('Total'), unit('AtMax'), unit('FewerAtMax'), unit('Penalty'), unit('Women', 72), unit('Men', 40), unit('TieA'), unit('TieB')];
    const sheets = [
      cluster('Total', e(60, 39)), // 99
      cluster('AtMax', e(60, 35)), // 95, 1 at max
      cluster('FewerAtMax', e(55, 40, 0, 0)), // 95, 1 at max (TC2)… equal at-max count, no penalty
      cluster('Penalty', e(56, 40, 1, -2)), // 95, 1 at max, penalty -2
      cluster('Women', e(50, 40)), // 90, 1 at max, women 72 %
      cluster('Men', e(50, 40)), // 90, 1 at max
      cluster('TieA', e(45, 35)), // 80
      cluster('TieB', e(45, 35)), // 80
    ];
    const rows = rankMembers(units, LEAVES, sheets, CONFIG);
    assert.deepEqual(
      rows.map((r) => [r.unitId, r.rank, r.tie]),
      [
        ['Total', 1, false],
        ['AtMax', 2, true],
        ['FewerAtMax', 2, true],
        ['Penalty', 4, false],
        // Equal on every step: tied, although Women has 72 % women (the preference chooses award candidates, not ranks).
        ['Men', 5, true],
        ['Women', 5, true],
        ['TieA', 7, true],
        ['TieB', 7, true],
      ],
    );
    const byId = Object.fromEntries(rows.map((r) => [r.unitId, r]));
    assert.ok(byId.Penalty.reasons.some((r) => r.includes('bị trừ ít điểm hơn')), byId.Penalty.reasons.join(' | '));
    assert.ok(!byId.Men.reasons.some((r) => r.includes('tỷ lệ nữ')));
    assert.ok(byId.TieA.reasons.some((r) => r.includes('Đồng hạng với TieB')));
    assert.equal(byId.Total.band, 'Hoàn thành xuất sắc nhiệm vụ');
    assert.equal(byId.TieA.band, 'Hoàn thành nhiệm vụ');
    assert.deepEqual([byId.Total.bandCode, byId.TieA.bandCode], ['EXCELLENT', 'COMPLETED']);
  });

  it('criteria at maximum decide between equal totals', () => {
    const rows = rankMembers([unit('B'), unit('A')], LEAVES, [cluster('A', e(55, 40)), cluster('B', e(60, 35))], CONFIG);
    assert.deepEqual(rows.map((r) => [r.unitId, r.rank, r.tie]), [['A', 1, true], ['B', 1, true]]);
    // Both 95: A has two criteria at their maximum (and a penalty), B one.
    const rows2 = rankMembers([unit('B'), unit('A')], LEAVES, [cluster('A', e(60, 40, 0, -5)), cluster('B', e(60, 35))], CONFIG);
    assert.deepEqual(rows2.map((r) => [r.unitId, r.rank, r.tie]), [['A', 1, false], ['B', 2, false]]);
    assert.ok(rows2[1].reasons.some((r) => r.includes('có 2 tiêu chí đạt điểm tối đa (B: 1)')), rows2[1].reasons.join(' | '));
  });

  it('never depends on the order of the input', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ a: fc.integer({ min: 0, max: 60 }), b: fc.integer({ min: 0, max: 40 }), w: fc.boolean() }), { minLength: 2, maxLength: 8 }), fc.nat(), (specs, seed) => {
        const units = specs.map((s, i) => unit(`U${i}`, s.w ? 75 : 20));
        const sheets = specs.map((s, i) => cluster(`U${i}`, e(s.a, s.b)));
        const shuffled = [...units].sort((x, y) => ((x.id.charCodeAt(1) * 31 + seed) % 7) - ((y.id.charCodeAt(1) * 31 + seed) % 7));
        const a = rankMembers(units, LEAVES, sheets, CONFIG).map((r) => [r.unitId, r.rank, r.tie]);
        const b = rankMembers(shuffled, LEAVES, [...sheets].reverse(), CONFIG).map((r) => [r.unitId, r.rank, r.tie]);
        assert.deepEqual(b, a);
      }),
      { seed: 4242, numRuns: 200 },
    );
  });

  it('unranked units say why', () => {
    const [row] = rankMembers([unit('X')], LEAVES, [], CONFIG);
    assert.equal(row.rank, null);
    assert.match(row.reasons[0], /Chưa xếp hạng: Chưa có phiếu điểm cụm thống nhất/);
  });
});

describe('divergence flags', () => {
  it('flags a self-score above the final score by more than the margin', () => {
    const sheets: ScoredSheet[] = [cluster('X', e(50, 30)), { kind: 'SELF', scorerId: 'X', targetId: 'X', entries: e(58, 38) }];
    const [row] = rankMembers([unit('X')], LEAVES, sheets, CONFIG);
    assert.deepEqual(row.flags.map((f) => [f.kind, f.gap]), [['SELF_ABOVE_FINAL', 1600]]);
    assert.match(row.flags[0].message, /Tự chấm cao hơn điểm cuối cùng 16 điểm/);
  });
  it('flags a peer far from the others', () => {
    const sheets = [peer('A', 'X', e(50, 30)), peer('B', 'X', e(52, 30)), peer('C', 'X', e(49, 31)), peer('D', 'X', e(30, 20))];
    const [row] = rankMembers([unit('X'), unit('D')], LEAVES, sheets, { ...CONFIG, rule: 'PEER_MEAN' });
    assert.deepEqual(row.flags.map((f) => [f.kind, f.scorerId]), [['PEER_OUTLIER', 'D']]);
    assert.match(row.flags[0].message, /Phiếu chấm chéo của D lệch/);
  });
  it('compareUnits names the deciding step', () => {
    const t = (total: number, criteriaAtMax: number, penalty: number) => ({ totals: { total, criteriaAtMax, penalty, bonus: 0 }, women: false });
    assert.deepEqual(compareUnits(t(90, 1, 0), t(90, 1, -100)), { order: 1, step: 'penalty' });
    assert.deepEqual(compareUnits(t(90, 1, 0), t(90, 1, 0)), { order: 0, step: null });
  });
});
