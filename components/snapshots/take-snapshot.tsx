'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { TakeSnapshotInput } from '@/server/snapshots/schema';
import { defaultSnapshotName } from './names';
import styles from './snapshots.module.css';

const LABELS = { name: 'Name', note: 'Note', hostIds: 'Hosts' };

/**
 * The graph view's snapshot form: the hosts shown as last read, under a name (offered: the
 * hosts and the time) and an optional note. Checked with the API's own schema before sending.
 */
export function TakeSnapshot({
  hostIds,
  hostNames,
  onClose,
}: {
  hostIds: string[];
  hostNames: string[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const take = useMutation(
    trpc.snapshots.take.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.snapshots.pathKey() }),
    }),
  );
  const [name, setName] = useState(() => defaultSnapshotName(hostNames, new Date()));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = TakeSnapshotInput.safeParse({ hostIds, name, note });
    if (!input.success) {
      setProblem(
        input.error.issues
          .map((i) => `${LABELS[i.path[0] as keyof typeof LABELS] ?? ''}: ${i.message}`)
          .join('; '),
      );
      return;
    }
    setProblem(null);
    take.mutate(input.data);
  };

  return (
    <div className={styles.popover} role="dialog" aria-label="Take a snapshot" data-testid="take-snapshot">
      <form onSubmit={submit} aria-label="Take a snapshot">
        <strong>Snapshot of {hostNames.join(', ')}</strong>
        <span className={styles.muted}>
          The hosts as last read (Refresh first for their state right now).
        </span>
        <label>
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the form opens on request (button or `s`) to be typed in.
            autoFocus
            maxLength={200}
          />
        </label>
        <label>
          Note (optional)
          <textarea value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {(problem || take.error) && (
          <div className={styles.error} role="alert">
            {problem ?? errorMessage(take.error, LABELS)}
          </div>
        )}
        {take.data && (
          <div className={styles.ok} role="status" data-testid="snapshot-taken">
            Saved:{' '}
            <a href={`/snapshots/${take.data.id}`} data-testid="snapshot-link">
              {take.data.name}
            </a>
            {hostNames.length === 1 && (
              <>
                {' · '}
                <a href={`/snapshots?host=${encodeURIComponent(hostNames[0] ?? '')}`}>
                  history of {hostNames[0]}
                </a>
              </>
            )}
          </div>
        )}
        <div className={styles.row}>
          <button type="submit" disabled={take.isPending}>
            {take.isPending ? 'Saving…' : 'Take snapshot'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </div>
  );
}
