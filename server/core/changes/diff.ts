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

/** Arrays or records whose entries are identical (===), in any key order. */
function shallowSame(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  const ka = Object.keys(a);
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.length === Object.keys(rb).length && ka.every((k) => k in rb && ra[k] === rb[k]);
}

/**
 * stable(a) === stable(b) without serialising what is plainly equal: most fields are identical
 * plain values, or small maps and lists of them (a host of thousands of ports is diffed per edit).
 */
const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || shallowSame(a, b) || stable(a) === stable(b);

function fieldChanges(before: ModelObject, after: ModelObject): FieldChange[] {
  // Per object of a big host, once per edit: no set or sort unless something differs.
  const out: FieldChange[] = [];
  const change = (field: string) => {
    const a = before.fields[field];
    const b = after.fields[field];
    if (!sameValue(a, b)) out.push({ field, before: a ?? null, after: b ?? null });
  };
  for (const field of Object.keys(before.fields)) change(field);
  for (const field of Object.keys(after.fields)) if (!(field in before.fields)) change(field);
  return out.length > 1 ? out.sort((x, y) => (x.field < y.field ? -1 : 1)) : out;
}

/** Objects by id (the first of duplicates wins: ids are unique in a well-formed model). */
export function objectIndex(objects: readonly ModelObject[]): Map<string, ModelObject> {
  const index = new Map<string, ModelObject>();
  for (const o of objects) if (!index.has(o.id)) index.set(o.id, o);
  return index;
}

/**
 * Each model's objects by id, made once per model object. Models are values: nothing changes one
 * after it is made (applyEdits changes only its own draft, before anyone diffs it), and the editor
 * diffs the same live model against a new desired one on every edit of a big host.
 */
const indexes = new WeakMap<HostModel, Map<string, ModelObject>>();

function indexOf(model: HostModel): Map<string, ModelObject> {
  let index = indexes.get(model);
  if (!index) {
    index = objectIndex(modelObjects(model));
    indexes.set(model, index);
  }
  return index;
}

/**
 * The structural difference of two models of one host: objects only in `to` (added), only in
 * `from` (removed), and in both with different operator-set fields (changed). Pure; the planner
 * and snapshot comparisons both use it. Lists are in model order.
 */
export function diffModels(from: HostModel, to: HostModel): ModelDiff {
  return diffIndexes(indexOf(from), indexOf(to));
}

export function diffObjects(from: readonly ModelObject[], to: readonly ModelObject[]): ModelDiff {
  return diffIndexes(objectIndex(from), objectIndex(to));
}

function diffIndexes(before: Map<string, ModelObject>, after: Map<string, ModelObject>): ModelDiff {
  const diff: ModelDiff = { added: [], removed: [], changed: [] };
  for (const o of after.values()) {
    const old = before.get(o.id);
    if (!old) diff.added.push(o);
    else if (old !== o) {
      // The same projection (a record shared by both models) has no changes.
      const fields = fieldChanges(old, o);
      if (fields.length > 0) diff.changed.push({ before: old, after: o, fields });
    }
  }
  for (const o of before.values()) if (!after.has(o.id)) diff.removed.push(o);
  return diff;
}

export const isEmptyDiff = (d: ModelDiff): boolean =>
  d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
