import { shJoin } from '@/server/core/changes/shell-quote';
import {
  buildTracePath,
  flowText,
  parseTraceText,
  type TracePath,
  TraceRequest,
  traceArgv,
} from '@/server/core/trace';
import type { ExecOptions, SshPool, SshTarget } from '@/server/ssh';
import { TraceError, validRequest } from './errors';
import { explainFailure } from './explain';
import { traceHelpers } from './helpers';

export type TraceRunOptions = Pick<ExecOptions, 'timeoutMs' | 'signal'>;

/**
 * Traces one packet on a host: `ovs-appctl ofproto/trace` (read-only: no packet is given, so
 * nothing is executed), with `ovs-appctl dpif/show` for port numbers and the OVSDB read for port
 * VLAN settings beside it (./helpers.ts: dpif/show is reused while the host's ports are unchanged).
 * The request is validated before anything runs.
 */
export async function runTrace(
  pool: SshPool,
  target: SshTarget,
  input: unknown,
  opts: TraceRunOptions = {},
): Promise<TracePath> {
  const request = validRequest(TraceRequest, input, 'trace request');
  const argv = traceArgv(request);
  const exec = { timeoutMs: opts.timeoutMs ?? 30_000, signal: opts.signal };
  const [trace, { dpif, ovs }] = await Promise.all([
    pool.exec(target, shJoin(argv), exec),
    traceHelpers(pool, target, exec),
  ]);
  if (trace.code !== 0)
    throw explainFailure({
      host: target.name,
      user: target.user ?? 'the login user',
      bridge: request.bridge,
      inPort: request.packet.in_port,
      code: trace.code,
      stderr: trace.stderr,
      ovs,
    });
  const text = parseTraceText(trace.stdout);
  if (text.passes.length === 0)
    throw new TraceError(
      'TRACE_FAILED',
      `ofproto/trace on ${target.name} printed no trace: ${text.errors.join(' ').slice(0, 300)}`,
    );
  const path = buildTracePath({
    host: target.name,
    bridge: request.bridge,
    flow: flowText(request.packet),
    trace: text,
    dpif: dpif.code === 0 ? dpif.stdout : '',
    ovs,
  });
  if (dpif.code !== 0)
    path.warnings.push(`dpif/show failed (${dpif.stderr.trim()}): ports are shown by number`);
  return path;
}
