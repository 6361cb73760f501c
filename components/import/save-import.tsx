'use client';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type ImportOutcome, postSnapshotFile } from '@/components/snapshots/import-request';
import { ImportResult } from '@/components/snapshots/import-result';
import { defaultSnapshotName } from '@/components/snapshots/names';
import { useTRPC } from '@/components/trpc/client';
import { MAX_NAME_LENGTH, MAX_NOTE_LENGTH, toSnapshotFile } from '@/server/core/snapshot-file';
import styles from './import.module.css';
import type { ImportInput } from './read-input';

/**
 * "Save as snapshot" (operators): a paste becomes a snapshot file in the browser (the same pure
 * export the CLI uses) and goes to the import endpoint like any file, which validates it again;
 * a snapshot file given here is sent as it is.
 */
export function SaveImport({
  input,
  text,
  hostName,
}: {
  input: Extract<ImportInput, { kind: 'paste' | 'file' }>;
  /** The text the input was read from (a snapshot file is saved as given). */
  text: string;
  hostName: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const offered = `${defaultSnapshotName([hostName], new Date())} (pasted)`;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      const body =
        input.kind === 'file'
          ? text
          : JSON.stringify(
              toSnapshotFile(
                {
                  name: name.trim() || offered,
                  note,
                  takenAt: input.model.collectedAt,
                  takenBy: null,
                  source: 'imported',
                },
                [input.model],
              ),
            );
      const result = await postSnapshotFile(body);
      setOutcome(result);
      if (result.ok) await queryClient.invalidateQueries({ queryKey: trpc.snapshots.pathKey() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.save} onSubmit={save} aria-label="Save as snapshot">
      {input.kind === 'paste' && (
        <>
          <label>
            Snapshot name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={offered}
              maxLength={MAX_NAME_LENGTH}
            />
          </label>
          <label>
            Note (optional)
            <textarea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={MAX_NOTE_LENGTH}
              rows={2}
            />
          </label>
        </>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save as snapshot'}
      </button>
      {outcome && <ImportResult outcome={outcome} />}
    </form>
  );
}
