import type { Bridge, Interface, Port } from '../model/schema';
import type { ModelIndex } from './model-index';
import { changesText, fmtValue, mapWords } from './text';
import type { FieldChange } from './types';

/**
 * ovs-vsctl sub-commands (WITHOUT the leading `ovs-vsctl`; the executor joins every ovsdb step of a
 * plan into one `ovs-vsctl -- a -- b` transaction). Forward commands are strict (`add-br`, `del-port`
 * fail on an unexpected state, failing the whole transaction); inverses use `--may-exist` /
 * `--if-exists` so a rollback never trips over what it is putting back.
 */

/**
 * An OVSDB atom as ovs-vsctl parses it (`ovsdb_token_parse` / `ovsdb_atom_from_string`): plain
 * words as they are, anything else as a JSON string (ovs-vsctl un-escapes `"…"` as JSON).
 */
export const ovsAtom = (s: string): string => (/^[A-Za-z0-9_./+-]+$/.test(s) ? s : JSON.stringify(s));

const mapPairs = (column: string, map: Record<string, string>): string[] =>
  Object.entries(map).map(([k, v]) => `${column}:${ovsAtom(k)}=${ovsAtom(v)}`);

/** `set TABLE RECORD col=value…`, or nothing when there is nothing to set. */
const setCmd = (table: string, record: string, pairs: string[]): string[][] =>
  pairs.length === 0 ? [] : [['set', table, record, ...pairs]];

// ---------------------------------------------------------------- bridges

function bridgePairs(b: Bridge): string[] {
  return [
    ...(b.failMode ? [`fail_mode=${ovsAtom(b.failMode)}`] : []),
    ...(b.datapathType && b.datapathType !== 'system' ? [`datapath_type=${ovsAtom(b.datapathType)}`] : []),
    ...(b.protocols.length > 0 ? [`protocols=${[...b.protocols].sort().map(ovsAtom).join(',')}`] : []),
    ...(b.stpEnable ? ['stp_enable=true'] : []),
    ...mapPairs('external_ids', b.externalIds),
    ...mapPairs('other_config', b.otherConfig),
  ];
}

/** add-br with the bridge's settings (and controllers) in the same transaction. */
export function bridgeCreate(b: Bridge, mayExist: boolean): string[][] {
  return [
    [...(mayExist ? ['--may-exist'] : []), 'add-br', b.name],
    ...setCmd('Bridge', b.name, bridgePairs(b)),
    ...(b.controllers.length > 0 ? [['set-controller', b.name, ...b.controllers.map((c) => c.target)]] : []),
  ];
}

export const bridgeDelete = (name: string, ifExists: boolean): string[][] => [
  [...(ifExists ? ['--if-exists'] : []), 'del-br', name],
];

export function bridgeWords(b: Bridge): string[] {
  return [
    ...(b.failMode ? [`fail_mode=${b.failMode}`] : []),
    ...(b.datapathType && b.datapathType !== 'system' ? [`datapath_type=${b.datapathType}`] : []),
    ...(b.protocols.length > 0 ? [`protocols=${[...b.protocols].sort().join(',')}`] : []),
    ...mapWords('external_ids:', b.externalIds),
  ];
}

const BRIDGE_COLUMNS: Record<string, string> = {
  failMode: 'fail_mode',
  datapathType: 'datapath_type',
  protocols: 'protocols',
  externalIds: 'external_ids',
};
const PORT_COLUMNS: Record<string, string> = {
  tag: 'tag',
  trunks: 'trunks',
  vlanMode: 'vlan_mode',
  externalIds: 'external_ids',
  interfaces: 'interfaces',
};
const IFACE_COLUMNS: Record<string, string> = {
  type: 'type',
  options: 'options',
  mtuRequest: 'mtu_request',
  externalIds: 'external_ids',
};
export const bridgeColumn = (f: string): string => BRIDGE_COLUMNS[f] ?? f;
export const portColumn = (f: string): string => PORT_COLUMNS[f] ?? f;
export const ifaceColumn = (f: string): string => IFACE_COLUMNS[f] ?? f;

// ---------------------------------------------------------------- field changes (set / clear / remove)

type Side = 'before' | 'after';

const asMap = (v: unknown): Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, string>) : {};

