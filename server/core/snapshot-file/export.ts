import type { HostModel } from '../model/schema';
import { PATCHBAY_VERSION } from '../version';
import { snapshotHosts } from './relations';
import { SNAPSHOT_FILE_KIND, SNAPSHOT_FILE_VERSION, type SnapshotFile, type SnapshotMeta } from './schema';

/**
 * The snapshot file of `models` (in the given order) with their derived relations resolved to model
 * ids. The models are written as they are: a reader gets exactly what was collected.
 */
export function toSnapshotFile(meta: SnapshotMeta, models: readonly HostModel[]): SnapshotFile {
  return {
    schemaVersion: SNAPSHOT_FILE_VERSION,
    kind: SNAPSHOT_FILE_KIND,
    generator: { name: 'patchbay', version: PATCHBAY_VERSION },
    name: meta.name,
    note: meta.note,
    takenAt: meta.takenAt,
    takenBy: meta.takenBy,
    source: meta.source,
    hosts: snapshotHosts(models),
  };
}
