import type { HostModel } from '../model/schema';
import { modelObjects } from './objects';
import type { FieldChange, ModelDiff, ModelObject } from './types';

/** JSON with object keys sorted, so field order never counts as a difference. */
export function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function fieldChanges(before: ModelObject, after: ModelObject): FieldChange[] {
  const fields = new Set([...Object.keys(before.fields), ...Object.keys(after.fields)]);
  const out: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    const a = before.fields[field];
    const b = after.fields[field];
    if (stable(a) !== stable(b)) out.push({ field, before: a ?? null, after: b ?? null });
  }
  return out;
}

/** Objects by id (the first of duplicates wins: ids are unique in a well-formed model). */
export function objectIndex(objects: readonly ModelObject[]): Map<string, ModelObject> {
  const index = new Map<string, ModelObject>();
  for (const o of objects) if (!index.has(o.id)) index.set(o.id, o);
  return index;
}

/**
 * The structural difference of two models of one host: objects only in `to` (added), only in
 * `from` (removed), and in both with different operator-set fields (changed). Pure; the planner
 * and snapshot comparisons both use it. Lists are in model order.
 */
export function diffModels(from: HostModel, to: HostModel): ModelDiff {
  return diffObjects(modelObjects(from), modelObjects(to));
}

export function diffObjects(from: readonly ModelObject[], to: readonly ModelObject[]): ModelDiff {
  const before = objectIndex(from);
  const after = objectIndex(to);
  const diff: ModelDiff = { added: [], removed: [], changed: [] };
  for (const o of after.values()) {
    const old = before.get(o.id);
    if (!old) diff.added.push(o);
    else {
      const fields = fieldChanges(old, o);
      if (fields.length > 0) diff.changed.push({ before: old, after: o, fields });
    }
  }
  for (const o of before.values()) if (!after.has(o.id)) diff.removed.push(o);
  return diff;
}

export const isEmptyDiff = (d: ModelDiff): boolean =>
  d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
