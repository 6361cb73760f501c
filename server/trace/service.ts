import { z } from 'zod';
import { type TracePath, TraceRequest } from '@/server/core/trace';
import { ReachRequest, type ReachResult } from '@/server/core/trace/reach';
import { HostId, HostNotFoundError, targetOf } from '@/server/hosts';
import type { SshPool, SshTarget } from '@/server/ssh';
import type { HostStore } from '@/server/storage';
import { runReach } from './reach';
import { runTrace } from './run';

type TraceServices = { hostStore: HostStore; ssh: SshPool };

/** The API's input: an inventory host and what to trace on it. */
export const TraceRunInput = z.strictObject({ hostId: HostId, request: TraceRequest });
export type TraceRunInput = z.infer<typeof TraceRunInput>;

export const ReachRunInput = z.strictObject({ hostId: HostId, request: ReachRequest });
export type ReachRunInput = z.infer<typeof ReachRunInput>;

/** Runs on an inventory host, reached the way every service reaches it (targetOf). */
async function onHost<T>(
  services: TraceServices,
  hostId: string,
  run: (pool: SshPool, target: SshTarget) => Promise<T>,
): Promise<T> {
  const host = await services.hostStore.get(hostId);
  if (!host) throw new HostNotFoundError(hostId);
  return run(services.ssh, targetOf(host));
}

/** Traces a packet on an inventory host. */
export const traceHost = (services: TraceServices, input: TraceRunInput): Promise<TracePath> =>
  onHost(services, input.hostId, (pool, target) => runTrace(pool, target, input.request));

/** A reachability check (ping and route) from a namespace of an inventory host. */
export const reachHost = (services: TraceServices, input: ReachRunInput): Promise<ReachResult> =>
  onHost(services, input.hostId, (pool, target) => runReach(pool, target, input.request));
