/** Derived relations: pure functions of a HostModel, each end named by model id. */

export interface PatchPair {
  /** `patch:<iface a>|<iface b>` (ends sorted), or `patch:<iface>|` when dangling. */
  id: string;
  a: string;
  /** Peer interface id; null when the peer does not exist. */
  b: string | null;
  /** `ok`: both ends name each other and OVS reports no error. */
  status: 'ok' | 'dangling';
  /** Why a pair is dangling: OVS error text, missing peer, or a peer pointing elsewhere. */
  reason?: string;
}

export interface VethPair {
  /** `veth:<link a>|<link b>` (ends sorted), or `veth:<link>|` when the peer was not found. */
  id: string;
  a: string;
  b: string | null;
  /** True when the two ends live in different namespaces. */
  crossNamespace: boolean;
}

export interface PortBacking {
  /** `backing:<iface>` */
  id: string;
  iface: string;
  /** Kernel link id backing the interface, wherever it lives; null when none was found. */
  link: string | null;
  /** Namespace name of the link ("" = root). */
  ns: string | null;
  /** How the link was found; `ambiguous` means several same-named links and no MAC to decide. */
  matchedBy: 'name+mac' | 'name' | 'ambiguous' | 'none';
}

export interface TunnelEndpoint {
  /** `tunnel:<iface>` */
  id: string;
  iface: string;
  type: string;
  remoteIp: string | null;
  localIp: string | null;
  /** Known host owning remote_ip; null when unknown or remote_ip is `flow`. */
  remoteHost: string | null;
}

export interface VlanMember {
  port: string;
  /** access: untagged on this VLAN; trunk: tagged; native: untagged native VLAN of a trunk. */
  mode: 'access' | 'trunk' | 'native';
}

export interface BridgeVlans {
  /** `vlans:<bridge>` */
  id: string;
  bridge: string;
  vlans: { vlan: number; members: VlanMember[] }[];
  /** Ports that carry every VLAN (no tag and no trunks: patch ports, uplinks, the bridge port). */
  trunkAll: string[];
}

/** A flow's VLAN requirement: a VID, `untagged`, `tagged` (any VID), or `any` (not matched). */
export type VlanMatch = number | 'untagged' | 'tagged' | 'any';

/** What one action does to a packet's VLAN header, or where it sends the packet, in order. */
export type VlanStep =
  | { kind: 'strip' }
  | { kind: 'push' }
  /** vlan null: the VID comes from a register or another field. */
  | { kind: 'set'; vlan: number | null }
  /** port: a port name (or number), or NORMAL, FLOOD, ALL, IN_PORT, LOCAL, CONTROLLER. */
  | { kind: 'output'; port: string }
  | { kind: 'resubmit'; table?: number };

export interface VlanRewrite {
  /** `vlanrw:<flow id>`; `#2`, `#3`… for the copies a flow makes with clone(). */
  id: string;
  bridge: string;
  flow: string;
  table: number;
  priority: number;
  /** Port the traffic enters on (the flow's in_port); null when the flow matches any port. */
  inPort: string | null;
  match: VlanMatch;
  steps: VlanStep[];
  /** The VLAN after the flow: a VID, `untagged`, or `unknown` (from a field, or unmatched input). */
  result: number | 'untagged' | 'unknown';
}

/** What an OVS interface or kernel link belongs to: a VM (libvirt) and its Neutron port. */
export interface VmIdentity {
  /** `owner:<iface or link id>` */
  id: string;
  /** The OVS interface or kernel link id. */
  of: string;
  /** The VM; name and state only when libvirt listed the domain. */
  vm?: { name: string | null; uuid: string; state: string | null };
  /** Neutron port id: external_ids iface-id, else the domain's virtualport interfaceid. */
  ifaceId?: string;
  /** The guest's MAC: external_ids attached-mac, else the domain interface's MAC. */
  attachedMac?: string;
  /** external_ids iface-status (active, inactive). */
  ifaceStatus?: string;
  /** libvirt: a domain names the VM; external_ids: only OVS's external_ids say anything. */
  source: 'libvirt' | 'external_ids';
  /** How the domain was found: its interface's target dev, its MAC, or the vm-uuid/vm-id. */
  matchedBy?: 'target' | 'mac' | 'vm-uuid';
}

export interface KnownHost {
  name: string;
  /** Addresses with or without prefix length. */
  addresses: string[];
}

export interface Relations {
  patchPairs: PatchPair[];
  vethPairs: VethPair[];
  portBackings: PortBacking[];
  tunnels: TunnelEndpoint[];
  vlans: BridgeVlans[];
  vlanRewrites: VlanRewrite[];
  vmIdentities: VmIdentity[];
}

/** Where one VLAN's traffic goes once flows have acted on it (vlan-reach.ts). */
export interface VlanReach {
  vlan: number;
  /** Port, interface and kernel link ids its traffic passes, sorted. */
  carriers: string[];
  /** Ports where its traffic arrives and the flows drop all of it, sorted. */
  dropped: string[];
}
