import { ReachRunInput, reachHost, TraceRunInput, traceHost } from '@/server/trace';
import { procedure, router } from '../init';

/** Packet traces (docs/trace.md): read-only on the host, so viewers may run them. */
export const traceRouter = router({
  // A mutation: each call runs commands on the host, so it must never be refetched or retried on its own.
  run: procedure('viewer')
    .input(TraceRunInput)
    .mutation(({ ctx, input }) => traceHost(ctx.services, input)),
  // Sends three echo requests from the host: an operator's action, not a viewer's.
  reach: procedure('operator', 'trace.reach')
    .input(ReachRunInput)
    .mutation(({ ctx, input }) => reachHost(ctx.services, input)),
});
