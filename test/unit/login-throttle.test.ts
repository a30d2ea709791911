import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoginThrottle } from '../../src/auth/login-throttle';

describe('LoginThrottle', () => {
  const make = () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(3, 60_000, () => now);
    return { throttle, advance: (ms: number) => (now += ms) };
  };

  it('blocks after the maximum failures within the window, then releases', () => {
    const { throttle, advance } = make();
    for (let i = 0; i < 2; i++) throttle.fail('u');
    assert.equal(throttle.retryAfterSeconds('u'), 0);
    throttle.fail('u');
    assert.equal(throttle.retryAfterSeconds('u'), 60);
    advance(30_000);
    assert.equal(throttle.retryAfterSeconds('u'), 30);
    advance(30_001);
    assert.equal(throttle.retryAfterSeconds('u'), 0);
  });

  it('slides: old failures stop counting', () => {
    const { throttle, advance } = make();
    throttle.fail('u');
    advance(50_000);
    throttle.fail('u');
    throttle.fail('u');
    assert.ok(throttle.retryAfterSeconds('u') > 0);
    advance(10_001);
    assert.equal(throttle.retryAfterSeconds('u'), 0, 'the first failure left the window');
  });

  it('keeps keys apart and clears on success', () => {
    const { throttle } = make();
    for (let i = 0; i < 3; i++) throttle.fail('a');
    assert.ok(throttle.retryAfterSeconds('a') > 0);
    assert.equal(throttle.retryAfterSeconds('b'), 0);
    throttle.clear('a');
    assert.equal(throttle.retryAfterSeconds('a'), 0);
  });

  it('accepts a higher limit per call (per-address limit)', () => {
    const { throttle } = make();
    for (let i = 0; i < 5; i++) throttle.fail('ip');
    assert.ok(throttle.retryAfterSeconds('ip') > 0);
    assert.equal(throttle.retryAfterSeconds('ip', 12), 0);
  });
});
