import type { ImportOutcome } from './import-request';
import styles from './snapshots.module.css';

/** A saved import links to its snapshot; a refused one lists each problem with where it is in the file. */
export function ImportResult({ outcome }: { outcome: ImportOutcome }) {
  if (outcome.ok)
    return (
      <div className={styles.ok} role="status" data-testid="import-ok">
        Imported as <a href={`/snapshots/${outcome.id}`}>{outcome.name}</a>
        {outcome.migratedFrom !== null && ` (migrated from schemaVersion ${outcome.migratedFrom})`}.
      </div>
    );
  return (
    <div className={styles.error} role="alert" data-testid="import-error">
      {outcome.errors.length > 0
        ? 'The file was not imported; nothing was saved. Fix these and choose it again:'
        : `Not imported: ${outcome.message}`}
      {outcome.errors.length > 0 && (
        <ul className={styles.errors}>
          {outcome.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path ? <code>{e.path}</code> : 'the file'}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
