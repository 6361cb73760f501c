import type { z } from 'zod';

/** One reason a snapshot file was refused: where in the file (`''` = the file as a whole) and why. */
export interface SnapshotFileError {
  /** JavaScript-like path into the file, e.g. `hosts[0].model.ovs.bridges[3].name`. */
  path: string;
  message: string;
}

/** More would bury the first mistake, which usually causes the rest. */
export const MAX_ERRORS = 20;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `hosts[0].model.ovs.interfaces[2].externalIds["iface-id"]`: keys that are not identifiers are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** zod's issues as file errors, `prefix` prepended to every path; at most MAX_ERRORS in all. */
export function issueErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: PropertyKey[] = [],
): SnapshotFileError[] {
  return capped(issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message })));
}

/** The first MAX_ERRORS - 1 errors and a count of the rest when there are more than MAX_ERRORS. */
export function capped(errors: SnapshotFileError[]): SnapshotFileError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const shown = errors.slice(0, MAX_ERRORS - 1);
  return [...shown, { path: '', message: `${errors.length - shown.length} more errors not shown` }];
}

/** One line per error, `path: message`, for a terminal or a toast. */
export function describeSnapshotErrors(errors: readonly SnapshotFileError[]): string {
  return errors.map((e) => (e.path === '' ? e.message : `${e.path}: ${e.message}`)).join('\n');
}
