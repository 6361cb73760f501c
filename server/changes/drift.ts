import { objectIndex, stable } from '@/server/core/changes/diff';
import { modelObjects } from '@/server/core/changes/objects';
import type { ModelDiff, ModelObject } from '@/server/core/changes/types';
import type { HostModel } from '@/server/core/model';

/** An object the plan touches that is not as the plan found it (drift), or not as it should end (verify). */
export interface Mismatch {
  id: string;
  label: string;
  /** What the check expected, and what the host has now (null: absent). */
  expected: Record<string, unknown> | null;
  actual: Record<string, unknown> | null;
  fields: string[];
}

/**
 * Fields of `expected` that `actual` does not match. With `loose`, a field expected as null is
 * the host's to choose (a new link's MAC or MTU, a route's device) and not compared.
 */
function differing(expected: ModelObject, actual: ModelObject, loose: boolean): string[] {
  return Object.keys(expected.fields).filter((f) => {
    const want = expected.fields[f];
    if (loose && (want === null || want === undefined)) return false;
    return stable(want) !== stable(actual.fields[f]);
  });
}

function check(
  now: Map<string, ModelObject>,
  present: { object: ModelObject; loose: boolean }[],
  absent: ModelObject[],
): Mismatch[] {
  const out: Mismatch[] = [];
  for (const { object, loose } of present) {
    const actual = now.get(object.id);
    if (!actual) {
      out.push({ id: object.id, label: object.label, expected: object.fields, actual: null, fields: [] });
      continue;
    }
    const fields = differing(object, actual, loose);
    if (fields.length)
      out.push({
        id: object.id,
        label: object.label,
        expected: object.fields,
        actual: actual.fields,
        fields,
      });
  }
  for (const object of absent) {
    const actual = now.get(object.id);
    if (actual)
      out.push({ id: object.id, label: object.label, expected: null, actual: actual.fields, fields: [] });
  }
  return out;
}

/** Before applying: every object the plan touches must be exactly as the plan's base had it. */
export function driftOf(diff: ModelDiff, host: HostModel): Mismatch[] {
  return check(
    objectIndex(modelObjects(host)),
    [...diff.removed, ...diff.changed.map((c) => c.before)].map((object) => ({ object, loose: false })),
    diff.added,
  );
}

/** After applying: every object the plan touches must be as desired (new objects' host-chosen fields aside). */
export function verifyOf(diff: ModelDiff, host: HostModel): Mismatch[] {
  return check(
    objectIndex(modelObjects(host)),
    [
      ...diff.added.map((object) => ({ object, loose: true })),
      ...diff.changed.map((c) => ({ object: c.after, loose: false })),
    ],
    diff.removed,
  );
}

/** After a rollback: the touched objects are back as the base had them. */
export function backAtBase(diff: ModelDiff, host: HostModel): Mismatch[] {
  return driftOf(diff, host);
}

export function describeMismatch(m: Mismatch): string {
  if (m.actual === null) return `${m.label} is missing`;
  if (m.expected === null) return `${m.label} exists`;
  return `${m.label}: ${m.fields.map((f) => `${f} is ${stable(m.actual?.[f])}, expected ${stable(m.expected?.[f])}`).join('; ')}`;
}
