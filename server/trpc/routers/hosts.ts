import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
  HostIdInput,
  HostInput,
  HostInputError,
  HostNotFoundError,
  HostUpdateInput,
  TrustHostKeyInput,
} from '@/server/hosts';
import { SshError } from '@/server/ssh';
import { HostNameTakenError } from '@/server/storage';
import { publicProcedure, router } from '../init';

/** Service errors → tRPC codes; messages are already safe to show (no secrets). */
async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof HostNotFoundError)
      throw new TRPCError({ code: 'NOT_FOUND', message: err.message, cause: err });
    if (err instanceof HostNameTakenError)
      throw new TRPCError({ code: 'CONFLICT', message: err.message, cause: err });
    if (err instanceof HostInputError)
      throw new TRPCError({ code: 'BAD_REQUEST', message: err.message, cause: err });
    if (err instanceof SshError)
      throw new TRPCError({ code: 'BAD_GATEWAY', message: err.message, cause: err });
    throw err;
  }
}

export const hostsRouter = router({
  list: publicProcedure.query(({ ctx }) => mapErrors(() => ctx.services.hosts.list())),
  get: publicProcedure
    .input(HostIdInput)
    .query(({ ctx, input }) => mapErrors(() => ctx.services.hosts.get(input.id))),
  add: publicProcedure
    .input(HostInput)
    .mutation(({ ctx, input }) => mapErrors(() => ctx.services.hosts.add(input))),
  update: publicProcedure
    .input(HostUpdateInput)
    .mutation(({ ctx, input }) => mapErrors(() => ctx.services.hosts.update(input))),
  remove: publicProcedure
    .input(HostIdInput)
    .mutation(({ ctx, input }) => mapErrors(() => ctx.services.hosts.remove(input.id))),
  test: publicProcedure
    .input(HostIdInput)
    .mutation(({ ctx, input }) => mapErrors(() => ctx.services.hosts.test(input.id))),
  trustHostKey: publicProcedure
    .input(TrustHostKeyInput)
    .mutation(({ ctx, input }) => mapErrors(() => ctx.services.hosts.trustHostKey(input))),
  refresh: publicProcedure
    .input(HostIdInput)
    .mutation(({ ctx, input }) => mapErrors(() => ctx.services.hosts.refresh(input.id))),
  refreshAll: publicProcedure
    .input(z.void())
    .mutation(({ ctx }) => mapErrors(() => ctx.services.hosts.refreshAll())),
  model: publicProcedure
    .input(HostIdInput)
    .query(({ ctx, input }) => mapErrors(() => ctx.services.hosts.model(input.id))),
});
