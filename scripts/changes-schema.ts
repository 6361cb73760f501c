/**
 * `npm run changes:schema`: writes docs/changes.schema.json, the JSON Schema of a changes file
 * generated from the edit schemas (editors validate and complete YAML/JSON changes files with it).
 * A unit test fails when the committed file and the schemas disagree.
 */
import { writeFileSync } from 'node:fs';
import { editsJsonSchema } from '@/server/core/changes/json-schema';

export const SCHEMA_FILE = 'docs/changes.schema.json';
const schemaText = (): string => `${JSON.stringify(editsJsonSchema(), null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
