import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paperDateProblem } from '../../src/pledges/paper-signature.rules';

describe('the day a member signed the pledge on paper, as the secretariat records it', () => {
  const unit = { name: 'Sở Thông tin và Truyền thông tỉnh Gia Lai', activeFrom: '2008-04-01', activeTo: '2025-02-28' };
  // [signed on, pledge's date, today, refusal or null, why]
  const rows: Array<[string, string, string, RegExp | null, string]> = [
    ['2020-03-06', '2020-03-06', '2026-12-05', null, 'the conference itself'],
    ['2020-03-20', '2020-03-06', '2026-12-05', null, 'a member that signed later'],
    ['2025-02-28', '2024-03-10', '2026-12-05', null, 'the unit’s last day'],
    ['2020-03-05', '2020-03-06', '2026-12-05', /trước ngày của bản giao ước \(06\/03\/2020\)/, 'before the pledge’s own date'],
    ['2026-12-06', '2026-03-15', '2026-12-05', /không được sau hôm nay/, 'a day still ahead'],
    ['2025-03-01', '2024-03-10', '2026-12-05', /hoạt động đến hết ngày 28\/02\/2025/, 'after the unit ended'],
  ];
  for (const [signedOn, pledgeDate, today, refusal, why] of rows) {
    it(`${signedOn} for a pledge of ${pledgeDate} — ${why}`, () => {
      const problem = paperDateProblem(signedOn, pledgeDate, unit, today);
      if (refusal) assert.match(problem ?? '', refusal);
      else assert.equal(problem, null);
    });
  }
  it('before the unit existed', () => assert.match(paperDateProblem('2007-05-01', '2007-03-01', unit, '2026-12-05') ?? '', /hoạt động từ ngày 01\/04\/2008/));
});
