import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transition } from '../../src/awards/proposals.rules';
import { Candidate, RuleVersion, approval, eligibility, ruleForYear, selectWithinQuota, threshold } from '../../src/awards/awards.rules';

const VERSIONS: RuleVersion[] = [
  { basis: 'Nghị định 91/2017/NĐ-CP', validFrom: '2017-07-31', validTo: '2023-12-31', minApproval: { EMULATION_FLAG: 8000, CERTIFICATE_OF_MERIT: 5000 } },
  { basis: 'Nghị định 98/2023/NĐ-CP', validFrom: '2024-01-01', validTo: '2025-06-30', minApproval: { EMULATION_FLAG: 8000, CERTIFICATE_OF_MERIT: 5000 } },
  { basis: 'Nghị định 152/2025/NĐ-CP', validFrom: '2025-07-01', validTo: null, minApproval: { EMULATION_FLAG: 8000, CERTIFICATE_OF_MERIT: 5000 } },
];

describe('rule version by year', () => {
  const cases: Array<[number, string | null]> = [
    [2016, null],
    [2019, 'Nghị định 91/2017/NĐ-CP'],
    [2023, 'Nghị định 91/2017/NĐ-CP'],
    [2024, 'Nghị định 98/2023/NĐ-CP'],
    [2025, 'Nghị định 152/2025/NĐ-CP'],
    [2030, 'Nghị định 152/2025/NĐ-CP'],
  ];
  for (const [year, basis] of cases) it(`${year} → ${basis}`, () => assert.equal(ruleForYear(VERSIONS, year)?.basis ?? null, basis));
});

describe('vote threshold of all members', () => {
  const rule = VERSIONS[0];
  const cases: Array<[number, number, number, boolean]> = [
    [5, 6, 8333, true], // 5 of 6 members
    [4, 6, 6666, false],
    [4, 5, 8000, true], // exactly 80 %
    [3, 4, 7500, false],
    [0, 6, 0, false],
  ];
  for (const [votes, members, ratio, passed] of cases) {
    it(`${votes}/${members} for the Cờ: ${passed ? 'passes' : 'fails'}`, () => {
      assert.equal(approval(votes, members), ratio);
      assert.equal(threshold('EMULATION_FLAG', votes, members, rule).passed, passed);
    });
  }
  it('absent members count in the denominator', () => assert.equal(threshold('EMULATION_FLAG', 4, 6, rule).passed, false));
});

describe('eligibility', () => {
  const base = { member: true, flagQuota: 2, meritQuota: 2, excellentThisYear: false, excellentLastYear: false };
  const cases: Array<[string, Parameters<typeof eligibility>[0], boolean]> = [
    ['Cờ for the leader', { ...base, award: 'EMULATION_FLAG', rank: 1 }, true],
    ['Cờ for the second of two places', { ...base, award: 'EMULATION_FLAG', rank: 2 }, true],
    ['Cờ for the third', { ...base, award: 'EMULATION_FLAG', rank: 3 }, false],
    ['Cờ for an unranked unit', { ...base, award: 'EMULATION_FLAG', rank: null }, false],
    ['Bằng khen for the fourth', { ...base, award: 'CERTIFICATE_OF_MERIT', rank: 4 }, true],
    ['Bằng khen for the fifth', { ...base, award: 'CERTIFICATE_OF_MERIT', rank: 5 }, false],
    ['Bằng khen after two excellent years', { ...base, award: 'CERTIFICATE_OF_MERIT', rank: 6, excellentThisYear: true, excellentLastYear: true }, true],
    ['Bằng khen after one excellent year', { ...base, award: 'CERTIFICATE_OF_MERIT', rank: 6, excellentThisYear: true }, false],
    ['anything for a non-member', { ...base, award: 'CERTIFICATE_OF_MERIT', rank: 1, member: false }, false],
  ];
  for (const [name, input, eligible] of cases) it(name, () => assert.equal(eligibility(input).eligible, eligible));
});

describe('selection within the quota', () => {
  const c = (unitId: string, votesFor: number, passed = true, eligible = true): Candidate => ({ unitId, votesFor, passed, eligible });
  it('takes everyone who passed when within the quota', () => assert.deepEqual(selectWithinQuota([c('A', 6), c('B', 5), c('C', 2, false)], 2), { selected: ['A', 'B'], tiedAtLastPlace: [] }));
  it('ranks by votes when more pass than the quota', () => assert.deepEqual(selectWithinQuota([c('A', 4), c('B', 6), c('C', 5)], 2).selected, ['B', 'C']));
  it('shows a tie at the last place', () => assert.deepEqual(selectWithinQuota([c('A', 6), c('B', 5), c('C', 5)], 2), { selected: ['A'], tiedAtLastPlace: ['B', 'C'] }));
  it('the chair’s recorded decision settles the tie', () => assert.deepEqual(selectWithinQuota([c('A', 6), c('B', 5), c('C', 5)], 2, ['C']), { selected: ['A', 'C'], tiedAtLastPlace: [] }));
  it('ineligible units are never selected', () => assert.deepEqual(selectWithinQuota([c('A', 6, true, false), c('B', 5)], 2).selected, ['B']));
});

describe('proposal workflow', () => {
  const cases: Array<[string, string, string | null]> = [
    ['DRAFT', 'submit', 'SUBMITTED'],
    ['SUBMITTED', 'claim', 'IN_REVIEW'],
    ['IN_REVIEW', 'approve', 'APPROVED'],
    ['IN_REVIEW', 'reject', 'REJECTED'],
    ['IN_REVIEW', 'return', 'RETURNED'],
    ['RETURNED', 'resubmit', 'SUBMITTED'],
    ['DRAFT', 'approve', null],
    ['SUBMITTED', 'approve', null],
    ['APPROVED', 'approve', null],
    ['APPROVED', 'return', null],
    ['REJECTED', 'resubmit', null],
    ['RETURNED', 'claim', null],
  ];
  for (const [from, action, to] of cases) {
    it(`${from} —${action}→ ${to ?? 'refused'}`, () => {
      const r = transition(from as never, action as never);
      assert.equal('to' in r ? r.to : null, to);
      if (!('to' in r)) assert.match(r.problem, /Không thể/);
    });
  }
});
