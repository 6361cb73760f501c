import type { z } from 'zod';

export interface ArrayParse<T> {
  items: T[];
  errors: string[];
}

/**
 * Parses a JSON array and validates each element on its own, so one odd entry costs that entry
 * only. An empty text counts as an empty array (old `ip` prints nothing when there is nothing).
 */
export function parseJsonArray<S extends z.ZodType>(
  text: string,
  schema: S,
  what: string,
): ArrayParse<z.infer<S>> {
  if (text.trim() === '') return { items: [], errors: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { items: [], errors: [`${what}: not JSON (${(e as Error).message})`] };
  }
  if (!Array.isArray(json)) return { items: [], errors: [`${what}: expected a JSON array`] };
  const items: z.infer<S>[] = [];
  const errors: string[] = [];
  for (const [i, entry] of json.entries()) {
    const parsed = schema.safeParse(entry);
    if (parsed.success) items.push(parsed.data);
    else
      errors.push(
        `${what}[${i}]: ${parsed.error.issues[0]?.message ?? 'invalid'} ${JSON.stringify(entry).slice(0, 200)}`,
      );
  }
  return { items, errors };
}
