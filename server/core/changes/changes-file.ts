import { parseDocument } from 'yaml';
import { ChangesFile, type EditError } from './edits';

/** Largest changes file read, in bytes of UTF-8. */
export const MAX_CHANGES_FILE_BYTES = 1024 * 1024;

export type ChangesFileResult = { ok: true; edits: unknown[] } | { ok: false; errors: EditError[] };

/** File-level problems are not about one edit: they carry index -1. */
const fileError = (message: string): ChangesFileResult => ({
  ok: false,
  errors: [{ index: -1, op: null, field: null, message }],
});

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Reads a changes file: YAML or JSON (JSON is YAML), either `{edits: [...]}` or a bare list of
 * edits. Only the file's shape is checked here; each edit is checked by applyEdits. Pure.
 * Duplicate keys, more than a few aliases (billion-laughs) and files over 1 MiB are refused.
 */
export function parseChangesFile(text: string): ChangesFileResult {
  if (typeof text !== 'string') return fileError('a changes file is text');
  if (text.length > MAX_CHANGES_FILE_BYTES || utf8Length(text) > MAX_CHANGES_FILE_BYTES)
    return fileError(`the changes file is larger than ${MAX_CHANGES_FILE_BYTES} bytes (1 MiB); split it`);
  let value: unknown;
  try {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, strict: true, stringKeys: true });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        errors: doc.errors.slice(0, 20).map((e) => ({
          index: -1,
          op: null,
          field: null,
          message: `not valid YAML or JSON: ${e.message.split('\n')[0]}`,
        })),
      };
    }
    value = doc.toJS({ maxAliasCount: 10 });
  } catch (e) {
    // toJS throws on alias bombs and on anything it cannot turn into plain data.
    return fileError(`the changes file could not be read: ${(e as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined)
    return fileError('the changes file is empty: expected {edits: [...]} or a list of edits');
  const parsed = ChangesFile.safeParse(value);
  if (!parsed.success) {
    const tooMany = parsed.error.issues.some(
      (i) => i.code === 'too_big' || (i.code === 'invalid_union' && JSON.stringify(i).includes('too_big')),
    );
    return fileError(
      tooMany
        ? 'the changes file has more than 5000 edits; split it'
        : 'a changes file is {edits: [...]} (and nothing else) or a bare list of edits',
    );
  }
  return { ok: true, edits: Array.isArray(parsed.data) ? parsed.data : parsed.data.edits };
}
