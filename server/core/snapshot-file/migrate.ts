import type { HostModel } from '../model/schema';
import { toSnapshotFile } from './export';
import { MAX_NAME_LENGTH, type SnapshotFile } from './schema';

/**
 * A version 1 file (one bare HostModel, or a list of them) as a version 2 file. v1 said nothing
 * about itself, so: named after its hosts, taken when the earliest model was collected (the
 * moment the snapshot began), by nobody known, source `imported`, and the relations derived
 * from the models as export does.
 */
export function migrateV1(models: readonly [HostModel, ...HostModel[]]): SnapshotFile {
  const hosts = models.map((m) => m.host).join(', ');
  const name = hosts.length <= MAX_NAME_LENGTH ? hosts : `${hosts.slice(0, MAX_NAME_LENGTH - 1)}…`;
  const earliest = models.reduce((a, b) => (Date.parse(b.collectedAt) < Date.parse(a.collectedAt) ? b : a));
  return toSnapshotFile(
    { name, note: '', takenAt: earliest.collectedAt, takenBy: null, source: 'imported' },
    models,
  );
}
