import type { ElementDefinition } from 'cytoscape';

export type NodeKind = 'host' | 'bridge' | 'port' | 'iface' | 'namespace' | 'link' | 'ghost';
export type EdgeKind = 'patch' | 'veth' | 'backs' | 'tunnel' | 'master' | 'dangling';

/** Data of every node. Only plain values: Cytoscape styles read them with data()/mapData(). */
export interface GraphNodeData {
  id: string;
  kind: NodeKind;
  host: string;
  /** Model id of the main object drawn (`br:br-int`); "" for host containers and ghosts. */
  modelId: string;
  /** Every model id this node stands for (a port also stands for its interface, …). */
  represents: string[];
  label: string;
  /** Lines of the label when more than two: the stylesheet makes the node tall enough. */
  lines?: number;
  parent?: string;
  /** Access tag (ports, and links attached to a tagged port). */
  tag?: number;
  /**
   * Ports: what flows do to the VLAN of traffic entering here ("VLAN 1 → untagged", "VLAN 2 →
   * dropped"), one per line.
   */
  rewrite?: string;
  /** VLANs the element is configured for (tag, trunks); empty with `allVlans` for trunks of every VLAN. */
  vlans: number[];
  allVlans: boolean;
  /**
   * VLANs whose traffic passes here once flows have stripped, rewritten or dropped it (the VLAN
   * filter lights these); absent when none does.
   */
  carries?: number[];
  color: string;
  /** Text of a fault the user should see (OVS interface error, dangling patch peer). */
  error?: string;
  /**
   * Hosts and namespaces: what of them could not be read and why ("routes could not be read:
   * Permission denied"); the picture inside is short of it.
   */
  unread?: string;
  /** `down` when the kernel or OVS reports the link down. */
  state?: string;
  /** Interface type (ports, ifaces) or link kind (links). */
  type?: string;
  /** Collapsed container: children hidden, label shows counts. */
  collapsed?: boolean;
  /** Number of elements inside (containers), for the collapsed label. */
  childCount?: number;
  /** Flattened big graphs only (flatten.ts): a container drawn as a plain box of this size. */
  boxW?: number;
  boxH?: number;
  /** Flattened big graphs only: nesting depth of a box (host 0), its drawing order. */
  depth?: number;
  /** The editor's overlay (overlay.ts): what pending edits add, remove or change here. */
  pending?: 'added' | 'removed' | 'changed';
}

export interface GraphEdgeData {
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  label?: string;
  error?: string;
  /** Edges standing for several model relations after a collapse. */
  count?: number;
  pending?: 'added' | 'removed' | 'changed';
}

export type GraphNode = ElementDefinition & { group: 'nodes'; data: GraphNodeData };
export type GraphEdge = ElementDefinition & { group: 'edges'; data: GraphEdgeData };
export type GraphElement = GraphNode | GraphEdge;

export const isNode = (el: GraphElement): el is GraphNode => el.group === 'nodes';
export const isEdge = (el: GraphElement): el is GraphEdge => el.group === 'edges';
