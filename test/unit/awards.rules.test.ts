import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decisionDateProblem, proposalRefusal, transition } from '../../src/awards/proposals.rules';
import { impedimentRefusal } from '../../src/awards/ratings/ratings.rules';
import { AwardResult, Candidate, CandidateResult, MeetingInput, RuleVersion, Standing, approval, eligibility, meetsShare, ratioText, requirementText, meetingResults, ruleForYear, selectWithinQuota, threshold } from '../../src/awards/awards.rules';

const VERSIONS: RuleVersion[] = [
  { basis: 'Nghị định 91/2017/NĐ-CP', validFrom: '2017-07-31', validTo: '2023-12-31', minApproval: { EMULATION_FLAG: 8000, CERTIFICATE_OF_MERIT: 5000 } },
  { basis: 'Nghị định 98/2023/NĐ-CP', validFrom: '2024-01-01', validTo: '2025-06-30', minApproval: { EMULATION_FLAG: 8000, CERTIFICATE_OF_MERIT: 5000 } },
  { basis: 'Nghị định 152/2025/NĐ-CP', validFrom: '2025-07-01', validTo: null, minApproval: { EMULATION_FLAG: 8000, CERTIFICATE_OF_MERIT: 5000 }, strictlyAbove: { CERTIFICATE_OF_MERIT: true } },
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
    [4, 6, 6667, false], // 66,666…% rounded half up for display; compared exactly
    [4, 5, 8000, true], // exactly 80 %: "từ 80% trở lên" is reached
    [7, 9, 7778, false], // 77,77…%
    [8, 10, 8000, true],
    [1, 3, 3333, false],
    [2, 3, 6667, false],
    [3, 4, 7500, false],
    [0, 6, 0, false],
  ];
  for (const [votes, members, ratio, passed] of cases) {
    it(`${votes}/${members} for the Cờ: ${passed ? 'passes' : 'fails'}`, () => {
      assert.equal(approval(votes, members), ratio);
      assert.equal(threshold('EMULATION_FLAG', votes, members, rule).passed, passed);
    });
  }
  it('"more than half" (Bằng khen) is strictly more: 3 of 6 fails, 4 of 6 passes, 3 of 5 passes, 2 of 4 fails', () => {
    const merit = VERSIONS[2];
    assert.equal(threshold('CERTIFICATE_OF_MERIT', 3, 6, merit).passed, false);
    assert.equal(threshold('CERTIFICATE_OF_MERIT', 4, 6, merit).passed, true);
    assert.equal(threshold('CERTIFICATE_OF_MERIT', 3, 5, merit).passed, true);
    assert.equal(threshold('CERTIFICATE_OF_MERIT', 2, 4, merit).passed, false);
    assert.equal(ratioText(approval(4, 6)), '66,67%');
    assert.equal(requirementText(5000, true), 'trên 50%');
    assert.equal(requirementText(8000, false), 'từ 80% trở lên');
  });
  it('the exact comparison does not use the rounded figure: 2 of 3 (66,67 % shown) is below 66,67 % required', () => {
    assert.equal(approval(2, 3), 6667);
    assert.equal(meetsShare(2, 3, 6667, false), false);
    assert.equal(meetsShare(2, 3, 6666, false), true);
  });
  it('absent members count in the denominator', () => assert.equal(threshold('EMULATION_FLAG', 4, 6, rule).passed, false));
  it('no rule in force: nothing required, nothing passes', () => assert.deepEqual(threshold('EMULATION_FLAG', 6, 6, null), { ratio: 10000, required: null, strictly: false, passed: false }));
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
  it('the reason names the place the quotas give, not a rating ("xuất sắc" is the rating of a decision)', () => {
    assert.equal(eligibility({ ...base, award: 'CERTIFICATE_OF_MERIT', rank: 4 }).reason, 'Xếp hạng 4 trong cụm, trong 4 vị trí đầu được xét khen thưởng theo chỉ tiêu.');
    // Only the first leads the cluster; a second Cờ of the quota is said as its place (the 2019 list read "Dẫn đầu cụm (hạng 2)").
    assert.equal(eligibility({ ...base, award: 'EMULATION_FLAG', rank: 1 }).reason, 'Dẫn đầu cụm (hạng 1).');
    assert.equal(eligibility({ ...base, award: 'EMULATION_FLAG', rank: 2 }).reason, 'Xếp hạng 2 trong cụm, trong 2 vị trí dẫn đầu được xét Cờ thi đua theo chỉ tiêu.');
    assert.equal(eligibility({ ...base, award: 'CERTIFICATE_OF_MERIT', rank: 5 }).reason, 'Bằng khen cần xếp hạng trong 4 vị trí đầu của cụm theo chỉ tiêu hoặc hai năm liên tục hoàn thành xuất sắc nhiệm vụ.');
  });
});

