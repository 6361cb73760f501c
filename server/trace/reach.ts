import { shJoin } from '@/server/core/changes/shell-quote';
import {
  parsePing,
  parseRouteGet,
  pingArgv,
  ReachRequest,
  type ReachResult,
  routeGetArgv,
} from '@/server/core/trace/reach';
import type { SshPool, SshTarget } from '@/server/ssh';
import { validRequest } from './errors';

/** First line of a command's complaint, for the operator. */
const firstLine = (text: string): string => text.trim().split('\n')[0]?.slice(0, 300) ?? '';

/**
 * Pings an address from a namespace of the host and asks which route it takes, both at once.
 * The request is validated before anything runs; a ping nobody answers is a result (received 0),
 * not an error.
 */
export async function runReach(pool: SshPool, target: SshTarget, input: unknown): Promise<ReachResult> {
  const r = validRequest(ReachRequest, input, 'reachability check');
  const exec = { timeoutMs: 15_000 };
  const [ping, route] = await Promise.all([
    pool.exec(target, shJoin(pingArgv(r)), exec),
    pool.exec(target, shJoin(routeGetArgv(r)), exec),
  ]);
  const summary = parsePing(ping.stdout);
  const taken = route.code === 0 ? parseRouteGet(r.namespace, route.stdout) : null;
  return {
    ...r,
    ping: summary,
    // ping exits 1 when no reply came (a result) and 2 when it could not send (an error).
    pingError: summary ? null : firstLine(ping.stderr || ping.stdout) || `ping exited ${ping.code}`,
    route: taken,
    routeError: taken ? null : firstLine(route.stderr) || 'no route answer',
  };
}
