import { linkId } from '../../model/identity';
import type { Link, Namespace } from '../../model/schema';
import type { EditOf } from '../edits';
import {
  type ApplyContext,
  DATAPATH_LINK_RE,
  isInternalType,
  isOvsMadeKind,
  listNames,
  nsLabel,
} from './context';
import { loopbackAddresses, newNamespace, newVethLink } from './shapes';

const isLoopback = (link: Link): boolean => link.linkType === 'loopback' || link.name === 'lo';
/** A device without linkinfo (a NIC): it cannot be deleted, and returns to the root when its namespace goes. */
const isPhysical = (link: Link): boolean => link.kind === 'device' && !isLoopback(link);

function requireFreeLinkName(ctx: ApplyContext, field: string, ns: Namespace, name: string): boolean {
  const link = ctx.findLink(ns, name);
  if (link) {
    ctx.fail(
      field,
      `name ${name} is already a link in ${nsLabel(ns.name)} (kind ${link.kind}); choose another name`,
    );
    return false;
  }
  if (ns.isRoot && DATAPATH_LINK_RE.test(name)) {
    ctx.fail(field, `${name} is a name Open vSwitch uses for its datapath; choose another name`);
    return false;
  }
  return true;
}

/** A link goes down as the kernel takes it down: IPv4 routes through it go, and (keep_addr_on_down=0) its IPv6 addresses. */
function takeDown(ns: Namespace, link: Link): void {
  link.flags = link.flags.filter((f) => f !== 'UP' && f !== 'LOWER_UP');
  link.operstate = 'DOWN';
  ns.routes = ns.routes.filter((r) => r.dev !== link.name);
  link.addresses = link.addresses.filter((a) => a.family !== 'inet6');
}

// ---------------------------------------------------------------- namespaces

export function addNamespace(ctx: ApplyContext, edit: EditOf<'add-namespace'>): void {
  if (ctx.findNamespace(edit.name)) {
    ctx.fail('name', `namespace ${edit.name} already exists; choose another name`);
    return;
  }
  ctx.model.namespaces.push(newNamespace(edit.name));
}

export function deleteNamespace(ctx: ApplyContext, edit: EditOf<'delete-namespace'>): void {
  const ns = ctx.findNamespace(edit.name);
  if (!ns) {
    ctx.fail(
      'name',
      `namespace ${edit.name} does not exist (namespaces: ${listNames(ctx.namespaceNames())})`,
    );
    return;
  }
  const root = ctx.root();
  // Physical devices go back to the root namespace when theirs is destroyed; a name clash there
  // would rename them. OVS internal devices (a qg-/qr- leg) would be destroyed while their port
  // stays in OVSDB: they are moved back to the root first, so the port keeps working and the
  // namespace can be made again around it.
  const ovsInternal = (l: (typeof ns.links)[number]) =>
    isOvsMadeKind(l.kind) &&
    (ctx.model.ovs?.interfaces.some((i) => i.name === l.name && isInternalType(i.type)) ?? false);
  const stays = (l: (typeof ns.links)[number]) => isPhysical(l) || ovsInternal(l);
  const returning = ns.links.filter(stays);
  const clash = returning.filter((l) => ctx.findLink(root, l.name));
  if (clash.length > 0) {
    ctx.fail(
      'name',
      `namespace ${edit.name} holds link(s) ${listNames(clash.map((l) => l.name))} that would return to the root namespace, where the name is taken; move them out with move-link first`,
    );
    return;
  }
  // Every other link (veths with their peers elsewhere, OVS internal ports, tunnels) is deleted.
  for (const link of [...ns.links]) {
    if (stays(link)) {
      ns.links = ns.links.filter((l) => l !== link);
      moveInto(ctx, ns, link, root);
    } else if (ns.links.includes(link)) ctx.deleteLinkAndPeer(ns, link);
  }
  ctx.model.namespaces = ctx.model.namespaces.filter((n) => n !== ns);
  for (const other of ctx.model.namespaces) other.peers = other.peers.filter((p) => p.name !== ns.name);
}

// ---------------------------------------------------------------- links

export function addVeth(ctx: ApplyContext, edit: EditOf<'add-veth'>): void {
  const before = ctx.errors.length;
  const ns = ctx.requireNamespace('namespace', edit.namespace);
  const peerNs = ctx.requireNamespace('peerNamespace', edit.peerNamespace);
  if (ns) requireFreeLinkName(ctx, 'name', ns, edit.name);
  if (ns && peerNs === ns && edit.peer === edit.name)
    ctx.fail('peer', 'the two ends of a veth in one namespace need different names');
  else if (peerNs) requireFreeLinkName(ctx, 'peer', peerNs, edit.peer);
  if (ctx.errors.length > before || !ns || !peerNs) return;
  const a = newVethLink(ns.name, edit.name, edit.peer);
  const b = newVethLink(peerNs.name, edit.peer, edit.name);
  ns.links.push(a);
  peerNs.links.push(b);
  ctx.pairVeth(a, b);
}

/** Moves `link` (already out of `from`) into `to`: it arrives down and without addresses, as the kernel does. */
function moveInto(ctx: ApplyContext, from: Namespace, link: Link, to: Namespace): void {
  from.routes = from.routes.filter((r) => r.dev !== link.name);
  link.id = linkId(to.name, link.name);
  link.addresses = [];
  link.flags = link.flags.filter((f) => f !== 'UP' && f !== 'LOWER_UP');
  link.operstate = 'DOWN';
  delete link.master;
  delete link.slaveKind;
  // Both ends keep naming each other (`link`), as new veths do: the planner pairs ends by it.
  const peer = ctx.peerOf(link);
  if (peer) {
    link.link = peer.name;
    peer.link = link.name;
  }
  to.links.push(link);
}

