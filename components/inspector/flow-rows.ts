import { ofportNames } from '@/server/core/flows/port-names';
import { tableKey } from '@/server/core/flows/table-key';
import type { Bridge, Flow, FlowAction, HostModel } from '@/server/core/model';
import { actionTextParts, matchText, partsText, type TextPart } from './flow-text';

export interface FlowRow {
  id: string;
  table: number;
  tableName?: string;
  /** The table's section key in the logic view (see tableKey). */
  section: string;
  priority: number;
  /** Match with port numbers replaced by port names. */
  match: string;
  /** Actions with port numbers replaced by port names. */
  actions: string;
  /** The same actions in pieces, resubmits and goto_tables followable. */
  actionParts: TextPart[];
  nPackets: number | null;
  raw: string;
  /** The flow matches traffic from the selected port or sends traffic to it. */
  touches: boolean;
}

const unquote = (s: string): string => s.replace(/"/g, '');

function actionsTouch(actions: FlowAction[], port: Set<string>): boolean {
  return actions.some(
    (a) =>
      (a.port !== undefined && a.type !== 'resubmit' && port.has(unquote(a.port))) ||
      (a.nested ? actionsTouch(a.nested, port) : false),
  );
}

/** How flows may name a port: by name (`--names`) or by OpenFlow port number. */
export const portIds = (port: { name: string; ofport: number | null }): Set<string> =>
  new Set([port.name, ...(port.ofport === null ? [] : [String(port.ofport)])]);

/** Whether a flow matches traffic of a port (in_port) or outputs to it. */
export function flowTouchesPort(flow: Flow, port: { name: string; ofport: number | null }): boolean {
  const ids = portIds(port);
  if (flow.inPort !== undefined && ids.has(unquote(flow.inPort))) return true;
  return actionsTouch(flow.actions, ids);
}

/** Rows of a bridge's flow table, in the order OVS evaluates them. */
export function flowRows(
  model: HostModel,
  bridge: Bridge,
  selectedPort: { name: string; ofport: number | null } | null,
): FlowRow[] {
  const names = ofportNames(model, bridge.name);
  return [...(bridge.flows ?? [])]
    .sort((a, b) => a.table - b.table || b.priority - a.priority)
    .map((f) => {
      const actionParts = actionTextParts(f, names);
      return {
        id: f.id,
        table: f.table,
        ...(f.tableName ? { tableName: f.tableName } : {}),
        section: tableKey(f),
        priority: f.priority,
        match: matchText(f, names),
        actions: partsText(actionParts),
        actionParts,
        nPackets: f.counters?.nPackets ?? null,
        raw: f.raw,
        touches: selectedPort !== null && flowTouchesPort(f, selectedPort),
      };
    });
}

/** The rows holding the filter text in their table, priority, match, actions or raw text. */
export function filterRows(rows: FlowRow[], filter: string): FlowRow[] {
  const q = filter.trim().toLowerCase();
  return q
    ? rows.filter((r) =>
        `${r.table} ${r.priority} ${r.match} ${r.actions} ${r.raw}`.toLowerCase().includes(q),
      )
    : rows;
}

export type FlowSortKey = 'table' | 'priority' | 'match' | 'actions' | 'nPackets';

/** Filter by any text in match/actions/raw, then sort by a column. */
export function filterAndSort(rows: FlowRow[], filter: string, key: FlowSortKey, desc: boolean): FlowRow[] {
  const dir = desc ? -1 : 1;
  const val = (r: FlowRow): number | string => (key === 'nPackets' ? (r.nPackets ?? -1) : r[key]);
  return [...filterRows(rows, filter)].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c * dir || a.table - b.table || b.priority - a.priority;
  });
}
