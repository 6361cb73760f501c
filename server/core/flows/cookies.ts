import type { Flow } from '../model/schema';

export interface CookieGroup {
  /** As printed, e.g. `0x8f3c2a1b9e7d6c5a`. */
  cookie: string;
  /** In evaluation order: table ascending, priority descending. */
  flows: Flow[];
  /** Tables the cookie's flows sit in, ascending. */
  tables: number[];
  nPackets: number;
}

/** The cookie as a number, so `0x0a` and `0xa` are one cookie; null when it is not one. */
function cookieValue(cookie: string): bigint | null {
  try {
    return BigInt(cookie);
  } catch {
    return null;
  }
}

function byValue(a: bigint | null, b: bigint | null, textA: string, textB: string): number {
  if (a !== null && b !== null) return a < b ? -1 : a > b ? 1 : 0;
  if (a !== null || b !== null) return a === null ? 1 : -1;
  return textA.localeCompare(textB);
}

/**
 * Flows grouped by cookie, ordered by cookie value. Controllers tag the flows of one rule with one
 * cookie (OVN: the logical flow), so a group reads as "everything this rule installed".
 */
export function cookieGroups(flows: readonly Flow[]): CookieGroup[] {
  const groups = new Map<string, CookieGroup & { value: bigint | null }>();
  for (const f of flows) {
    const value = cookieValue(f.cookie);
    const key = value === null ? `text:${f.cookie}` : String(value);
    const group = groups.get(key) ?? { cookie: f.cookie, value, flows: [], tables: [], nPackets: 0 };
    group.flows.push(f);
    group.nPackets += f.counters?.nPackets ?? 0;
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => byValue(a.value, b.value, a.cookie, b.cookie))
    .map(({ value: _value, ...g }) => {
      const sorted = [...g.flows].sort((a, b) => a.table - b.table || b.priority - a.priority);
      return { ...g, flows: sorted, tables: [...new Set(sorted.map((f) => f.table))] };
    });
}