/** Commands that move a map column from `from` to `to` key by key. */
function mapCommands(
  table: string,
  record: string,
  column: string,
  from: Record<string, string>,
  to: Record<string, string>,
): { removes: string[][]; pairs: string[] } {
  const gone = Object.keys(from)
    .filter((k) => !(k in to))
    .sort();
  const pairs = Object.entries(to)
    .filter(([k, v]) => from[k] !== v)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${column}:${ovsAtom(k)}=${ovsAtom(v)}`);
  return { removes: gone.length > 0 ? [['remove', table, record, column, ...gone.map(ovsAtom)]] : [], pairs };
}

/**
 * The commands that take the scalar, set and map columns named in `changes` to one side's values
 * (`after` for forward, `before` for the inverse). Columns whose target is empty are cleared.
 */
export function columnCommands(
  table: 'Bridge' | 'Port' | 'Interface',
  record: string,
  changes: readonly FieldChange[],
  to: Side,
  column: (field: string) => string,
): string[][] {
  const from: Side = to === 'after' ? 'before' : 'after';
  const clears: string[] = [];
  const removes: string[][] = [];
  const pairs: string[] = [];
  for (const c of changes) {
    const col = column(c.field);
    const target = c[to];
    if (col === 'external_ids' || col === 'options' || col === 'other_config') {
      const m = mapCommands(table, record, col, asMap(c[from]), asMap(target));
      removes.push(...m.removes);
      pairs.push(...m.pairs);
    } else if (target === null || target === undefined || (Array.isArray(target) && target.length === 0)) {
      if (col === 'datapath_type') pairs.push('datapath_type=system');
      else clears.push(col);
    } else if (Array.isArray(target)) {
      pairs.push(`${col}=${target.map((v) => ovsAtom(String(v))).join(',')}`);
    } else pairs.push(`${col}=${ovsAtom(String(target))}`);
  }
  return [
    ...(clears.length > 0 ? [['clear', table, record, ...clears]] : []),
    ...removes,
    ...setCmd(table, record, pairs),
  ];
}

export const bridgeChangeText = (name: string, changes: readonly FieldChange[]): string =>
  `~ bridge ${name} ${changesText(changes, bridgeColumn)}`;

// ---------------------------------------------------------------- ports and interfaces

/** Interface columns an operator (or a restore) sets; type `system` is OVSDB's default "". */
export function ifacePairs(i: Interface): string[] {
  return [
    ...(i.type && i.type !== 'system' ? [`type=${ovsAtom(i.type)}`] : []),
    ...mapPairs('options', i.options),
    ...(i.mtuRequest !== null ? [`mtu_request=${i.mtuRequest}`] : []),
    ...(i.ofportRequest !== null ? [`ofport_request=${i.ofportRequest}`] : []),
    ...(i.mac !== null ? [`mac=${ovsAtom(i.mac)}`] : []),
    ...mapPairs('external_ids', i.externalIds),
  ];
}

function portPairs(p: Port, bond: boolean): string[] {
  return [
    ...(p.tag !== null ? [`tag=${p.tag}`] : []),
    ...(p.trunks.length > 0 ? [`trunks=${[...p.trunks].sort((a, b) => a - b).join(',')}`] : []),
    ...(p.vlanMode !== null ? [`vlan_mode=${ovsAtom(p.vlanMode)}`] : []),
    ...(bond && p.bondMode !== null ? [`bond_mode=${ovsAtom(p.bondMode)}`] : []),
    ...(bond && p.lacp !== null ? [`lacp=${ovsAtom(p.lacp)}`] : []),
    ...mapPairs('external_ids', p.externalIds),
    ...mapPairs('other_config', p.otherConfig),
  ];
}

/** A port's interfaces in the model that holds it; a string says why it cannot be created. */
export function portInterfaces(ix: ModelIndex, p: Port): Interface[] | string {
  if (p.bridge === null) return `port ${p.name} belongs to no bridge`;
  const ifaces = p.interfaces.map((id) => ix.ifaces.get(id));
  if (ifaces.length === 0 || ifaces.some((i) => i === undefined))
    return `port ${p.name} has no known interfaces`;
  const list = ifaces as Interface[];
  if (list.length === 1 && list[0]?.name !== p.name)
    return `port ${p.name} has an interface of another name (${list[0]?.name}): ovs-vsctl cannot create that`;
  return list;
}

/** add-port (or add-bond) with the port's and its interfaces' settings. */
export function portCreate(p: Port, ifaces: readonly Interface[], mayExist: boolean): string[][] {
  const bridge = p.bridge ?? '';
  const bond = ifaces.length > 1;
  const add = bond
    ? ['add-bond', bridge, p.name, ...ifaces.map((i) => i.name)]
    : ['add-port', bridge, p.name];
  return [
    [...(mayExist ? ['--may-exist'] : []), ...add],
    ...ifaces.flatMap((i) => setCmd('Interface', i.name, ifacePairs(i))),
    ...setCmd('Port', p.name, portPairs(p, bond)),
  ];
}

export const portDelete = (bridge: string, name: string, ifExists: boolean): string[][] => [
  [...(ifExists ? ['--if-exists'] : []), 'del-port', bridge, name],
];

/** `tag=5 internal peer=x`: the words of a port line in a plan's text. */
export function portWords(p: Port, ifaces: readonly Interface[]): string[] {
  const single = ifaces.length === 1 ? ifaces[0] : undefined;
  return [
    ...(p.tag !== null ? [`tag=${p.tag}`] : []),
    ...(p.trunks.length > 0 ? [`trunks=${fmtValue([...p.trunks].sort((a, b) => a - b))}`] : []),
    ...(p.vlanMode !== null ? [`vlan_mode=${p.vlanMode}`] : []),
    ...(ifaces.length > 1 ? [`bond(${ifaces.map((i) => i.name).join(',')})`] : []),
    ...(single && single.type !== 'system' && single.type !== '' ? [single.type] : []),
    ...(single ? mapWords('', single.options) : []),
    ...(single?.mtuRequest != null ? [`mtu_request=${single.mtuRequest}`] : []),
  ];
}

/**
 * A port's change: column changes plus bond members added (`add-bond-iface` with the member's
 * settings) or removed (`del-bond-iface`), towards `to`.
 */
export function portChangeCommands(
  name: string,
  changes: readonly FieldChange[],
  to: Side,
  ifaceOf: (ifname: string, side: Side) => Interface | undefined,
): string[][] {
  const from: Side = to === 'after' ? 'before' : 'after';
  const columns = changes.filter((c) => c.field !== 'interfaces');
  const members = changes.find((c) => c.field === 'interfaces');
  const out: string[][] = [];
  if (members) {
    const had = new Set((members[from] as string[] | null) ?? []);
    const want = new Set((members[to] as string[] | null) ?? []);
    for (const i of want) {
      if (had.has(i)) continue;
      out.push(['add-bond-iface', name, i]);
      const iface = ifaceOf(i, to);
      if (iface) out.push(...setCmd('Interface', i, ifacePairs(iface)));
    }
    for (const i of had) if (!want.has(i)) out.push(['del-bond-iface', name, i]);
  }
  out.push(...columnCommands('Port', name, columns, to, portColumn));
  return out;
}
