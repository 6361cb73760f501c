import type { Flow } from '../model/schema';
import { packetHeat } from './heat';
import { actionShape, actionSlots } from './shape';
import { tableKey } from './table-key';

export interface LogicFlow {
  flow: Flow;
  /** Share of its table's packets, 0..1. */
  heat: number;
  /** This flow's value of each of the block's `varying` keys. */
  values: Record<string, string>;
}

/**
 * Flows of one table that match on the same fields and run the same actions, values aside: the
 * "logical block" of ovs-flowviz's logic view. Value keys are `priority`, match field names, and
 * `actions.<slot>` for abstracted action values (see actionSlots).
 */
export interface LogicBlock {
  table: number;
  tableName?: string;
  /** Match field names, in the order ovs-ofctl prints them. */
  matchFields: string[];
  /** Action shape, values abstracted to `*`: `mod_vlan_vid:*,resubmit(,60)`. */
  actions: string;
  maxPriority: number;
  minPriority: number;
  /** Values every flow of the block shares. */
  common: Record<string, string>;
  /** Keys whose value differs between the block's flows, in first-flow order. */
  varying: string[];
  /** Priority descending, then in dump order. */
  flows: LogicFlow[];
  nPackets: number;
}

export interface LogicTable {
  table: number;
  tableName?: string;
  /** Highest priority first. */
  blocks: LogicBlock[];
  nPackets: number;
}

function valuesOf(flow: Flow): Map<string, string> {
  const values = new Map<string, string>([['priority', String(flow.priority)]]);
  for (const m of flow.match) values.set(m.field, m.value);
  for (const s of actionSlots(flow.actions)) values.set(`actions.${s.key}`, s.value);
  return values;
}

function blockOf(flows: Flow[], heat: ReadonlyMap<string, number>): LogicBlock {
  const ordered = [...flows].sort((a, b) => b.priority - a.priority);
  const values = ordered.map(valuesOf);
  const keys = [...new Set(values.flatMap((v) => [...v.keys()]))];
  const varying = keys.filter((k) => new Set(values.map((v) => v.get(k) ?? '')).size > 1);
  const varies = new Set(varying);
  const common = Object.fromEntries(
    keys.filter((k) => !varies.has(k)).map((k) => [k, values[0]?.get(k) ?? '']),
  );
  const first = ordered[0];
  return {
    table: first?.table ?? 0,
    ...(first?.tableName === undefined ? {} : { tableName: first.tableName }),
    matchFields: first?.match.map((m) => m.field) ?? [],
    actions: first ? actionShape(first.actions) : '',
    maxPriority: first?.priority ?? 0,
    minPriority: ordered.at(-1)?.priority ?? 0,
    common,
    varying,
    flows: ordered.map((flow, i) => ({
      flow,
      heat: heat.get(flow.id) ?? 0,
      values: Object.fromEntries(varying.map((k) => [k, values[i]?.get(k) ?? ''])),
    })),
    nPackets: ordered.reduce((n, f) => n + (f.counters?.nPackets ?? 0), 0),
  };
}

/** The key two flows of one table share when they fold into one block. */
function blockKey(flow: Flow): string {
  const fields = [...new Set(flow.match.map((m) => m.field))].sort();
  return `${fields.join(',')} -> ${actionShape(flow.actions)}`;
}

/**
 * A bridge's flows folded the way `ovs-flowviz openflow logic` folds them: per table, flows with the
 * same set of match field names and the same action shape form one block. Unlike ovs-flowviz,
 * priority does not split blocks (it is one of the values), so a table reads as fewer blocks.
 */
export function logicTables(flows: readonly Flow[]): LogicTable[] {
  const heat = packetHeat(flows);
  const tables = new Map<string, Map<string, Flow[]>>();
  for (const f of flows) {
    const blocks = tables.get(tableKey(f)) ?? new Map<string, Flow[]>();
    const key = blockKey(f);
    const block = blocks.get(key);
    if (block) block.push(f);
    else blocks.set(key, [f]);
    tables.set(tableKey(f), blocks);
  }
  return [...tables.values()]
    .map((groups) => {
      // Stable sort: blocks of equal priority stay in dump order.
      const blocks = [...groups.values()]
        .map((g) => blockOf(g, heat))
        .sort((a, b) => b.maxPriority - a.maxPriority);
      const first = blocks[0];
      return {
        table: first?.table ?? -1,
        ...(first?.tableName === undefined ? {} : { tableName: first.tableName }),
        blocks,
        nPackets: blocks.reduce((n, b) => n + b.nPackets, 0),
      };
    })
    .sort((a, b) => a.table - b.table || (a.tableName ?? '').localeCompare(b.tableName ?? ''));
}
