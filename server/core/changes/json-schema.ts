import { z } from 'zod';
import { Edit } from './edits';

/**
 * The JSON Schema (draft 2020-12) of a changes file, generated from the zod schemas of edits.ts:
 * `{edits: [...]}` or a bare list, each edit one of the ops. Editors validate and complete YAML
 * or JSON changes files with it. Refinements zod cannot express (". and .. are not names") are
 * checked by applyEdits only.
 */
export function editsJsonSchema(): Record<string, unknown> {
  const edits = z.array(Edit).max(5000);
  const file = z
    .union([z.strictObject({ edits }), edits])
    .describe('Patchbay changes file: {edits: [...]} or a bare list of edits');
  // `input`: fields with defaults (table, priority) are optional in what a file may say.
  const schema = z.toJSONSchema(file, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'Patchbay changes file' };
}
