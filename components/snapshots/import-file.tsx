'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { type ImportOutcome, postSnapshotFile } from './import-request';
import { ImportResult } from './import-result';
import styles from './snapshots.module.css';

/** "Import a snapshot file": any readable schemaVersion, saved as a snapshot of its own (operators). */
export function ImportFile() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  const send = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await postSnapshotFile(await file.text());
      setOutcome(result);
      if (result.ok) await queryClient.invalidateQueries({ queryKey: trpc.snapshots.pathKey() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Import a snapshot file">
      <label className={styles.row}>
        Import a snapshot file (.json, any schemaVersion Patchbay reads):
        <input
          type="file"
          accept=".json,application/json"
          disabled={busy}
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so choosing the same file again (after fixing it) imports it again.
            e.target.value = '';
            if (file) void send(file);
          }}
        />
        {busy && <span className={styles.muted}>Importing…</span>}
      </label>
      {outcome && <ImportResult outcome={outcome} />}
    </section>
  );
}
