import { routableAddresses } from '../addresses';
import type { Finding, LintContext } from '../types';
import { andList } from '../words';

const FAMILIES = [
  { family: 'inet', name: 'IPv4' },
  { family: 'inet6', name: 'IPv6' },
];

/**
 * router-no-default: a namespace with routable addresses of one family on two or more links (so
 * it sits between networks, like a router) and no default route of that family in any table. A
 * default in any table counts, even one only some rules reach, and so does an explicit
 * unreachable/blackhole default: both are decisions, not omissions.
 */
export function routerNoDefault(ctx: LintContext): Finding[] {
  return ctx.model.namespaces.flatMap((ns) => {
    const routable = ns.links.map((link) => ({ link, addresses: routableAddresses(link) }));
    return FAMILIES.flatMap(({ family, name }): Finding[] => {
      const links = routable.filter((r) => r.addresses.some((a) => a.family === family)).map((r) => r.link);
      if (links.length < 2) return [];
      if (ns.routes.some((r) => r.family === family && r.dst === 'default' && r.table !== 'local')) return [];
      const where = ns.isRoot ? 'the root namespace' : `namespace ${ns.name}`;
      return [
        {
          rule: 'router-no-default',
          severity: 'warning',
          objects: [ns.id, ...links.map((l) => l.id)],
          title: `${where} has ${name} addresses on ${links.length} links but no ${name} default route`,
          explanation:
            `${andList(links.map((l) => l.name))} connect ${where} to ${links.length} networks, so it is placed like a router, ` +
            `but no routing table has an ${name} default route. It reaches only the networks it is on and those ` +
            'with explicit routes; anything else, including replies to hosts further away, gets "network unreachable". ' +
            'Add a default route via the upstream gateway (which one is yours to choose), or an explicit unreachable default if this is intended.',
        },
      ];
    });
  });
}
