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
}
