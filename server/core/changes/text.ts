import type { FieldChange } from './types';

/** Namespace name for texts: '' is the root namespace. */
export const nsLabel = (ns: string): string => (ns === '' ? 'root' : ns);

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field value for a one-line text: null → `none`, lists comma-joined, maps `{k=v,…}`. */
export function fmtValue(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map(fmtValue).join(',');
  if (isMap(v)) {
    const entries = Object.entries(v);
    return entries.length === 0 ? 'none' : `{${entries.map(([k, x]) => `${k}=${fmtValue(x)}`).join(',')}}`;
  }
  return String(v);
}

/**
 * `tag 1 → 7, external_ids:iface-id none → abc`: maps are compared key by key, field names are
 * given in the tool's own spelling by `name`.
 */
export function changesText(changes: readonly FieldChange[], name: (field: string) => string): string {
  const parts: string[] = [];
  for (const c of changes) {
    const col = name(c.field);
    if (isMap(c.before) || isMap(c.after)) {
      const before = isMap(c.before) ? c.before : {};
      const after = isMap(c.after) ? c.after : {};
      for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
        if (before[k] !== after[k]) parts.push(`${col}:${k} ${fmtValue(before[k])} → ${fmtValue(after[k])}`);
      }
    } else parts.push(`${col} ${fmtValue(c.before)} → ${fmtValue(c.after)}`);
  }
  return parts.join(', ');
}

/** `k=v` words of a string map, for add/remove texts. */
export const mapWords = (prefix: string, map: Record<string, string>): string[] =>
  Object.entries(map).map(([k, v]) => `${prefix}${k}=${v}`);
