'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { CreateShareInput } from '@/server/snapshots/schema';
import { type ExpiryUnit, expiryHours } from './names';
import { ShareUrl } from './share-url';
import styles from './snapshots.module.css';

/**
 * Makes a read-only link to a snapshot, or (`compareTo`) to the diff from it to a later one, with
 * an optional expiry. The link's token is shown this once: the server keeps only its hash.
 */
export function CreateShare({ snapshotId, compareTo }: { snapshotId: string; compareTo?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const share = useMutation(
    trpc.snapshots.share.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.snapshots.pathKey() }),
    }),
  );
  const [amount, setAmount] = useState('7');
  const [unit, setUnit] = useState<ExpiryUnit>('days');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const hours = expiryHours(Number(amount), unit);
    const input = CreateShareInput.safeParse({
      snapshotId,
      ...(compareTo ? { compareTo } : {}),
      ...(hours === undefined ? {} : { expiresInHours: hours }),
    });
    if (!input.success) {
      setProblem(
        `Expiry: a whole number of ${unit}, at most a year (${input.error.issues[0]?.message ?? ''})`,
      );
      return;
    }
    setProblem(null);
    share.mutate(input.data);
  };

  return (
    <div data-testid="create-share">
      <form className={styles.form} onSubmit={submit} aria-label={compareTo ? 'Share this diff' : 'Share'}>
        <label>
          Link expires after
          <span className={styles.row} style={{ margin: 0 }}>
            {unit !== 'never' && (
              <input
                type="number"
                min={1}
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                aria-label="Expiry amount"
                style={{ width: 70 }}
              />
            )}
            <select
              value={unit}
              onChange={(e) => setUnit(e.target.value as ExpiryUnit)}
              aria-label="Expiry unit"
            >
              <option value="hours">hours</option>
              <option value="days">days</option>
              <option value="never">never (until revoked)</option>
            </select>
          </span>
        </label>
        <button type="submit" disabled={share.isPending}>
          {share.isPending ? 'Creating…' : compareTo ? 'Create a link to this diff' : 'Create share link'}
        </button>
      </form>
      {(problem || share.error) && (
        <div className={styles.error} role="alert">
          {problem ?? errorMessage(share.error)}
        </div>
      )}
      {share.data && <ShareUrl path={share.data.path} expiresAt={share.data.link.expiresAt} />}
    </div>
  );
}
