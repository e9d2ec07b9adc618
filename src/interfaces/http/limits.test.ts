// The token bucket: a burst at once, then the refill rate; Retry-After in whole seconds; keys apart; 0 turns it off.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from './limits.js';

describe('RateLimiter', () => {
  it('lets a burst through, then one request per 1/rate seconds, each key on its own', () => {
    let t = 0;
    const r = new RateLimiter(2, 3, () => t);
    assert.deepEqual([r.take('a'), r.take('a'), r.take('a')], [0, 0, 0]);
    assert.equal(r.take('a'), 1, 'empty: retry after a second');
    assert.equal(r.take('b'), 0, 'another client has its own bucket');
    t = 500; // half a second refills one
    assert.equal(r.take('a'), 0);
    assert.equal(r.take('a'), 1);
    t = 60_000; // never more than the burst
    assert.deepEqual([0, 1, 2, 3].map(() => r.take('a')), [0, 0, 0, 1]);
  });

  it('a slow rate asks for a longer wait; rate 0 is no limit', () => {
    const slow = new RateLimiter(0.1, 1, () => 0);
    assert.equal(slow.take('a'), 0);
    assert.equal(slow.take('a'), 10);
    const off = new RateLimiter(0, 1, () => 0);
    assert.ok([1, 2, 3, 4, 5].every(() => off.take('a') === 0));
  });
});
