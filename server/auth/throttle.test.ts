import { describe, expect, it } from 'vitest';
import { afterFailure, lockedFor, NAME_RULE } from './throttle';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('sign-in throttle', () => {
  it('locks after the fifth failure within the window, for the lock time', () => {
    let f = null;
    for (let i = 0; i < 4; i++) {
      f = afterFailure(f, at(i * 1000), NAME_RULE);
      expect(lockedFor(f, at(i * 1000))).toBe(0);
    }
    f = afterFailure(f, at(5000), NAME_RULE);
    expect(lockedFor(f, at(5000))).toBe(NAME_RULE.lockMs);
    expect(lockedFor(f, at(5000 + NAME_RULE.lockMs))).toBe(0);
  });
  it('starts counting again after the window or after a lock ran out', () => {
    let f = afterFailure(null, t0, NAME_RULE);
    f = afterFailure(f, at(NAME_RULE.windowMs + 1), NAME_RULE);
    expect(f.failures).toBe(1);
    const locked = { failures: 5, windowStart: t0, lockedUntil: at(1000) };
    expect(afterFailure(locked, at(2000), NAME_RULE).failures).toBe(1);
  });
});
