import type { Bridge, Flow, FlowAction, HostModel } from '@/server/core/model';

export interface FlowRow {
  id: string;
  table: number;
  tableName?: string;
  priority: number;
  /** Match with port numbers replaced by port names. */
  match: string;
  /** Actions with port numbers replaced by port names. */
  actions: string;
  nPackets: number | null;
  raw: string;
  /** The flow matches traffic from the selected port or sends traffic to it. */
  touches: boolean;
}

/** OpenFlow port number → interface name, for bridges whose flows were printed with numbers. */
export function ofportNames(model: HostModel, bridge: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const i of model.ovs?.interfaces ?? []) {
    if (i.bridge === bridge && i.ofport !== null && i.ofport >= 0) map.set(String(i.ofport), i.name);
  }
  map.set('65534', bridge);
  return map;
}

const unquote = (s: string): string => s.replace(/"/g, '');

const portName = (names: Map<string, string>, value: string): string => {
  const v = unquote(value);
  return names.get(v) ?? v;
};

function actionText(a: FlowAction, names: Map<string, string>): string {
  const raw = unquote(a.raw);
  if (a.port === undefined) return raw;
  const p = unquote(a.port);
  const name = names.get(p);
  if (!name) return raw;
  // Replace the first occurrence of the number as a whole token (output:2, resubmit(2,3), enqueue:2:1).
  return raw.replace(new RegExp(`(^|[^\\w.])${p}(?![\\w.])`), `$1${name}`);
}

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
    .map((f) => ({
      id: f.id,
      table: f.table,
      ...(f.tableName ? { tableName: f.tableName } : {}),
      priority: f.priority,
      match: f.match
        .map((m) =>
          m.value === ''
            ? m.field
            : `${m.field}=${m.field === 'in_port' ? portName(names, m.value) : unquote(m.value)}`,
        )
        .join(','),
      actions: f.actions.map((a) => actionText(a, names)).join(','),
      nPackets: f.counters?.nPackets ?? null,
      raw: f.raw,
      touches: selectedPort !== null && flowTouchesPort(f, selectedPort),
    }));
}

export type FlowSortKey = 'table' | 'priority' | 'match' | 'actions' | 'nPackets';

/** Filter by any text in match/actions/raw, then sort by a column. */
export function filterAndSort(rows: FlowRow[], filter: string, key: FlowSortKey, desc: boolean): FlowRow[] {
  const q = filter.trim().toLowerCase();
  const kept = q
    ? rows.filter((r) =>
        `${r.table} ${r.priority} ${r.match} ${r.actions} ${r.raw}`.toLowerCase().includes(q),
      )
    : rows;
  const dir = desc ? -1 : 1;
  const val = (r: FlowRow): number | string => (key === 'nPackets' ? (r.nPackets ?? -1) : r[key]);
  return [...kept].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c * dir || a.table - b.table || b.priority - a.priority;
  });
}
