import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Phases, phaseProblems, scoringWindow } from '../../src/clusters/phases.rules';

const empty: Phases = {
  pledgeSigningOn: null,
  midYearReviewOn: null,
  scoringOpensOn: null,
  scoringClosesOn: null,
  reviewMeetingOn: null,
  proposalDeadline: null,
};

describe('phaseProblems', () => {
  const cases: Array<{ name: string; year: number; phases: Partial<Phases>; fields: string[] }> = [
    { name: 'nothing planned yet', year: 2020, phases: {}, fields: [] },
    {
      name: 'a complete, ordered calendar (Cụm 6, 2020)',
      year: 2020,
      phases: {
        pledgeSigningOn: '2020-03-06',
        midYearReviewOn: '2020-07-15',
        scoringOpensOn: '2020-11-16',
        scoringClosesOn: '2020-12-10',
        reviewMeetingOn: '2021-03-05',
        proposalDeadline: '2021-03-31',
      },
      fields: [],
    },
    { name: 'equal dates are in order', year: 2020, phases: { scoringOpensOn: '2020-12-10', scoringClosesOn: '2020-12-10' }, fields: [] },
    { name: 'pledge in another year', year: 2020, phases: { pledgeSigningOn: '2019-12-31' }, fields: ['pledgeSigningOn'] },
    { name: 'mid-year review in the next year', year: 2020, phases: { midYearReviewOn: '2021-01-02' }, fields: ['midYearReviewOn'] },
    { name: 'scoring may close in Q1 of the next year', year: 2020, phases: { scoringClosesOn: '2021-03-31' }, fields: [] },
    { name: 'scoring closing after Q1 of the next year', year: 2020, phases: { scoringClosesOn: '2021-04-01' }, fields: ['scoringClosesOn'] },
    { name: 'scoring closes before it opens', year: 2020, phases: { scoringOpensOn: '2020-12-01', scoringClosesOn: '2020-11-30' }, fields: ['scoringClosesOn'] },
    { name: 'mid-year review before the pledge', year: 2020, phases: { pledgeSigningOn: '2020-03-06', midYearReviewOn: '2020-03-01' }, fields: ['midYearReviewOn'] },
    { name: 'review meeting before scoring closes', year: 2020, phases: { scoringClosesOn: '2020-12-10', reviewMeetingOn: '2020-12-01' }, fields: ['reviewMeetingOn'] },
    { name: 'deadline before the meeting', year: 2020, phases: { reviewMeetingOn: '2021-03-05', proposalDeadline: '2021-03-01' }, fields: ['proposalDeadline'] },
    { name: 'review meeting two years later', year: 2020, phases: { reviewMeetingOn: '2022-01-10' }, fields: ['reviewMeetingOn'] },
    {
      name: 'one detail per offending field',
      year: 2020,
      phases: { pledgeSigningOn: '2020-06-01', midYearReviewOn: '2020-05-01', scoringOpensOn: '2020-04-01' },
      fields: ['midYearReviewOn', 'scoringOpensOn'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const problems = phaseProblems(c.year, { ...empty, ...c.phases });
      assert.deepEqual(problems.map((p) => p.field).sort(), [...c.fields].sort());
      for (const p of problems) assert.match(p.message, /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    });
  }
});

describe('scoringWindow: the one rule of when members may score', () => {
  const window = { scoringOpensOn: '2020-11-16', scoringClosesOn: '2020-12-10' };
  const cases: Array<{ name: string; phases: Partial<Phases> | null; today: string; open: boolean; message?: RegExp }> = [
    { name: 'no year record', phases: null, today: '2020-06-01', open: true },
    { name: 'no window set', phases: {}, today: '2020-06-01', open: true },
    { name: 'the day before it opens', phases: window, today: '2020-11-15', open: false, message: /^Chưa đến thời gian chấm điểm năm 2020 \(từ 16\/11\/2020\)\.$/ },
    { name: 'the day it opens', phases: window, today: '2020-11-16', open: true },
    { name: 'the day it closes', phases: window, today: '2020-12-10', open: true },
    { name: 'the day after it closes', phases: window, today: '2020-12-11', open: false, message: /^Đã hết thời gian chấm điểm năm 2020 \(đến 10\/12\/2020\): phiếu chỉ để xem\.$/ },
    { name: 'only an opening date, long after', phases: { scoringOpensOn: '2020-11-16' }, today: '2021-05-01', open: true },
    { name: 'only a closing date, before it', phases: { scoringClosesOn: '2020-12-10' }, today: '2020-01-02', open: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = scoringWindow(2020, c.phases === null ? null : { ...empty, ...c.phases }, c.today);
      assert.equal(result.open, c.open);
      if (!result.open) assert.match(result.message, c.message!);
    });
  }
});
