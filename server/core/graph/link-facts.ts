import type { Namespace, Route } from '../model';

/**
 * What an operator looks for on a kernel link without opening the inspector, as label lines by
 * link id: its address (`10.0.0.1/24`, `+1` when it has more) and, on the link the namespace's
 * default route leaves by, `default via <gateway>`. Link-local and host-scope addresses are left
 * out: every IPv6 link has one, they say nothing about where the link is.
 */
export function linkFacts(ns: Namespace): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (linkId: string, line: string) => {
    const lines = out.get(linkId);
    if (lines) lines.push(line);
    else out.set(linkId, [line]);
  };
  for (const link of ns.links) {
    const shown = link.addresses.filter((a) => a.scope !== 'link' && a.scope !== 'host');
    const first = shown[0];
    if (first)
      add(link.id, `${first.local}/${first.prefixlen}${shown.length > 1 ? ` +${shown.length - 1}` : ''}`);
  }
  const byName = new Map(ns.links.map((l) => [l.name, l.id]));
  for (const route of ns.routes.filter(isDefault))
    for (const hop of route.nexthops?.length ? route.nexthops : [route]) {
      const linkId = hop.dev === undefined ? undefined : byName.get(hop.dev);
      if (linkId) add(linkId, hop.gateway ? `default via ${hop.gateway}` : 'default route');
    }
  return out;
}

/** The main table's default route (other tables are chosen by rules: the inspector shows them). */
const isDefault = (r: Route) =>
  r.table === 'main' &&
  r.type === 'unicast' &&
  (r.dst === 'default' || r.dst === '0.0.0.0/0' || r.dst === '::/0');
