import { z } from 'zod';
import { type TracePath, TraceRequest } from '@/server/core/trace';
import { ReachRequest, type ReachResult } from '@/server/core/trace/reach';
import { HostId, HostNotFoundError, targetOf } from '@/server/hosts';
import type { SshPool } from '@/server/ssh';
import type { HostStore } from '@/server/storage';
import { runReach } from './reach';
import { runTrace } from './run';

/** The API's input: an inventory host and what to trace on it. */
export const TraceRunInput = z.strictObject({ hostId: HostId, request: TraceRequest });
export type TraceRunInput = z.infer<typeof TraceRunInput>;

/** Traces a packet on an inventory host, reached the way every service reaches it (targetOf). */
export async function traceHost(
  services: { hostStore: HostStore; ssh: SshPool },
  input: TraceRunInput,
): Promise<TracePath> {
  const host = await services.hostStore.get(input.hostId);
  if (!host) throw new HostNotFoundError(input.hostId);
  return runTrace(services.ssh, targetOf(host), input.request);
}

export const ReachRunInput = z.strictObject({ hostId: HostId, request: ReachRequest });
export type ReachRunInput = z.infer<typeof ReachRunInput>;

/** A reachability check (ping and route) from a namespace of an inventory host. */
export async function reachHost(
  services: { hostStore: HostStore; ssh: SshPool },
  input: ReachRunInput,
): Promise<ReachResult> {
  const host = await services.hostStore.get(input.hostId);
  if (!host) throw new HostNotFoundError(input.hostId);
  return runReach(services.ssh, targetOf(host), input.request);
}
