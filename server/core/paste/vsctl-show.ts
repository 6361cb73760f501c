import type { Bridge, Controller, Interface, OvsState, Port } from '../model/schema';
import { atom, map, set } from './datum';
import { newBridge, newInterface, newPort } from './rows';

/**
 * `ovs-vsctl show` text → the OVS part of the model. show prints a column only when it differs
 * from its default, so a missing `tag`, `type` or `fail_mode` means the OVSDB default, as the
 * OVSDB parser reads it. Rows are found by keyword, not by indentation, so listings whose
 * indentation a forum flattened or shifted still read; a `key: value` line belongs to the nearest
 * open row that has such a column. Columns Patchbay does not model are skipped.
 */

export interface VsctlShowParse {
  /** null when the text holds no `ovs-vsctl show` output at all. */
  ovs: OvsState | null;
  errors: string[];
}

type RowKind = 'system' | 'manager' | 'bridge' | 'controller' | 'port' | 'interface';

type Frame =
  | { kind: 'system' | 'manager' }
  | { kind: 'bridge'; bridge: Bridge }
  | { kind: 'controller'; controller: Controller | null }
  | { kind: 'port'; port: Port | null }
  | { kind: 'interface'; iface: Interface | null };

const PARENT: Record<Exclude<RowKind, 'system'>, RowKind> = {
  manager: 'system',
  bridge: 'system',
  controller: 'bridge',
  port: 'bridge',
  interface: 'port',
};

