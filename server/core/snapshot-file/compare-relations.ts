import { formatPath, type SnapshotFileError } from './errors';
import type { HostRelations } from './schema';

/** Order-free identity of one relation entry: its fields, keys sorted. */
const entryKey = (entry: object): string => JSON.stringify(entry, Object.keys(entry).sort());

const LISTS = [
  'patchPairs',
  'vethPairs',
  'portLinks',
  'tunnels',
] as const satisfies readonly (keyof HostRelations)[];

/**
 * Where a file's relations differ from those its models give, one entry per differing list,
 * naming the first entry too many and the first one missing. Order within a list is not compared:
 * it follows the model's order, which carries no meaning.
 */
export function relationDifferences(
  given: HostRelations,
  derived: HostRelations,
  path: PropertyKey[],
): SnapshotFileError[] {
  return LISTS.flatMap((list) => {
    const want = new Set(derived[list].map(entryKey));
    const have = new Set(given[list].map(entryKey));
    const extra = [...have].filter((k) => !want.has(k));
    const missing = [...want].filter((k) => !have.has(k));
    if (extra.length === 0 && missing.length === 0) return [];
    const parts = [
      ...(extra.length > 0 ? [`${extra.length} not given by the model (first: ${extra[0]})`] : []),
      ...(missing.length > 0 ? [`${missing.length} missing (first: ${missing[0]})`] : []),
    ];
    return [
      {
        path: formatPath([...path, list]),
        message: `differs from what the model gives: ${parts.join(', ')}; the derived list is used`,
      },
    ];
  });
}
