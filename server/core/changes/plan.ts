import type { Bridge, Flow, HostModel, Interface } from '../model/schema';
import { DATAPATH_LINK_RE } from './apply-edits/context';
import {
  actionsText,
  type BundleVersion,
  bundleVersion,
  flowAdd,
  flowDelete,
  flowModify,
  flowWords,
} from './commands-flow';
import {
  addressArgv,
  linkChangeWords,
  linkCreateArgv,
  linkDeleteArgv,
  linkRank,
  linkSet,
  moveLink,
  moveLinkBack,
  namespaceAdd,
  namespaceDelete,
  type RouteFields,
  routeArgv,
  routeWords,
  settingText,
  settingWords,
  settle,
  unsettle,
  vethCreate,
  vethDelete,
  vethFirst,
  vethText,
} from './commands-kernel';
import {
  bridgeChangeText,
  bridgeColumn,
  bridgeCreate,
  bridgeDelete,
  bridgeWords,
  columnCommands,
  ifaceColumn,
  portChangeCommands,
  portColumn,
  portCreate,
  portDelete,
  portInterfaces,
  portWords,
} from './commands-ovs';
import { diffModels } from './diff';
import { planElements } from './elements';
import { planFingerprint } from './fingerprint';
import { indexModel, type LinkEntry, type ModelIndex, vethPeer } from './model-index';
import { actionsKey } from './objects';
import { type DraftStep, orderSteps } from './order';
import { checkScope, scopeFingerprint } from './scope';
import { changesText, nsLabel } from './text';
import type { FieldChange, ModelDiff, ModelObject, ObjectKind, Plan, PlanWarning } from './types';
import { bridgeWithPorts, flowsNamingRemovedPorts, namespaceWithLinks } from './warnings';

/**
 * argv[0] of an inverse that cannot be built (a veth whose peer is unknown). The executor must not
 * run it but fail the rollback step with argv[1] as the message; were it run anyway, the shell
 * answers "command not found" (127), failing just as clearly. Comes with an IRREVERSIBLE warning.
 */
export const UNRESTORABLE = 'patchbay-unrestorable';

type Changed = ModelDiff['changed'][number];

