import { describe, expect, it } from 'vitest';
import { applyEdits, EDIT_OPS } from './apply-edits';
import { accepted, labModel, refused, refusedWith } from './apply-edits.test-helper';

const aio = () => labModel('aio');

describe('bad input (issue 10): refused before anything runs, with the edit and field named', () => {
  it('an unknown edit', () => {
    const e = refusedWith(
      aio(),
      [{ op: 'add-route', namespace: 'outside', dst: 'default', via: '203.0.113.1' }, { op: 'rm-rf' }],
      1,
      'op',
    );
    expect(e.op).toBeNull();
    expect(e.message).toMatch(/^unknown op rm-rf \(ops: add-bridge, delete-bridge, /);
  });

  it('an unknown field', () => {
    const e = refusedWith(aio(), [{ op: 'add-bridge', name: 'br-a', color: 'red' }], 0, 'color');
    expect(e).toEqual({
      index: 0,
      op: 'add-bridge',
      field: 'color',
      message:
        'unknown field color (fields of add-bridge: op, name, failMode, datapathType, protocols, externalIds)',
    });
    refusedWith(
      aio(),
      [
        {
          op: 'add-port',
          bridge: 'br-int',
          name: 'v',
          type: 'vxlan',
          options: { remote_ip: '192.0.2.1', ttl: '9' },
        },
      ],
      0,
      'options.ttl',
    );
  });

  it('a name over 15 bytes', () => {
    const e = refusedWith(
      aio(),
      [{ op: 'add-port', bridge: 'br-int', name: 'a-very-long-name', type: 'internal' }],
      0,
      'name',
    );
    expect(e.message).toMatch(/^"a-very-long-name" \(16 bytes\): at most 15 of/);
    // Bytes, not characters: a multi-byte name is refused for its characters and its length.
    refusedWith(aio(), [{ op: 'add-veth', name: 'éééééééé', peer: 'x' }], 0, 'name');
  });

  it('a shell metacharacter, a newline, a slash', () => {
    for (const name of [
      'a;b',
      'a$(id)',
      'a`id`',
      'a|b',
      'a&b',
      'a>b',
      "a'b",
      'a"b',
      'a b',
      '-rf',
      'a\nb',
      'a\rb',
      'a\0b',
      'a/b',
      '../x',
      '.',
      '..',
    ])
      refusedWith(aio(), [{ op: 'delete-bridge', name }], 0, 'name');
    refusedWith(aio(), [{ op: 'add-namespace', name: 'ns/../../etc' }], 0, 'name');
    refusedWith(aio(), [{ op: 'add-bridge', name: 'b', externalIds: { k: 'v;reboot' } }], 0, 'externalIds.k');
    refusedWith(
      aio(),
      [{ op: 'add-flow', bridge: 'br-ex', match: 'ip\nactions=drop', actions: 'drop' }],
      0,
      'match',
    );
  });

  it('tag 4096', () => {
    expect(refusedWith(aio(), [{ op: 'set-port', name: 'eth1', tag: 4096 }], 0, 'tag').message).toBe(
      '4096: Too big: expected number to be <=4095',
    );
    refusedWith(aio(), [{ op: 'set-port', name: 'eth1', tag: -1 }], 0, 'tag');
    refusedWith(aio(), [{ op: 'set-port', name: 'eth1', trunks: [1, 4096] }], 0, 'trunks.1');
  });

  it('a bad CIDR', () => {
    refusedWith(aio(), [{ op: 'add-address', link: 'eth0', address: '300.1.1.1/24' }], 0, 'address');
    refusedWith(aio(), [{ op: 'add-route', dst: '10.0.0.0/99', dev: 'eth0' }], 0, 'dst');
  });

  it('a route via a gateway not on-link', () => {
    expect(
      refusedWith(aio(), [{ op: 'add-route', dst: '10.0.0.0/8', via: '10.9.9.9' }], 0, 'via').message,
    ).toMatch(/gateway 10.9.9.9 is not on-link in the root namespace/);
  });

  it('deleting something that does not exist', () => {
    refusedWith(aio(), [{ op: 'delete-bridge', name: 'br-x' }], 0, 'name');
    refusedWith(aio(), [{ op: 'delete-port', name: 'p-x' }], 0, 'name');
    refusedWith(aio(), [{ op: 'delete-namespace', name: 'ns-x' }], 0, 'name');
    refusedWith(aio(), [{ op: 'delete-link', name: 'l-x' }], 0, 'name');
    refusedWith(aio(), [{ op: 'delete-address', link: 'eth0', address: '10.0.0.1/8' }], 0, 'address');
    refusedWith(aio(), [{ op: 'delete-route', dst: '10.0.0.0/8' }], 0, 'dst');
    refusedWith(aio(), [{ op: 'delete-flow', bridge: 'br-ex', match: 'ip' }], 0, 'match');
  });
});

describe('applyEdits', () => {
  it('collects every error of every edit, in edit order', () => {
    const errors = refused(aio(), [
      { op: 'add-port', bridge: 'br-x', name: 'a;b', type: 'internal', tag: 4096, foo: 1 },
      { op: 'add-bridge', name: 'br-ok' },
      'not an edit',
      { op: 'delete-bridge', name: 'br-x' },
      { op: 'add-address', link: 'eth0', address: 'nope' },
    ]);
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [0, 'name'],
      [0, 'tag'],
      [0, 'foo'],
      [2, null],
      [3, 'name'],
      [4, 'address'],
    ]);
  });

  it('checks each edit against the model as changed by the edits before it', () => {
    accepted(aio(), [
      { op: 'add-bridge', name: 'br-a' },
      { op: 'add-port', bridge: 'br-a', name: 'p1', type: 'internal' },
      { op: 'delete-port', name: 'p1' },
      { op: 'add-port', bridge: 'br-a', name: 'p1', type: 'internal' },
      { op: 'delete-bridge', name: 'br-a' },
    ]);
    refusedWith(
      aio(),
      [
        { op: 'delete-bridge', name: 'br-ex' },
        { op: 'add-port', bridge: 'br-ex', name: 'p1', type: 'internal' },
      ],
      1,
      'bridge',
    );
  });

  it('accepts an empty list, returns the parsed edits with defaults and leaves the input alone', () => {
    const model = aio();
    const result = applyEdits(model, []);
    expect(result.ok && result.desired).toEqual(model);
    const { edits } = accepted(model, [
      { op: 'delete-flow', bridge: 'br-ex', priority: 2, match: 'in_port=phy-br-ex' },
    ]);
    expect(edits).toEqual([
      { op: 'delete-flow', bridge: 'br-ex', table: 0, priority: 2, match: 'in_port=phy-br-ex' },
    ]);
  });

  it('refuses a non-list, too many edits, and non-object edits', () => {
    expect(applyEdits(aio(), 'x' as unknown as unknown[])).toEqual({
      ok: false,
      errors: [{ index: -1, op: null, field: null, message: 'edits must be a list' }],
    });
    const many = applyEdits(aio(), new Array(5001).fill({ op: 'add-namespace', name: 'x' }));
    expect(!many.ok && many.errors[0]?.message).toMatch(/at most 5000/);
    for (const bad of [null, 5, [], 'add-bridge', { name: 'x' }])
      expect(refused(aio(), [bad])[0]).toMatchObject({ index: 0, op: null });
  });

  it('says when the part of the host an edit needs was not read', () => {
    const noIp = aio();
    noIp.namespaces = [];
    expect(refusedWith(noIp, [{ op: 'add-veth', name: 'a', peer: 'b' }], 0, 'namespace').message).toMatch(
      /root namespace of this host was not read/,
    );
    // OVS edits still work without the kernel side (an internal port's link is simply not modelled).
    expect(
      accepted(noIp, [{ op: 'add-port', bridge: 'br-int', name: 'p5', type: 'internal' }]).summary.added,
    ).toEqual(['iface:p5', 'port:br-int/p5']);
    const noLinks = aio();
    const root = noLinks.namespaces[0];
    if (root) root.links = [];
    noLinks.errors.push({ part: 'links', message: 'exit status 1' });
    expect(refusedWith(noLinks, [{ op: 'delete-link', name: 'eth0' }], 0, 'name').message).toMatch(
      /links of the root namespace were not read .*read the host again/,
    );
  });

  it('knows every op of the vocabulary', () => {
    expect(EDIT_OPS).toEqual([
      'add-bridge',
      'delete-bridge',
      'add-port',
      'delete-port',
      'set-port',
      'add-patch',
      'set-interface',
      'add-flow',
      'delete-flow',
      'add-namespace',
      'delete-namespace',
      'add-veth',
      'move-link',
      'set-link',
      'delete-link',
      'add-address',
      'delete-address',
      'add-route',
      'delete-route',
    ]);
  });
});
