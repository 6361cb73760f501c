import { z } from 'zod';
import { routeId, uniquifyIds } from '../model/identity';
import type { Route } from '../model/schema';
import { type ArrayParse, parseJsonArray } from './json-array';

const Nexthop = z.looseObject({ gateway: z.string().optional(), dev: z.string().optional() });

const IpRoute = z.looseObject({
  type: z.string().optional(),
  dst: z.string(),
  gateway: z.string().optional(),
  via: z.looseObject({ host: z.string().optional() }).optional(),
  dev: z.string().optional(),
  table: z.union([z.string(), z.number()]).optional(),
  protocol: z.union([z.string(), z.number()]).optional(),
  scope: z.union([z.string(), z.number()]).optional(),
  metric: z.number().optional(),
  prefsrc: z.string().optional(),
  flags: z.array(z.string()).optional(),
  nexthops: z.array(Nexthop).optional(),
});

/**
 * Parses `ip -json -<4|6> route show table all` of namespace `ns`. ip omits `table` for the main
 * table and `type` for unicast routes; both are made explicit here.
 */
export function parseIpRoutes(text: string, ns: string, family: 'inet' | 'inet6'): ArrayParse<Route> {
  const parsed = parseJsonArray(text, IpRoute, `route ${family}`);
  const routes = parsed.items.map((r): Route => {
    const table = String(r.table ?? 'main');
    const route: Route = {
      id: routeId(ns, table, family, r.dst, r.metric),
      family,
      table,
      type: r.type ?? 'unicast',
      dst: r.dst,
      flags: r.flags ?? [],
    };
    const gateway = r.gateway ?? r.via?.host;
    if (gateway !== undefined) route.gateway = gateway;
    if (r.dev !== undefined) route.dev = r.dev;
    if (r.protocol !== undefined) route.protocol = String(r.protocol);
    if (r.scope !== undefined) route.scope = String(r.scope);
    if (r.metric !== undefined) route.metric = r.metric;
    if (r.prefsrc !== undefined) route.prefsrc = r.prefsrc;
    if (r.nexthops)
      route.nexthops = r.nexthops.map((h) => ({
        ...(h.gateway ? { gateway: h.gateway } : {}),
        ...(h.dev ? { dev: h.dev } : {}),
      }));
    return route;
  });
  return { items: uniquifyIds(routes), errors: parsed.errors };
}
