import { z } from 'zod';

/** What POST /api/snapshots/import answers (app/api/snapshots/import/route.ts). */
const Imported = z.object({ id: z.string(), name: z.string(), migratedFrom: z.number().nullable() });
const Refused = z.object({
  error: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
});

export type ImportOutcome =
  | { ok: true; id: string; name: string; migratedFrom: number | null }
  | { ok: false; message: string; errors: { path: string; message: string }[] };

/**
 * Sends a snapshot file's text to be saved as a snapshot (operators). A refusal keeps the
 * server's words and, for a file that does not validate, where in the file each problem is.
 */
export async function postSnapshotFile(text: string): Promise<ImportOutcome> {
  let res: Response;
  try {
    res = await fetch('/api/snapshots/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: text,
    });
  } catch (e) {
    return {
      ok: false,
      message: `the server could not be reached (${(e as Error).message}); try again`,
      errors: [],
    };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) {
    const ok = Imported.safeParse(body);
    if (ok.success) return { ok: true, ...ok.data };
  }
  const refused = Refused.safeParse(body);
  if (refused.success)
    return {
      ok: false,
      message: refused.data.error,
      // The file errors repeat in `error` as one text; listed apart they name their paths.
      errors: refused.data.errors,
    };
  return { ok: false, message: `the server answered ${res.status} ${res.statusText}`.trim(), errors: [] };
}
