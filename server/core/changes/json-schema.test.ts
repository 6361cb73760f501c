import { describe, expect, it } from 'vitest';
import { EDIT_OPS } from './apply-edits';
import { editsJsonSchema } from './json-schema';

/** Every `const` value of an `op` property anywhere in the schema. */
function opsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) opsIn(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const op = (o.properties as Record<string, { const?: unknown }> | undefined)?.op;
    if (typeof op?.const === 'string') out.add(op.const);
    for (const v of Object.values(o)) opsIn(v, out);
  }
  return out;
}

describe('editsJsonSchema', () => {
  it('includes every op, in both file shapes', () => {
    const schema = editsJsonSchema();
    expect(schema.$schema).toMatch(/json-schema.org/);
    expect([...opsIn(schema)].sort()).toEqual([...EDIT_OPS].sort());
    expect(EDIT_OPS.length).toBe(19);
    const shapes = schema.anyOf as { type: string }[];
    expect(shapes.map((s) => s.type).sort()).toEqual(['array', 'object']);
  });

  it('carries the name patterns, the tag range and closed objects', () => {
    const text = JSON.stringify(editsJsonSchema());
    expect(text).toContain('"pattern":"^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,14}$"');
    expect(text).toContain('"maximum":4095');
    expect(text).toContain('"additionalProperties":false');
    // Defaulted fields are optional in what a file may say.
    const addFlow = JSON.parse(text).anyOf[1].items.oneOf.find(
      (s: { properties: { op: { const: string } } }) => s.properties.op.const === 'add-flow',
    );
    expect(addFlow.required).toEqual(['op', 'bridge', 'match', 'actions']);
  });
});
