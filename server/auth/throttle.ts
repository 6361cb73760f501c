import type { LoginFailure } from './store';

/**
 * Sign-in throttling, pure. Failures are counted per account name and per client address within
 * a window; reaching the limit locks that key for `lockMs`. A name lock stops guessing one
 * password; an address lock stops spraying many names from one place.
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const NAME_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Milliseconds left on a lock, or 0. */
export function lockedFor(f: LoginFailure | null, now: Date): number {
  if (!f?.lockedUntil) return 0;
  return Math.max(0, f.lockedUntil.getTime() - now.getTime());
}

/** The record after one more failure. */
export function afterFailure(f: LoginFailure | null, now: Date, rule: ThrottleRule): LoginFailure {
  // A lock that ran out, or a window that closed, starts the count again.
  const current =
    f && f.lockedUntil === null && now.getTime() - f.windowStart.getTime() <= rule.windowMs ? f : null;
  const failures = current ? current.failures + 1 : 1;
  const windowStart = current ? current.windowStart : now;
  const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : null;
  return { failures, windowStart, lockedUntil };
}

export const nameKey = (name: string) => `name:${name.toLowerCase()}`;
export const addressKey = (source: string) => `addr:${source}`;
