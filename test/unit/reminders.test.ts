import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffMs, failureOutcome } from '../../src/notifications/outbox-sender';
import { overServiceLevel, stageOn, stageText } from '../../src/notifications/reminders.rules';

describe('reminder stages', () => {
  it('7 and 3 days before, on the day, overdue for 14 days, nothing outside', () => {
    const deadline = '2026-03-15';
    const stages = ['2026-03-07', '2026-03-08', '2026-03-11', '2026-03-12', '2026-03-14', '2026-03-15', '2026-03-16', '2026-03-29', '2026-03-30'].map((d) => stageOn(deadline, d));
    assert.deepEqual(stages, [null, 'D7', 'D7', 'D3', 'D3', 'D0', 'OVERDUE', 'OVERDUE', null]);
  });

  it('across a month and a year end', () => {
    assert.equal(stageOn('2027-01-02', '2026-12-26'), 'D7');
    assert.equal(stageOn('2027-01-02', '2026-12-30'), 'D3');
    assert.equal(stageOn('2027-03-01', '2027-02-22'), 'D7');
  });

  it('says the stage in Vietnamese with the date as dd/mm/yyyy', () => {
    assert.equal(stageText('D7', '2026-03-15', '2026-03-08'), 'còn 7 ngày, hạn 15/03/2026');
    assert.equal(stageText('D7', '2026-03-15', '2026-03-10'), 'còn 5 ngày, hạn 15/03/2026', 'a run missed on the 7th day says the days left');
    assert.equal(stageText('D3', '2026-03-01', '2026-02-27'), 'còn 2 ngày, hạn 01/03/2026', 'across the end of February');
    assert.equal(stageText('D0', '2026-03-15', '2026-03-15'), 'hôm nay là hạn (15/03/2026)');
    assert.equal(stageText('OVERDUE', '2026-03-15', '2026-03-20'), 'đã quá hạn 15/03/2026');
  });

  it('the service level: over only past it, no verdict without one', () => {
    assert.deepEqual([overServiceLevel(5, 5), overServiceLevel(6, 5), overServiceLevel(100, null)], [false, true, false]);
  });
});

describe('outbox sending outcomes', () => {
  it('a 4xx or a connection that never reached the message is retried; a 5xx is final; anything else is unknown (never resent)', () => {
    assert.equal(failureOutcome({ responseCode: 451 }), 'retry');
    assert.equal(failureOutcome({ code: 'ECONNECTION' }), 'retry');
    assert.equal(failureOutcome({ code: 'ESOCKET', command: 'CONN' }), 'retry');
    assert.equal(failureOutcome({ responseCode: 550 }), 'failed');
    assert.equal(failureOutcome({ code: 'ESOCKET' }), 'unknown');
    assert.equal(failureOutcome(new Error('timeout')), 'unknown');
  });

  it('backs off 1, 2, 4… minutes up to an hour', () => {
    assert.deepEqual([1, 2, 3, 7, 20].map((a) => backoffMs(a) / 60_000), [1, 2, 4, 60, 60]);
  });
});
