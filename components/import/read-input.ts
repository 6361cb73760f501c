import type { HostModel } from '@/server/core/model';
import { modelFromPaste, type PasteSectionReport } from '@/server/core/paste/build';
import { readSnapshotFile, type SnapshotFile, type SnapshotFileError } from '@/server/core/snapshot-file';

export type ImportInput =
  | { kind: 'empty' }
  /** A snapshot file (any readable version), to open as it is. */
  | { kind: 'file'; file: SnapshotFile; migratedFrom: number | null; warnings: SnapshotFileError[] }
  /** Text that is meant as a snapshot file but does not validate: where and why. */
  | { kind: 'file-error'; errors: SnapshotFileError[] }
  /** Command output, read into one host model, with what each section was taken for. */
  | { kind: 'paste'; model: HostModel; sections: PasteSectionReport[] };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether the text is a snapshot file rather than command output. A JSON object is: no output
 * Patchbay reads from a paste starts with `{`. A JSON array is one only when it is a list of
 * models (version 1 files), since `ip -json` prints arrays too.
 */
function isSnapshotText(text: string): boolean {
  if (text.startsWith('{')) return true;
  if (!text.startsWith('[')) return false;
  try {
    const value: unknown = JSON.parse(text);
    return (
      Array.isArray(value) && value.length > 0 && value.every((v) => isRecord(v) && 'schemaVersion' in v)
    );
  } catch {
    // Not JSON: pasted output that starts with a bracket, or several `ip -json` outputs.
    return false;
  }
}

/** What the import page was given: nothing, a snapshot file, or command output to read. Never throws. */
export function readImportText(text: string, opts: { now: Date; host: string }): ImportInput {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (isSnapshotText(trimmed)) {
    const read = readSnapshotFile(trimmed);
    return read.ok
      ? { kind: 'file', file: read.file, migratedFrom: read.migratedFrom, warnings: read.warnings }
      : { kind: 'file-error', errors: read.errors };
  }
  const { model, sections } = modelFromPaste(text, opts);
  return { kind: 'paste', model, sections };
}
