import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RotationInput, Term, effectiveOrder, nextLeadership, previewLeadership, termProblems } from '../../src/leadership/rotation.rules';

// Cụm 6 in the reference order.
const CUM6 = ['GL', 'PY', 'DL', 'LD', 'KT', 'DN'];
const NAMES: Record<string, string> = { GL: 'Gia Lai', PY: 'Phú Yên', DL: 'Đắk Lắk', LD: 'Lâm Đồng', KT: 'Kon Tum', DN: 'Đắk Nông' };

function input(over: Partial<RotationInput> = {}): RotationInput {
  return {
    order: CUM6,
    history: [],
    membersOf: () => CUM6,
    successorOf: () => null,
    nameOf: (id) => NAMES[id] ?? id,
    ...over,
  };
}

const CUM6_HISTORY: Term[] = [
  { year: 2019, chairId: 'DL', viceChairId: 'GL' },
  { year: 2020, chairId: 'GL', viceChairId: 'PY' },
];

describe('rotation rule: Cụm 6', () => {
  it('from 2019, Gia Lai (vice-chair of 2019) chairs 2020 with Phú Yên as vice-chair, as recorded', () => {
    const [step] = previewLeadership(2019, 1, input({ history: CUM6_HISTORY }));
    assert.deepEqual([step.year, step.chairId, step.viceChairId], [2020, 'GL', 'PY']);
    assert.match(step.reasons[0], /Cụm phó năm 2019 \(Gia Lai\) làm Cụm trưởng năm 2020/);
  });

  it('2021–2025 follow the rule, skipping units that chaired within the cycle', () => {
    const steps = previewLeadership(2020, 5, input({ history: CUM6_HISTORY }));
    assert.deepEqual(
      steps.map((s) => [s.year, s.chairId, s.viceChairId]),
      [
        [2021, 'PY', 'LD'], // Đắk Lắk chaired 2019: skipped
        [2022, 'LD', 'KT'],
        [2023, 'KT', 'DN'],
        [2024, 'DN', 'DL'], // Gia Lai (2020) and Phú Yên (2021) skipped; Đắk Lắk's 2019 term is out of the cycle
        [2025, 'DL', 'GL'],
      ],
    );
    assert.ok(steps[0].reasons.some((r) => r.includes('Bỏ qua Đắk Lắk (2019)')));
  });
});

describe('rotation rule: table of cases', () => {
  const cases: Array<{ name: string; year: number; members: string[]; previous?: Term; history?: Term[]; successors?: Record<string, string>; expect: [string, string | null]; reason?: RegExp }> = [
    { name: 'no history: the first in order chairs, the next is vice', year: 2020, members: CUM6, expect: ['GL', 'PY'], reason: /Chưa có nhiệm kỳ năm 2019/ },
    { name: 'the vice-chair becomes chair', year: 2021, members: CUM6, previous: { year: 2020, chairId: 'GL', viceChairId: 'PY' }, expect: ['PY', 'DL'] },
    {
      name: 'the vice-chair left: the next after the last chair takes over',
      year: 2021,
      members: ['GL', 'DL', 'LD', 'KT', 'DN'],
      previous: { year: 2020, chairId: 'GL', viceChairId: 'PY' },
      expect: ['DL', 'LD'],
      reason: /không còn là thành viên năm 2021/,
    },
    {
      name: 'the vice-chair merged: its successor chairs',
      year: 2026,
      members: ['GL', 'DL', 'LD', 'DLN'],
      previous: { year: 2025, chairId: 'GL', viceChairId: 'PY' },
      successors: { PY: 'DL', DN: 'LD', KT: 'QN' },
      expect: ['DL', 'LD'],
      reason: /đã sáp nhập/,
    },
    {
      name: 'a successor keeps its predecessor’s place in the order',
      year: 2026,
      members: ['GL', 'NEWPY', 'DL', 'LD'],
      previous: { year: 2025, chairId: 'LD', viceChairId: 'GL' },
      successors: { PY: 'NEWPY' },
      expect: ['GL', 'NEWPY'],
    },
    {
      name: 'no vice-chair recorded last year',
      year: 2024,
      members: ['HN', 'HCM', 'HP', 'DN', 'CT'],
      previous: { year: 2023, chairId: 'HP', viceChairId: null },
      expect: ['DN', 'CT'],
      reason: /không ghi nhận Cụm phó/,
    },
    { name: 'a single member: no vice-chair', year: 2020, members: ['GL'], expect: ['GL', null], reason: /không có Cụm phó/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const order = c.members.includes('HN') ? ['HN', 'HCM', 'HP', 'DN', 'CT'] : CUM6;
      const result = nextLeadership(c.year, c.members, c.previous, [...(c.history ?? []), ...(c.previous ? [c.previous] : [])], {
        order,
        successorOf: (id) => c.successors?.[id] ?? null,
        nameOf: (id) => NAMES[id] ?? id,
      });
      assert.deepEqual([result.chairId, result.viceChairId], c.expect);
      if (c.reason) assert.ok(result.reasons.some((r) => c.reason!.test(r)), result.reasons.join(' | '));
    });
  }

  it('effective order: successors in place, departed skipped, newcomers appended', () => {
    assert.deepEqual(effectiveOrder(['A', 'B', 'C', 'D'], ['A', 'X', 'D', 'N'], (id) => (id === 'B' ? 'X' : null)), ['A', 'X', 'D', 'N']);
    assert.deepEqual(effectiveOrder(['A', 'B', 'C'], ['A', 'C2'], (id) => ({ B: 'C2', C: 'C2' })[id] ?? null), ['A', 'C2']);
  });

  it('a year without membership assumes the last recorded one, and says so', () => {
    const steps = previewLeadership(2024, 2, input({ history: [{ year: 2024, chairId: 'DN', viceChairId: 'DL' }], membersOf: (y) => (y <= 2024 ? CUM6 : null) }));
    assert.equal(steps[0].assumedMembershipOf, 2024);
    assert.match(steps[0].reasons[0], /giả định thành viên như năm 2024/);
  });

  it('checks a proposed term', () => {
    const members = new Set(CUM6);
    assert.deepEqual(termProblems({ chairId: 'GL', viceChairId: 'PY' }, members, 2020), []);
    assert.deepEqual(termProblems({ chairId: 'GL', viceChairId: 'GL' }, members, 2020).map((p) => p.field), ['viceChairUnitId']);
    assert.deepEqual(termProblems({ chairId: 'HN', viceChairId: 'PY', hostId: 'XX' }, members, 2020).map((p) => p.field), ['chairUnitId', 'hostUnitId']);
  });
});

