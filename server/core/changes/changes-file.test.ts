import { describe, expect, it } from 'vitest';
import { parseChangesFile } from './changes-file';

describe('parseChangesFile', () => {
  it('reads YAML {edits: [...]}', () => {
    const text = `# attach the uplink
edits:
  - op: add-port
    bridge: br-ex
    name: eth1
    type: system
  - {op: set-port, name: eth1, tag: 5}
`;
    expect(parseChangesFile(text)).toEqual({
      ok: true,
      edits: [
        { op: 'add-port', bridge: 'br-ex', name: 'eth1', type: 'system' },
        { op: 'set-port', name: 'eth1', tag: 5 },
      ],
    });
  });

  it('reads a bare YAML list and JSON in both shapes', () => {
    expect(parseChangesFile('- op: add-namespace\n  name: ns1\n')).toEqual({
      ok: true,
      edits: [{ op: 'add-namespace', name: 'ns1' }],
    });
    expect(parseChangesFile('{"edits": [{"op": "delete-bridge", "name": "br-x"}]}')).toEqual({
      ok: true,
      edits: [{ op: 'delete-bridge', name: 'br-x' }],
    });
    expect(parseChangesFile('[]')).toEqual({ ok: true, edits: [] });
  });

  it('leaves the edits themselves to applyEdits (an unknown op passes the file check)', () => {
    expect(parseChangesFile('- op: frobnicate\n')).toEqual({ ok: true, edits: [{ op: 'frobnicate' }] });
  });

  it('refuses broken YAML, duplicate keys, other shapes and empty files, at index -1', () => {
    const bad = [
      'edits: [',
      'edits: []\nedits: []\n',
      '- {op: add-bridge, name: a, name: b}\n',
      'op: add-bridge\nname: br0\n',
      '{"edits": [], "extra": 1}',
      '42',
      '',
      '# nothing\n',
    ];
    for (const text of bad) {
      const r = parseChangesFile(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatchObject({ index: -1, op: null, field: null });
    }
    const dup = parseChangesFile('- {op: add-bridge, name: a, name: b}\n');
    expect(!dup.ok && dup.errors[0]?.message).toMatch(/not valid YAML or JSON: .*unique/i);
  });

  it('refuses alias bombs, files over 1 MiB and more than 5000 edits', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'edits: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    expect(parseChangesFile(bomb).ok).toBe(false);
    const big = `# ${'x'.repeat(1024 * 1024)}\n[]`;
    expect(parseChangesFile(big)).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/1 MiB/) }],
    });
    const many = JSON.stringify(new Array(5001).fill({ op: 'add-namespace', name: 'x' }));
    expect(parseChangesFile(many)).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/5000/) }],
    });
  });
});