export function moveLink(ctx: ApplyContext, edit: EditOf<'move-link'>): void {
  const before = ctx.errors.length;
  const from = ctx.requireNamespace('from', edit.from);
  const to = ctx.requireNamespace('to', edit.to);
  const link = from ? ctx.requireLink('name', from, edit.name) : undefined;
  if (!from || !to || !link) return;
  if (from === to) ctx.fail('to', `link ${edit.name} is already in ${nsLabel(to.name)}`);
  else if (isLoopback(link)) ctx.fail('name', 'the loopback cannot leave its namespace');
  else if (link.kind === 'bridge')
    ctx.fail('name', `${edit.name} is a Linux bridge; bridges cannot change namespace`);
  else if (from.isRoot && DATAPATH_LINK_RE.test(link.name))
    ctx.fail('name', `${edit.name} belongs to the Open vSwitch datapath and must stay in the root namespace`);
  else {
    const iface = ctx.interfaceBackedBy(from, link);
    // An internal port's link may live in a namespace (Neutron does this); a device OVS opened by name may not.
    if (iface && !isInternalType(iface.type))
      ctx.fail(
        'name',
        `link ${edit.name} is OVS port ${iface.name} on bridge ${iface.bridge ?? '?'} (type ${iface.type}); it must stay in the root namespace (delete-port ${iface.name} first)`,
      );
    else requireFreeLinkName(ctx, 'name', to, edit.name);
  }
  if (ctx.errors.length > before) return;
  from.links = from.links.filter((l) => l !== link);
  moveInto(ctx, from, link, to);
}

export function setLink(ctx: ApplyContext, edit: EditOf<'set-link'>): void {
  const before = ctx.errors.length;
  const ns = ctx.requireNamespace('namespace', edit.namespace);
  const link = ns ? ctx.requireLink('name', ns, edit.name) : undefined;
  if (edit.up === undefined && edit.mtu === undefined && edit.mac === undefined)
    ctx.fail(null, 'set-link changes nothing: give up, mtu or mac');
  if (edit.mac !== undefined) {
    const first = Number.parseInt(edit.mac.slice(0, 2), 16);
    if (first & 1) ctx.fail('mac', `${edit.mac} is a multicast MAC address; a link needs a unicast one`);
    else if (/^(00:){5}00$/.test(edit.mac)) ctx.fail('mac', 'the all-zero MAC address cannot be assigned');
    else if (link && isLoopback(link)) ctx.fail('mac', 'the loopback has no MAC address to set');
  }
  if (ctx.errors.length > before || !ns || !link) return;
  if (edit.mtu !== undefined) link.mtu = edit.mtu;
  if (edit.mac !== undefined) link.mac = edit.mac.toLowerCase();
  if (edit.up === true && !link.flags.includes('UP')) {
    link.flags = [...link.flags, 'UP'];
    // A loopback coming up gets 127.0.0.1/8 and ::1/128 from the kernel.
    if (isLoopback(link))
      for (const a of loopbackAddresses(ns.name))
        if (!link.addresses.some((b) => b.local === a.local)) link.addresses.push(a);
  }
  if (edit.up === false && link.flags.includes('UP')) takeDown(ns, link);
}

/** Why `link` cannot be deleted by an edit, or null. */
function deleteLinkProblem(ctx: ApplyContext, ns: Namespace, link: Link): string | null {
  const name = link.name;
  if (isLoopback(link)) return 'the loopback cannot be deleted';
  if (isPhysical(link))
    return `${name} is a physical device; it cannot be deleted (move it or set it down instead)`;
  if (ns.isRoot && DATAPATH_LINK_RE.test(name))
    return `${name} belongs to the Open vSwitch datapath; Open vSwitch removes it with its last bridge/tunnel`;
  const iface = ctx.interfaceBackedBy(ns, link);
  if (iface) {
    const port = ctx.model.ovs?.ports.find((p) => p.id === iface.port)?.name ?? iface.name;
    return isInternalType(iface.type)
      ? `link ${name} is OVS internal port ${iface.name}; Open vSwitch owns it: use delete-port ${port} instead`
      : `link ${name} is OVS port ${port} on bridge ${iface.bridge ?? '?'}; delete-port it first`;
  }
  // Deleting one end of a veth deletes the other: not when that end is a device an OVS port runs on.
  const peer = ctx.peerOf(link);
  const peerNs = peer && ctx.namespaceOf(peer);
  const peerIface = peer && peerNs ? ctx.interfaceBackedBy(peerNs, peer) : undefined;
  if (peer && peerNs && peerIface)
    return `deleting ${name} also deletes its veth peer ${peer.name} in ${nsLabel(peerNs.name)}, which is OVS port ${peerIface.name} on bridge ${peerIface.bridge ?? '?'}; delete-port ${peerIface.name} first`;
  return null;
}

export function deleteLink(ctx: ApplyContext, edit: EditOf<'delete-link'>): void {
  const ns = ctx.requireNamespace('namespace', edit.namespace);
  const link = ns ? ctx.requireLink('name', ns, edit.name) : undefined;
  if (!ns || !link) return;
  const problem = deleteLinkProblem(ctx, ns, link);
  if (problem) {
    ctx.fail('name', problem);
    return;
  }
  for (const l of ns.links) if (l.master === link.name) delete l.master;
  ctx.deleteLinkAndPeer(ns, link);
}
