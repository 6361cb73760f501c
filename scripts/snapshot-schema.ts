/**
 * `npm run snapshot:schema`: writes docs/snapshot.schema.json, the JSON Schema of a snapshot file
 * generated from the zod schemas (the dashboard serves the same at /schema/snapshot.json).
 * A unit test fails when the committed file and the schemas disagree.
 */
import { writeFileSync } from 'node:fs';
import { snapshotJsonSchema } from '@/server/core/snapshot-file/json-schema';

export const SNAPSHOT_SCHEMA_FILE = 'docs/snapshot.schema.json';
const schemaText = (): string => `${JSON.stringify(snapshotJsonSchema(), null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SNAPSHOT_SCHEMA_FILE, schemaText());
  console.log(`wrote ${SNAPSHOT_SCHEMA_FILE}`);
}
