import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { organizerWord } from '../../src/common/cluster-label';
import { proposalStatusLabel } from '../../src/awards/proposals.rules';
import { escapeLike, foldVietnamese, searchKey } from '../../src/common/text';
import { formatDateVi, isIsoDate } from '../../src/common/time';
import { changedFields } from '../../src/web/audit-labels';

describe('foldVietnamese', () => {
  const cases: Array<[string, string]> = [
    ['Đắk Lắk', 'dak lak'],
    ['dak lak', 'dak lak'],
    ['ĐẮK NÔNG', 'dak nong'],
    ['Sở Thông tin và Truyền thông tỉnh Gia Lai', 'so thong tin va truyen thong tinh gia lai'],
    ['Bà Rịa - Vũng Tàu', 'ba ria vung tau'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['  Hồ   Chí Minh ', 'ho chi minh'],
    ['Phòng VH&TT Quỳ Hợp', 'phong vh tt quy hop'],
    // Composed and decomposed forms fold the same.
    ['Lắk'.normalize('NFD'), 'lak'],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(foldVietnamese(input), expected));
  }
  it('searchKey joins folded parts and skips empty ones', () => {
    assert.equal(searchKey('STTTT-DAKLAK', 'Sở TTTT Đắk Lắk', null, undefined, ''), 'stttt daklak so tttt dak lak');
  });
  it('escapeLike escapes wildcards and the escape character', () => {
    assert.equal(escapeLike('50%_a\\b'), '50\\%\\_a\\\\b');
  });
});

describe('dates', () => {
  const valid = ['2020-03-06', '2024-02-29', '2000-01-01', '2100-12-31'];
  const invalid = ['2021-02-29', '2020-13-01', '2020-00-10', '2020-3-6', '06/03/2020', '2020-03-06T00:00:00Z', '', 20200306, null];
  for (const v of valid) it(`accepts ${v}`, () => assert.equal(isIsoDate(v), true));
  for (const v of invalid) it(`rejects ${JSON.stringify(v)}`, () => assert.equal(isIsoDate(v), false));
  it('formats dd/mm/yyyy', () => assert.equal(formatDateVi('2020-03-06'), '06/03/2020'));
  // A timestamp is shown on its day in Vietnam (UTC+7), not on its UTC day.
  const stamps: Array<[string, string]> = [
    ['2026-12-03T22:30:46.000Z', '04/12/2026'],
    ['2026-12-03T16:59:59.999Z', '03/12/2026'],
    ['2026-12-03T17:00:00.000Z', '04/12/2026'],
    ['2025-12-31T18:00:00Z', '01/01/2026'],
    ['2026-12-04T05:30:00+07:00', '04/12/2026'],
  ];
  for (const [stamp, day] of stamps) it(`shows the timestamp ${stamp} as ${day}`, () => assert.equal(formatDateVi(stamp), day));
});


describe('the audit trail in words: changed fields', () => {
  it('lists only the fields whose value changed; absent and null are the same', () => {
    assert.deepEqual(changedFields({ status: 'SUBMITTED' }, { status: 'IN_REVIEW', decisionNumber: null }, 'award_proposal'), [{ field: 'Trạng thái', before: 'Đã gửi Bộ', after: 'Đang thẩm định' }]);
    assert.deepEqual(changedFields(null, { status: 'OPEN' }), [{ field: 'Trạng thái', before: '—', after: 'OPEN' }], 'a status of no known kind of record stays a code');
    assert.deepEqual(changedFields({ a: 1 }, { a: 1 }), []);
    assert.deepEqual(changedFields(null, [1, 2]), [{ field: '', before: '—', after: '1; 2' }]);
    assert.deepEqual(changedFields({ on: true }, { on: false }), [{ field: 'on', before: 'có', after: 'không' }]);
    assert.deepEqual(changedFields({ publishedAt: null }, { publishedAt: '2026-12-02T19:08:01.753Z' }), [{ field: 'Công bố lúc', before: '—', after: '03/12/2026 02:08' }], 'a moment in Vietnam time');
  });
});

describe('the body a cluster sends its proposals to, as the meeting page names it', () => {
  for (const [organizer, word] of [
    ['Bộ Khoa học và Công nghệ', 'Bộ'],
    ['Bộ Thông tin và Truyền thông', 'Bộ'],
    ['Sở Thông tin và Truyền thông tỉnh Nghệ An', 'Sở'],
    ['  Sở Khoa học và Công nghệ tỉnh Nghệ An', 'Sở'],
    ['Ủy ban nhân dân tỉnh Nghệ An', 'cơ quan tổ chức'],
    ['Bộ', 'Bộ'],
    ['Sởi', 'cơ quan tổ chức'],
  ] as const) {
    it(`${organizer.trim()} → ${word}`, () => assert.equal(organizerWord(organizer), word));
  }
});

describe('a proposal’s status as its cluster’s pages say it: sent to the cluster’s organiser', () => {
  for (const [status, organizer, label] of [
    ['SUBMITTED', 'Bộ Khoa học và Công nghệ', 'Đã gửi Bộ'],
    ['SUBMITTED', 'Sở Khoa học và Công nghệ tỉnh Nghệ An', 'Đã gửi Sở'],
    ['SUBMITTED', 'Sở KH&CN Nghệ An', 'Đã gửi Sở'],
    ['SUBMITTED', 'Ủy ban nhân dân tỉnh Nghệ An', 'Đã gửi cơ quan tổ chức'],
    ['SUBMITTED', undefined, 'Đã gửi Bộ'],
    ['IN_REVIEW', 'Sở Khoa học và Công nghệ tỉnh Nghệ An', 'Đang thẩm định'],
    ['RETURNED', 'Sở Khoa học và Công nghệ tỉnh Nghệ An', 'Trả lại để bổ sung'],
  ] as const) {
    it(`${status}, ${organizer ?? 'organiser unknown'} → ${label}`, () => assert.equal(proposalStatusLabel(status, organizer), label));
  }
});
