/** Field names whose values never reach the audit log (or any log). */
const SECRET_KEY = /pass(word|phrase)?|secret|token|private.?key|^current$|^next$/i;
const MAX_STRING = 500;

/**
 * PostgreSQL's jsonb refuses NUL and unpaired surrogates: a request carrying them must still
 * leave a record (and never turn into a 500), so they are replaced.
 */
export function storable(text: string): string {
  const cut = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
  return cut.toWellFormed().replaceAll('\0', '\uFFFD');
}

/**
 * A copy of a request input safe to store: secrets replaced, long strings cut, depth bounded.
 * Pure, so every caller redacts the same way.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value).slice(0, 50)) {
      out[storable(k)] =
        SECRET_KEY.test(k) && v !== undefined && v !== null && v !== '' ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
