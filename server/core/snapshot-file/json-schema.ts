import { z } from 'zod';
import { Bridge, Flow, FlowAction, HostModel, Interface, Link, Namespace, Port, Vm } from '../model/schema';
import { SNAPSHOT_FILE_VERSION, SnapshotFile } from './schema';

/**
 * The JSON Schema (draft 2020-12) of a snapshot file, generated from the zod schemas: served at
 * /schema/snapshot.json (app/schema/snapshot.json/route.ts), copied to docs/snapshot.schema.json
 * by `npm run snapshot:schema`. The model's
 * main objects are named `$defs` (a v1 file, a bare HostModel, validates against
 * `#/$defs/HostModel`), which also keeps the recursive FlowAction readable. Checks zod cannot
 * express (host names unique in a file) are made by readSnapshotFile only.
 */
export function snapshotJsonSchema(): Record<string, unknown> {
  const names = z.registry<{ id: string }>();
  const defs = { HostModel, Namespace, Link, Bridge, Port, Interface, Flow, FlowAction, Vm };
  for (const [id, schema] of Object.entries(defs)) names.add(schema, { id });
  const schema = z.toJSONSchema(SnapshotFile, {
    // `input`: what a reader accepts (unknown keys are ignored, not refused).
    io: 'input',
    unrepresentable: 'any',
    metadata: names,
    // A registry of its own replaces zod's global one, where `.describe()` keeps descriptions.
    override: ({ zodSchema, jsonSchema }) => {
      const description = z.globalRegistry.get(zodSchema)?.description;
      if (description !== undefined) jsonSchema.description = description;
    },
  });
  return {
    ...schema,
    title: `Patchbay snapshot file, schemaVersion ${SNAPSHOT_FILE_VERSION}`,
    description:
      'The models of one or more hosts at one moment, with their derived relations resolved to model ids (docs/snapshot-format.md)',
  };
}