describe('selection within the quota', () => {
  const c = (unitId: string, votesFor: number, passed = true, eligible = true): Candidate => ({ unitId, votesFor, passed, eligible });
  it('takes everyone who passed when within the quota', () => assert.deepEqual(selectWithinQuota([c('A', 6), c('B', 5), c('C', 2, false)], 2), { selected: ['A', 'B'], tiedAtLastPlace: [] }));
  it('ranks by votes when more pass than the quota', () => assert.deepEqual(selectWithinQuota([c('A', 4), c('B', 6), c('C', 5)], 2).selected, ['B', 'C']));
  it('shows a tie at the last place', () => assert.deepEqual(selectWithinQuota([c('A', 6), c('B', 5), c('C', 5)], 2), { selected: ['A'], tiedAtLastPlace: ['B', 'C'] }));
  it('the chair’s recorded decision settles the tie', () => assert.deepEqual(selectWithinQuota([c('A', 6), c('B', 5), c('C', 5)], 2, ['C']), { selected: ['A', 'C'], tiedAtLastPlace: [] }));
  it('ineligible units are never selected', () => assert.deepEqual(selectWithinQuota([c('A', 6, true, false), c('B', 5)], 2).selected, ['B']));
});

describe('meeting results', () => {
  const members = ['A', 'B', 'C', 'D', 'E', 'F'];
  const standings = (...rows: Array<[string, number | null, Standing['bandCode']]>) => new Map(rows.map(([id, rank, bandCode]) => [id, { rank, bandCode }]));
  const input = (over: Partial<MeetingInput> = {}): MeetingInput => ({
    memberIds: members,
    ballots: [],
    rule: VERSIONS[2],
    quotas: { EMULATION_FLAG: 2, CERTIFICATE_OF_MERIT: 2 },
    standings: standings(['A', 1, 'EXCELLENT'], ['B', 2, 'EXCELLENT'], ['C', 3, 'GOOD'], ['D', 4, 'GOOD'], ['E', 5, 'EXCELLENT'], ['F', 6, 'COMPLETED']),
    excellent: { thisYear: new Set(), lastYear: new Set() },
    tieDecisions: {},
    ...over,
  });
  const pick = (results: AwardResult[], award: string) => results.find((r) => r.award === award)!;
  const flag = (unitId: string, votesFor: number) => ({ award: 'EMULATION_FLAG' as const, unitId, votesFor });
  const merit = (unitId: string, votesFor: number) => ({ award: 'CERTIFICATE_OF_MERIT' as const, unitId, votesFor });
  const cases: Array<[string, Partial<MeetingInput>, string, string[], Array<[string, Partial<CandidateResult>]>]> = [
    ['Cờ for the two leaders with 80 %', { ballots: [flag('A', 6), flag('B', 5), flag('C', 6)] }, 'EMULATION_FLAG', ['A', 'B'], [['C', { passed: true, eligible: false }]]],
    ['Cờ below 80 % of all members', { ballots: [flag('A', 6), flag('B', 4)] }, 'EMULATION_FLAG', ['A'], [['B', { ratio: 6667, required: 8000, passed: false, eligible: true }]]],
    ['Bằng khen below the threshold of all members', { ballots: [merit('C', 2), merit('D', 4)] }, 'CERTIFICATE_OF_MERIT', ['D'], [['C', { ratio: 3333, required: 5000, passed: false, eligible: true }]]],
    ['Bằng khen after two years rated excellent by decision, ranked fifth', { ballots: [merit('E', 6)], excellent: { thisYear: new Set(['E']), lastYear: new Set(['E']) } }, 'CERTIFICATE_OF_MERIT', ['E'], [['E', { eligible: true, eligibilityReason: 'Hai năm liên tục được xếp loại hoàn thành xuất sắc nhiệm vụ (theo quyết định của cấp có thẩm quyền).' }]]],
    ['Bằng khen after one year rated excellent, ranked fifth', { ballots: [merit('E', 6)], excellent: { thisYear: new Set(['E']), lastYear: new Set() } }, 'CERTIFICATE_OF_MERIT', [], [['E', { eligible: false }]]],
    // The cluster's points band is not the legal rating: E is in the EXCELLENT band this year (standings) but has no decision.
    ['the points band alone never opens the two-year route', { ballots: [merit('E', 6)], excellent: { thisYear: new Set(), lastYear: new Set(['E']) } }, 'CERTIFICATE_OF_MERIT', [], [['E', { eligible: false }]]],
    ['no rule in force: nobody passes, nothing is required', { ballots: [flag('A', 6)], rule: null }, 'EMULATION_FLAG', [], [['A', { ratio: 10000, required: null, passed: false, eligible: true }]]],
    ['a tie at the last place stays open', { ballots: [merit('A', 6), merit('B', 5), merit('C', 5)] }, 'CERTIFICATE_OF_MERIT', ['A'], []],
    ['the chair settles the tie', { ballots: [merit('A', 6), merit('B', 5), merit('C', 5)], tieDecisions: { CERTIFICATE_OF_MERIT: ['C'] } }, 'CERTIFICATE_OF_MERIT', ['A', 'C'], []],
    ['a non-member is never selected', { ballots: [flag('X', 6)] }, 'EMULATION_FLAG', [], [['X', { eligible: false }]]],
  ];
  it('candidates are listed by votes, equal votes by rank, then in the members’ order, whatever order the ballots come in', () => {
    const ballots = [merit('F', 0), merit('Z', 0), merit('D', 0), merit('B', 5), merit('X', 0), merit('E', 5), merit('A', 6)];
    for (const order of [ballots, [...ballots].reverse()]) {
      const listed = pick(meetingResults(input({ ballots: order, standings: standings(['A', 1, 'EXCELLENT'], ['B', 2, 'EXCELLENT'], ['D', 4, 'GOOD'], ['E', 5, 'EXCELLENT']) })), 'CERTIFICATE_OF_MERIT');
      // F has no rank this year, X and Z are no members: after D (rank 4), F by the members' order, then X, Z by id.
      assert.deepEqual(listed.candidates.map((c) => c.unitId), ['A', 'B', 'E', 'D', 'F', 'X', 'Z']);
    }
  });

  for (const [name, over, award, selected, checks] of cases) {
    it(name, () => {
      const result = pick(meetingResults(input(over)), award);
      assert.deepEqual(result.candidates.filter((c) => c.selected).map((c) => c.unitId).sort(), selected);
      for (const [unitId, expected] of checks) {
        const c = result.candidates.find((x) => x.unitId === unitId)!;
        assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, c[k as keyof CandidateResult]])), expected, unitId);
      }
    });
  }

});

