import { canonicalIp } from '../../changes/cidr';
import { routableAddresses } from '../addresses';
import { deviceLabel } from '../devices';
import type { Finding, LintContext } from '../types';
import { andList } from '../words';

/** dup-ip: one IP address on two links of one L2 domain. */
export function dupIp(ctx: LintContext): Finding[] {
  const d = ctx.devices;
  return ctx.l2.domains.flatMap((domain) => {
    const holders = new Map<string, Set<string>>();
    for (const id of domain.devices) {
      const ref = d.links.get(id);
      for (const a of ref ? routableAddresses(ref.link) : []) {
        const ip = canonicalIp(a.local) ?? a.local;
        holders.set(ip, (holders.get(ip) ?? new Set()).add(id));
      }
    }
    return [...holders]
      .filter(([, ids]) => ids.size > 1)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([ip, set]): Finding => {
        const ids = [...set].sort();
        const names = andList(ids.map((id) => deviceLabel(d, id)));
        return {
          rule: 'dup-ip',
          severity: 'error',
          objects: ids,
          title: `${ip} is on ${names} in ${domain.label}`,
          explanation:
            `${names} claim ${ip} in one L2 domain (${domain.label}). Neighbours cache whichever answered ` +
            'ARP or neighbour discovery last, so traffic for the address flips between the two: sessions ' +
            'reset and half the hosts reach the wrong one. Remove the address from one of them (a failover ' +
            'setup such as keepalived must hold it on one side only).',
        };
      });
  });
}
