import { readFileSync } from 'node:fs';
import { collectHost } from '@/server/collect/collect-host';
import type { HostModel } from '@/server/core/model';
import {
  describeSnapshotErrors,
  readSnapshotFile,
  type SnapshotFile,
  toSnapshotFile,
} from '@/server/core/snapshot-file';
import type { SnapshotArgs } from './args';
import { connectionFor } from './connection';
import { UsageError } from './usage-error';

/** Exit status of a snapshot whose read missed parts: the output is written, and stderr says what is missing. */
export const SNAPSHOT_PARTIAL = 3;

/**
 * A read with parts missing must not pass for a whole one in a script or a bug report: one
 * warning line per part (at most a few), and what usually fixes it.
 */
function warnPartial(model: HostModel, sudo: boolean, warn: (line: string) => void): boolean {
  if (model.errors.length === 0) return false;
  warn(`patchbay: warning: ${model.host} was read in part: ${model.errors.length} part(s) could not be read`);
  for (const e of model.errors.slice(0, 5)) warn(`  ${e.part}${e.arg ? ` ${e.arg}` : ''}: ${e.message}`);
  if (model.errors.length > 5)
    warn(`  … and ${model.errors.length - 5} more (listed in the output's "errors")`);
  warn(
    sudo
      ? 'patchbay: the user may lack the rights for these parts even with sudo: connect as root, or allow the collection commands with NOPASSWD'
      : 'patchbay: most often the user cannot read these parts: connect as root, or add --sudo (NOPASSWD sudo for this user)',
  );
  return true;
}

/** `patchbay snapshot`: the host read over SSH, as a snapshot file (docs/snapshot-format.md). */
export async function snapshotCommand(
  args: SnapshotArgs,
  warn: (line: string) => void,
): Promise<{ out: string; partial: boolean }> {
  const { pool, target } = connectionFor(args);
  try {
    const { model } = await collectHost(pool, target, { timeoutMs: args.timeoutMs });
    const partial = warnPartial(model, args.sudo, warn);
    if (args.save !== undefined)
      return {
        // The database's code is loaded only to save.
        out: `${await (await import('./save-snapshot')).saveSnapshot(model, args.save, args.note ?? '')}\n`,
        partial,
      };
    const file = toSnapshotFile(
      {
        name: args.name ?? model.host,
        note: args.note ?? '',
        takenAt: model.collectedAt,
        takenBy: `cli:${process.env.USER ?? 'unknown'}`,
        source: 'cli',
      },
      [model],
    );
    return { out: `${JSON.stringify(file, null, args.pretty ? 2 : undefined)}\n`, partial };
  } finally {
    pool.closeAll();
  }
}

/** How many of a refused file's errors fit the one line the CLI prints. */
const ERRORS_SHOWN = 5;

/**
 * A snapshot file from disk, any readable version (older ones migrated). A file that is not one is
 * a usage error naming the paths inside it; relations that disagree with the models are re-derived
 * and reported through `warn`.
 */
export function readSnapshotFileAt(file: string, warn: (line: string) => void): SnapshotFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read snapshot file ${file}: ${(e as Error).message}`);
  }
  const read = readSnapshotFile(text);
  if (!read.ok) {
    const shown = read.errors.slice(0, ERRORS_SHOWN);
    const more = read.errors.length > ERRORS_SHOWN ? ` (and ${read.errors.length - ERRORS_SHOWN} more)` : '';
    throw new UsageError(
      `${file} is not a snapshot file: ${describeSnapshotErrors(shown).replaceAll('\n', '; ')}${more}`,
    );
  }
  for (const w of read.warnings) warn(`patchbay: ${file}: ${describeSnapshotErrors([w])}`);
  return read.file;
}