/** The columns read from each row; any other column is skipped wherever it appears. */
const COLUMNS: Record<RowKind, ReadonlySet<string>> = {
  system: new Set(['ovs_version']),
  manager: new Set(['is_connected']),
  bridge: new Set(['fail_mode', 'datapath_type', 'datapath_id', 'protocols', 'stp_enable']),
  controller: new Set(['is_connected', 'role', 'connection_mode']),
  port: new Set(['tag', 'trunks', 'vlan_mode', 'bond_mode', 'lacp']),
  interface: new Set([
    'type',
    'options',
    'error',
    'ofport',
    'ofport_request',
    'mac_in_use',
    'mac',
    'mtu',
    'mtu_request',
    'admin_state',
    'link_state',
  ]),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROW = /^(Bridge|Port|Interface|Controller|Manager)\s+(.+)$/;
const COLUMN = /^([a-z_]+):\s*(.*)$/;

const int = (text: string): number | null => {
  const n = Number(atom(text));
  return Number.isInteger(n) ? n : null;
};

function setColumn(frame: Frame, column: string, value: string): void {
  const optional = (v: string) => atom(v) || null;
  switch (frame.kind) {
    case 'bridge': {
      const b = frame.bridge;
      if (column === 'fail_mode') b.failMode = optional(value);
      else if (column === 'datapath_type') b.datapathType = atom(value) || 'system';
      else if (column === 'datapath_id') b.datapathId = optional(value);
      else if (column === 'protocols') b.protocols = set(value);
      else if (column === 'stp_enable') b.stpEnable = atom(value) === 'true';
      return;
    }
    case 'controller': {
      const c = frame.controller;
      if (!c) return;
      if (column === 'is_connected') c.isConnected = atom(value) === 'true';
      else if (column === 'role') c.role = optional(value);
      else if (column === 'connection_mode') c.connectionMode = optional(value);
      return;
    }
    case 'port': {
      const p = frame.port;
      if (!p) return;
      if (column === 'tag') p.tag = int(value);
      else if (column === 'trunks') p.trunks = set(value).map(Number).filter(Number.isInteger);
      else if (column === 'vlan_mode') p.vlanMode = optional(value);
      else if (column === 'bond_mode') p.bondMode = optional(value);
      else if (column === 'lacp') p.lacp = optional(value);
      return;
    }
    case 'interface': {
      const i = frame.iface;
      if (!i) return;
      if (column === 'type') i.type = atom(value) || 'system';
      else if (column === 'options') i.options = map(value) ?? {};
      else if (column === 'error') i.error = optional(value);
      else if (column === 'ofport') i.ofport = int(value);
      else if (column === 'ofport_request') i.ofportRequest = int(value);
      else if (column === 'mac_in_use') i.macInUse = optional(value);
      else if (column === 'mac') i.mac = optional(value);
      else if (column === 'mtu') i.mtu = int(value);
      else if (column === 'mtu_request') i.mtuRequest = int(value);
      else if (column === 'admin_state') i.adminState = optional(value);
      else if (column === 'link_state') i.linkState = optional(value);
      return;
    }
    default:
      return;
  }
}

export function parseVsctlShow(text: string): VsctlShowParse {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const first = lines[0];
  if (first === undefined) return { ovs: null, errors: ['no output'] };
  if (first.startsWith('ovs-vsctl:')) return { ovs: null, errors: [first] };

  const system: OvsState['system'] = {
    uuid: '',
    ovsVersion: null,
    dbVersion: null,
    systemId: null,
    externalIds: {},
    otherConfig: {},
  };
  const bridges: Bridge[] = [];
  const ports: Port[] = [];
  const interfaces = new Map<string, Interface>();
  const errors: string[] = [];
  const stack: Frame[] = [{ kind: 'system' }];
  let read = false;
  const top = () => stack[stack.length - 1] as Frame;
  /** Closes rows until one of kind `parent` is open; false when none is. */
  const openParent = (parent: RowKind): boolean => {
    const at = stack.map((f) => f.kind).lastIndexOf(parent);
    if (at === -1) return false;
    stack.length = at + 1;
    return true;
  };

  for (const line of lines) {
    if (UUID.test(line) && !read) {
      system.uuid = line;
      read = true;
      continue;
    }
    const row = ROW.exec(line);
    if (row) {
      read = true;
      const kind = (row[1] as string).toLowerCase() as Exclude<RowKind, 'system'>;
      const name = atom(row[2] as string);
      const parentOpen = openParent(PARENT[kind]);
      const parent = top();
      if (kind === 'manager') stack.push({ kind });
      else if (kind === 'bridge') {
        const bridge = newBridge(name, 'system');
        bridges.push(bridge);
        stack.push({ kind, bridge });
      } else if (kind === 'controller') {
        const controller =
          parent.kind === 'bridge' ? { uuid: '', target: name, connectionMode: null, role: null } : null;
        if (parent.kind === 'bridge' && controller) parent.bridge.controllers.push(controller);
        stack.push({ kind, controller });
      } else if (kind === 'port') {
        if (!parentOpen || parent.kind !== 'bridge') errors.push(`Port ${name} is outside a Bridge`);
        const port = parent.kind === 'bridge' ? newPort(parent.bridge.name, name) : null;
        if (port && parent.kind === 'bridge') {
          ports.push(port);
          parent.bridge.ports.push(port.id);
        }
        stack.push({ kind, port });
      } else {
        // An interface of a port outside any bridge was reported with its port.
        const port = parent.kind === 'port' ? parent.port : null;
        if (!parentOpen) errors.push(`Interface ${name} is outside a Port`);
        const iface = port ? newInterface(name, port, 'system') : null;
        if (iface && port) {
          port.interfaces.push(iface.id);
          interfaces.set(iface.id, iface);
        }
        stack.push({ kind, iface });
      }
      continue;
    }
    const column = COLUMN.exec(line);
    if (column) {
      const [, key, value] = column as unknown as [string, string, string];
      if (key === 'ovs_version') {
        system.ovsVersion = atom(value) || null;
        read = true;
        continue;
      }
      // The nearest open row with such a column; a column no row has is skipped.
      const frame = [...stack].reverse().find((f) => COLUMNS[f.kind].has(key));
      if (frame) setColumn(frame, key, value);
      continue;
    }
    errors.push(`not ovs-vsctl show output: ${line.slice(0, 200)}`);
  }
  if (!read) return { ovs: null, errors };
  return { ovs: { system, bridges, ports, interfaces: [...interfaces.values()] }, errors };
}
