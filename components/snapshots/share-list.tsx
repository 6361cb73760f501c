'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { when } from '@/components/admin/when';
import { useCan } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { shareStatus } from './names';
import styles from './snapshots.module.css';

/**
 * Every link that opens this snapshot (alone or in a diff): who made it, when it expires, whether
 * it still works; operators revoke the active ones.
 */
export function ShareList({ snapshotId, names }: { snapshotId: string; names: ReadonlyMap<string, string> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canShare = useCan('operator');
  const shares = useQuery(trpc.snapshots.shares.queryOptions({ id: snapshotId }));
  const revoke = useMutation(
    trpc.snapshots.revokeShare.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.snapshots.pathKey() }),
    }),
  );
  if (shares.isPending) return <p className={styles.muted}>Loading links…</p>;
  if (shares.error)
    return <div className={styles.error}>Could not load the links: {errorMessage(shares.error)}</div>;
  if (shares.data.length === 0) return <p className={styles.muted}>No share links yet.</p>;
  const now = new Date();
  const name = (id: string) => names.get(id) ?? id.slice(0, 8);
  return (
    <>
      <table className={styles.table} data-testid="share-list">
        <thead>
          <tr>
            <th>opens</th>
            <th>created</th>
            <th>expires</th>
            <th>status</th>
            {canShare && <th />}
          </tr>
        </thead>
        <tbody>
          {shares.data.map((l) => {
            const status = shareStatus(l, now);
            return (
              <tr key={l.id} data-testid="share-link" data-status={status}>
                <td>
                  {l.compareTo
                    ? `diff ${name(l.snapshotId)} → ${name(l.compareTo)}`
                    : `snapshot ${name(l.snapshotId)}`}
                </td>
                <td>
                  {when(l.createdAt)} by {l.createdBy}
                </td>
                <td>{when(l.expiresAt, 'never')}</td>
                <td>{status === 'revoked' ? `revoked ${when(l.revokedAt)}` : status}</td>
                {canShare && (
                  <td>
                    {status === 'active' && (
                      <button
                        type="button"
                        onClick={() => revoke.mutate({ id: l.id })}
                        disabled={revoke.isPending}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {revoke.error && <div className={styles.error}>{errorMessage(revoke.error)}</div>}
    </>
  );
}
