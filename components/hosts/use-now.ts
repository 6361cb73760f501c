'use client';
import { useEffect, useState } from 'react';
import { AGE_TICK_MS } from './read-health';

/**
 * The time to judge ages against: the clock at each render, and a render every `periodMs` so
 * "10 s ago" becomes "1 min ago" while nothing else changes. Only data the browser fetched, or
 * uses from the render after hydration (useHydrated), is aged with it, so the server's render never
 * prints a time the browser's would contradict.
 */
export function useNow(periodMs: number = AGE_TICK_MS): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), periodMs);
    return () => clearInterval(t);
  }, [periodMs]);
  return Date.now();
}
