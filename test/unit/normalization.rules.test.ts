import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NormalizeMethod, PeerTotal, normalizationOf, normalizationWorking, normalizedTotal, pointsScale } from '../../src/scoring/normalization.rules';
import { LeafCriterion, RankingConfig, ScoredSheet, rankWithNormalization } from '../../src/scoring/ranking.rules';

const SCALE = { lo: -1000, hi: 10500 };
// Scorer L is lenient and spread out, H harsh and narrow, N scored only two units.
const TOTALS: PeerTotal[] = [
  { scorerId: 'L', targetId: 'A', total: 9000 },
  { scorerId: 'L', targetId: 'B', total: 8000 },
  { scorerId: 'L', targetId: 'C', total: 7000 },
  { scorerId: 'H', targetId: 'A', total: 7000 },
  { scorerId: 'H', targetId: 'B', total: 6500 },
  { scorerId: 'H', targetId: 'C', total: 6000 },
  { scorerId: 'N', targetId: 'A', total: 9900 },
  { scorerId: 'N', targetId: 'B', total: 9900 },
];
// Pooled: mean 7912.5, sd ≈ 1432.2 (population), min 6000, max 9900.

describe('normalisation of one peer total (table)', () => {
  const cases: Array<[string, NormalizeMethod, number, string, number, number]> = [
    // name, method, guard, scorer, raw total, expected
    ['mean shift brings a lenient scorer down', 'MEAN_SHIFT', 3, 'L', 9000, 9000 - 8000 + 7913],
    ['mean shift brings a harsh scorer up', 'MEAN_SHIFT', 3, 'H', 6500, 6500 - 6500 + 7913],
    ['z-score: the scorer mean maps to the pooled mean', 'Z_SCORE', 3, 'L', 8000, 7913],
    ['z-score: the scorer best (1.22 sd above its mean) is 1.22 pooled sd above', 'Z_SCORE', 3, 'L', 9000, 9667],
    ['z-score: a narrow scorer is stretched', 'Z_SCORE', 3, 'H', 7000, 9667],
    ['min–max: the scorer best maps to the pooled best', 'MIN_MAX', 3, 'H', 7000, 9900],
    ['min–max: the scorer lowest maps to the pooled lowest', 'MIN_MAX', 3, 'L', 7000, 6000],
    ['min–max: midway stays midway', 'MIN_MAX', 3, 'L', 8000, 7950],
    ['below the guard the total stays raw', 'Z_SCORE', 3, 'N', 9900, 9900],
    ['a guard of two takes N in; no spread: the shift only', 'Z_SCORE', 2, 'N', 9900, 7913],
    ['unknown scorer stays raw', 'MIN_MAX', 1, 'X', 5000, 5000],
  ];
  for (const [name, method, minUnits, scorer, raw, expected] of cases) {
    it(name, () => {
      const n = normalizationOf(TOTALS, { method, minUnits }, SCALE);
      assert.equal(normalizedTotal(n, scorer, raw), expected);
    });
  }

  it('the result is clamped to the points scale', () => {
    const n = normalizationOf([...TOTALS, { scorerId: 'H', targetId: 'D', total: 10500 }], { method: 'Z_SCORE', minUnits: 3 }, { lo: 0, hi: 10000 });
    assert.equal(normalizedTotal(n, 'H', 10500), 10000);
  });
  it('no peer totals, no normalisation', () => assert.equal(normalizationOf([], { method: 'Z_SCORE', minUnits: 1 }, SCALE), null));
  it('counts distinct units scored, not sheets', () => {
    const n = normalizationOf([...TOTALS, { scorerId: 'N', targetId: 'A', total: 9000 }], { method: 'MEAN_SHIFT', minUnits: 3 }, SCALE);
    assert.deepEqual([n?.scorers.get('N')?.units, n?.scorers.get('N')?.applied], [2, false]);
  });
  it('the points scale runs from all penalties to every scored and bonus maximum', () => {
    const leaves: LeafCriterion[] = [
      { code: 'A', maxPoints: 6000, kind: 'SCORED' },
      { code: 'B', maxPoints: 500, kind: 'BONUS' },
      { code: 'C', maxPoints: 1000, kind: 'PENALTY' },
    ];
    assert.deepEqual(pointsScale(leaves), { lo: -1000, hi: 6500 });
  });
  it('the working shows the arithmetic', () => {
    const n = normalizationOf(TOTALS, { method: 'MIN_MAX', minUnits: 3 }, SCALE)!;
    assert.equal(normalizationWorking(n, 'Sở H', 'H', 7000), 'phiếu của Sở H: 60 + (99 − 60) × (70 − 60) ÷ (70 − 60) = 99');
    assert.equal(normalizationWorking(n, 'Sở N', 'N', 9900), 'phiếu của Sở N giữ nguyên 99 (mới chấm 2 đơn vị, cần ít nhất 3)');
  });
});

describe('the ranking with normalisation', () => {
  const leaves: LeafCriterion[] = [{ code: 'TC1', maxPoints: 10000, kind: 'SCORED' }];
  const peer = (scorerId: string, targetId: string, points: number): ScoredSheet => ({ kind: 'PEER', scorerId, targetId, entries: { TC1: points * 100 } });
  const config = (method: NormalizeMethod, minUnits: number): RankingConfig => ({
    rule: 'PEER_MEAN',
    normalize: true,
    normalizeMethod: method,
    normalizeMinUnits: minUnits,
    selfMargin: 500,
    peerOutlier: 10000,
    bands: [{ minPoints: 0, label: 'Hoàn thành nhiệm vụ', code: 'COMPLETED' }],
  });
  const units = ['A', 'B', 'C'].map((id) => ({ id, name: `Sở ${id}`, womenShare: null }));
  // B and C score everyone but themselves; A scores only B (one unit).
  const sheets = [peer('B', 'A', 90), peer('B', 'C', 70), peer('C', 'A', 80), peer('C', 'B', 60), peer('A', 'B', 99)];

  const cases: Array<[string, NormalizeMethod, number, boolean]> = [
    ['guard 2: A is left raw and flagged', 'Z_SCORE', 2, false],
    ['guard 1: every scorer is normalised', 'MIN_MAX', 1, true],
  ];
  for (const [name, method, minUnits, aApplied] of cases) {
    it(name, () => {
      const { rows, normalization } = rankWithNormalization(units, leaves, sheets, config(method, minUnits));
      assert.equal(normalization?.method, method);
      assert.equal(normalization?.scorers.get('A')?.applied, aApplied);
      const b = rows.find((r) => r.unitId === 'B')!;
      assert.equal(b.flags.some((f) => f.kind === 'NOT_NORMALIZED' && f.scorerId === 'A'), !aApplied);
      assert.match(b.reasons[0], /chuẩn hóa theo người chấm/);
      assert.ok(b.reasons.some((r) => r.startsWith('Chuẩn hóa (')), b.reasons.join('\n'));
    });
  }
  it('the cluster rule does not normalise', () => {
    const { normalization } = rankWithNormalization(units, leaves, sheets, { ...config('Z_SCORE', 1), rule: 'CLUSTER' });
    assert.equal(normalization, null);
  });
});
