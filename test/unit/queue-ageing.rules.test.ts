import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGE_BANDS, ageBand, ageingTable, daysSince } from '../../src/awards/queue-ageing.rules';

describe('days a proposal has waited (calendar days in Vietnam)', () => {
  const cases: Array<[string, string, string, number]> = [
    ['sent this morning', '2026-03-10T01:00:00.000Z', '2026-03-10', 0],
    ['sent late in the evening, Vietnam time, counts from that day', '2026-03-09T16:30:00.000Z', '2026-03-10', 1],
    ['17:00 UTC is already the next day in Vietnam', '2026-03-09T17:00:00.000Z', '2026-03-10', 0],
    ['across the end of February of a leap year', '2028-02-27T03:00:00.000Z', '2028-03-01', 3],
    ['across a year', '2025-12-20T03:00:00.000Z', '2026-01-19', 30],
    ['a clock behind the record never gives a negative age', '2026-03-12T03:00:00.000Z', '2026-03-10', 0],
  ];
  for (const [name, since, today, days] of cases) it(name, () => assert.equal(daysSince(since, today), days));
});

describe('age band of a number of days', () => {
  const cases: Array<[number, string]> = [
    [0, '0–7 ngày'],
    [7, '0–7 ngày'],
    [8, '8–14 ngày'],
    [14, '8–14 ngày'],
    [15, '15–30 ngày'],
    [30, '15–30 ngày'],
    [31, 'Trên 30 ngày'],
    [400, 'Trên 30 ngày'],
  ];
  for (const [days, label] of cases) it(`${days} days: ${label}`, () => assert.equal(AGE_BANDS[ageBand(days)].label, label));
});

describe('the ageing table of the queue', () => {
  const today = '2026-03-31';
  const at = (daysAgo: number) => new Date(Date.parse(`${today}T03:00:00Z`) - daysAgo * 86_400_000).toISOString();

  it('counts the waiting proposals by status and band, every waiting status present, decided ones left out', () => {
    const rows = ageingTable(
      [
        { status: 'SUBMITTED', since: at(0) },
        { status: 'SUBMITTED', since: at(40) },
        { status: 'IN_REVIEW', since: at(10) },
        { status: 'IN_REVIEW', since: at(12) },
        { status: 'APPROVED', since: at(3) },
        { status: 'REJECTED', since: at(50) },
        { status: 'DRAFT', since: at(20) },
      ],
      today,
    );
    assert.deepEqual(
      rows.map((r) => [r.status, r.statusLabel, r.counts, r.total]),
      [
        ['SUBMITTED', 'Đã gửi Bộ', [1, 0, 0, 1], 2],
        ['IN_REVIEW', 'Đang thẩm định', [0, 2, 0, 0], 2],
        ['RETURNED', 'Trả lại để bổ sung', [0, 0, 0, 0], 0],
      ],
    );
  });

  it('an empty queue gives rows of zeros', () => assert.deepEqual(ageingTable([], today).map((r) => r.total), [0, 0, 0]));
});
