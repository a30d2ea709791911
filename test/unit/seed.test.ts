import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ministryMemberUnit, ngheAnDistrictUnit, provinceCode, loadReferenceData } from '../../src/database/seed/reference-data';
import { yearPhasesFromFacts } from '../../src/database/seed/seed.service';
import { Mutex } from '../../src/database/mutex';
import { workday } from '../../src/database/seed/seed-helpers';
import { reviewHeldOn } from '../../src/database/seed/demo-data';

describe('reference names', () => {
  const cases: Array<[string, string, string]> = [
    ['Gia Lai', 'STTTT-GIALAI', 'Sở Thông tin và Truyền thông tỉnh Gia Lai'],
    ['Đắk Lắk', 'STTTT-DAKLAK', 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk'],
    ['Hà Nội', 'STTTT-HANOI', 'Sở Thông tin và Truyền thông thành phố Hà Nội'],
    ['Bà Rịa - Vũng Tàu', 'STTTT-BARIAVUNGTAU', 'Sở Thông tin và Truyền thông tỉnh Bà Rịa - Vũng Tàu'],
    ['Bạc Liêu', 'SVHTTTTDL-BACLIEU', 'Sở Văn hóa, Thông tin, Thể thao và Du lịch tỉnh Bạc Liêu'],
  ];
  for (const [province, code, name] of cases) {
    it(province, () => assert.deepEqual([ministryMemberUnit(province).code, ministryMemberUnit(province).name], [code, name]));
  }
  it('district units of Nghệ An', () => {
    assert.equal(ngheAnDistrictUnit('Vinh').name, 'Phòng Văn hóa và Thông tin thành phố Vinh');
    assert.equal(ngheAnDistrictUnit('Quỳ Hợp').name, 'Phòng Văn hóa và Thông tin huyện Quỳ Hợp');
    assert.equal(provinceCode('Đô Lương'), 'DOLUONG');
  });
  it('the reference data names the six members of Cụm 6 and nine criteria', () => {
    const ref = loadReferenceData();
    const cum6 = ref.clusters.find((c) => 'number' in c && c.number === 6);
    assert.ok(cum6 && 'members' in cum6);
    assert.equal((cum6 as { members: string[] }).members.length, 6);
    assert.equal(ref.criteriaTemplates['CUM6-2020'].criteria.length, 9);
  });
});

describe('yearPhasesFromFacts', () => {
  it('a pledge signed in the year also dates the review meeting of the year before (Cụm 6, 2020)', () => {
    assert.deepEqual(yearPhasesFromFacts(2020, { pledgeSigned: { date: '2020-03-06' } }), [
      [2020, { pledgeSigningOn: '2020-03-06' }],
      [2019, { reviewMeetingOn: '2020-03-06' }],
    ]);
  });
  it('a meeting in the next year is the review of the year (Cụm 7, 2020)', () => {
    assert.deepEqual(yearPhasesFromFacts(2020, { meeting: '2021-03-12' }), [[2020, { reviewMeetingOn: '2021-03-12' }]]);
  });
  it('a meeting in the same year is its pledge signing (Cụm 1, 2023)', () => {
    assert.deepEqual(yearPhasesFromFacts(2023, { meeting: '2023-03-30' }), [
      [2023, { pledgeSigningOn: '2023-03-30' }],
      [2022, { reviewMeetingOn: '2023-03-30' }],
    ]);
  });
  it('no facts: the year alone', () => assert.deepEqual(yearPhasesFromFacts(2019, {}), [[2019, {}]]));
});

describe('the demo’s working days', () => {
  const cases: Array<[string, 'after' | 'before', string]> = [
    ['2026-03-13', 'after', '2026-03-13'], // a Friday stays
    ['2026-03-14', 'after', '2026-03-16'], // Saturday → Monday
    ['2026-03-15', 'after', '2026-03-16'], // Sunday → Monday
    ['2026-03-14', 'before', '2026-03-13'], // Saturday → Friday
    ['2026-03-15', 'before', '2026-03-13'], // Sunday → Friday
    ['2027-01-01', 'before', '2027-01-01'], // a weekday (holidays are not known here)
  ];
  for (const [day, direction, expected] of cases) it(`${day} ${direction}: ${expected}`, () => assert.equal(workday(day, direction), expected));
  it('Cụm 6 reviewed each past year on a weekday (2019 and 2024 as recorded)', () => {
    for (let year = 2019; year <= 2024; year++) assert.ok(![0, 6].includes(new Date(`${reviewHeldOn(year)}T00:00:00Z`).getUTCDay()), String(year));
    assert.deepEqual([reviewHeldOn(2019), reviewHeldOn(2022), reviewHeldOn(2024)], ['2020-03-06', '2023-03-06', '2025-02-20']);
  });
});

describe('Mutex', () => {
  it('runs tasks one at a time in arrival order, even when one fails', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      mutex.run(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a', 20), task('b', 5, true), task('c', 1)]);
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal(mutex.queueLength, 0);
  });
});
