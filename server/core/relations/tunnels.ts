import { TUNNEL_INTERFACE_TYPES } from '../model/constants';
import type { HostModel } from '../model/schema';
import type { KnownHost, TunnelEndpoint } from './types';

const bare = (address: string): string => address.split('/')[0]?.toLowerCase() ?? '';

/** Tunnel interfaces and the known host that owns each remote_ip. */
export function tunnels(model: HostModel, knownHosts: KnownHost[] = []): TunnelEndpoint[] {
  const owner = new Map<string, string>();
  for (const host of knownHosts)
    for (const a of host.addresses) if (!owner.has(bare(a))) owner.set(bare(a), host.name);
  return (model.ovs?.interfaces ?? [])
    .filter((i) => TUNNEL_INTERFACE_TYPES.includes(i.type))
    .map((iface) => {
      const remoteIp = iface.options.remote_ip ?? null;
      return {
        id: `tunnel:${iface.id}`,
        iface: iface.id,
        type: iface.type,
        remoteIp,
        localIp: iface.options.local_ip ?? null,
        remoteHost: remoteIp === null || remoteIp === 'flow' ? null : (owner.get(bare(remoteIp)) ?? null),
      };
    });
}

/** Global addresses of a host's root namespace: what other hosts' tunnels may point at. */
export function hostAddresses(model: HostModel): string[] {
  const root = model.namespaces.find((n) => n.isRoot);
  return (root?.links ?? []).flatMap((l) =>
    l.addresses.filter((a) => a.scope === undefined || a.scope === 'global').map((a) => a.local),
  );
}
