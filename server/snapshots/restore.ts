import type { ChangeService, PlanView } from '@/server/changes';
import { SnapshotError } from './errors';
import type { RestorePlanInput } from './schema';
import type { SnapshotService } from './service';

/** "Make the host look like this again": the host's model in the snapshot becomes the plan's target. */
export async function planRestore(
  s: {
    snapshots: SnapshotService;
    changes: ChangeService;
    hosts: { get(id: string): Promise<{ name: string }> };
  },
  input: RestorePlanInput,
  who: string,
): Promise<PlanView> {
  const host = await s.hosts.get(input.hostId);
  const { models } = await s.snapshots.get(input.snapshotId);
  const desired = models.find((m) => m.host === host.name);
  if (!desired) throw new SnapshotError('NOT_FOUND', `the snapshot holds no model of ${host.name}`);
  return s.changes.planTo(input.hostId, desired, { snapshotId: input.snapshotId }, who);
}
