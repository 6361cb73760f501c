import { z } from 'zod';
import { SCHEMA_VERSION } from './constants';

/**
 * The topology model of ONE host, as read by one collection run. This file is the source of truth
 * for the snapshot format (docs/snapshot-format.md); bump SCHEMA_VERSION (constants.ts) on any breaking change.
 *
 * Every object carries a stable `id` built from names (see identity.ts), never from OVSDB uuids or
 * ifindexes alone: those change when an object is recreated and are kept as plain fields.
 * Volatile values (counters, durations, ages, collectedAt) are removed by `stripCounters`.
 */

const StringMap = z.record(z.string(), z.string());

/** A part of the collection that could not be read; the rest of the model is still usable. */
export const PartError = z.object({
  /** Collection part, e.g. `ovsdb`, `flows`, `link`, `route6`. */
  part: z.string(),
  /** Part argument: a bridge for `flows`, a namespace for `ip` parts. */
  arg: z.string().optional(),
  message: z.string(),
  /** Raw text (stderr or the unreadable output), truncated. */
  raw: z.string().optional(),
});
export type PartError = z.infer<typeof PartError>;

// ---------------------------------------------------------------- OpenFlow

export const FlowMatch = z.object({
  field: z.string(),
  /** Empty for bare protocol keywords such as `ip`, `arp`, `tcp`. */
  value: z.string(),
});
export type FlowMatch = z.infer<typeof FlowMatch>;

export const FlowAction = z.object({
  /** Keyword, lower case: output, resubmit, normal, drop, mod_vlan_vid, set_field, load, ct, learn, … */
  type: z.string(),
  /** The action exactly as printed by ovs-ofctl. */
  raw: z.string(),
  /** Text after `type:` or inside `type(…)`. */
  args: z.string().optional(),
  /** OpenFlow port this action sends to / resubmits from (name with --names, else number). */
  port: z.string().optional(),
  /** Table the packet continues in (resubmit, goto_table, ct(table=…)). */
  table: z.number().int().optional(),
  /** That table's Flow_Table name when ovs-ofctl printed a name; `table` is unset if unresolved. */
  tableName: z.string().optional(),
  /** Bytes of the packet sent: output(port=…,max_len=…), CONTROLLER:N, controller(max_len=…). */
  maxLen: z.number().int().optional(),
  /**
   * Actions run inside this one: `clone(…)`, `write_actions(…)`, `ct(exec(…))`; for `bundle` and
   * `bundle_load`, one output per member port (the action picks one of them).
   */
  get nested() {
    return z.array(FlowAction).optional();
  },
});
export type FlowAction = z.infer<typeof FlowAction>;

export const FlowCounters = z.object({
  nPackets: z.number(),
  nBytes: z.number(),
  /** Absent in stored snapshots: a duration changes every second, so keeping it would defeat their dedup. */
  durationS: z.number().optional(),
});
export type FlowCounters = z.infer<typeof FlowCounters>;

export const Flow = z.object({
  /** `flow:<bridge>/<table>/<priority>/<hash of match>`: OVS itself identifies a flow this way. */
  id: z.string(),
  bridge: z.string(),
  table: z.number().int(),
  /** Table name when the bridge names its tables (Flow_Table). */
  tableName: z.string().optional(),
  priority: z.number().int(),
  cookie: z.string(),
  /** Match fields in the order ovs-ofctl printed them. */
  match: z.array(FlowMatch),
  /** Convenience copy of the in_port match value. */
  inPort: z.string().optional(),
  actions: z.array(FlowAction),
  /** The whole line as printed by ovs-ofctl. */
  raw: z.string(),
  counters: FlowCounters.optional(),
  idleTimeout: z.number().int().optional(),
  hardTimeout: z.number().int().optional(),
  idleAge: z.number().optional(),
  hardAge: z.number().optional(),
  importance: z.number().int().optional(),
  /** Flag keywords such as send_flow_rem, check_overlap, reset_counts, no_packet_counts. */
  flags: z.array(z.string()),
  /** Text the parser could not understand; present only when something was skipped. */
  unparsed: z.string().optional(),
});
export type Flow = z.infer<typeof Flow>;

