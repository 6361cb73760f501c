import { createCallerFactory, router } from '@/server/trpc/init';
import { hostsRouter } from '@/server/trpc/routers/hosts';

export const appRouter = router({
  hosts: hostsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
