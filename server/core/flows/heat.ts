import type { Flow } from '../model/schema';
import { tableKey } from './table-key';

/**
 * Each flow's share of its table's packets, 0..1, keyed by flow id. A table whose flows carry no
 * counters, or counted no packet, gives its flows 0.
 */
export function packetHeat(flows: readonly Flow[]): Map<string, number> {
  const perTable = new Map<string, number>();
  for (const f of flows)
    perTable.set(tableKey(f), (perTable.get(tableKey(f)) ?? 0) + (f.counters?.nPackets ?? 0));
  return new Map(
    flows.map((f) => {
      const total = perTable.get(tableKey(f)) ?? 0;
      return [f.id, total > 0 ? (f.counters?.nPackets ?? 0) / total : 0];
    }),
  );
}