describe('rotation rule: properties over random membership histories', () => {
  /** A history of 12 years over up to 9 units, with joins, departures and mergers. */
  const arbHistory = fc
    .record({
      size: fc.integer({ min: 2, max: 9 }),
      events: fc.array(
        fc.record({ year: fc.integer({ min: 2021, max: 2032 }), kind: fc.constantFrom('join', 'leave', 'merge'), a: fc.nat(20), b: fc.nat(20) }),
        { maxLength: 8 },
      ),
      start: fc.nat(8),
    })
    .map(({ size, events, start }) => {
      const initial = Array.from({ length: size }, (_, i) => `U${i}`);
      const successors: Record<string, string> = {};
      const byYear = new Map<number, string[]>();
      let current = [...initial];
      let fresh = size;
      for (let year = 2020; year <= 2032; year++) {
        for (const e of events.filter((x) => x.year === year)) {
          if (e.kind === 'join') current = [...current, `U${fresh++}`];
          if (e.kind === 'leave' && current.length > 2) current = current.filter((_, i) => i !== e.a % current.length);
          if (e.kind === 'merge' && current.length > 2) {
            const from = current[e.a % current.length];
            const into = current.filter((u) => u !== from)[e.b % (current.length - 1)];
            successors[from] = into;
            current = current.filter((u) => u !== from);
          }
        }
        byYear.set(year, [...current]);
      }
      const first = initial[start % size];
      const second = initial[(start + 1) % size];
      return { initial, byYear, successors, history: [{ year: 2020, chairId: first, viceChairId: second }] as Term[] };
    });

  const run = (h: { initial: string[]; byYear: Map<number, string[]>; successors: Record<string, string>; history: Term[] }) =>
    previewLeadership(2020, 12, {
      order: h.initial,
      history: h.history,
      membersOf: (y) => h.byYear.get(y) ?? null,
      successorOf: (id) => h.successors[id] ?? null,
      nameOf: (id) => id,
    });

  it('the chair and the vice-chair differ and are both members of the year', () => {
    fc.assert(
      fc.property(arbHistory, (h) => {
        for (const step of run(h)) {
          const members = h.byYear.get(step.year)!;
          assert.ok(members.includes(step.chairId), `chair ${step.chairId} not a member in ${step.year}`);
          if (step.viceChairId !== null) {
            assert.notEqual(step.viceChairId, step.chairId);
            assert.ok(members.includes(step.viceChairId), `vice ${step.viceChairId} not a member in ${step.year}`);
          }
        }
      }),
      { seed: 20201106, numRuns: 300 },
    );
  });

  it('with stable membership every member chairs exactly once per cycle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(11), fc.nat(11), (n, a, b) => {
        const units = Array.from({ length: n }, (_, i) => `U${i}`);
        const chair = units[a % n];
        const vice = units.filter((u) => u !== chair)[b % (n - 1)];
        const steps = previewLeadership(2020, 3 * n, {
          order: units,
          history: [{ year: 2020, chairId: chair, viceChairId: vice }],
          membersOf: () => units,
          successorOf: () => null,
          nameOf: (id) => id,
        });
        const chairs = [chair, ...steps.map((s) => s.chairId)];
        for (let start = 0; start + n <= chairs.length; start++) {
          assert.equal(new Set(chairs.slice(start, start + n)).size, n, `years ${start}…${start + n - 1}: ${chairs.join(',')}`);
        }
      }),
      { seed: 20201106, numRuns: 300 },
    );
  });

  it('the preview is deterministic', () => {
    fc.assert(
      fc.property(arbHistory, (h) => {
        assert.deepEqual(run(h), run(h));
      }),
      { seed: 20201106, numRuns: 100 },
    );
  });
});
