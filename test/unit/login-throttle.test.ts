import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryAfterSeconds } from '../../src/auth/login-throttle';

describe('retryAfterSeconds (the login throttle rule)', () => {
  const minute = 60_000;
  const cases: Array<[string, number[], number, number, number]> = [
    // name, attempt times (ms), limit, now, expected seconds
    ['under the limit', [0, 1000], 3, 2000, 0],
    ['at the limit: blocked until the oldest counted attempt leaves the window', [0, 1000, 2000], 3, 2000, 58],
    ['half the window later', [0, 1000, 2000], 3, 30_000, 30],
    ['released once the oldest leaves the window', [0, 1000, 2000], 3, minute + 1, 0],
    ['slides: old attempts stop counting', [0, 50_000, 50_000], 3, minute + 1, 0],
    ['over the limit: waits for enough attempts to leave', [0, 10_000, 20_000, 30_000], 3, 40_000, 30],
    ['order of input does not matter', [2000, 0, 1000], 3, 2000, 58],
    ['at least one second', [0, 0, 0], 3, minute - 1, 1],
  ];
  for (const [name, times, limit, now, expected] of cases) {
    it(name, () => assert.equal(retryAfterSeconds(times, limit, minute, now), expected));
  }
});
