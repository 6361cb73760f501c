import { z } from 'zod';
import { bridgeId, ifaceId, portId } from '../model/identity';
import type { Bridge, Controller, Interface, OvsState, OvsSystem, Port } from '../model/schema';
import {
  atom,
  mapOf,
  numberMap,
  optional,
  optionalInt,
  optionalString,
  setOf,
  stringMap,
} from './ovsdb-values';

/** Tables the collection script selects, in this order, in one `ovsdb-client transact`. */
export const OVSDB_TABLES = [
  'Open_vSwitch',
  'Bridge',
  'Port',
  'Interface',
  'Controller',
  'Flow_Table',
] as const;
type Table = (typeof OVSDB_TABLES)[number];

/**
 * The columns the change engine's checks need (objects.ts projects only these, plus the
 * references that tie bridges, ports and interfaces together): a scoped read selects them alone,
 * a quarter of the bytes of every column on a host with many ports. Not `error`: the script
 * falls back to every column when the answer holds an `"error":` key (an older schema).
 */
export const CHECK_COLUMNS: Record<Table, string[]> = {
  Open_vSwitch: ['_uuid', 'bridges', 'ovs_version', 'db_version', 'external_ids', 'other_config'],
  Bridge: [
    '_uuid',
    'name',
    'ports',
    'fail_mode',
    'datapath_type',
    'protocols',
    'external_ids',
    'flow_tables',
    'controller',
  ],
  Port: ['_uuid', 'name', 'interfaces', 'tag', 'trunks', 'vlan_mode', 'external_ids'],
  Interface: ['_uuid', 'name', 'type', 'options', 'mtu_request', 'external_ids'],
  Controller: ['_uuid', 'target'],
  Flow_Table: ['_uuid', 'name'],
};

type Row = Record<string, unknown>;

const TransactResult = z.array(
  z.union([
    z.object({ rows: z.array(z.record(z.string(), z.unknown())) }),
    z.object({ error: z.string(), details: z.string().optional() }),
  ]),
);

export interface OvsdbParse {
  ovs: OvsState | null;
  /** Per bridge: OpenFlow table name → number, for flows printed with table names. */
  tableNames: Record<string, Record<string, number>>;
  errors: string[];
}

const uuidOf = (row: Row): string => String(atom(row._uuid) ?? '');
const str = (v: unknown): string => String(atom(v) ?? '');

function indexByUuid(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [uuidOf(r), r]));
}

function toSystem(row: Row | undefined): OvsSystem {
  return {
    uuid: row ? uuidOf(row) : '',
    ovsVersion: optionalString(row?.ovs_version),
    dbVersion: optionalString(row?.db_version),
    systemId: stringMap(row?.external_ids)['system-id'] ?? null,
    externalIds: stringMap(row?.external_ids),
    otherConfig: stringMap(row?.other_config),
  };
}

function toController(row: Row): Controller {
  const connected = optional(row.is_connected);
  return {
    uuid: uuidOf(row),
    target: str(row.target),
    connectionMode: optionalString(row.connection_mode),
    ...(typeof connected === 'boolean' ? { isConnected: connected } : {}),
    role: optionalString(row.role),
  };
}

function toInterface(row: Row, port: Port | undefined): Interface {
  const type = str(row.type);
  const linkResets = optionalInt(row.link_resets);
  return {
    id: ifaceId(str(row.name)),
    uuid: uuidOf(row),
    name: str(row.name),
    port: port?.id ?? null,
    bridge: port?.bridge ?? null,
    type: type === '' ? 'system' : type,
    options: stringMap(row.options),
    ofport: optionalInt(row.ofport),
    ofportRequest: optionalInt(row.ofport_request),
    error: optionalString(row.error),
    macInUse: optionalString(row.mac_in_use),
    mac: optionalString(row.mac),
    mtu: optionalInt(row.mtu),
    mtuRequest: optionalInt(row.mtu_request),
    adminState: optionalString(row.admin_state),
    linkState: optionalString(row.link_state),
    linkSpeed: optionalInt(row.link_speed),
    ifindex: optionalInt(row.ifindex),
    externalIds: stringMap(row.external_ids),
    status: stringMap(row.status),
    statistics: numberMap(row.statistics),
    ...(linkResets === null ? {} : { linkResets }),
  };
}

