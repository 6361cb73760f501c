'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { CreateShare } from './create-share';
import { defaultSnapshotName } from './names';
import styles from './snapshots.module.css';

/**
 * A share link opens stored snapshots only, never a live host: to share a comparison with live,
 * the live side (the read the comparison just made) is saved as a snapshot first.
 */
export function FreezeAndShare({
  from,
  hostIds,
  hostNames,
}: {
  from: string;
  hostIds: string[];
  hostNames: string[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const take = useMutation(
    trpc.snapshots.take.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.snapshots.pathKey() }),
    }),
  );
  return (
    <details open={take.data !== undefined}>
      <summary>Share this diff</summary>
      {take.data ? (
        <>
          <p>
            The live state is saved as <a href={`/snapshots/${take.data.id}`}>{take.data.name}</a>; the link
            opens the diff from the snapshot to it.
          </p>
          <CreateShare snapshotId={from} compareTo={take.data.id} />
        </>
      ) : (
        <>
          <p className={styles.muted}>
            A link shows stored snapshots only, never a live host: the hosts as read for this comparison are
            saved as a snapshot first.
          </p>
          <button
            type="button"
            disabled={take.isPending}
            onClick={() =>
              take.mutate({
                hostIds,
                name: `${defaultSnapshotName(hostNames, new Date())} (live)`,
                note: 'Frozen from a comparison with live hosts, to share it.',
              })
            }
          >
            {take.isPending ? 'Saving…' : 'Freeze live as a snapshot and share'}
          </button>
          {take.error && (
            <div className={styles.error} role="alert">
              {errorMessage(take.error)}
            </div>
          )}
        </>
      )}
    </details>
  );
}
