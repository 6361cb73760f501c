import { z } from 'zod';
import { HostId } from '@/server/hosts/schema';
import { procedure, router, sessionOf } from '../init';

const Id = z.uuid();

/** Edits → plan → apply, and the record of every run (docs/changes.md). */
export const changesRouter = router({
  plan: procedure('operator', 'changes.plan')
    .input(z.object({ hostId: HostId, edits: z.array(z.unknown()).max(5000) }))
    .mutation(({ ctx, input }) =>
      ctx.services.changes.plan(input.hostId, input.edits, sessionOf(ctx).user.name),
    ),
  getPlan: procedure('viewer')
    .input(z.object({ id: Id }))
    .query(({ ctx, input }) => ctx.services.changes.getPlan(input.id)),
  // 'apply' is reserved by tRPC routers (Function.prototype.apply).
  applyPlan: procedure('operator', 'changes.apply')
    .input(z.object({ planId: Id }))
    .mutation(({ ctx, input }) => ctx.services.changes.apply(input.planId, sessionOf(ctx).user.name)),
  /** Server-sent events; leaving stops the stream, never the apply. */
  progress: procedure('operator')
    .input(z.object({ runId: Id }))
    .subscription(async function* ({ ctx, input, signal }) {
      yield* ctx.services.changes.progress(input.runId, signal);
    }),
  runs: procedure('viewer')
    .input(z.object({ hostId: HostId.optional(), limit: z.number().int().min(1).max(500).optional() }))
    .query(({ ctx, input }) => ctx.services.changes.runs(input)),
  run: procedure('viewer')
    .input(z.object({ id: Id }))
    .query(({ ctx, input }) => ctx.services.changes.run(input.id)),
});
