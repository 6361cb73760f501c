import { type Cidr, contains, familyBits, formatCidr, networkOf, parseCidr } from '../../changes/cidr';
import type { Link, Namespace } from '../../model/schema';
import { routableAddresses } from '../addresses';
import type { Finding, LintContext } from '../types';

/** The routing domain of a link: its VRF when it is enslaved to one (or is one), else the namespace's main one. */
function vrfOf(ns: Namespace, link: Link): string {
  if (link.kind === 'vrf') return link.name;
  const master = ns.links.find((l) => l.name === link.master);
  return master?.kind === 'vrf' ? master.name : '';
}

interface Net {
  link: Link;
  vrf: string;
  net: Cidr;
}

/**
 * Subnets of a namespace's links. Host addresses (/32, /128) and point-to-point addresses are left
 * out: they add one host route, not a subnet, and anycast or VIP addresses on another link are
 * made that way on purpose.
 */
function subnets(ns: Namespace): Net[] {
  return ns.links.flatMap((link) =>
    routableAddresses(link).flatMap((a): Net[] => {
      const cidr = parseCidr(`${a.local}/${a.prefixlen}`);
      if (!cidr || a.address !== undefined || cidr.prefixlen === familyBits(cidr.family)) return [];
      return [{ link, vrf: vrfOf(ns, link), net: networkOf(cidr) }];
    }),
  );
}

/** subnet-overlap: two links of one namespace (and VRF) whose subnets overlap. */
export function subnetOverlap(ctx: LintContext): Finding[] {
  return ctx.model.namespaces.flatMap((ns) => {
    const nets = subnets(ns);
    const where = ns.isRoot ? 'the root namespace' : `namespace ${ns.name}`;
    const out: Finding[] = [];
    nets.forEach((a, i) => {
      for (const b of nets.slice(i + 1)) {
        if (a.link === b.link || a.vrf !== b.vrf || a.net.family !== b.net.family) continue;
        const [wide, narrow] = a.net.prefixlen <= b.net.prefixlen ? [a, b] : [b, a];
        if (!contains(wide.net, { family: narrow.net.family, value: narrow.net.addr })) continue;
        const same = wide.net.prefixlen === narrow.net.prefixlen;
        out.push({
          rule: 'subnet-overlap',
          severity: 'warning',
          objects: [ns.id, wide.link.id, narrow.link.id],
          title: `${formatCidr(wide.net)} on ${wide.link.name} ${same ? 'is also' : 'overlaps'} ${formatCidr(narrow.net)} on ${narrow.link.name} in ${where}`,
          explanation:
            `${where} believes the addresses of ${formatCidr(narrow.net)} are directly on ${same ? 'both links' : `${narrow.link.name} (the more specific route) and on ${wide.link.name}`}. ` +
            'The kernel picks one link for them, so hosts with those addresses on the other link are unreachable ' +
            'or get their replies through the wrong one, and ARP/neighbour discovery asks on the wrong wire. ' +
            'Usually a mistyped prefix length or one network configured twice: renumber one side, or put one link in its own namespace or VRF.',
        });
      }
    });
    return out;
  });
}
