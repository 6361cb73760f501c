import type { Bridge, Flow, FlowAction, HostModel, Interface, Port } from '../model/schema';
import { REWRITING_ACTIONS } from '../parsers/ofctl-action-names';
import type { Vlan } from '../trace/types';
import { applyAction, normalVlanIn, normalVlanOut } from '../trace/vlan';
import { patchPairs } from './patch-pairs';
import { portBackings } from './port-backings';
import type { VlanReach } from './types';
import { vethPairs } from './veth-pairs';
import { stepOf } from './vlan-rewrites';
import { vlanMembership } from './vlans';

/**
 * Where each VLAN's traffic goes once the flow tables have had their say. Tags and trunks say which
 * ports a VLAN starts on; from there the traffic is followed the way OVS would forward it: into a
 * bridge's table 0 (`in_port`, VLAN header), through the actions (strip, push, set, output,
 * NORMAL, resubmit/goto chains), out of ports, across patch pairs, and through kernel links and
 * veth pairs into namespaces (and into the OVS port at a veth's far end, if there is one).
 *
 * Wherever the flows cannot be followed (a match on a field other than port and VLAN, an action
 * that hands the packet to something else: controller, group, learn, conntrack recirculation), the
 * answer leans towards "may carry": the packet is taken to go on as NORMAL would send it, which is
 * the tag-only view. Only a drop every possible path agrees on is reported as one.
 */

/** resubmit/goto_table nesting followed; OVS itself stops at 64, real pipelines need far fewer. */
const MAX_DEPTH = 16;
/** Flows run per packet entering a bridge before the rest is taken as "may carry" (big pipelines). */
const FLOW_BUDGET = 500;
/**
 * Flows of one lookup that may or may not apply (they match registers, protocols, conntrack…)
 * before the lookup is taken as "may carry": a firewall table of thousands of such flows says
 * nothing about VLANs the tag-only view would not.
 */
const MAX_UNSURE = 32;
const PRESENT = 0x1000;
const VID_BITS = 0x1fff;

/** Where an action sends the packet: a reserved port (NORMAL, FLOOD, …) or a port name/number. */
interface Out {
  to: string;
  header: Vlan;
  /** in_port when the action ran: NORMAL and FLOOD leave out that port, IN_PORT means it. */
  from: Interface;
}

/** One way the packet can go through the pipeline: its header at the end and where it was sent. */
interface Branch {
  header: Vlan;
  outs: Out[];
}

type Fit = 'yes' | 'no' | 'maybe';

/** Rewriting actions that may touch the VLAN header: followed (VLAN ones) or not trusted (fields, encap). */
const VLAN_TOUCHING = new Set([
  'strip_vlan',
  'pop_vlan',
  'push_vlan',
  'mod_vlan_vid',
  'set_vlan_vid',
  'set_field',
  'load',
  'move',
  'encap',
  'decap',
]);

/**
 * Actions that neither send the packet anywhere nor touch its VLAN header: the other rewriting
 * actions (ofctl-action-names.ts), and those that only drop, note, meter or keep state.
 */
const HARMLESS = new Set([
  ...[...REWRITING_ACTIONS].filter((a) => !VLAN_TOUCHING.has(a)),
  'drop',
  'set_nw_ttl',
  'dec_nsh_ttl',
  'set_queue',
  'pop_queue',
  'fin_timeout',
  'note',
  'sample',
  'meter',
  'write_metadata',
  'push',
  'pop',
  'delete_field',
  'debug_recirc',
  'debug_slow',
  'unroll_xlate',
  'nat',
]);

const headerKey = (h: Vlan): string => String(h);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const num = (s: string | undefined): number | null => {
  const n = Number((s ?? '').trim());
  return Number.isInteger(n) && n >= 0 ? n : null;
};

/** dl_vlan=N (0xffff: no tag) against the packet's header. */
function dlVlanFit(value: string, header: Vlan): Fit {
  const vid = num(value);
  if (vid === null || header === 'unknown') return 'maybe';
  if (vid === 0xffff) return header === 'untagged' ? 'yes' : 'no';
  return header === vid ? 'yes' : 'no';
}

/**
 * vlan_tci / vlan_vid `value[/mask]`, bit by bit. An untagged packet's TCI is 0; a tagged one's is
 * present bit + VID with an unknown priority, so a mask over the priority bits can only say maybe.
 */
