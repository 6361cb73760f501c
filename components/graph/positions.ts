import { z } from 'zod';
import type { Positions } from '@/server/core/graph';

const PositionsSchema = z.record(z.string(), z.object({ x: z.number(), y: z.number() }));

/** Dragged node positions live in localStorage, one entry per set of hosts shown together. */
const key = (hostSet: string) => `patchbay:positions:${hostSet}`;

export function loadPositions(hostSet: string): Positions {
  try {
    const raw = window.localStorage.getItem(key(hostSet));
    const parsed = raw ? PositionsSchema.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function savePositions(hostSet: string, positions: Positions): void {
  try {
    window.localStorage.setItem(key(hostSet), JSON.stringify(positions));
  } catch {
    // Storage full or disabled: positions simply do not persist.
  }
}

export function clearPositions(hostSet: string): void {
  window.localStorage.removeItem(key(hostSet));
}
