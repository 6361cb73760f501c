import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editsJsonSchema } from '@/server/core/changes/json-schema';
import { SCHEMA_FILE } from './changes-schema';

describe('docs/changes.schema.json', () => {
  it('is what the edit schemas generate (run npm run changes:schema after changing them)', () => {
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(editsJsonSchema());
  });
});
