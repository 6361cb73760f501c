import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows `max` uses per window and key, then says when the next one is allowed', () => {
    let now = 1_000;
    const limiter = new RateLimiter({ max: 3, windowMs: 60_000 }, () => now);
    expect([limiter.take('a:22'), limiter.take('a:22'), limiter.take('b:22')]).toEqual([null, null, null]);
    now += 10_000;
    expect(limiter.take('a:22')).toBeNull();
    expect(limiter.take('a:22')).toBe(50_000);
    expect(limiter.take('b:22')).toBeNull();
    now = 61_001; // the two uses at 1 000 left the window, the one at 11 000 has not
    expect([limiter.take('a:22'), limiter.take('a:22')]).toEqual([null, null]);
    expect(limiter.take('a:22')).toBe(11_000 + 60_000 - 61_001);
  });
  it('a refused use does not count', () => {
    let now = 0;
    const limiter = new RateLimiter({ max: 1, windowMs: 1_000 }, () => now);
    expect(limiter.take('k')).toBeNull();
    now = 500;
    expect(limiter.take('k')).toBe(500);
    now = 1_000;
    expect(limiter.take('k')).toBeNull();
  });
});
