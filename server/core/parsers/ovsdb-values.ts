/**
 * Decoding of OVSDB JSON values (RFC 7047 §5.1): atoms, `["uuid", id]`, `["set", [...]]` (or a bare
 * atom for a one-element set) and `["map", [[k, v], ...]]`. Unknown shapes decode to "absent".
 */

export type Atom = string | number | boolean;

function isPair(v: unknown, tag: string): v is [string, unknown] {
  return Array.isArray(v) && v.length === 2 && v[0] === tag;
}

/** An atom; uuids become their id string. */
export function atom(v: unknown): Atom | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if ((isPair(v, 'uuid') || isPair(v, 'named-uuid')) && typeof v[1] === 'string') return v[1];
  return undefined;
}

/** Every element of a set (a bare atom counts as a one-element set). */
export function setOf(v: unknown): Atom[] {
  if (isPair(v, 'set') && Array.isArray(v[1])) return v[1].map(atom).filter((a) => a !== undefined);
  const single = atom(v);
  return single === undefined ? [] : [single];
}

/** An optional column (set of 0 or 1 element). */
export function optional(v: unknown): Atom | null {
  return setOf(v)[0] ?? null;
}

export function optionalString(v: unknown): string | null {
  const a = optional(v);
  return a === null ? null : String(a);
}

export function optionalInt(v: unknown): number | null {
  const a = optional(v);
  return typeof a === 'number' && Number.isFinite(a) ? a : null;
}

export function mapOf(v: unknown): Record<string, Atom> {
  const out: Record<string, Atom> = {};
  if (!isPair(v, 'map') || !Array.isArray(v[1])) return out;
  for (const entry of v[1]) {
    if (!Array.isArray(entry) || entry.length !== 2) continue;
    const key = atom(entry[0]);
    const value = atom(entry[1]);
    if (key !== undefined && value !== undefined) out[String(key)] = value;
  }
  return out;
}

export function stringMap(v: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(mapOf(v)).map(([k, a]) => [k, String(a)]));
}

export function numberMap(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, a] of Object.entries(mapOf(v))) if (typeof a === 'number') out[k] = a;
  return out;
}
