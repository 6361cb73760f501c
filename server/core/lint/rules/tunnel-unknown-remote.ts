import { hostAddresses } from '../../relations';
import type { Finding, LintContext } from '../types';

const bare = (address: string) => address.split('/')[0]?.toLowerCase() ?? '';

/**
 * tunnel-unknown-remote: a tunnel whose remote_ip no known host owns. Silent unless the caller
 * named the known hosts; the host's own addresses count as known.
 */
export function tunnelUnknownRemote(ctx: LintContext): Finding[] {
  if (ctx.knownHosts === null) return [];
  const own = new Set(hostAddresses(ctx.model).map(bare));
  return ctx.relations.tunnels.flatMap((t): Finding[] => {
    const ip = t.remoteIp;
    if (ip === null || ip === 'flow' || t.remoteHost !== null || own.has(bare(ip))) return [];
    const iface = ctx.devices.ifaces.get(t.iface);
    const name = iface?.name ?? t.iface;
    return [
      {
        rule: 'tunnel-unknown-remote',
        severity: 'info',
        objects: [t.iface, ...(iface?.port ? [iface.port] : [])],
        title: `${t.type} tunnel ${name} points at ${ip}, which no known host owns`,
        explanation:
          `No host Patchbay knows has ${ip}. That is fine for a peer outside Patchbay (a hardware VTEP, ` +
          'another site); otherwise the address is stale or mistyped and the tunnel carries traffic nowhere.',
      },
    ];
  });
}
