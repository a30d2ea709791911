import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BallotTally, choiceProblems, differingFigures, paperProblems, receiptCode, tallyOnline, withWrittenOpinions, writtenOpinionsRule } from '../../src/awards/ballots/ballot.rules';

const C = ['a', 'b', 'c'];

describe('what a ballot may approve', () => {
  const cases: Array<[string, string[], number, string[]]> = [
    ['none (a blank ballot is valid)', [], 2, []],
    ['up to the quota', ['a', 'b'], 2, []],
    ['over the quota', ['a', 'b', 'c'], 2, ['choices']],
    ['outside the ballot', ['x'], 2, ['choices.0']],
    ['twice the same', ['a', 'a'], 2, ['choices.1']],
  ];
  for (const [name, choices, quota, fields] of cases) it(name, () => assert.deepEqual(choiceProblems(choices, C, quota).map((p) => p.field), fields));
});

describe('the tally', () => {
  it('counts every ballot as returned and valid, and each approval', () => {
    assert.deepEqual(tallyOnline([['a', 'b'], ['a'], []], C, 4), { issued: 4, returned: 3, valid: 3, invalid: 0, votes: { a: 2, b: 1, c: 0 } });
  });
  it('adds written opinions only when they count', () => {
    const t = tallyOnline([['a']], C, 1);
    assert.deepEqual(withWrittenOpinions(t, [['a', 'c']], true).votes, { a: 2, b: 0, c: 1 });
    assert.deepEqual(withWrittenOpinions(t, [['a', 'c']], false).votes, { a: 1, b: 0, c: 0 });
    assert.deepEqual(withWrittenOpinions(t, [['a']], false).writtenOpinions, { received: 1, counted: false });
  });
});

describe('written opinions as the regulation says', () => {
  const cases: Array<[string, { title: string; writtenOpinionsCounted: boolean | null } | null, boolean, RegExp]> = [
    ['counted', { title: 'Quy chế X', writtenOpinionsCounted: true }, true, /được tính vào kết quả theo Quy chế X/],
    ['not counted', { title: 'Quy chế X', writtenOpinionsCounted: false }, false, /Theo Quy chế X, .* không được tính/],
    ['the regulation does not say', { title: 'Quy chế X', writtenOpinionsCounted: null }, false, /không quy định.*giả định/],
    ['no regulation', null, false, /không quy định.*giả định/],
  ];
  for (const [name, regulation, counted, note] of cases) {
    it(name, () => {
      const r = writtenOpinionsRule(regulation);
      assert.equal(r.counted, counted);
      assert.match(r.note, note);
    });
  }
});

describe('paper counts', () => {
  const ok: BallotTally = { issued: 6, returned: 6, valid: 5, invalid: 1, votes: { a: 5, b: 4, c: 1 } };
  const cases: Array<[string, Partial<BallotTally>, string[]]> = [
    ['consistent', {}, []],
    ['more issued than voters', { issued: 7 }, ['issued']],
    ['returned over issued', { returned: 7, valid: 6 }, ['returned']],
    ['valid and invalid not the returned', { invalid: 2 }, ['invalid']],
    ['votes over the valid', { votes: { a: 6, b: 0, c: 0 } }, ['votes.a']],
    ['approvals over the valid times the quota', { votes: { a: 5, b: 5, c: 1 } }, ['votes']],
    ['a candidate outside the ballot', { votes: { x: 1 } }, ['votes.x']],
  ];
  for (const [name, change, fields] of cases) it(name, () => assert.deepEqual(paperProblems({ ...ok, ...change }, C, 2, 6).map((p) => p.field), fields));

  it('the double entry names the figures that differ', () => {
    const names = new Map([['a', 'Gia Lai']]);
    assert.deepEqual(differingFigures(ok, ok, names), []);
    assert.deepEqual(differingFigures(ok, { ...ok, returned: 5, votes: { ...ok.votes, a: 4 } }, names), ['Số phiếu thu về (lần này nhập 5)', 'Số phiếu đồng ý của Gia Lai (lần này nhập 4)'], 'the first entry’s figures are not told');
  });
});

describe('receipt codes', () => {
  it('16 characters of Crockford base32 in groups of four, from the random bytes alone', () => {
    assert.equal(receiptCode(new Uint8Array(10)), '0000-0000-0000-0000');
    assert.equal(receiptCode(new Uint8Array(10).fill(255)), 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    assert.match(receiptCode(crypto.getRandomValues(new Uint8Array(10))), /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });
});
