import { createCallerFactory, router } from '@/server/trpc/init';
import { auditRouter } from './audit';
import { authRouter } from './auth';
import { changesRouter } from './changes';
import { hostsRouter } from './hosts';
import { layoutRouter } from './layout';
import { snapshotsRouter } from './snapshots';
import { traceRouter } from './trace';
import { usersRouter } from './users';

export const appRouter = router({
  auth: authRouter,
  hosts: hostsRouter,
  changes: changesRouter,
  users: usersRouter,
  audit: auditRouter,
  trace: traceRouter,
  snapshots: snapshotsRouter,
  layout: layoutRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
