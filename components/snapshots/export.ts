import { download } from '@/components/graph/download';
import type { HostModel } from '@/server/core/model';
import { type SnapshotSource, toSnapshotFile } from '@/server/core/snapshot-file';
import { exportFileName } from './names';

export interface ExportMeta {
  name: string;
  note: string;
  takenAt: string;
  /** Null where the taker is not shown (a share link). */
  who: string | null;
  source: SnapshotSource;
}

/**
 * Saves the snapshot file (docs/snapshot-format.md) of these models, built in the browser by the
 * same pure export the CLI uses, so what is downloaded is what is on the screen.
 */
export function downloadSnapshotFile(meta: ExportMeta, models: readonly HostModel[]): void {
  const file = toSnapshotFile(
    { name: meta.name, note: meta.note, takenAt: meta.takenAt, takenBy: meta.who, source: meta.source },
    models,
  );
  download(
    new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }),
    exportFileName(meta.name, meta.takenAt),
  );
}
