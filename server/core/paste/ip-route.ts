import { routeId, uniquifyIds } from '../model/identity';
import type { Route } from '../model/schema';
import type { ArrayParse } from '../parsers/json-array';

/**
 * Plain `ip route` text (`ip -6 route`, `ip route show table all`) → the Route shape `ip -json
 * route` gives (server/core/parsers/ip-routes.ts): the main table and unicast made explicit,
 * metrics and preferences ip prints but the model does not keep skipped.
 */

const TYPES = new Set([
  'unicast',
  'local',
  'broadcast',
  'multicast',
  'unreachable',
  'blackhole',
  'prohibit',
  'throw',
  'anycast',
  'nat',
]);
const FLAGS = new Set([
  'onlink',
  'pervasive',
  'linkdown',
  'dead',
  'offload',
  'trap',
  'notify',
  'unresolved',
  'rt_offload',
  'rt_trap',
  'rt_offload_failed',
]);
/** Words followed by a value the model does not keep (route metrics, lifetimes, selectors). */
const SKIPPED_VALUES = new Set([
  'pref',
  'expires',
  'mtu',
  'advmss',
  'rtt',
  'rttvar',
  'reordering',
  'window',
  'cwnd',
  'initcwnd',
  'initrwnd',
  'ssthresh',
  'realms',
  'hoplimit',
  'features',
  'quickack',
  'congctl',
  'rto_min',
  'fastopen_no_cookie',
  'nhid',
  'from',
  'tos',
  'dsfield',
  'weight',
  'ttl-propagate',
  'error',
  'uid',
]);
const IPV6 = '[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*';
const IPV4 = String.raw`[0-9]+(?:\.[0-9]+){3}`;
const DESTINATION = new RegExp(String.raw`^(?:default|${IPV4}(?:/\d+)?|${IPV6}(?:/\d+)?)$`, 'i');
const ADDRESS = new RegExp(`^(?:${IPV4}|${IPV6})$`, 'i');

interface Hop {
  gateway?: string;
  dev?: string;
}

/** `via [inet|inet6] ADDR`, `dev X` and the rest of one route or next hop, from word `i` on. */
function readWords(tokens: string[], start: number, route: Route | null, hop: Hop): string | null {
  for (let i = start; i < tokens.length; i++) {
    const word = tokens[i] as string;
    const value = tokens[i + 1];
    if (word === 'via') {
      const address = value === 'inet' || value === 'inet6' ? tokens[++i + 1] : value;
      if (address === undefined || !ADDRESS.test(address))
        return `via needs an address, got "${address ?? ''}"`;
      hop.gateway = address;
      i++;
    } else if (word === 'dev' && value !== undefined) {
      hop.dev = value;
      i++;
    } else if (route && value !== undefined && ['proto', 'scope', 'src', 'metric', 'table'].includes(word)) {
      i++;
      if (word === 'proto') route.protocol = value;
      else if (word === 'scope') route.scope = value;
      else if (word === 'src') route.prefsrc = value;
      else if (word === 'table') route.table = value;
      else {
        const metric = Number(value);
        if (!Number.isInteger(metric)) return `metric "${value}" is not a number`;
        route.metric = metric;
      }
    } else if (route && FLAGS.has(word)) route.flags.push(word);
    else if (SKIPPED_VALUES.has(word)) i++;
    // Anything else (`lock`, a newer keyword) is a word the model does not keep.
  }
  return null;
}

const familyOf = (route: Route): 'inet' | 'inet6' =>
  route.dst.includes(':') || route.gateway?.includes(':') ? 'inet6' : 'inet';

export function parseIpRouteText(text: string, ns: string, family?: 'inet' | 'inet6'): ArrayParse<Route> {
  const routes: Route[] = [];
  const errors: string[] = [];
  let last: Route | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const tokens = line.split(/\s+/);
    if (tokens[0] === 'nexthop' && last) {
      const hop: Hop = {};
      const error = readWords(tokens, 1, null, hop);
      if (error) errors.push(`${error}: ${line.slice(0, 200)}`);
      else last.nexthops = [...(last.nexthops ?? []), hop];
      continue;
    }
    const typed = TYPES.has(tokens[0] as string);
    const dst = tokens[typed ? 1 : 0];
    if (dst === undefined || !DESTINATION.test(dst)) {
      errors.push(`not ip route output: ${line.slice(0, 200)}`);
      last = null;
      continue;
    }
    const route: Route = {
      id: '',
      family: family ?? 'inet',
      table: 'main',
      type: typed ? (tokens[0] as string) : 'unicast',
      dst,
      flags: [],
    };
    const hop: Hop = {};
    const error = readWords(tokens, typed ? 2 : 1, route, hop);
    if (error) {
      errors.push(`${error}: ${line.slice(0, 200)}`);
      last = null;
      continue;
    }
    if (hop.gateway !== undefined) route.gateway = hop.gateway;
    if (hop.dev !== undefined) route.dev = hop.dev;
    // `ip route` without -6 prints IPv4 only; a paste without its command says it by its addresses.
    route.family = family ?? familyOf(route);
    routes.push(route);
    last = route;
  }
  const withIds = routes.map((r) => ({ ...r, id: routeId(ns, r.table, r.family, r.dst, r.metric) }));
  return { items: uniquifyIds(withIds), errors };
}