// ---------------------------------------------------------------- OVSDB

export const OvsSystem = z.object({
  uuid: z.string(),
  ovsVersion: z.string().nullable(),
  dbVersion: z.string().nullable(),
  systemId: z.string().nullable(),
  externalIds: StringMap,
  otherConfig: StringMap,
});
export type OvsSystem = z.infer<typeof OvsSystem>;

export const Controller = z.object({
  uuid: z.string(),
  /** e.g. `tcp:127.0.0.1:6633`, `punix:/var/run/openvswitch/br-int.mgmt`. */
  target: z.string(),
  connectionMode: z.string().nullable(),
  isConnected: z.boolean().optional(),
  role: z.string().nullable(),
});
export type Controller = z.infer<typeof Controller>;

export const Bridge = z.object({
  /** `br:<name>` */
  id: z.string(),
  uuid: z.string(),
  name: z.string(),
  /** `system`, `netdev`; empty in OVSDB means system. */
  datapathType: z.string(),
  datapathId: z.string().nullable(),
  /** `secure`, `standalone`, or null (OVS default: standalone). */
  failMode: z.string().nullable(),
  /** OpenFlow versions allowed, e.g. ["OpenFlow10","OpenFlow13"]; empty = OVS default. */
  protocols: z.array(z.string()),
  stpEnable: z.boolean(),
  controllers: z.array(Controller),
  externalIds: StringMap,
  otherConfig: StringMap,
  /** Port ids (`port:<bridge>/<name>`). */
  ports: z.array(z.string()),
  /** null when flows were not read (see flowsError). */
  flows: z.array(Flow).nullable(),
  flowsError: z.string().optional(),
});
export type Bridge = z.infer<typeof Bridge>;

export const Port = z.object({
  /** `port:<bridge>/<name>` */
  id: z.string(),
  uuid: z.string(),
  name: z.string(),
  /** Owning bridge name; null for a port row no bridge references. */
  bridge: z.string().nullable(),
  /** Access VLAN tag. */
  tag: z.number().int().nullable(),
  /** Trunked VLANs; empty with tag null means "all VLANs". */
  trunks: z.array(z.number().int()),
  /** access, native-tagged, native-untagged, trunk, dot1q-tunnel; null = OVS default. */
  vlanMode: z.string().nullable(),
  /** Bond fields: set when the port has more than one interface. */
  bondMode: z.string().nullable(),
  lacp: z.string().nullable(),
  externalIds: StringMap,
  otherConfig: StringMap,
  /** Interface ids (`iface:<name>`). */
  interfaces: z.array(z.string()),
});
export type Port = z.infer<typeof Port>;

export const Interface = z.object({
  /** `iface:<name>` — interface names are unique per host in OVSDB. */
  id: z.string(),
  uuid: z.string(),
  name: z.string(),
  /** Owning port id and bridge name; null when no port references the interface. */
  port: z.string().nullable(),
  bridge: z.string().nullable(),
  /** See KNOWN_INTERFACE_TYPES (constants.ts); OVSDB "" is reported as `system`. */
  type: z.string(),
  /** peer (patch), remote_ip, local_ip, key, dst_port, … */
  options: StringMap,
  /** -1 when OVS could not add the interface; null before it was tried. */
  ofport: z.number().int().nullable(),
  ofportRequest: z.number().int().nullable(),
  /** OVS error text, e.g. for a patch port whose peer does not exist. */
  error: z.string().nullable(),
  macInUse: z.string().nullable(),
  /** Requested MAC (`mac` column). */
  mac: z.string().nullable(),
  mtu: z.number().int().nullable(),
  mtuRequest: z.number().int().nullable(),
  adminState: z.string().nullable(),
  linkState: z.string().nullable(),
  linkSpeed: z.number().nullable(),
  ifindex: z.number().int().nullable(),
  /** iface-id, vm-uuid, attached-mac, iface-status, … */
  externalIds: StringMap,
  /** driver_name, tunnel_egress_iface, … */
  status: StringMap,
  /** Counters: rx_packets, tx_bytes, … (removed by stripCounters). */
  statistics: z.record(z.string(), z.number()).optional(),
  linkResets: z.number().int().optional(),
});
export type Interface = z.infer<typeof Interface>;