describe('proposal refusals', () => {
  const cand = (unitId: string, over: Partial<CandidateResult> = {}): CandidateResult => ({ unitId, votesFor: 6, ratio: 10000, required: 5000, strictly: true, passed: true, eligible: true, eligibilityReason: 'Xếp hạng 3 trong cụm, trong 4 vị trí đầu được xét khen thưởng theo chỉ tiêu.', selected: true, ...over });
  const result = (candidates: CandidateResult[], tiedAtLastPlace: string[] = []): AwardResult => ({ award: 'CERTIFICATE_OF_MERIT', quota: 2, candidates, tiedAtLastPlace });
  const cases: Array<[string, AwardResult, number, RegExp | null]> = [
    ['a selected candidate', result([cand('A')]), 0, null],
    ['not voted on', result([cand('B')]), 0, /chưa được bỏ phiếu/],
    ['ineligible', result([cand('A', { eligible: false, eligibilityReason: 'Lý do.' })]), 0, /không đủ điều kiện Bằng khen: Lý do\./],
    ['no rule in force', result([cand('A', { required: null, passed: false })]), 0, /Chưa có quy định về tỷ lệ phiếu đồng ý áp dụng cho năm 2019/],
    ['below the threshold', result([cand('A', { ratio: 3333, passed: false })]), 0, /đạt 33,33% .* chưa đạt mức trên 50%/],
    ['the quota taken', result([cand('A')]), 2, /Đã đủ chỉ tiêu 2 Bằng khen/],
    ['tied at the last place', result([cand('A', { selected: false })], ['A', 'B']), 0, /đồng phiếu ở vị trí cuối/],
    ['outside the quota', result([cand('A', { selected: false })]), 0, /không nằm trong 2 đơn vị/],
  ];
  for (const [name, r, taken, problem] of cases) {
    it(name, () => {
      const refusal = proposalRefusal({ year: 2019, awardLabel: 'Bằng khen', result: r, unitId: 'A', taken });
      if (problem) assert.match(refusal?.message ?? '', problem);
      else assert.equal(refusal, null);
    });
  }
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

describe('impediments before a proposal (discipline, inspection, a complaint being verified)', () => {
  const items = [
    { kind: 'DISCIPLINE' as const, fromDate: '2020-02-01', toDate: '2020-06-30', reference: 'Quyết định kỷ luật 15/QĐ-UBND' },
    { kind: 'COMPLAINT' as const, fromDate: '2021-03-01', toDate: null, reference: 'Đơn tố cáo ngày 01/03/2021' },
  ];
  const rows: Array<[string, RegExp | null]> = [
    ['2020-01-31', null],
    ['2020-02-01', /đang bị kỷ luật hoặc đang bị xem xét kỷ luật \(Quyết định kỷ luật 15\/QĐ-UBND, từ 01\/02\/2020\)/],
    ['2020-06-30', /kỷ luật/],
    ['2020-07-01', null],
    ['2026-12-01', /có đơn thư khiếu nại, tố cáo đang được xác minh, làm rõ/],
  ];
  for (const [date, expected] of rows) it(`${date} → ${expected ? 'refused' : 'allowed'}`, () => {
    const refusal = impedimentRefusal(items, date);
    if (expected) assert.match(refusal!, expected);
    else assert.equal(refusal, null);
  });
});

describe('the preference for collectives with a large share of women chooses between equally qualified candidates', () => {
  const c = (unitId: string, votesFor: number): Candidate => ({ unitId, votesFor, passed: true, eligible: true });
  // Shares recorded for every unit unless said otherwise; `preferred` reach the confirmed rule's share.
  const w = (preferred: string[], recorded = ['A', 'B', 'C', 'D', 'E']) => ({ preferred: new Set(preferred), recorded: new Set(recorded) });
  const cases: Array<[string, Candidate[], number, string[], ReturnType<typeof w> | null, { selected: string[]; tiedAtLastPlace: string[] }]> = [
    ['a tie at the last place goes to the preferred collective when a confirmed rule is in force', [c('A', 6), c('B', 5), c('C', 5)], 2, [], w(['C']), { selected: ['A', 'C'], tiedAtLastPlace: [] }],
    ['no confirmed rule: the tie stays for the chair', [c('A', 6), c('B', 5), c('C', 5)], 2, [], null, { selected: ['A'], tiedAtLastPlace: ['B', 'C'] }],
    ['both tied collectives preferred: still the chair', [c('A', 6), c('B', 5), c('C', 5)], 2, [], w(['B', 'C']), { selected: ['A'], tiedAtLastPlace: ['B', 'C'] }],
    ['never above a candidate with more votes', [c('A', 6), c('B', 5), c('C', 4)], 1, [], w(['B']), { selected: ['A'], tiedAtLastPlace: [] }],
    ['a tied unit without a recorded share: the figures decide nothing, the chair does', [c('A', 6), c('B', 5), c('C', 5)], 2, [], w(['C'], ['A', 'C']), { selected: ['A'], tiedAtLastPlace: ['B', 'C'] }],
    ['the chair cannot put a non-preferred unit before the preferred one', [c('A', 6), c('B', 5), c('C', 5)], 2, ['B'], w(['C']), { selected: ['A', 'C'], tiedAtLastPlace: [] }],
    ['fewer preferred than places: the preferred first, the places left stay open among the others', [c('A', 6), c('B', 5), c('C', 5), c('D', 5), c('E', 5)], 3, [], w(['C']), { selected: ['A', 'C'], tiedAtLastPlace: ['B', 'D', 'E'] }],
    ['fewer preferred than places: the chair decides the places left among the others', [c('A', 6), c('B', 5), c('C', 5), c('D', 5), c('E', 5)], 3, ['C', 'E'], w(['C']), { selected: ['A', 'C', 'E'], tiedAtLastPlace: [] }],
    ['more preferred than places: only the preferred stay in contention', [c('A', 6), c('B', 5), c('C', 5), c('D', 5)], 2, [], w(['C', 'D']), { selected: ['A'], tiedAtLastPlace: ['C', 'D'] }],
    ['more preferred than places: the chair’s choice of a non-preferred unit does not count', [c('A', 6), c('B', 5), c('C', 5), c('D', 5)], 2, ['B'], w(['C', 'D']), { selected: ['A'], tiedAtLastPlace: ['C', 'D'] }],
    ['more preferred than places: the chair chooses among the preferred', [c('A', 6), c('B', 5), c('C', 5), c('D', 5)], 2, ['D'], w(['C', 'D']), { selected: ['A', 'D'], tiedAtLastPlace: [] }],
  ];
  for (const [name, candidates, quota, chair, women, expected] of cases) it(name, () => assert.deepEqual(selectWithinQuota(candidates, quota, chair, women), expected));
});

describe('decisionDateProblem: an award decision is not dated before its review meeting, nor before its ministry began', () => {
  const bkhcn = { shortName: 'Bộ KH&CN', activeFrom: '2025-03-01' };
  const btttt = { shortName: 'Bộ TTTT', activeFrom: null };
  const cases: Array<[string, string, typeof bkhcn | typeof btttt | null, RegExp | null]> = [
    ['2020-04-15', '2020-03-06', btttt, null],
    ['2020-03-06', '2020-03-06', btttt, null],
    ['2020-03-05', '2020-03-06', btttt, /trước ngày hội nghị bình xét đã bầu đề nghị này \(06\/03\/2020\)/],
    ['2020-01-01', '2026-01-16', bkhcn, /hội nghị bình xét .*16\/01\/2026/],
    ['2025-02-27', '2025-02-20', bkhcn, /trước ngày Bộ KH&CN bắt đầu hoạt động \(01\/03\/2025\)/],
    ['2025-03-01', '2025-02-20', bkhcn, null],
    ['2026-02-01', '2026-01-16', null, null],
  ];
  for (const [date, heldOn, organizer, problem] of cases) {
    it(`${date}, meeting ${heldOn}, ${organizer?.shortName ?? 'no organiser'}: ${problem ? 'refused' : 'accepted'}`, () => {
      const found = decisionDateProblem(date, heldOn, organizer);
      if (problem) assert.match(found ?? '', problem);
      else assert.equal(found, null);
    });
  }
});