/** Parses the `ovsdb-client transact` answer into the OVS part of the model (flows not yet read). */
export function parseOvsdb(text: string): OvsdbParse {
  const errors: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ovs: null, tableNames: {}, errors: [`not JSON: ${(e as Error).message}`] };
  }
  const parsed = TransactResult.safeParse(json);
  if (!parsed.success) return { ovs: null, tableNames: {}, errors: ['unexpected transact answer shape'] };

  const tables = {} as Record<Table, Row[]>;
  for (const [i, table] of OVSDB_TABLES.entries()) {
    const result = parsed.data[i];
    if (result && 'rows' in result) tables[table] = result.rows;
    else {
      tables[table] = [];
      if (result) errors.push(`${table}: ${result.error}${result.details ? ` (${result.details})` : ''}`);
      // Flow_Table is optional for naming only; every other table is expected.
      else if (table !== 'Flow_Table') errors.push(`${table}: no result`);
    }
  }

  const portRows = indexByUuid(tables.Port);
  const controllerRows = indexByUuid(tables.Controller);
  const flowTableRows = indexByUuid(tables.Flow_Table);
  const bridges: Bridge[] = [];
  const ports: Port[] = [];
  const portByIface = new Map<string, Port>();
  const tableNames: Record<string, Record<string, number>> = {};
  const claimedPorts = new Set<string>();

  const toPort = (row: Row, bridge: string | null): Port => {
    const name = str(row.name);
    const port: Port = {
      id: portId(bridge ?? '', name),
      uuid: uuidOf(row),
      name,
      bridge,
      tag: optionalInt(row.tag),
      trunks: setOf(row.trunks).filter((t): t is number => typeof t === 'number'),
      vlanMode: optionalString(row.vlan_mode),
      bondMode: optionalString(row.bond_mode),
      lacp: optionalString(row.lacp),
      externalIds: stringMap(row.external_ids),
      otherConfig: stringMap(row.other_config),
      interfaces: [],
    };
    for (const ifaceUuid of setOf(row.interfaces)) portByIface.set(String(ifaceUuid), port);
    return port;
  };

  for (const row of tables.Bridge) {
    const name = str(row.name);
    const bridgePorts: string[] = [];
    for (const uuid of setOf(row.ports)) {
      const portRow = portRows.get(String(uuid));
      if (!portRow) {
        errors.push(`bridge ${name}: port ${uuid} missing`);
        continue;
      }
      claimedPorts.add(String(uuid));
      const port = toPort(portRow, name);
      ports.push(port);
      bridgePorts.push(port.id);
    }
    const names: Record<string, number> = {};
    for (const [num, ftUuid] of Object.entries(mapOf(row.flow_tables))) {
      const ftName = optionalString(flowTableRows.get(String(ftUuid))?.name);
      if (ftName) names[ftName] = Number(num);
    }
    tableNames[name] = names;
    const datapathType = str(row.datapath_type);
    bridges.push({
      id: bridgeId(name),
      uuid: uuidOf(row),
      name,
      datapathType: datapathType === '' ? 'system' : datapathType,
      datapathId: optionalString(row.datapath_id),
      failMode: optionalString(row.fail_mode),
      protocols: setOf(row.protocols).map(String),
      stpEnable: optional(row.stp_enable) === true,
      controllers: setOf(row.controller)
        .map((u) => controllerRows.get(String(u)))
        .filter((r) => r !== undefined)
        .map(toController),
      externalIds: stringMap(row.external_ids),
      otherConfig: stringMap(row.other_config),
      ports: bridgePorts,
      flows: null,
    });
  }
  for (const row of tables.Port) if (!claimedPorts.has(uuidOf(row))) ports.push(toPort(row, null));

  const interfaces = tables.Interface.map((row) => {
    const iface = toInterface(row, portByIface.get(uuidOf(row)));
    portByIface.get(uuidOf(row))?.interfaces.push(iface.id);
    return iface;
  });

  return {
    ovs: { system: toSystem(tables.Open_vSwitch[0]), bridges, ports, interfaces },
    tableNames,
    errors,
  };
}