export const OvsState = z.object({
  system: OvsSystem,
  bridges: z.array(Bridge),
  ports: z.array(Port),
  interfaces: z.array(Interface),
});
export type OvsState = z.infer<typeof OvsState>;

// ---------------------------------------------------------------- kernel (ip -json)

export const Address = z.object({
  /** `addr:<ns>/<ifname>/<local>/<prefixlen>` */
  id: z.string(),
  family: z.string(),
  local: z.string(),
  prefixlen: z.number().int(),
  scope: z.string().optional(),
  broadcast: z.string().optional(),
  /** Point-to-point peer address. */
  address: z.string().optional(),
  label: z.string().optional(),
  dynamic: z.boolean().optional(),
});
export type Address = z.infer<typeof Address>;

export const VxlanInfo = z.object({
  id: z.number().int().optional(),
  remote: z.string().optional(),
  local: z.string().optional(),
  group: z.string().optional(),
  dstport: z.number().int().optional(),
  dev: z.string().optional(),
});
export type VxlanInfo = z.infer<typeof VxlanInfo>;

export const Link = z.object({
  /** `link:<ns>/<ifname>` */
  id: z.string(),
  ifindex: z.number().int(),
  name: z.string(),
  /**
   * `linkinfo.info_kind`: veth, bridge, vlan, vxlan, tun, bond, dummy, openvswitch, macvlan, ipvlan,
   * gre, gretap, geneve, vrf, team, …; `device` for links without linkinfo (physical NICs, loopback).
   */
  kind: z.string(),
  /** `info_slave_kind`: bridge, bond, openvswitch, … when the link is enslaved. */
  slaveKind: z.string().optional(),
  /** ip's link type: ether, loopback, none, … */
  linkType: z.string().optional(),
  mac: z.string().optional(),
  mtu: z.number().int().optional(),
  operstate: z.string().optional(),
  flags: z.array(z.string()),
  /** Master device name (bridge, bond, ovs-system). */
  master: z.string().optional(),
  /** Peer/parent name as ip prints it (`link`), when it lives in the same namespace. */
  link: z.string().optional(),
  /** Peer/parent ifindex (`link_index`), valid in the namespace given by linkNetnsid. */
  linkIndex: z.number().int().optional(),
  /** nsid (as seen from this namespace) of the namespace holding the peer/parent. */
  linkNetnsid: z.number().int().optional(),
  vlanId: z.number().int().optional(),
  vlanProtocol: z.string().optional(),
  vxlan: VxlanInfo.optional(),
  bondMode: z.string().optional(),
  /** tun/tap type for `tun` links. */
  tunType: z.string().optional(),
  /** macvlan/ipvlan mode. */
  mode: z.string().optional(),
  addresses: z.array(Address),
});
export type Link = z.infer<typeof Link>;

export const Route = z.object({
  /** `route:<ns>/<table>/<family>/<dst>` plus `/<metric>` when set (and `#n` on duplicates). */
  id: z.string(),
  family: z.string(),
  /** Table name (`main`, `local`) or number as a string. */
  table: z.string(),
  /** unicast, local, broadcast, unreachable, blackhole, prohibit, multicast, anycast, … */
  type: z.string(),
  /** `default` or a CIDR / address. */
  dst: z.string(),
  gateway: z.string().optional(),
  dev: z.string().optional(),
  protocol: z.string().optional(),
  scope: z.string().optional(),
  metric: z.number().int().optional(),
  prefsrc: z.string().optional(),
  flags: z.array(z.string()),
  /** Multipath next hops. */
  nexthops: z.array(z.object({ gateway: z.string().optional(), dev: z.string().optional() })).optional(),
});
export type Route = z.infer<typeof Route>;

