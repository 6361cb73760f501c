import { z } from 'zod';
import { HostModel } from '../model/schema';
import { relationDifferences } from './compare-relations';
import { capped, issueErrors, type SnapshotFileError } from './errors';
import { parseJsonText } from './json-text';
import { migrateV1 } from './migrate';
import { snapshotHosts } from './relations';
import {
  READABLE_VERSIONS,
  repeatedHosts,
  SNAPSHOT_FILE_KIND,
  SNAPSHOT_FILE_VERSION,
  SnapshotFile,
} from './schema';

export type ReadSnapshotResult =
  | {
      ok: true;
      file: SnapshotFile;
      /** The version the input was written in when it was migrated; null when it was current. */
      migratedFrom: number | null;
      /** Relations in the input that its models do not give; the file carries the derived ones. */
      warnings: SnapshotFileError[];
    }
  | { ok: false; errors: SnapshotFileError[] };

/** A v1 model must say when and of which host it was taken: v2 files are named and dated by it. */
const V1Model = HostModel.extend({ host: z.string().min(1), collectedAt: z.iso.datetime({ offset: true }) });

const refuse = (errors: SnapshotFileError[]): ReadSnapshotResult => ({ ok: false, errors: capped(errors) });
const fileError = (message: string, path = ''): ReadSnapshotResult => refuse([{ path, message }]);

const VERSIONS_TEXT = `Patchbay reads schemaVersion ${READABLE_VERSIONS.join(' and ')} (1: a HostModel or a list of them, ${SNAPSHOT_FILE_VERSION}: a "${SNAPSHOT_FILE_KIND}" file)`;

const V1List = z.tuple([V1Model], V1Model);

/** A v1 list: its models, at least one, each host once (tunnels name hosts by it). */
function readV1List(value: unknown[]): ReadSnapshotResult {
  if (value.length === 0) return fileError(`the list holds no host model; ${VERSIONS_TEXT}`);
  const list = V1List.safeParse(value);
  if (!list.success) return refuse(issueErrors(list.error.issues));
  const repeats = repeatedHosts(list.data.map((m) => m.host));
  if (repeats.length > 0)
    return refuse(
      repeats.map(([i, seen]) => ({
        path: `[${i}].host`,
        message: `host "${list.data[i]?.host}" is already [${seen}]; host names in a snapshot are unique`,
      })),
    );
  return { ok: true, file: migrateV1(list.data), migratedFrom: 1, warnings: [] };
}

function readV2(value: unknown): ReadSnapshotResult {
  const parsed = SnapshotFile.safeParse(value);
  if (!parsed.success) return refuse(issueErrors(parsed.error.issues));
  // Relations are re-derived rather than trusted, and a difference is a warning, not a refusal:
  // Patchbay itself reads only the models (every view derives relations from them), so a file
  // whose relations were edited by hand shows the same as one whose were not; and a file written
  // by a Patchbay whose derivation has since improved (a veth end now paired, say) must stay
  // readable, which refusing would break without any change to the format. The warnings say so.
  const hosts = snapshotHosts(parsed.data.hosts.map((h) => h.model));
  const warnings = hosts.flatMap((derived, i) => {
    const given = parsed.data.hosts[i];
    return given ? relationDifferences(given.relations, derived.relations, ['hosts', i, 'relations']) : [];
  });
  return { ok: true, file: { ...parsed.data, hosts }, migratedFrom: null, warnings: capped(warnings) };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readValue(value: unknown): ReadSnapshotResult {
  if (Array.isArray(value)) return readV1List(value);
  if (!isRecord(value)) return fileError(`a snapshot file is a JSON object; ${VERSIONS_TEXT}`);
  const version = value.schemaVersion;
  if (version === undefined) return fileError(`schemaVersion is missing; ${VERSIONS_TEXT}`, 'schemaVersion');
  if (version === SNAPSHOT_FILE_VERSION) return readV2(value);
  if (version === 1) {
    const model = V1Model.safeParse(value);
    if (!model.success) return refuse(issueErrors(model.error.issues));
    return { ok: true, file: migrateV1([model.data]), migratedFrom: 1, warnings: [] };
  }
  const newer = typeof version === 'number' && version > SNAPSHOT_FILE_VERSION;
  return fileError(
    `schemaVersion ${JSON.stringify(version)?.slice(0, 40)} is not readable${newer ? ' (written by a newer Patchbay)' : ''}; ${VERSIONS_TEXT}`,
    'schemaVersion',
  );
}

/**
 * Reads a snapshot file: JSON text (errors carry line and column) or an already parsed value.
 * Validates it (errors name the path inside the file, at most MAX_ERRORS), migrates older
 * versions to the current one, and re-derives the relations from the models. Never throws.
 */
export function readSnapshotFile(input: unknown): ReadSnapshotResult {
  try {
    if (typeof input !== 'string') return readValue(input);
    const json = parseJsonText(input);
    if (!json.ok)
      return fileError(`not valid JSON at line ${json.line} column ${json.column}: ${json.message}`);
    return readValue(json.value);
  } catch (e) {
    // Validation recurses through nested flow actions; a hostile file nested thousands deep can
    // exhaust the stack, and that is a bad file, not a crash.
    return fileError(`the file could not be read: ${(e as Error).message}`);
  }
}
