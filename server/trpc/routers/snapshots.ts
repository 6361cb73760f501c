import {
  CompareInput,
  CreateShareInput,
  ListSnapshotsInput,
  planRestore,
  RestorePlanInput,
  ScheduleInput,
  ShareIdInput,
  ShareTokenInput,
  SnapshotIdInput,
  TakeSnapshotInput,
  UpdateSnapshotInput,
} from '@/server/snapshots';
import { procedure, router, sessionOf } from '../init';

const SnapshotOnlyCompare = CompareInput.refine(
  (c) => 'snapshotId' in c.from && 'snapshotId' in c.to,
  'comparing with live hosts reads them: use compareLive (operator)',
);

/** Snapshots, their comparisons and share links (docs/snapshots.md). */
export const snapshotsRouter = router({
  list: procedure('viewer')
    .input(ListSnapshotsInput)
    .query(({ ctx, input }) => ctx.services.snapshots.list(input.hostName)),
  get: procedure('viewer')
    .input(SnapshotIdInput)
    .query(({ ctx, input }) => ctx.services.snapshots.get(input.id)),
  take: procedure('operator', 'snapshots.take')
    .input(TakeSnapshotInput)
    .mutation(({ ctx, input }) => ctx.services.snapshots.take(input, { who: sessionOf(ctx).user.name })),
  update: procedure('operator', 'snapshots.update')
    .input(UpdateSnapshotInput)
    .mutation(({ ctx, input }) => ctx.services.snapshots.update(input.id, input)),
  remove: procedure('operator', 'snapshots.remove')
    .input(SnapshotIdInput)
    .mutation(({ ctx, input }) => ctx.services.snapshots.remove(input.id)),
  compare: procedure('viewer')
    .input(SnapshotOnlyCompare)
    .query(({ ctx, input }) => ctx.services.snapshots.compare(input)),
  // Reads the live hosts again (a refresh each): an operator's action, and never cached.
  compareLive: procedure('operator')
    .input(CompareInput)
    .mutation(({ ctx, input }) => ctx.services.snapshots.compare(input)),
  // A plan whose target is the snapshot; applied like any plan (changes.applyPlan).
  planRestore: procedure('operator', 'snapshots.plan-restore')
    .input(RestorePlanInput)
    .mutation(({ ctx, input }) => planRestore(ctx.services, input, sessionOf(ctx).user.name)),
  schedules: procedure('viewer').query(({ ctx }) => ctx.services.snapshots.schedules()),
  schedule: procedure('operator', 'snapshots.schedule')
    .input(ScheduleInput)
    .mutation(({ ctx, input }) => ctx.services.snapshots.setSchedule(input.hostId, input.everyMinutes)),
  shares: procedure('viewer')
    .input(SnapshotIdInput)
    .query(({ ctx, input }) => ctx.services.snapshots.shares(input.id)),
  share: procedure('operator', 'snapshots.share')
    .input(CreateShareInput)
    .mutation(({ ctx, input }) => ctx.services.snapshots.createShare(input, sessionOf(ctx).user.name)),
  revokeShare: procedure('operator', 'snapshots.revoke-share')
    .input(ShareIdInput)
    .mutation(({ ctx, input }) => ctx.services.snapshots.revokeShare(input.id)),
  // The one procedure a share link reaches: no session, read-only, and only what the link opens.
  openShare: procedure('anonymous')
    .input(ShareTokenInput)
    .query(({ ctx, input }) => ctx.services.snapshots.openShare(input.token)),
});
