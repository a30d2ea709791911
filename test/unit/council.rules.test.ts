import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ballotProblem, councilListOrder, councilOutcome, quorumMet } from '../../src/awards/council/council.rules';

const EIGHTY = { amount: 8000, strictlyAbove: false, quorum: null };
const HALF = { amount: 5000, strictlyAbove: false, quorum: null };
const MORE_THAN_HALF = { amount: 5000, strictlyAbove: true, quorum: null };

describe("the emulation council's vote: a share of ALL its members", () => {
  // [votes for, members, share, chair for, passed, by the chair, printed ratio]
  const rows: Array<[number, number, typeof EIGHTY | null, boolean, boolean | null, boolean, string]> = [
    [8, 10, EIGHTY, false, true, false, '80%'], // exactly 80 %: "từ 80% trở lên"
    [7, 9, EIGHTY, true, false, false, '77,78%'], // below, whatever the chair voted
    [9, 11, EIGHTY, false, true, false, '81,82%'],
    [4, 6, MORE_THAN_HALF, false, true, false, '66,67%'],
    [3, 6, MORE_THAN_HALF, true, true, true, '50%'], // a tie at one half: the chair's vote decides
    [3, 6, MORE_THAN_HALF, false, false, true, '50%'],
    [3, 6, HALF, false, true, false, '50%'], // "từ 50% trở lên" is reached by half
    [5, 7, null, false, null, false, '71,43%'], // no share for the award on that date: recorded only
  ];
  for (const [votesFor, members, share, chairFor, passed, byChair, ratioText] of rows) {
    it(`${votesFor}/${members}, ${share ? `${share.strictlyAbove ? '>' : '≥'} ${share.amount / 100}%` : 'no share'}${byChair ? `, chair ${chairFor ? 'for' : 'against'}` : ''} → ${passed}`, () => {
      const o = councilOutcome({ members, voting: members, present: members, votesFor, chairFor, share });
      assert.equal(o.passed, passed);
      assert.equal(o.byChair, byChair);
      assert.equal(o.ratioText, ratioText);
    });
  }
  it('absent members count in the denominator: 8 of 10 present all for is 80 % only of 10 members', () => {
    assert.equal(councilOutcome({ members: 12, voting: 10, present: 10, votesFor: 9, chairFor: true, share: EIGHTY }).passed, false);
  });
  it('quorum: a share of all members present, when the catalogue sets one', () => {
    assert.equal(quorumMet(6, 10, null), true);
    assert.equal(quorumMet(6, 10, 6667), false);
    assert.equal(quorumMet(7, 10, 6667), true);
  });
  it('more votes for than members voting is refused', () => {
    assert.match(ballotProblem(8, 7)!, /Số phiếu đồng ý \(8\) lớn hơn số thành viên biểu quyết \(7/);
    assert.equal(ballotProblem(7, 7), null);
  });
});

describe("the council's list: those in office first, the chair before the vice-chair before the members", () => {
  it('orders by office on the day, then role, then name; past terms after, the latest first', () => {
    const m = (name: string, role: 'CHAIR' | 'VICE_CHAIR' | 'MEMBER', fromDate: string, toDate: string | null = null) => ({ name, role, fromDate, toDate });
    const list = [
      m('An', 'MEMBER', '2025-03-01'),
      m('Bình', 'CHAIR', '2020-01-01', '2025-02-28'),
      m('Ánh', 'MEMBER', '2025-03-01'),
      m('Yến', 'CHAIR', '2025-03-01'),
      m('Hà', 'VICE_CHAIR', '2025-03-01'),
      m('Cường', 'MEMBER', '2018-01-01', '2019-12-31'),
      m('Dũng', 'MEMBER', '2027-01-01'),
      // A member who joined the 2020–2025 term later is still listed after its chair.
      m('Giang', 'MEMBER', '2022-06-01', '2025-02-28'),
    ];
    assert.deepEqual(councilListOrder(list, '2026-12-05').map((x) => x.name), ['Yến', 'Hà', 'An', 'Ánh', 'Dũng', 'Bình', 'Giang', 'Cường']);
    // The input is left as it was.
    assert.equal(list[0].name, 'An');
  });
});