function tciFit(field: string, text: string, header: Vlan): Fit {
  const [v, m] = text.split('/');
  const value = num(v);
  const mask = m === undefined ? 0xffff : num(m);
  if (value === null || mask === null || header === 'unknown') return 'maybe';
  const packet = header === 'untagged' ? 0 : PRESENT | header;
  const known = field === 'vlan_vid' || header === 'untagged' ? 0xffff : VID_BITS;
  const used = field === 'vlan_vid' ? mask & VID_BITS : mask;
  if (((value ^ packet) & used & known) !== 0) return 'no';
  return (used & ~known & 0xffff) === 0 ? 'yes' : 'maybe';
}

/** Two lists in priority order as one, without copying when one is empty (the common case). */
function byPriority(a: Flow[], b: Flow[]): Flow[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: Flow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.priority >= y.priority)) {
      if (x) out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** One bridge: its interfaces by every name a flow may use, its tables, and NORMAL's port choice. */
class BridgeView {
  private readonly byRef = new Map<string, Interface>();
  /** Per table: flows by the in_port they match, and flows any port may hit; priority order. */
  private readonly tables = new Map<number, { byPort: Map<string, Flow[]>; anyPort: Flow[] }>();
  private readonly candidates = new Map<string, Flow[]>();
  private readonly carriers = new Map<string, Port[]>();
  readonly local: Interface | undefined;

  constructor(
    readonly bridge: Bridge,
    readonly ports: Port[],
    readonly ifaces: Interface[],
  ) {
    for (const i of ifaces) {
      this.byRef.set(i.name, i);
      if (i.ofport !== null && i.ofport >= 0) this.byRef.set(String(i.ofport), i);
    }
    // OFPP_LOCAL is 65534; OVS names the bridge's own internal port after the bridge.
    this.local = ifaces.find((i) => i.ofport === 65534) ?? ifaces.find((i) => i.name === bridge.name);
    const sorted = [...(bridge.flows ?? [])].sort((a, b) => b.priority - a.priority);
    for (const f of sorted) {
      let t = this.tables.get(f.table);
      if (!t) {
        t = { byPort: new Map(), anyPort: [] };
        this.tables.set(f.table, t);
      }
      const inPort = f.match.find((m) => m.field === 'in_port')?.value;
      // A port number no interface has may still be one whose number OVSDB did not give.
      if (inPort === undefined || (/^\d+$/.test(inPort) && !this.byRef.has(inPort))) t.anyPort.push(f);
      else push(t.byPort, inPort, f);
    }
  }

  /** Flows were read: without them the bridge is taken to switch as NORMAL. */
  get hasFlows(): boolean {
    return this.bridge.flows !== null;
  }

  resolve(ref: string): Interface | undefined {
    return ref === 'LOCAL' ? this.local : this.byRef.get(ref);
  }

  inPortFit(value: string, iface: Interface): Fit {
    if (value === iface.name || (iface.ofport !== null && value === String(iface.ofport))) return 'yes';
    if (value === 'LOCAL' && iface === this.local) return 'yes';
    // A number OVSDB gave no interface is unknown, not some other port.
    return /^\d+$/.test(value) && iface.ofport === null && !this.byRef.has(value) ? 'maybe' : 'no';
  }

  /** The table's flows that may see a packet from `iface`, highest priority first. */
  flowsFor(table: number, iface: Interface): Flow[] {
    const key = `${table}\u0000${iface.id}`;
    let list = this.candidates.get(key);
    if (!list) {
      const t = this.tables.get(table);
      const refs = [iface.name, ...(iface.ofport === null ? [] : [String(iface.ofport)])];
      if (iface === this.local) refs.push('LOCAL');
      list = refs.reduce((acc, r) => byPriority(acc, t?.byPort.get(r) ?? []), t?.anyPort ?? []);
      this.candidates.set(key, list);
    }
    return list;
  }

  fit(flow: Flow, iface: Interface, header: Vlan): Fit {
    let fit: Fit = 'yes';
    for (const { field, value } of flow.match) {
      const f =
        field === 'in_port'
          ? this.inPortFit(value, iface)
          : field === 'dl_vlan'
            ? dlVlanFit(value, header)
            : field === 'vlan_tci' || field === 'vlan_vid'
              ? tciFit(field, value, header)
              : 'maybe';
      if (f === 'no') return 'no';
      if (f === 'maybe') fit = 'maybe';
    }
    return fit;
  }

  /** Ports NORMAL floods a packet of VLAN `vlan` to (OVS's xbundle_includes_vlan). */
  normalPorts(vlan: Vlan): Port[] {
    const key = headerKey(vlan);
    let list = this.carriers.get(key);
    if (!list) {
      list = this.ports.filter((p) => {
        if (vlan === 'unknown') return true;
        const vid = vlan === 'untagged' ? 0 : vlan;
        const mode = p.vlanMode ?? (p.tag === null ? 'trunk' : 'access');
        if (mode === 'access' || mode === 'dot1q-tunnel') return vid === (p.tag ?? 0);
        return vid === p.tag || p.trunks.length === 0 || p.trunks.includes(vid);
      });
      this.carriers.set(key, list);
    }
    return list;
  }
}

/** Keeps one branch per header: where packets of the same header went is what matters here. */
function merge(branches: Branch[]): Branch[] {
  const byHeader = new Map<string, { branch: Branch; outs: Set<string> }>();
  for (const b of branches) {
    let cur = byHeader.get(headerKey(b.header));
    if (!cur) {
      cur = { branch: { header: b.header, outs: [] }, outs: new Set() };
      byHeader.set(headerKey(b.header), cur);
    }
    for (const o of b.outs) {
      const key = `${o.to}\u0000${headerKey(o.header)}\u0000${o.from.id}`;
      if (cur.outs.has(key)) continue;
      cur.outs.add(key);
      cur.branch.outs.push(o);
    }
  }
  return [...byHeader.values()].map((x) => x.branch);
}

const extend = (b: Branch, sub: Branch[]): Branch[] =>
  sub.map((s) => ({ header: s.header, outs: [...b.outs, ...s.outs] }));

/** The flow tables of every bridge, with lookups remembered across VLANs (they do not depend on it). */
class Pipeline {
  private readonly memo = new Map<string, Branch[]>();
  private readonly running = new Set<string>();
  private budget = 0;

  constructor(private readonly views: ReadonlyMap<string, BridgeView>) {}

  /** What the bridge does with a packet entering by `iface` with `header`. */
  enter(iface: Interface, header: Vlan): Branch[] {
    const view = iface.bridge === null ? undefined : this.views.get(iface.bridge);
    if (!view) return [];
    this.budget = FLOW_BUDGET;
    return this.lookup(view, 0, iface, header, 0, false);
  }

  /** "May carry": the packet goes on as NORMAL would send it. */
  private asNormal(b: Branch, from: Interface): Branch[] {
    return [{ header: b.header, outs: [...b.outs, { to: 'NORMAL', header: b.header, from }] }];
  }

  private lookup(
    view: BridgeView,
    table: number,
    iface: Interface,
    header: Vlan,
    depth: number,
    resubmitted: boolean,
  ): Branch[] {
    const start: Branch = { header, outs: [] };
    if (!view.hasFlows) return this.asNormal(start, iface);
    const key = `${view.bridge.name}\u0000${table}\u0000${iface.id}\u0000${headerKey(header)}\u0000${resubmitted}`;
    const known = this.memo.get(key);
    if (known) return known;
    // Too deep, too costly, or a loop (a table resubmitting to itself): may carry.
    if (depth > MAX_DEPTH || this.budget <= 0 || this.running.has(key)) return this.asNormal(start, iface);
    this.running.add(key);
    const branches: Branch[] = [];
    let end: 'matched' | 'miss' | 'gave up' = 'miss';
    let unsure = 0;
    for (const flow of view.flowsFor(table, iface)) {
      const fit = view.fit(flow, iface, header);
      if (fit === 'no') continue;
      if ((fit === 'maybe' && ++unsure > MAX_UNSURE) || this.budget <= 0) {
        end = 'gave up';
        break;
      }
      this.budget--;
      branches.push(...this.run(view, flow.actions, start, iface, table, depth));
      // A flow that may not apply leaves the packet to the flows below it as well.
      if (fit === 'yes') {
        end = 'matched';
        break;
      }
    }
    // A resubmit that finds nothing does nothing; any other miss depends on the OpenFlow version
    // and the controller (drop, or packet-in), which the model cannot tell: may carry.
    if (end === 'gave up' || (end === 'miss' && !resubmitted)) branches.push(...this.asNormal(start, iface));
    else if (end === 'miss') branches.push(start);
    const out = merge(branches);
    this.running.delete(key);
    this.memo.set(key, out);
    return out;
  }

  /** An action list; write_actions() fills the action set, which runs when the list is done. */
  private run(
    view: BridgeView,
    actions: FlowAction[],
    start: Branch,
    iface: Interface,
    table: number,
    depth: number,
  ): Branch[] {
    let branches = [start];
    let actionSet: FlowAction[] = [];
    for (const a of actions) {
      if (a.type === 'exit') break;
      if (a.type === 'write_actions') actionSet = [...actionSet, ...(a.nested ?? [])];
      else if (a.type === 'clear_actions') actionSet = [];
      else branches = merge(branches.flatMap((b) => this.action(view, a, b, iface, table, depth)));
      // goto_table is the last instruction: the rest of the pipeline happened in that table.
      if (a.type === 'goto_table') break;
    }
    if (actionSet.length === 0) return branches;
    return merge(branches.flatMap((b) => this.run(view, actionSet, b, iface, table, depth)));
  }

  private action(
    view: BridgeView,
    a: FlowAction,
    b: Branch,
    iface: Interface,
    table: number,
    depth: number,
  ): Branch[] {
    switch (a.type) {
      case 'resubmit': {
        // A table name that did not resolve, or a port not on the bridge, cannot be followed.
        const to = a.port === undefined ? iface : view.resolve(a.port);
        if ((a.table === undefined && a.tableName !== undefined) || !to) return this.asNormal(b, iface);
        return extend(b, this.lookup(view, a.table ?? table, to, b.header, depth + 1, true));
      }
      case 'goto_table':
        if (a.table === undefined) return this.asNormal(b, iface);
        return extend(b, this.lookup(view, a.table, iface, b.header, depth + 1, false));
      case 'clone': {
        // The copy's fate is added to this packet's; the packet itself goes on unchanged.
        const copies = this.run(view, a.nested ?? [], { header: b.header, outs: [] }, iface, table, depth);
        return [{ header: b.header, outs: [...b.outs, ...copies.flatMap((c) => c.outs)] }];
      }
      case 'bundle':
      case 'bundle_load':
        return [
          {
            header: b.header,
            outs: [
              ...b.outs,
              ...(a.nested ?? []).map((o) => ({ to: o.port ?? '', header: b.header, from: iface })),
            ],
          },
        ];
      case 'ct':
        // ct(table=N) recirculates after conntrack, whose state the model does not have.
        return a.table !== undefined || a.tableName !== undefined ? this.asNormal(b, iface) : [b];
    }
    const step = stepOf(a);
    if (!step)
      return HARMLESS.has(a.type) || a.type === 'set_field' || a.type === 'load' || a.type === 'move'
        ? [b]
        : this.asNormal(b, iface);
    if (step.kind !== 'output') return [{ header: applyAction(b.header, a), outs: b.outs }];
    // An output to a field, or to the controller, goes where the model cannot follow.
    if (step.port === 'CONTROLLER' || (a.type === 'output' && a.port === undefined))
      return this.asNormal(b, iface);
    return [{ header: b.header, outs: [...b.outs, { to: step.port, header: b.header, from: iface }] }];
  }
}

/** The host's wiring between OVS interfaces and kernel links, indexed once for every VLAN. */
class Wiring {
  readonly ifaces = new Map<string, Interface>();
  readonly ports = new Map<string, Port>();
  readonly views = new Map<string, BridgeView>();
  private readonly patchPeer = new Map<string, Interface>();
  private readonly backing = new Map<string, string>();
  private readonly backs = new Map<string, Interface[]>();
  private readonly veth = new Map<string, string[]>();
  private readonly chains = new Map<string, { links: string[]; ifaces: Interface[] }>();

  constructor(model: HostModel) {
    const ovs = model.ovs;
    for (const i of ovs?.interfaces ?? []) this.ifaces.set(i.id, i);
    for (const p of ovs?.ports ?? []) this.ports.set(p.id, p);
    for (const bridge of ovs?.bridges ?? []) {
      const ports = bridge.ports.map((id) => this.ports.get(id)).filter((p): p is Port => !!p);
      const ifaces = ports
        .flatMap((p) => p.interfaces.map((id) => this.ifaces.get(id)))
        .filter((i): i is Interface => !!i);
      this.views.set(bridge.name, new BridgeView(bridge, ports, ifaces));
    }
    for (const p of patchPairs(model)) {
      const [a, b] = [this.ifaces.get(p.a), p.b === null ? undefined : this.ifaces.get(p.b)];
      if (p.status !== 'ok' || !a || !b) continue;
      this.patchPeer.set(a.id, b);
      this.patchPeer.set(b.id, a);
    }
    for (const b of portBackings(model)) {
      const iface = this.ifaces.get(b.iface);
      if (b.link === null || !iface) continue;
      this.backing.set(iface.id, b.link);
      push(this.backs, b.link, iface);
    }
    for (const v of vethPairs(model)) {
      if (v.b === null) continue;
      push(this.veth, v.a, v.b);
      push(this.veth, v.b, v.a);
    }
  }

  peer(iface: Interface): Interface | undefined {
    return this.patchPeer.get(iface.id);
  }

  /** The kernel links behind an interface, through veth pairs, and the other OVS interfaces they back. */
  chain(iface: Interface): { links: string[]; ifaces: Interface[] } {
    let chain = this.chains.get(iface.id);
    if (chain) return chain;
    const start = this.backing.get(iface.id);
    const links = start === undefined ? [] : [start];
    for (let i = 0; i < links.length; i++)
      for (const next of this.veth.get(links[i] as string) ?? []) if (!links.includes(next)) links.push(next);
    chain = { links, ifaces: links.flatMap((l) => this.backs.get(l) ?? []).filter((i) => i !== iface) };
    this.chains.set(iface.id, chain);
    return chain;
  }
}

/** One VLAN followed from its ports: what its traffic lights, and where flows drop all of it. */
function follow(w: Wiring, pipeline: Pipeline, vlan: number, sources: [Interface, Vlan][]): VlanReach {
  const carriers = new Set<string>();
  const seen = new Set<string>();
  /** Per port: did any of the VLAN's traffic arriving there survive the flows? */
  const arrived = new Map<string, boolean>();

  const light = (iface: Interface) => {
    carriers.add(iface.id);
    if (iface.port !== null) carriers.add(iface.port);
    for (const l of w.chain(iface).links) carriers.add(l);
  };

  const egress = (iface: Interface, header: Vlan) => {
    const key = `out\u0000${iface.id}\u0000${headerKey(header)}`;
    if (seen.has(key)) return;
    seen.add(key);
    light(iface);
    const peer = w.peer(iface);
    if (peer) ingress(peer, header);
    // A veth whose far end is another OVS port hands the frame over as it is.
    for (const other of w.chain(iface).ifaces) ingress(other, header);
  };

  const deliver = (o: Out, view: BridgeView) => {
    const fromPort = o.from.port === null ? undefined : w.ports.get(o.from.port);
    switch (o.to) {
      case 'NORMAL': {
        const v = normalVlanIn(fromPort, o.header);
        if (v === null) return;
        for (const p of view.normalPorts(v)) {
          if (p === fromPort) continue;
          const header = normalVlanOut(p, v);
          for (const id of p.interfaces) {
            const i = w.ifaces.get(id);
            if (i) egress(i, header);
          }
        }
        return;
      }
      case 'FLOOD':
      case 'ALL':
        for (const i of view.ifaces) if (i !== o.from) egress(i, o.header);
        return;
      case 'IN_PORT':
        egress(o.from, o.header);
        return;
    }
    const to = view.resolve(o.to);
    // A port the model does not know may still exist: send it on as NORMAL would. (An output to
    // the in_port is taken as sent too: OVS skips it, unless an earlier action cleared in_port.)
    if (to) egress(to, o.header);
    else deliver({ ...o, to: 'NORMAL' }, view);
  };

  const ingress = (iface: Interface, header: Vlan) => {
    const key = `in\u0000${iface.id}\u0000${headerKey(header)}`;
    const view = iface.bridge === null ? undefined : w.views.get(iface.bridge);
    if (seen.has(key) || !view) return;
    seen.add(key);
    const branches = pipeline.enter(iface, header);
    const survives = branches.some((b) => b.outs.length > 0);
    if (iface.port !== null) arrived.set(iface.port, (arrived.get(iface.port) ?? false) || survives);
    if (survives) light(iface);
    for (const b of branches) for (const o of b.outs) deliver(o, view);
  };

  for (const [iface, header] of sources) ingress(iface, header);
  return {
    vlan,
    carriers: [...carriers].sort(),
    dropped: [...arrived]
      .filter(([, survives]) => !survives)
      .map(([port]) => port)
      .sort(),
  };
}

/**
 * Every VLAN a port of the host is configured for, followed through the flows. A port on the VLAN
 * sends it in untagged (access, native) or tagged (trunk); what it reaches carries the VLAN, even
 * after a flow stripped or changed its tag on the way.
 */
export function vlanReach(model: HostModel): VlanReach[] {
  const w = new Wiring(model);
  const pipeline = new Pipeline(w.views);
  const sources = new Map<number, [Interface, Vlan][]>();
  for (const b of vlanMembership(model))
    for (const { vlan, members } of b.vlans)
      for (const m of members) {
        const header: Vlan = m.mode === 'trunk' ? vlan : 'untagged';
        for (const id of w.ports.get(m.port)?.interfaces ?? []) {
          const iface = w.ifaces.get(id);
          if (iface) push(sources, vlan, [iface, header]);
        }
      }
  return [...sources].sort(([a], [b]) => a - b).map(([vlan, from]) => follow(w, pipeline, vlan, from));
}