function byKind<T>(items: readonly T[], kind: (t: T) => ObjectKind): Map<ObjectKind, T[]> {
  const out = new Map<ObjectKind, T[]>();
  for (const item of items) {
    const k = kind(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * Devices of the datapath itself (`ovs-system`, `ovs-netdev`, the shared `vxlan_sys_4789`…): OVS
 * makes and deletes them with its first/last bridge or tunnel; nobody plans them.
 */
const isDatapathDevice = (name: string): boolean => DATAPATH_LINK_RE.test(name);
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1/8', '::1/128']);

class Planner {
  readonly drafts: DraftStep[] = [];
  readonly warnings: PlanWarning[] = [];
  private readonly added: Map<ObjectKind, ModelObject[]>;
  private readonly removed: Map<ObjectKind, ModelObject[]>;
  private readonly changed: Map<ObjectKind, Changed[]>;
  private readonly addedBridges = new Set<string>();
  private readonly removedBridges = new Set<string>();
  private readonly addedPorts = new Set<string>();
  private readonly removedPorts = new Set<string>();
  /** Ports whose interface list changes: their members are added/removed by the port's step. */
  private readonly memberChanges = new Set<string>();
  private readonly addedInternal = new Set<string>();
  private readonly removedInternal = new Set<string>();
  private readonly addedNs = new Set<string>();
  private readonly removedNs = new Set<string>();

  constructor(
    private readonly cur: ModelIndex,
    private readonly des: ModelIndex,
    diff: ModelDiff,
  ) {
    this.added = byKind(diff.added, (o) => o.kind);
    this.removed = byKind(diff.removed, (o) => o.kind);
    this.changed = byKind(diff.changed, (c) => c.after.kind);
    for (const o of this.list('added', 'bridge')) this.addedBridges.add(String(o.fields.name));
    for (const o of this.list('removed', 'bridge')) this.removedBridges.add(String(o.fields.name));
    for (const o of this.list('added', 'port')) this.addedPorts.add(o.id);
    for (const o of this.list('removed', 'port')) this.removedPorts.add(o.id);
    for (const c of this.changed.get('port') ?? [])
      if (c.fields.some((f) => f.field === 'interfaces')) this.memberChanges.add(c.after.id);
    for (const o of this.list('added', 'interface'))
      if (des.ifaces.get(o.id)?.type === 'internal') this.addedInternal.add(String(o.fields.name));
    for (const o of this.list('removed', 'interface'))
      if (cur.ifaces.get(o.id)?.type === 'internal') this.removedInternal.add(String(o.fields.name));
    for (const o of this.list('added', 'namespace')) this.addedNs.add(o.namespace ?? '');
    for (const o of this.list('removed', 'namespace')) this.removedNs.add(o.namespace ?? '');
  }

  private list(which: 'added' | 'removed', kind: ObjectKind): ModelObject[] {
    return this[which].get(kind) ?? [];
  }

  private step(d: DraftStep): void {
    this.drafts.push(d);
  }

  private unplannable(objects: string[], message: string): void {
    this.warnings.push({ code: 'UNPLANNABLE', message, objects });
  }

  private warn(w: PlanWarning | null): void {
    if (w) this.warnings.push(w);
  }

  run(): void {
    this.bridges();
    this.ports();
    this.interfaces();
    this.flows();
    this.namespaces();
    this.links();
    this.addresses();
    this.routes();
    this.rules();
  }

  // -------------------------------------------------------------- OVS

  private bridges(): void {
    for (const o of this.list('added', 'bridge')) {
      const b = this.des.bridges.get(o.id);
      if (!b) continue;
      const words = bridgeWords(b);
      this.step({
        group: 'ovsdb-bridge-add',
        key: o.id,
        action: 'add',
        object: { kind: 'bridge', id: o.id },
        text: `+ bridge ${b.name}${words.length ? ` ${words.join(' ')}` : ''}`,
        forward: bridgeCreate(b, false),
        inverse: bridgeDelete(b.name, true),
      });
    }
    for (const o of this.list('removed', 'bridge')) {
      const b = this.cur.bridges.get(o.id);
      if (!b) continue;
      this.step({
        group: 'ovsdb-bridge-remove',
        key: o.id,
        action: 'remove',
        object: { kind: 'bridge', id: o.id },
        text: `- bridge ${b.name}`,
        forward: bridgeDelete(b.name, false),
        inverse: bridgeCreate(b, true),
      });
      this.warn(bridgeWithPorts(this.cur, b));
    }
    for (const c of this.changed.get('bridge') ?? []) {
      const name = String(c.after.fields.name);
      this.changeStep('ovsdb-change', c, bridgeChangeText(name, c.fields), {
        forward: columnCommands('Bridge', name, c.fields, 'after', bridgeColumn),
        inverse: columnCommands('Bridge', name, c.fields, 'before', bridgeColumn),
      });
    }
  }

  private changeStep(
    group: DraftStep['group'],
    c: Changed,
    text: string,
    cmds: { forward: string[][]; inverse: string[][] },
  ): void {
    if (cmds.forward.length === 0 || cmds.inverse.length === 0) return;
    this.step({
      group,
      key: c.after.id,
      action: 'change',
      object: { kind: c.after.kind, id: c.after.id },
      text,
      ...cmds,
    });
  }

  /** The bridge's own port/interface/device, which add-br makes and del-br deletes. */
  private isBridgeLocal(bridge: string | null, name: string, bridges: Set<string>): boolean {
    return bridge !== null && bridge === name && bridges.has(name);
  }

  private ports(): void {
    for (const o of this.list('added', 'port')) {
      const p = this.des.ports.get(o.id);
      if (!p || this.isBridgeLocal(p.bridge, p.name, this.addedBridges)) continue;
      const ifaces = portInterfaces(this.des, p);
      if (typeof ifaces === 'string') {
        this.unplannable([o.id], ifaces);
        continue;
      }
      const bridge = p.bridge ?? '';
      const words = portWords(p, ifaces);
      this.step({
        group: 'ovsdb-port-add',
        key: o.id,
        action: 'add',
        object: { kind: 'port', id: o.id },
        text: `+ port ${bridge}/${p.name}${words.length ? ` ${words.join(' ')}` : ''}`,
        forward: portCreate(p, ifaces, false),
        inverse: portDelete(bridge, p.name, true),
      });
    }
    const removedPorts = [];
    for (const o of this.list('removed', 'port')) {
      const p = this.cur.ports.get(o.id);
      if (!p) continue;
      removedPorts.push(p);
      if (this.isBridgeLocal(p.bridge, p.name, this.removedBridges)) continue;
      if (p.bridge === null) {
        this.unplannable([o.id], `port ${p.name} belongs to no bridge`);
        continue;
      }
      const ifaces = portInterfaces(this.cur, p);
      const restorable = typeof ifaces !== 'string';
      if (!restorable) this.irreversible([o.id], `${ifaces}: a rollback cannot re-create port ${p.name}`);
      this.step({
        group: 'ovsdb-port-remove',
        key: o.id,
        action: 'remove',
        object: { kind: 'port', id: o.id },
        text: `- port ${p.bridge}/${p.name}${
          restorable
            ? portWords(p, ifaces)
                .map((w) => ` ${w}`)
                .join('')
            : ''
        }`,
        forward: portDelete(p.bridge, p.name, false),
        inverse: restorable ? portCreate(p, ifaces, true) : [[UNRESTORABLE, ifaces]],
      });
    }
    for (const w of flowsNamingRemovedPorts(this.des, removedPorts)) this.warnings.push(w);
    const ifaceOf = (name: string, side: 'before' | 'after'): Interface | undefined =>
      (side === 'after' ? this.des : this.cur).ifaceByName.get(name);
    for (const c of this.changed.get('port') ?? []) {
      const name = String(c.after.fields.name);
      this.changeStep('ovsdb-change', c, `~ port ${c.after.label} ${changesText(c.fields, portColumn)}`, {
        forward: portChangeCommands(name, c.fields, 'after', ifaceOf),
        inverse: portChangeCommands(name, c.fields, 'before', ifaceOf),
      });
    }
  }

  private irreversible(objects: string[], message: string): void {
    this.warnings.push({ code: 'IRREVERSIBLE', message, objects });
  }

  private interfaces(): void {
    const folded = (port: string | null, ports: Set<string>) =>
      port !== null && (ports.has(port) || this.memberChanges.has(port));
    for (const o of this.list('added', 'interface')) {
      const i = this.des.ifaces.get(o.id);
      if (!i || folded(i.port, this.addedPorts) || this.isBridgeLocal(i.bridge, i.name, this.addedBridges))
        continue;
      this.unplannable([o.id], `interface ${i.name} is added without a port to hold it`);
    }
    for (const o of this.list('removed', 'interface')) {
      const i = this.cur.ifaces.get(o.id);
      if (
        !i ||
        folded(i.port, this.removedPorts) ||
        this.isBridgeLocal(i.bridge, i.name, this.removedBridges)
      )
        continue;
      this.unplannable([o.id], `interface ${i.name} is removed but its port ${i.port ?? '(none)'} stays`);
    }
    for (const c of this.changed.get('interface') ?? []) {
      const i = this.des.ifaces.get(c.after.id);
      // A port re-created (moved to another bridge) gets all its interface settings with add-port.
      if (!i || (i.port !== null && this.addedPorts.has(i.port))) continue;
      this.changeStep('ovsdb-change', c, `~ interface ${i.name} ${changesText(c.fields, ifaceColumn)}`, {
        forward: columnCommands('Interface', i.name, c.fields, 'after', ifaceColumn),
        inverse: columnCommands('Interface', i.name, c.fields, 'before', ifaceColumn),
      });
    }
  }

  /**
   * The `priority=0 actions=NORMAL` flow OVS installs itself in a bridge it creates (not in secure
   * fail mode, no controller) and takes away with it.
   */
  private bridgeDefaultFlow(e: { bridge: Bridge; flow: Flow }, bridges: Set<string>): boolean {
    const { bridge, flow } = e;
    return (
      bridges.has(bridge.name) &&
      bridge.failMode !== 'secure' &&
      bridge.controllers.length === 0 &&
      flow.table === 0 &&
      flow.priority === 0 &&
      flow.match.length === 0 &&
      actionsKey(actionsText(flow)) === 'normal'
    );
  }

  private flows(): void {
    for (const o of this.list('added', 'flow')) {
      const e = this.des.flows.get(o.id);
      if (!e || this.bridgeDefaultFlow(e, this.addedBridges)) continue;
      this.step({
        group: 'flow-add',
        key: o.id,
        action: 'add',
        object: { kind: 'flow', id: o.id },
        text: `+ flow ${flowWords(e.flow)}`,
        forward: [flowAdd(e.bridge, e.flow)],
        inverse: [flowDelete(e.bridge, e.flow)],
        ...this.bundle(this.des, e.bridge),
      });
    }
    for (const o of this.list('removed', 'flow')) {
      const e = this.cur.flows.get(o.id);
      if (!e || this.bridgeDefaultFlow(e, this.removedBridges)) continue;
      this.step({
        group: 'flow-remove',
        key: o.id,
        action: 'remove',
        object: { kind: 'flow', id: o.id },
        text: `- flow ${flowWords(e.flow)}`,
        forward: [flowDelete(e.bridge, e.flow)],
        inverse: [flowAdd(e.bridge, e.flow)],
        ...this.bundle(this.cur, e.bridge),
      });
    }
    for (const c of this.changed.get('flow') ?? []) {
      const before = this.cur.flows.get(c.before.id);
      const after = this.des.flows.get(c.after.id);
      if (!before || !after) continue;
      const oldActions = actionsText(before.flow);
      const newActions = actionsText(after.flow);
      const words = flowWords(after.flow);
      this.step({
        group: 'flow-add',
        key: c.after.id,
        action: 'change',
        object: { kind: 'flow', id: c.after.id },
        text: `~ flow ${words.slice(0, words.lastIndexOf(' actions='))} actions ${oldActions} → ${newActions}`,
        forward: [flowModify(after.bridge, after.flow, newActions)],
        inverse: [flowModify(after.bridge, after.flow, oldActions)],
        ...this.bundle(this.des, after.bridge),
      });
    }
  }

  /** `{bundle}` when the bridge speaks OpenFlow 1.4+ (the executor then commits its flows at once). */
  private bundle(ix: ModelIndex, bridge: Bridge): { bundle?: BundleVersion } {
    const version = bundleVersion(bridge, ix.model.ovs?.system.ovsVersion ?? null);
    return version ? { bundle: version } : {};
  }

  // -------------------------------------------------------------- kernel

  private namespaces(): void {
    for (const o of this.list('added', 'namespace')) {
      const name = o.namespace ?? '';
      if (name === '') continue;
      this.step({
        group: 'namespace-add',
        key: o.id,
        action: 'add',
        object: { kind: 'namespace', id: o.id },
        text: `+ namespace ${name}`,
        forward: [namespaceAdd(name)],
        inverse: [namespaceDelete(name)],
      });
    }
    for (const o of this.list('removed', 'namespace')) {
      const name = o.namespace ?? '';
      if (name === '') continue;
      this.step({
        group: 'namespace-remove',
        key: o.id,
        action: 'remove',
        object: { kind: 'namespace', id: o.id },
        text: `- namespace ${name}`,
        forward: [namespaceDelete(name)],
        inverse: [namespaceAdd(name)],
      });
      const ns = this.cur.namespaces.get(name);
      if (ns) this.warn(namespaceWithLinks(ns));
    }
  }

  /** Who creates this device besides `ip`: OVS (made in the root namespace), `ip netns add` (lo). */
  private maker(e: LinkEntry, bridges: Set<string>, internal: Set<string>, nss: Set<string>) {
    const name = e.link.name;
    if (isDatapathDevice(name)) return 'datapath' as const;
    if (name === 'lo' && nss.has(e.ns.name)) return 'namespace' as const;
    if (bridges.has(name) || internal.has(name)) return 'ovs' as const;
    return null;
  }

  /** Names OVS owns in a model: bridges and internal interfaces (their devices are OVS's). */
  private ovsOwned(ix: ModelIndex, name: string): boolean {
    return ix.bridgeByName.has(name) || ix.ifaceByName.get(name)?.type === 'internal';
  }

  private links(): void {
    const entries = (ix: ModelIndex, objects: ModelObject[]) =>
      objects.map((o) => ix.links.get(o.id)).filter((e): e is LinkEntry => e !== undefined);
    const added: LinkEntry[] = [];
    const removed: LinkEntry[] = [];

    for (const e of entries(this.des, this.list('added', 'link'))) {
      const maker = this.maker(e, this.addedBridges, this.addedInternal, this.addedNs);
      if (maker === 'datapath') continue;
      if (maker === null) {
        added.push(e);
        continue;
      }
      const createdInRoot = maker === 'ovs';
      const forward = settle(e.ns.name, e.link, createdInRoot, !this.addedBridges.has(e.link.name));
      if (forward.length === 0) continue;
      const s = settingText(e.link);
      this.step({
        group: 'link-settle',
        key: e.link.id,
        action: 'add',
        object: { kind: 'link', id: e.link.id },
        text: `+ link ${nsLabel(e.ns.name)}/${e.link.name} (made by ${maker === 'ovs' ? 'OVS' : 'ip netns'})${s ? ` ${s}` : ''}`,
        forward,
        inverse: unsettle(e.ns.name, e.link, createdInRoot),
      });
    }
    for (const e of entries(this.cur, this.list('removed', 'link'))) {
      const maker = this.maker(e, this.removedBridges, this.removedInternal, this.removedNs);
      if (maker === 'datapath') continue;
      if (maker === null) {
        removed.push(e);
        continue;
      }
      const createdInRoot = maker === 'ovs';
      const inverse = settle(e.ns.name, e.link, createdInRoot, !this.removedBridges.has(e.link.name));
      if (inverse.length === 0) continue;
      this.step({
        group: 'link-unsettle',
        key: e.link.id,
        action: 'remove',
        object: { kind: 'link', id: e.link.id },
        text: `- link ${nsLabel(e.ns.name)}/${e.link.name} (deleted by ${maker === 'ovs' ? 'OVS' : 'ip netns'})`,
        forward: unsettle(e.ns.name, e.link, createdInRoot),
        inverse,
      });
    }

    // Moves: the same name leaves one namespace and arrives in another.
    const leaving = new Map<string, LinkEntry[]>();
    for (const e of removed) {
      const list = leaving.get(e.link.name);
      if (list) list.push(e);
      else leaving.set(e.link.name, [e]);
    }
    const moved = new Set<LinkEntry>();
    const created: LinkEntry[] = [];
    for (const to of added) {
      const candidates = (leaving.get(to.link.name) ?? []).filter((c) => !moved.has(c));
      const from = candidates.find((c) => c.link.kind === to.link.kind) ?? candidates[0];
      if (!from) {
        created.push(to);
        continue;
      }
      moved.add(from);
      this.step({
        group: 'link-move',
        key: to.link.id,
        action: 'change',
        object: { kind: 'link', id: to.link.id },
        text: `~ link ${to.link.name} ${nsLabel(from.ns.name)} → ${nsLabel(to.ns.name)}`,
        forward: moveLink(from, to),
        inverse: moveLinkBack(from, to),
      });
    }
    const deleted = removed.filter((e) => !moved.has(e));

    this.createLinks(created.filter((e) => !this.refuseOvsOwned(this.des, e, 'added')));
    this.deleteLinks(deleted.filter((e) => !this.refuseOvsOwned(this.cur, e, 'removed')));
    this.changeLinks();
  }

  private refuseOvsOwned(ix: ModelIndex, e: LinkEntry, what: 'added' | 'removed'): boolean {
    if (!this.ovsOwned(ix, e.link.name)) return false;
    if (what === 'removed' && this.removedNs.has(e.ns.name)) {
      // Deleting the namespace destroys the device; its OVS port stays, without it.
      this.irreversible(
        [e.link.id],
        `deleting namespace ${e.ns.name} destroys ${e.link.name}, the device of an OVS port that stays; a rollback cannot bring the device back (re-add the port)`,
      );
      return true;
    }
    this.unplannable(
      [e.link.id],
      `link ${nsLabel(e.ns.name)}/${e.link.name} is ${what} but belongs to an OVS port or bridge that stays: ${what === 'added' ? 'add the port' : 'delete the port'} instead`,
    );
    return true;
  }

  private createLinks(created: LinkEntry[]): void {
    const vethIds = new Set(created.filter((e) => e.link.kind === 'veth').map((e) => e.link.id));
    const done = new Set<string>();
    for (const e of created) {
      const id = e.link.id;
      if (done.has(id)) continue;
      done.add(id);
      if (e.link.kind !== 'veth') {
        const argv = linkCreateArgv(e.ns.name, e.link);
        if (typeof argv === 'string') {
          this.unplannable([id], `cannot create ${argv}`);
          continue;
        }
        const s = settingText(e.link);
        this.step({
          group: 'link-create',
          key: `${linkRank(e.link.kind)}:${id}`,
          action: 'add',
          object: { kind: 'link', id },
          text: `+ link ${nsLabel(e.ns.name)}/${e.link.name} ${e.link.kind}${s ? ` ${s}` : ''}`,
          forward: [argv, ...linkSet(e.ns.name, e.link.name, settingWords(e.link))],
          inverse: [linkDeleteArgv(e.ns.name, e.link)],
        });
        continue;
      }
      const peer = vethPeer(this.des, e);
      if (!peer) {
        this.unplannable(
          [id],
          `veth ${nsLabel(e.ns.name)}/${e.link.name}: its peer is not in the desired model`,
        );
        continue;
      }
      if (!vethIds.has(peer.link.id) || done.has(peer.link.id)) {
        this.unplannable(
          [id, peer.link.id],
          `veth ${nsLabel(e.ns.name)}/${e.link.name}: its peer ${nsLabel(peer.ns.name)}/${peer.link.name} already exists`,
        );
        continue;
      }
      done.add(peer.link.id);
      const [first, second] = vethFirst(e, peer);
      this.step({
        group: 'link-create',
        key: `${linkRank('veth')}:${first.link.id}`,
        action: 'add',
        object: { kind: 'link', id: first.link.id },
        text: vethText('+', first, second),
        forward: vethCreate(first, second),
        inverse: vethDelete(first),
      });
    }
  }

  private deleteLinks(deleted: LinkEntry[]): void {
    const vethIds = new Set(deleted.filter((e) => e.link.kind === 'veth').map((e) => e.link.id));
    const done = new Set<string>();
    for (const e of deleted) {
      const id = e.link.id;
      const label = `${nsLabel(e.ns.name)}/${e.link.name}`;
      if (done.has(id)) continue;
      done.add(id);
      if (e.link.kind !== 'veth') {
        const restore = linkCreateArgv(e.ns.name, e.link);
        const deletable = ['dummy', 'bridge', 'vlan', 'macvlan', 'ipvlan', 'vxlan', 'tun'].includes(
          e.link.kind,
        );
        if (!deletable) {
          this.unplannable([id], `cannot delete ${label}: a ${e.link.kind} device is not deleted with ip`);
          continue;
        }
        if (typeof restore === 'string') this.irreversible([id], `a rollback cannot re-create ${restore}`);
        this.step({
          group: 'link-delete',
          key: `${linkRank(e.link.kind)}:${id}`,
          action: 'remove',
          object: { kind: 'link', id },
          text: `- link ${label} ${e.link.kind}`,
          forward: [linkDeleteArgv(e.ns.name, e.link)],
          inverse:
            typeof restore === 'string'
              ? [[UNRESTORABLE, restore]]
              : [restore, ...linkSet(e.ns.name, e.link.name, settingWords(e.link))],
        });
        continue;
      }
      const peer = vethPeer(this.cur, e);
      if (!peer) {
        const message = `veth ${label}: its peer is unknown, a rollback cannot re-create the pair`;
        this.irreversible([id], message);
        this.step({
          group: 'link-delete',
          key: `${linkRank('veth')}:${id}`,
          action: 'remove',
          object: { kind: 'link', id },
          text: `- veth ${label} ↔ ?`,
          forward: vethDelete(e),
          inverse: [[UNRESTORABLE, message]],
        });
        continue;
      }
      if (!vethIds.has(peer.link.id) || done.has(peer.link.id)) {
        this.unplannable(
          [id, peer.link.id],
          `deleting veth ${label} also deletes its peer ${nsLabel(peer.ns.name)}/${peer.link.name}, which the desired model keeps`,
        );
        continue;
      }
      done.add(peer.link.id);
      const [first, second] = vethFirst(e, peer);
      this.step({
        group: 'link-delete',
        key: `${linkRank('veth')}:${first.link.id}`,
        action: 'remove',
        object: { kind: 'link', id: first.link.id },
        text: vethText('-', first, second),
        forward: vethDelete(first),
        inverse: vethCreate(first, second),
      });
    }
  }

  private changeLinks(): void {
    for (const c of this.changed.get('link') ?? []) {
      const e = this.des.links.get(c.after.id);
      if (!e) continue;
      if (c.fields.some((f: FieldChange) => f.field === 'kind')) {
        this.unplannable([c.after.id], `link ${c.after.label} changes kind: delete and re-create it instead`);
        continue;
      }
      const ns = e.ns.name;
      // OVS sets the MTU of an interface whose mtu_request changes in this plan.
      const before = this.cur.ifaceByName.get(e.link.name);
      const after = this.des.ifaceByName.get(e.link.name);
      const byOvs = (f: FieldChange) =>
        f.field === 'mtu' && after?.mtuRequest === f.after && before?.mtuRequest !== after?.mtuRequest;
      const fields = c.fields.filter((f) => !byOvs(f));
      this.changeStep('link-change', c, `~ link ${c.after.label} ${changesText(fields, (f) => f)}`, {
        forward: linkSet(ns, e.link.name, linkChangeWords(fields, 'after')),
        inverse: linkSet(ns, e.link.name, linkChangeWords(fields, 'before')),
      });
    }
  }

  private addresses(): void {
    const implied = (o: ModelObject, nss: Set<string>) =>
      o.fields.link === 'lo' &&
      LOOPBACK_ADDRESSES.has(String(o.fields.address)) &&
      nss.has(o.namespace ?? '');
    const one = (o: ModelObject, sign: '+' | '-') => {
      const ns = o.namespace ?? '';
      const dev = String(o.fields.link);
      const cidr = String(o.fields.address);
      const add = addressArgv('add', ns, cidr, dev);
      const del = addressArgv('del', ns, cidr, dev);
      this.step({
        group: sign === '+' ? 'address-add' : 'address-remove',
        key: o.id,
        action: sign === '+' ? 'add' : 'remove',
        object: { kind: 'address', id: o.id },
        text: `${sign} address ${nsLabel(ns)}/${dev} ${cidr}`,
        forward: [sign === '+' ? add : del],
        inverse: [sign === '+' ? del : add],
      });
    };
    for (const o of this.list('added', 'address')) if (!implied(o, this.addedNs)) one(o, '+');
    for (const o of this.list('removed', 'address')) if (!implied(o, this.removedNs)) one(o, '-');
  }

  private routes(): void {
    const fields = (o: ModelObject) => o.fields as unknown as RouteFields;
    const hops = (ix: ModelIndex, id: string) => ix.routes.get(id)?.route.nexthops;
    for (const o of this.list('added', 'route')) {
      const ns = o.namespace ?? '';
      this.step({
        group: 'route-add',
        key: o.id,
        action: 'add',
        object: { kind: 'route', id: o.id },
        text: `+ route ${routeWords(ns, fields(o))}`,
        forward: [routeArgv('add', ns, fields(o), hops(this.des, o.id))],
        inverse: [routeArgv('del', ns, fields(o), hops(this.des, o.id))],
      });
    }
    for (const o of this.list('removed', 'route')) {
      const ns = o.namespace ?? '';
      this.step({
        group: 'route-remove',
        key: o.id,
        action: 'remove',
        object: { kind: 'route', id: o.id },
        text: `- route ${routeWords(ns, fields(o))}`,
        forward: [routeArgv('del', ns, fields(o), hops(this.cur, o.id))],
        inverse: [routeArgv('add', ns, fields(o), hops(this.cur, o.id))],
      });
    }
    for (const c of this.changed.get('route') ?? []) {
      const ns = c.after.namespace ?? '';
      this.changeStep(
        'route-add',
        c,
        `~ route ${routeWords(ns, fields(c.before))} ${changesText(c.fields, (f) => f)}`,
        {
          forward: [routeArgv('replace', ns, fields(c.after), hops(this.des, c.after.id))],
          inverse: [routeArgv('replace', ns, fields(c.before), hops(this.cur, c.before.id))],
        },
      );
    }
  }

  private rules(): void {
    // A namespace comes with its default rules (local, main, default) and takes them along.
    const ids = [
      ...this.list('added', 'rule')
        .filter((o) => !this.addedNs.has(o.namespace ?? ''))
        .map((o) => o.id),
      ...this.list('removed', 'rule')
        .filter((o) => !this.removedNs.has(o.namespace ?? ''))
        .map((o) => o.id),
      ...(this.changed.get('rule') ?? []).map((c) => c.after.id),
    ];
    if (ids.length > 0)
      this.unplannable(
        ids,
        `${ids.length} policy routing rule change${ids.length === 1 ? '' : 's'}: ip rule is not planned yet`,
      );
  }
}

/**
 * The plan that takes a host from `current` to `desired`: pure, and made only from
 * diffModels(current, desired) plus lookups in the two models, so edits, a changes file and a
 * snapshot restore all plan the same way. Steps are numbered in execution order (see order.ts);
 * objects that cannot be planned get an UNPLANNABLE warning and no step.
 */
export function plan(current: HostModel, desired: HostModel): Plan {
  const diff = diffModels(current, desired);
  const planner = new Planner(indexModel(current), indexModel(desired), diff);
  planner.run();
  return {
    planVersion: 1,
    host: current.host,
    baseFingerprint: planFingerprint(current),
    scopeFingerprint: scopeFingerprint(current, checkScope(diff)),
    steps: orderSteps(planner.drafts),
    warnings: planner.warnings,
    diff,
    elements: planElements(current.host, diff),
  };
}

export { touchesPath } from './path';
