import { type Cidr, contains, familyBits, type IpAddr, parseCidr, parseIp } from '../changes/cidr';
import type { Link, Namespace, Route, Rule } from '../model/schema';

/**
 * Where a namespace sends packets to one address, following its policy rules and longest-prefix
 * match as the kernel does. A small helper that would sit well in relations/ if the UI wants to
 * show paths. Answers null whenever the model cannot tell (a rule matching on fwmark or the
 * incoming interface, a route without a device): a caller then says nothing rather than guess.
 */

/** What decides a packet's way besides its addresses: lint cannot know these, so such rules are undecidable. */
const ADDRESS_KEYS = new Set(['src', 'srclen', 'dst', 'dstlen', 'not', 'suppress_prefixlen']);

function selectorPrefix(addr: unknown, len: unknown, family: IpAddr['family']): Cidr | null | 'all' {
  if (addr === undefined || addr === 'all') return 'all';
  if (typeof addr !== 'string') return null;
  return parseCidr(`${addr}/${typeof len === 'number' ? len : familyBits(family)}`);
}

/** Whether a rule selects the packet; null when that depends on something but its addresses. */
function ruleApplies(rule: Rule, dst: IpAddr, src: IpAddr | null): boolean | null {
  if (Object.keys(rule.selector).some((k) => !ADDRESS_KEYS.has(k))) return null;
  const s = rule.selector;
  const srcPrefix = selectorPrefix(s.src, s.srclen, dst.family);
  const dstPrefix = selectorPrefix(s.dst, s.dstlen, dst.family);
  if (srcPrefix === null || dstPrefix === null) return null;
  if (srcPrefix !== 'all' && src === null) return null;
  const hit =
    (srcPrefix === 'all' || (src !== null && contains(srcPrefix, src))) &&
    (dstPrefix === 'all' || contains(dstPrefix, dst));
  return s.not === true ? !hit : hit;
}

function routePrefix(route: Route, family: IpAddr['family']): Cidr | null {
  if (route.dst === 'default') return { family, addr: 0n, prefixlen: 0 };
  return parseCidr(route.dst.includes('/') ? route.dst : `${route.dst}/${familyBits(family)}`);
}

/** The longest-prefix (then lowest-metric) route of one table toward dst. */
function bestRoute(ns: Namespace, table: string, dst: IpAddr, maxIgnoredLen: number): Route | undefined {
  let best: { route: Route; len: number } | undefined;
  for (const route of ns.routes) {
    if (route.table !== table || route.family !== dst.family) continue;
    const prefix = routePrefix(route, dst.family);
    if (!prefix || !contains(prefix, dst) || prefix.prefixlen <= maxIgnoredLen) continue;
    const better =
      !best ||
      prefix.prefixlen > best.len ||
      (prefix.prefixlen === best.len && (route.metric ?? 0) < (best.route.metric ?? 0));
    if (better) best = { route, len: prefix.prefixlen };
  }
  return best?.route;
}

/** Without rules in the model, the kernel's default rule set. */
const DEFAULT_TABLES = ['local', 'main', 'default'];

/**
 * The links packets to `dst` leave through (several for a multipath route); [] when the namespace
 * has no route or refuses them (unreachable, blackhole, prohibit); null when it cannot be told.
 */
export function egressLinks(ns: Namespace, dst: string, src: string | null = null): Link[] | null {
  const to = parseIp(dst);
  const from = src === null ? null : parseIp(src);
  if (!to) return null;
  const rules = ns.rules.filter((r) => r.family === to.family).sort((a, b) => a.priority - b.priority);
  const steps =
    rules.length > 0
      ? rules
      : DEFAULT_TABLES.map(
          (table): Rule => ({
            id: '',
            family: to.family,
            priority: 0,
            selector: {},
            action: 'lookup',
            table,
          }),
        );
  for (const rule of steps) {
    const applies = ruleApplies(rule, to, from);
    if (applies === null) return null;
    if (!applies) continue;
    if (rule.action !== 'lookup' || rule.table === undefined)
      return ['unreachable', 'blackhole', 'prohibit'].includes(rule.action) ? [] : null;
    const suppress = rule.selector.suppress_prefixlen;
    const route = bestRoute(ns, rule.table, to, typeof suppress === 'number' ? suppress : -1);
    // No route here, or a `throw` route: the kernel goes on with the next rule.
    if (!route || route.type === 'throw') continue;
    if (route.type !== 'unicast' && route.type !== 'local') return [];
    const names = route.dev !== undefined ? [route.dev] : (route.nexthops ?? []).map((h) => h.dev);
    const links = names.flatMap((name) => ns.links.filter((l) => l.name === name));
    return names.length > 0 && links.length === names.length ? links : null;
  }
  return [];
}
