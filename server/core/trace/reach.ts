import { z } from 'zod';
import { NamespaceName } from '../changes/edits';
import { linkId } from '../model/identity';

/**
 * A reachability check: from a namespace ('' = the root), ping an address and ask the kernel
 * which route it takes (`ip route get`). Unlike a trace it sends packets (three echo requests),
 * so it is an operator's action.
 */
export const ReachRequest = z.strictObject({
  namespace: NamespaceName.or(z.literal('')),
  address: z.union([z.ipv4(), z.ipv6()]),
});
export type ReachRequest = z.infer<typeof ReachRequest>;

/** Three echo requests 0.2 s apart, one second to answer each: a check, not a measurement. */
export const PING_COUNT = 3;

const inNamespace = (ns: string, argv: string[]): string[] =>
  ns === '' ? argv : ['ip', 'netns', 'exec', ns, ...argv];

export function pingArgv(r: ReachRequest): string[] {
  return inNamespace(r.namespace, [
    'ping',
    '-n',
    '-c',
    String(PING_COUNT),
    '-i',
    '0.2',
    '-W',
    '1',
    r.address,
  ]);
}

export function routeGetArgv(r: ReachRequest): string[] {
  return [...(r.namespace === '' ? ['ip'] : ['ip', '-n', r.namespace]), '-json', 'route', 'get', r.address];
}

export interface PingSummary {
  sent: number;
  received: number;
  /** Average round trip in ms; null when nothing came back. */
  rttAvgMs: number | null;
}

/** iputils' closing lines: `3 packets transmitted, 3 received, …` and `rtt min/avg/max/mdev = a/b/c/d ms`. */
export function parsePing(stdout: string): PingSummary | null {
  const counts = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(stdout);
  if (!counts) return null;
  const rtt = /= [\d.]+\/([\d.]+)\/[\d.]+\/[\d.]+ ms/.exec(stdout);
  return {
    sent: Number(counts[1]),
    received: Number(counts[2]),
    rttAvgMs: rtt?.[1] === undefined ? null : Number(rtt[1]),
  };
}

export interface RouteTaken {
  dev: string;
  gateway: string | null;
  src: string | null;
  /** The model id of the link it leaves by, for the graph. */
  linkId: string;
}

const RouteGet = z.array(
  z.object({ dev: z.string(), gateway: z.string().optional(), prefsrc: z.string().optional() }).loose(),
);

/** `ip -json route get`'s answer: the device, gateway and source address the kernel would use. */
export function parseRouteGet(namespace: string, stdout: string): RouteTaken | null {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return null;
  }
  const parsed = RouteGet.safeParse(json);
  const first = parsed.success ? parsed.data[0] : undefined;
  if (!first) return null;
  return {
    dev: first.dev,
    gateway: first.gateway ?? null,
    src: first.prefsrc ?? null,
    linkId: linkId(namespace, first.dev),
  };
}

export interface ReachResult extends ReachRequest {
  ping: PingSummary | null;
  /** What ping said when it could not run (no route, a bad address for the family…). */
  pingError: string | null;
  route: RouteTaken | null;
  routeError: string | null;
}
