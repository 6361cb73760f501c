import { z } from 'zod';
import { HostIdInput, HostInput, HostUpdateInput, TrustHostKeyInput } from '@/server/hosts';
import { procedure, router } from '../init';

export const hostsRouter = router({
  list: procedure('viewer').query(({ ctx }) => ctx.services.hosts.list()),
  get: procedure('viewer')
    .input(HostIdInput)
    .query(({ ctx, input }) => ctx.services.hosts.get(input.id)),
  model: procedure('viewer')
    .input(HostIdInput)
    .query(({ ctx, input }) => ctx.services.hosts.model(input.id)),
  refresh: procedure('operator')
    .input(HostIdInput)
    .mutation(({ ctx, input }) => ctx.services.hosts.refresh(input.id)),
  refreshAll: procedure('operator')
    .input(z.void())
    .mutation(({ ctx }) => ctx.services.hosts.refreshAll()),
  add: procedure('admin', 'hosts.add')
    .input(HostInput)
    .mutation(({ ctx, input }) => ctx.services.hosts.add(input)),
  update: procedure('admin', 'hosts.update')
    .input(HostUpdateInput)
    .mutation(({ ctx, input }) => ctx.services.hosts.update(input)),
  remove: procedure('admin', 'hosts.remove')
    .input(HostIdInput)
    .mutation(({ ctx, input }) => ctx.services.hosts.remove(input.id)),
  test: procedure('admin', 'hosts.test')
    .input(HostIdInput)
    .mutation(({ ctx, input }) => ctx.services.hosts.test(input.id)),
  trustHostKey: procedure('admin', 'hosts.trustHostKey')
    .input(TrustHostKeyInput)
    .mutation(({ ctx, input }) => ctx.services.hosts.trustHostKey(input)),
});