export const Rule = z.object({
  /** `rule:<ns>/<family>/<priority>/<table or action>` (and `#n` on duplicates). */
  id: z.string(),
  family: z.string(),
  priority: z.number().int(),
  /** Selector fields as printed by ip: src, srclen, dst, dstlen, iif, oif, fwmark, tos, not, … */
  selector: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** lookup (with table), goto, nop, unreachable, blackhole, prohibit. */
  action: z.string(),
  table: z.string().optional(),
});
export type Rule = z.infer<typeof Rule>;

export const NetnsPeer = z.object({
  /** nsid as seen from the namespace that lists it. */
  nsid: z.number().int(),
  /** Named namespace it maps to, "" for the root namespace, null when unknown. */
  name: z.string().nullable(),
});
export type NetnsPeer = z.infer<typeof NetnsPeer>;

export const Namespace = z.object({
  /** `ns:<name>`; the root namespace is `ns:` with name "". */
  id: z.string(),
  name: z.string(),
  isRoot: z.boolean(),
  /** nsid of this namespace as seen from the root namespace (`ip netns list` "(id: N)"). */
  netnsid: z.number().int().nullable(),
  /** nsids this namespace assigned to others, for resolving link_netnsid. */
  peers: z.array(NetnsPeer),
  links: z.array(Link),
  routes: z.array(Route),
  rules: z.array(Rule),
});
export type Namespace = z.infer<typeof Namespace>;

// ---------------------------------------------------------------- libvirt (virsh -r)

export const VmInterface = z.object({
  /** libvirt interface type: bridge, network, ethernet, direct, vhostuser, … */
  type: z.string(),
  /** Host device (`<target dev>`): vnet0, a tap, a macvtap; null when libvirt names none. */
  target: z.string().nullable(),
  /** The guest's MAC (`<mac address>`), lower case. */
  mac: z.string().nullable(),
  /** `<source>`: the bridge, network or device the interface is plugged into. */
  source: z.string().nullable(),
  /** NIC model: virtio, e1000, rtl8139, … */
  model: z.string().nullable(),
  /** Open vSwitch virtualport `interfaceid` (on OpenStack: the Neutron port id). */
  interfaceId: z.string().nullable(),
});
export type VmInterface = z.infer<typeof VmInterface>;

/** A libvirt domain as `virsh -r domstate` and `virsh -r dumpxml` describe it. */
export const Vm = z.object({
  /** `vm:<name>` (domain names are unique per host). */
  id: z.string(),
  name: z.string(),
  uuid: z.string(),
  /** `virsh domstate`: running, paused, shut off, crashed, pmsuspended, … */
  state: z.string(),
  interfaces: z.array(VmInterface),
});
export type Vm = z.infer<typeof Vm>;

// ---------------------------------------------------------------- host

/**
 * Where a model came from when it was not collected over SSH. A pasted model holds only what the
 * pasted outputs carry (docs/paste-import.md): `parts` lists them, so readers can tell "not pasted"
 * apart from "not there".
 */
export const ModelOrigin = z.object({
  kind: z.literal('paste'),
  /** The outputs read, named like PartError's `part` and `arg`: `ovs-ofctl dump-flows br-ex`. */
  parts: z.array(z.string()),
});
export type ModelOrigin = z.infer<typeof ModelOrigin>;

export const HostModel = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Inventory name of the host (not necessarily its hostname). */
  host: z.string(),
  /** ISO 8601 time the collection started. */
  collectedAt: z.string(),
  hostname: z.string().nullable(),
  /** null when OVS is not installed or its database could not be read (see errors). */
  ovs: OvsState.nullable(),
  /** Root namespace first, then named namespaces. */
  namespaces: z.array(Namespace),
  /**
   * libvirt domains: null when virsh is not installed or could not list them (then a `virsh`
   * error says why); absent when not read (streams before v3, scoped reads).
   */
  vms: z.array(Vm).nullable().optional(),
  /** Absent for a collected model; set when the model was built from pasted command output. */
  origin: ModelOrigin.optional(),
  errors: z.array(PartError),
});
export type HostModel = z.infer<typeof HostModel>;
