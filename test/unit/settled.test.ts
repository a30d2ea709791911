import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settledWithin } from '../../src/common/settled';

describe('settledWithin: waits for a promise at most so long', () => {
  it('resolves as soon as the promise is fulfilled or rejected, without its outcome', async () => {
    for (const promise of [new Promise((r) => setTimeout(() => r('value'), 20)), new Promise((_, fail) => setTimeout(() => fail(new Error('failed')), 20))]) {
      const started = Date.now();
      assert.equal(await settledWithin(promise, 60_000), undefined);
      assert.ok(Date.now() - started < 30_000, 'it did not wait for the bound');
    }
  });

  it('resolves after the bound when the promise does not settle, and leaves no timer behind', async () => {
    const started = Date.now();
    await settledWithin(new Promise(() => undefined), 50);
    assert.ok(Date.now() - started >= 45, 'it waited for the bound');
    // The bound's timer is cleared once the promise settles first: nothing is left to keep the process alive.
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await settledWithin(Promise.resolve(), 60_000);
    assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, before);
  });
});
