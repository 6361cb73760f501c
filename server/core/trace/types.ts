/**
 * The path of one traced packet (docs/trace.md): what `buildTracePath` makes of an `ofproto/trace`
 * output, with names instead of port numbers and model/graph ids for the UI to highlight.
 */

/** An 802.1Q VID, `untagged`, or `unknown` (set from a register, or no port data to decide). */
export type Vlan = number | 'untagged' | 'unknown';

/** One table lookup: the rule that matched (or the miss) and what it did. */
export interface TraceHop {
  /** Position in `hops`, in the order OVS looked the tables up. */
  index: number;
  /** 0 for the packet, 1… for each recirculation (conntrack and the like). */
  pass: number;
  bridge: string;
  /** null for the action set run at the end of the pipeline (`--.` in the trace). */
  table: number | null;
  /** null when no rule matched (table miss) or for the action set. */
  priority: number | null;
  /** The rule's match with port numbers turned into names; "" when it matches everything. */
  match: string;
  cookie: string | null;
  /** `rule`; `miss` (no rule matched: `No match.`); `action-set`. */
  kind: 'rule' | 'miss' | 'action-set';
  /** The rule's actions as OVS executed them, in order. */
  actions: string[];
  /** The actions among them that rewrite the packet (VLAN, MACs, addresses, ports, tunnel id, …). */
  changes: string[];
  /** What OVS said along the way: `no learned MAC for destination, flooding`, warnings, errors. */
  notes: string[];
  /** The port the packet entered this bridge on (null when unknown). */
  inPort: string | null;
  /** The VLAN header as the rule saw it. */
  vlan: Vlan;
  /** The VLAN header after this hop's own actions. */
  vlanAfter: Vlan;
  /**
   * For a hop that ran NORMAL: the VLAN NORMAL switched the packet in (an access port's tag);
   * `untagged` for no VLAN; null when the hop ran no NORMAL or the input port refused the packet.
   */
  normalVlan: Vlan | null;
  /** The hop ended the packet here: an explicit drop, an empty action list, a miss, or NORMAL refusing it. */
  dropped: boolean;
  /** Model id of the matched flow (`flow:<bridge>/<table>/<priority>/<hash>`); null for misses. */
  flowId: string | null;
  /** Graph element id of the bridge. */
  bridgeElement: string;
}

/** A port the packet entered or left by. */
export interface TracePort {
  bridge: string;
  /** The OVS port name (a bond's name, not its member's). */
  port: string;
  /** The interface, when it differs from the port (a bond member). */
  iface?: string;
  vlan: Vlan;
  /** Model id `port:<bridge>/<port>` and its graph element id. */
  portId: string;
  element: string;
}

/** The packet went from one bridge to another inside OVS. */
export interface TraceCrossing {
  /** `patch`: a patch port pair; `tunnel`: encapsulated and sent by way of the underlay bridge. */
  kind: 'patch' | 'tunnel';
  /** Index of the hop it happened in. */
  afterHop: number;
  from: { bridge: string; port: string | null };
  to: { bridge: string; port: string | null };
  /** On a patch pair: the VLAN header on the pair. A tunnel's outer packet starts untagged. */
  vlan: Vlan;
  /** Graph element id of the patch edge (null for tunnels or an unknown pair). */
  edge: string | null;
}

export interface TraceOutput extends TracePort {
  /** Datapath port number the datapath actions name. */
  dpPort: number | null;
  /** The tunnel the packet was encapsulated by before leaving here. */
  tunnel: { port: string; bridge: string; remoteIp: string | null } | null;
  pass: number;
}

export type TraceFate =
  | { kind: 'output'; ports: TraceOutput[] /** Also sent to a controller. */; controller: boolean }
  | { kind: 'drop' /** The hop that dropped it, when one did. */; hop: number | null; reason: string }
  | { kind: 'controller'; hop: number | null; reason: string }
  | { kind: 'unknown'; reason: string };

/** One datapath translation, as OVS printed it. */
export interface TracePass {
  /** The recirculation it resumes (`recirc(0x1) - resume conntrack …`); null for the first. */
  resume: string | null;
  flow: string;
  /** null when unchanged. */
  finalFlow: string | null;
  megaflow: string;
  datapathActions: string;
  /** `Translation failed (…)`, slow-path reasons. */
  trailer: string[];
}

export interface TracePath {
  /** Inventory name of the host (graph element ids start with it). */
  host: string;
  bridge: string;
  /** The flow text that was traced. */
  flow: string;
  entry: TracePort | null;
  hops: TraceHop[];
  crossings: TraceCrossing[];
  /** Bridges in the order the packet reached them. */
  bridges: string[];
  fate: TraceFate;
  passes: TracePass[];
  /** Graph element ids to highlight (bridges, ports, patch edges), in path order, no repeats. */
  elements: string[];
  /** What could not be worked out (missing port data, an unexpected line). */
  warnings: string[];
}
