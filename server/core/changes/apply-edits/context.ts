import type { Bridge, Flow, HostModel, Interface, Link, Namespace, OvsState, Port } from '../../model/schema';
import { vethPairs } from '../../relations/veth-pairs';
import type { Edit, EditError } from '../edits';
import { flowKey } from '../objects';

/** "a, b, c" with at most `max` names, then "… (N more)"; "none" when empty. */
export function listNames(names: readonly string[], max = 12): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, … (${names.length - max} more)` : shown;
}

export const nsLabel = (ns: string): string => (ns === '' ? 'the root namespace' : `namespace ${ns}`);

export const isUp = (link: Link): boolean => link.flags.includes('UP');

/** Links Open vSwitch makes for its datapaths: never an edit's to move, delete or reuse. */
export const DATAPATH_LINK_RE =
  /^(?:ovs-system|ovs-netdev|vxlan_sys_\d+|genev_sys_\d+|gre_sys|gre0|gretap0)$/;

/** Interface types whose kernel link OVS itself creates (and deletes). */
export const isInternalType = (type: string): boolean => type === 'internal';
/** Interface types backed by an existing kernel device of the same name. */
export const isDeviceType = (type: string): boolean =>
  type === 'system' || type === 'tap' || type === 'afxdp' || type === 'afxdp-nonpmd';

/**
 * Working state while edits are applied in order: the model being changed, the errors found,
 * and which veth ends pair up (by object, so a pair survives moves between namespaces).
 */
export class ApplyContext {
  readonly errors: EditError[] = [];
  private readonly peers = new Map<Link, Link>();
  index = 0;
  op: string = '';

  private readonly flowKeys = new WeakMap<Flow, string>();

  /** flowKey of a flow of `bridge`, computed once per flow object (a bridge may hold thousands). */
  flowKeyOf(bridge: string, flow: Flow): string {
    let key = this.flowKeys.get(flow);
    if (key === undefined) {
      key = flowKey(bridge, flow.table, flow.priority, flow.match);
      this.flowKeys.set(flow, key);
    }
    return key;
  }

  constructor(readonly model: HostModel) {
    const byId = new Map<string, Link>();
    for (const ns of model.namespaces) for (const l of ns.links) byId.set(l.id, l);
    for (const pair of vethPairs(model)) {
      const a = byId.get(pair.a);
      const b = pair.b === null ? undefined : byId.get(pair.b);
      if (a && b) this.pairVeth(a, b);
    }
  }

  /** Starts checking edit `index`: errors from here on name it. */
  begin(index: number, edit: Edit): void {
    this.index = index;
    this.op = edit.op;
  }

  fail(field: string | null, message: string): void {
    this.errors.push({ index: this.index, op: this.op, field, message });
  }

  // ------------------------------------------------------------ namespaces and links

  /** Stands in for a root namespace the model lacks (ip unreadable): OVS side effects land here, unseen. */
  private scratchRoot: Namespace | undefined;

  root(): Namespace {
    const root = this.model.namespaces.find((n) => n.isRoot);
    if (root) return root;
    this.scratchRoot ??= {
      id: 'ns:',
      name: '',
      isRoot: true,
      netnsid: null,
      peers: [],
      links: [],
      routes: [],
      rules: [],
    };
    return this.scratchRoot;
  }

  findNamespace(name: string | null | undefined): Namespace | undefined {
    if (name === undefined || name === null || name === '')
      return this.model.namespaces.find((n) => n.isRoot);
    return this.model.namespaces.find((n) => !n.isRoot && n.name === name);
  }

  namespaceNames(): string[] {
    return this.model.namespaces.filter((n) => !n.isRoot).map((n) => n.name);
  }

  /** The namespace named by `field`, or an error saying which exist. */
  requireNamespace(field: string, name: string | null | undefined): Namespace | undefined {
    const ns = this.findNamespace(name);
    if (!ns && (name === undefined || name === null || name === ''))
      this.fail(
        field,
        'the root namespace of this host was not read (see the model errors); kernel edits cannot be checked',
      );
    else if (!ns)
      this.fail(
        field,
        `namespace ${name} does not exist (namespaces: ${listNames(this.namespaceNames())}); add it with add-namespace first, or omit ${field} for the root namespace`,
      );
    return ns;
  }

  findLink(ns: Namespace, name: string): Link | undefined {
    return ns.links.find((l) => l.name === name);
  }

  requireLink(field: string, ns: Namespace, name: string): Link | undefined {
    const link = this.findLink(ns, name);
    if (!link) {
      const elsewhere = this.model.namespaces
        .filter((n) => n !== ns && this.findLink(n, name))
        .map((n) => n.name);
      const unread = this.model.errors.some((e) => e.part === 'links' && (e.arg ?? '') === ns.name);
      const hint =
        elsewhere.length > 0
          ? `; it is in ${elsewhere.map(nsLabel).join(', ')} (set namespace)`
          : unread
            ? `: the links of ${nsLabel(ns.name)} were not read (see the model errors); read the host again`
            : ` (links there: ${listNames(ns.links.map((l) => l.name))})`;
      this.fail(field, `link ${name} does not exist in ${nsLabel(ns.name)}${hint}`);
    }
    return link;
  }

  /** The namespace holding `link`. */
  namespaceOf(link: Link): Namespace | undefined {
    return this.model.namespaces.find((n) => n.links.includes(link));
  }

  peerOf(link: Link): Link | undefined {
    return this.peers.get(link);
  }

  pairVeth(a: Link, b: Link): void {
    this.peers.set(a, b);
    this.peers.set(b, a);
  }

  /** Removes a link with its addresses and every route through it, as the kernel does. */
  dropLink(ns: Namespace, link: Link): void {
    ns.links = ns.links.filter((l) => l !== link);
    ns.routes = ns.routes.filter((r) => r.dev !== link.name);
    const peer = this.peers.get(link);
    this.peers.delete(link);
    if (peer) {
      this.peers.delete(peer);
      // The surviving end (when not deleted with it) no longer names a peer.
      delete peer.link;
    }
  }

  /** Deletes a link and, for a veth, its peer wherever it lives (deleting one end deletes both). */
  deleteLinkAndPeer(ns: Namespace, link: Link): void {
    const peer = this.peers.get(link);
    this.dropLink(ns, link);
    if (peer) {
      const peerNs = this.namespaceOf(peer);
      if (peerNs) this.dropLink(peerNs, peer);
    }
  }

  // ------------------------------------------------------------ Open vSwitch

  ovs(field: string | null): OvsState | undefined {
    if (this.model.ovs) return this.model.ovs;
    this.fail(
      field,
      'Open vSwitch was not read on this host (not installed, or its database was unreadable: see the model errors); OVS edits cannot be checked',
    );
    return undefined;
  }

  findBridge(name: string): Bridge | undefined {
    return this.model.ovs?.bridges.find((b) => b.name === name);
  }

  requireBridge(field: string, name: string): Bridge | undefined {
    const ovs = this.ovs(field);
    if (!ovs) return undefined;
    const bridge = this.findBridge(name);
    if (!bridge)
      this.fail(
        field,
        `bridge ${name} does not exist (bridges: ${listNames(ovs.bridges.map((b) => b.name))}); add it with add-bridge first`,
      );
    return bridge;
  }

  findPort(name: string): Port | undefined {
    return this.model.ovs?.ports.find((p) => p.name === name);
  }

  findInterface(name: string): Interface | undefined {
    return this.model.ovs?.interfaces.find((i) => i.name === name);
  }

  /**
   * Checks that `name` is free for a new bridge, port or interface: OVSDB keeps bridge, port and
   * interface names unique per host, and an internal port makes a root kernel link of that name.
   */
  requireFreeOvsName(field: string, name: string, opts: { kernel: boolean }): boolean {
    const ovs = this.model.ovs;
    const before = this.errors.length;
    if (ovs) {
      const bridge = ovs.bridges.find((b) => b.name === name);
      const port = ovs.ports.find((p) => p.name === name);
      const iface = ovs.interfaces.find((i) => i.name === name);
      if (bridge) this.fail(field, `name ${name} is already a bridge; choose another name`);
      else if (port)
        this.fail(
          field,
          `name ${name} is already a port on bridge ${port.bridge ?? '?'}; choose another name`,
        );
      else if (iface)
        this.fail(
          field,
          `name ${name} is already an interface (on bridge ${iface.bridge ?? '?'}); interface names are unique per host`,
        );
    }
    if (opts.kernel && this.errors.length === before) {
      const link = this.findLink(this.root(), name);
      if (link)
        this.fail(
          field,
          `name ${name} is already a link in the root namespace (kind ${link.kind}); an internal port makes a kernel link of its own name there: choose another name, or add the existing link as a port of type system`,
        );
    }
    return this.errors.length === before;
  }

  bridgeDatapath(bridge: Bridge): string {
    return bridge.datapathType || 'system';
  }

  /**
   * The kernel link backing an OVS interface: a root link of that name, or (an internal port moved
   * into a namespace, as Neutron does) the one same-named OVS-made link in a named namespace.
   */
  backingLink(iface: Interface): { ns: Namespace; link: Link } | undefined {
    const root = this.root();
    const inRoot = this.findLink(root, iface.name);
    if (inRoot) return { ns: root, link: inRoot };
    if (!isInternalType(iface.type)) return undefined;
    const found = this.model.namespaces
      .filter((n) => !n.isRoot)
      .flatMap((n) =>
        n.links
          .filter((l) => l.name === iface.name && isOvsMadeKind(l.kind))
          .map((link) => ({ ns: n, link })),
      );
    return found.length === 1 ? found[0] : undefined;
  }

  /** The OVS interface a kernel link backs, when it is one. */
  interfaceBackedBy(ns: Namespace, link: Link): Interface | undefined {
    const iface = this.findInterface(link.name);
    if (!iface) return undefined;
    if (ns.isRoot) return isDeviceType(iface.type) || isInternalType(iface.type) ? iface : undefined;
    return isInternalType(iface.type) && isOvsMadeKind(link.kind) ? iface : undefined;
  }
}

/** Kinds of the kernel links OVS makes for internal ports: `openvswitch` (kernel datapath), `tun` (userspace). */
export const isOvsMadeKind = (kind: string): boolean => kind === 'openvswitch' || kind === 'tun';
