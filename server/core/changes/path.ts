import type { HostModel } from '../model/schema';
import { canonicalIp, contains } from './cidr';
import { indexModel, type LinkEntry, vethPeer } from './model-index';
import { isHostAssignedRoute } from './objects';
import type { ModelObject, Plan } from './types';

/** Whether any link of the model holds `address`. */
export function holdsAddress(model: HostModel, address: string): boolean {
  const want = canonicalIp(address) ?? address;
  return model.namespaces.some((ns) =>
    ns.links.some((l) => l.addresses.some((a) => (canonicalIp(a.local) ?? a.local) === want)),
  );
}

/**
 * The objects of a plan that lie on the path of `address` — the address Patchbay's SSH session
 * arrives on — in the base model: the address itself, the link holding it (and its master, its
 * veth peer), the OVS interface/port/bridge behind that link with every port and flow of that
 * bridge (an uplink or a flow there can cut the session too), the namespace, and the routes of
 * that namespace through those devices, default routes, and routes containing `client` (when
 * given). The executor arms its lockout guard when this is not empty. Pure; [] when the address
 * is on no link of the model (a NAT or port-forward in front of the host).
 */
export function touchesPath(
  plan: Plan,
  current: HostModel,
  opts: { address: string; client?: string },
): string[] {
  const want = canonicalIp(opts.address) ?? opts.address;
  const ix = indexModel(current);
  const onPath = new Set<string>();
  const bridges = new Set<string>();
  const devs = new Map<string, Set<string>>();
  const seen = new Set<string>();

  const addBridge = (name: string) => {
    if (bridges.has(name)) return;
    bridges.add(name);
    const bridge = ix.bridgeByName.get(name);
    if (!bridge) return;
    onPath.add(bridge.id);
    for (const portId of bridge.ports) {
      onPath.add(portId);
      for (const ifaceId of ix.ports.get(portId)?.interfaces ?? []) {
        onPath.add(ifaceId);
        const iface = ix.ifaces.get(ifaceId);
        // The uplink's own device: deleting or moving it cuts the bridge off.
        if (iface) onPath.add(`link:/${iface.name}`);
      }
    }
  };
  const addLink = (e: LinkEntry) => {
    if (seen.has(e.link.id)) return;
    seen.add(e.link.id);
    onPath.add(e.link.id);
    const names = devs.get(e.ns.name) ?? new Set<string>();
    names.add(e.link.name);
    devs.set(e.ns.name, names);
    if (!e.ns.isRoot) onPath.add(e.ns.id);
    if (e.link.master && e.link.master !== 'ovs-system') {
      const master = ix.links.get(`link:${e.ns.name}/${e.link.master}`);
      if (master) addLink(master);
    }
    const iface = ix.ifaceByName.get(e.link.name);
    if (iface && (e.ns.isRoot || iface.type === 'internal')) {
      onPath.add(iface.id);
      if (iface.port) onPath.add(iface.port);
      if (iface.bridge) addBridge(iface.bridge);
    }
    const bridge = ix.bridgeByName.get(e.link.name);
    if (bridge && e.ns.isRoot) addBridge(bridge.name);
    if (e.link.kind === 'veth') {
      const peer = vethPeer(ix, e);
      if (peer) addLink(peer);
    }
  };

  for (const { ns, link, address } of ix.addresses.values()) {
    if ((canonicalIp(address.local) ?? address.local) !== want) continue;
    onPath.add(address.id);
    addLink({ ns, link });
  }
  if (onPath.size === 0) return [];

  const routeOnPath = (o: ModelObject): boolean => {
    const names = devs.get(o.namespace ?? '');
    if (!names) return false;
    const dev = o.fields.dev;
    const dst = String(o.fields.dst);
    return (
      (typeof dev === 'string' && names.has(dev)) ||
      dst === 'default' ||
      (opts.client !== undefined &&
        contains(dst.includes('/') ? dst : `${dst}/${dst.includes(':') ? 128 : 32}`, opts.client))
    );
  };
  for (const ns of current.namespaces) {
    if (!devs.has(ns.name)) continue;
    for (const r of ns.routes) {
      if (isHostAssignedRoute(r)) continue;
      if (
        (r.dev !== undefined && devs.get(ns.name)?.has(r.dev)) ||
        r.dst === 'default' ||
        (opts.client !== undefined &&
          contains(r.dst.includes('/') ? r.dst : `${r.dst}/${r.family === 'inet6' ? 128 : 32}`, opts.client))
      )
        onPath.add(r.id);
    }
  }

  const out = new Set<string>();
  const consider = (o: ModelObject, added: boolean) => {
    if (onPath.has(o.id)) out.add(o.id);
    else if (o.kind === 'flow' && typeof o.fields.bridge === 'string' && bridges.has(o.fields.bridge))
      out.add(o.id);
    else if (o.kind === 'address' && canonicalIp(String(o.fields.address).split('/')[0] ?? '') === want)
      out.add(o.id);
    else if (added && o.kind === 'route' && routeOnPath(o)) out.add(o.id);
    else if (added && o.kind === 'port' && bridges.has(String(o.fields.bridge ?? ''))) out.add(o.id);
  };
  for (const o of plan.diff.removed) consider(o, false);
  for (const c of plan.diff.changed) consider(c.after, false);
  for (const o of plan.diff.added) consider(o, true);
  return [...out];
}
