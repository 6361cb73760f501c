export interface RateLimit {
  max: number;
  windowMs: number;
}

/**
 * A sliding-window count per key (here: a target endpoint). Keys whose window emptied are
 * forgotten, so memory follows the endpoints used in the last window only.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one use of `key`; returns null when allowed, else the milliseconds until a use is allowed. */
  take(key: string): number | null {
    const t = this.now();
    const from = t - this.limit.windowMs;
    for (const [k, times] of this.hits) {
      const live = times.filter((x) => x > from);
      if (live.length === 0) this.hits.delete(k);
      else if (live.length !== times.length) this.hits.set(k, live);
    }
    const times = this.hits.get(key) ?? [];
    if (times.length >= this.limit.max) return (times[0] as number) + this.limit.windowMs - t;
    times.push(t);
    this.hits.set(key, times);
    return null;
  }
}
