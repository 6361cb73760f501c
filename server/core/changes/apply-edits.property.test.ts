import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, EDIT_OPS } from './apply-edits';
import { labModel } from './apply-edits.test-helper';
import { diffModels } from './diff';
import { IFNAME_RE, NAMESPACE_RE, StringMap } from './edits';

/**
 * Property: whatever edits come in (valid-looking or hostile), applyEdits never throws, and when it
 * accepts, every string of every accepted edit is one of the safe shapes — so nothing unsafe can
 * reach an argument vector built from the edits or from the desired model.
 */

/** Frozen: a handler that changed its input (or a record the draft shares with it) throws here. */
const base = deepFreeze(labModel('aio'));

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
const bridges = base.ovs?.bridges.map((b) => b.name) ?? [];
const ovsNames = [
  ...(base.ovs?.ports.map((p) => p.name) ?? []),
  ...(base.ovs?.interfaces.map((i) => i.name) ?? []),
];
const namespaces = base.namespaces.filter((n) => !n.isRoot).map((n) => n.name);
const links = base.namespaces.flatMap((n) => n.links.map((l) => l.name));

const HOSTILE = [
  'a;b',
  '$(reboot)',
  '`id`',
  'a|b',
  'a&&b',
  'a>b',
  "a'b",
  'a"b',
  'a b',
  'a\nb',
  'a\rb',
  'a\u0000b',
  'a/b',
  '../../etc/passwd',
  '-rf',
  '--help',
  '.',
  '..',
  'x'.repeat(16),
  'x'.repeat(300),
  'é',
  '\u202e',
  '',
  ' ',
  '*',
  '~',
  '%s',
  '\\',
];
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);
const hostileValue = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(null, true, [], {}, 1.5, -1) },
);
const mix = <T>(valid: fc.Arbitrary<T>, validWeight = 10) =>
  fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });

const ifname = mix(
  fc.constantFrom(...bridges, ...ovsNames, ...links, 'p1', 'p2', 'va0', 'vb0', 'br-new', 'x:1', 'a.b'),
);
const nsName = mix(fc.constantFrom(...namespaces, 'ns1', 'ns2', 'nope'));
const nsOrNull = fc.oneof(nsName, fc.constant(null));
const octet = fc.integer({ min: 0, max: 300 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const ipv6 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 8 })
  .map((g) =>
    g.length === 8 ? g.map((x) => x.toString(16)).join(':') : `${g.map((x) => x.toString(16)).join(':')}::`,
  );
const ip = mix(
  fc.oneof(ipv4, ipv6, fc.constantFrom('203.0.113.1', '192.0.2.1', '203.0.113.254', '198.18.0.1')),
);
const cidr = mix(
  fc.oneof(
    fc.tuple(fc.oneof(ipv4, ipv6), fc.integer({ min: 0, max: 130 })).map(([a, p]) => `${a}/${p}`),
    fc.constantFrom('10.0.0.0/8', '203.0.113.0/24', '192.0.2.10/24', 'default', '0.0.0.0/0', '2001:db8::/64'),
  ),
);
const stringMap = fc.dictionary(
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom('iface-id', 'attached-mac', 'owner', 'peer', 'remote_ip', 'key', 'dst_port'),
    },
    { weight: 1, arbitrary: hostileString },
  ),
  mix(fc.constantFrom('x-1', '42', '203.0.113.9', 'flow', 'fa:16:3e:00:00:01', '4789', 'br-ex'), 3),
  { maxKeys: 3 },
);
const flowMatch = mix(
  fc.constantFrom(
    '',
    'ip',
    'in_port=phy-br-ex',
    'in_port=2,dl_vlan=1',
    'in_port=eth1 tcp tp_dst=80',
    'table=1',
    'in_port=99',
  ),
);
const flowActions = mix(
  fc.constantFrom('drop', 'NORMAL', 'output:eth1', 'strip_vlan,output:2', 'resubmit(,2)', 'output:zz'),
);
const intLike = (min: number, max: number) => mix(fc.integer({ min, max }));

/** Field arbitraries by field name (every field of every op). */
const FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.oneof(ifname, nsName),
  bridge: ifname,
  peer: ifname,
  port: ifname,
  peerBridge: ifname,
  peerPort: ifname,
  link: ifname,
  dev: ifname,
  namespace: nsName,
  peerNamespace: nsName,
  from: nsName,
  to: nsOrNull,
  type: mix(fc.constantFrom('internal', 'system', 'patch', 'vxlan', 'gre', 'geneve', 'dpdk')),
  tag: fc.oneof(intLike(-2, 4100), fc.constant(null)),
  trunks: mix(fc.array(fc.integer({ min: -1, max: 4100 }), { maxLength: 4 })),
  vlanMode: mix(fc.constantFrom('access', 'trunk', 'native-tagged', 'native-untagged', 'dot1q-tunnel', null)),
  options: mix(stringMap),
  externalIds: mix(stringMap),
  mtuRequest: fc.oneof(intLike(0, 70000), fc.constant(null)),
  mtu: intLike(0, 70000),
  failMode: mix(fc.constantFrom('secure', 'standalone')),
  datapathType: mix(fc.constantFrom('system', 'netdev')),
  protocols: mix(fc.array(fc.constantFrom('OpenFlow10', 'OpenFlow13', 'OpenFlow99'), { maxLength: 3 })),
  table: mix(fc.oneof(fc.integer({ min: -1, max: 300 }), fc.constantFrom('main', 'local'))),
  priority: intLike(-1, 70000),
  cookie: mix(fc.constantFrom('0x1f', '0x0', '0xffffffffffffffff', '1f')),
  match: flowMatch,
  actions: flowActions,
  up: mix(fc.boolean()),
  mac: mix(fc.constantFrom('02:00:00:00:00:01', '01:00:5e:00:00:01', 'zz:00:00:00:00:00')),
  address: cidr,
  dst: cidr,
  via: ip,
  metric: intLike(-1, 2 ** 32 + 1),
};

const OP_FIELDS: Record<string, string[]> = {
  'add-bridge': ['name', 'failMode', 'datapathType', 'protocols', 'externalIds'],
  'delete-bridge': ['name'],
  'add-port': ['bridge', 'name', 'type', 'tag', 'trunks', 'vlanMode', 'options', 'externalIds'],
  'delete-port': ['name', 'bridge'],
  'set-port': ['name', 'tag', 'trunks', 'vlanMode'],
  'add-patch': ['bridge', 'port', 'peerBridge', 'peerPort'],
  'set-interface': ['name', 'options', 'mtuRequest', 'externalIds'],
  'add-flow': ['bridge', 'table', 'priority', 'cookie', 'match', 'actions'],
  'delete-flow': ['bridge', 'table', 'priority', 'match'],
  'add-namespace': ['name'],
  'delete-namespace': ['name'],
  'add-veth': ['name', 'peer', 'namespace', 'peerNamespace'],
  'move-link': ['name', 'from', 'to'],
  'set-link': ['namespace', 'name', 'up', 'mtu', 'mac'],
  'delete-link': ['namespace', 'name'],
  'add-address': ['namespace', 'link', 'address'],
  'delete-address': ['namespace', 'link', 'address'],
  'add-route': ['namespace', 'table', 'dst', 'via', 'dev', 'metric'],
  'delete-route': ['namespace', 'table', 'dst', 'via', 'dev', 'metric'],
};

const fresh = fc.stringMatching(IFNAME_RE);
const freshNs = fc.stringMatching(NAMESPACE_RE);
const linkIn = fc.constantFrom(...base.namespaces).chain((ns) =>
  fc.record({
    namespace: fc.constant(ns.isRoot ? undefined : ns.name),
    name: fc.constantFrom(...ns.links.map((l) => l.name)),
  }),
);
const printable = fc.string({ minLength: 1, maxLength: 30 }).filter((t) => !/[\0\r\n]/.test(t));

/** Edits built to be plausible against the aio host, so that many are accepted. */
const plausible: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fresh.map((name) => ({ op: 'add-bridge', name })),
  fc.constantFrom(...bridges).map((name) => ({ op: 'delete-bridge', name })),
  fc
    .tuple(fc.constantFrom(...bridges), fresh, fc.integer({ min: 0, max: 4095 }))
    .map(([bridge, name, tag]) => ({ op: 'add-port', bridge, name, type: 'internal', tag })),
  fc
    .tuple(fc.constantFrom(...bridges), fresh, ipv4, fc.stringMatching(/^[0-9]{1,7}$/))
    .map(([bridge, name, remote, key]) => ({
      op: 'add-port',
      bridge,
      name,
      type: 'vxlan',
      options: { remote_ip: remote, key },
    })),
  fc.constantFrom('eth1', 'qvo9e8d7c6b-5a', 'int-br-ex').map((name) => ({ op: 'delete-port', name })),
  fc
    .tuple(
      fc.constantFrom('eth1', 'qvo9e8d7c6b-5a', 'tap7d2e9b1a-0c'),
      fc.oneof(fc.integer({ min: 0, max: 4095 }), fc.constant(null)),
    )
    .map(([name, tag]) => ({ op: 'set-port', name, tag })),
  fc
    .tuple(fresh, fresh)
    .map(([port, peerPort]) => ({ op: 'add-patch', bridge: 'br-int', port, peerBridge: 'br-ex', peerPort })),
  fc
    .tuple(fc.constantFrom(...(base.ovs?.interfaces.map((i) => i.name) ?? [])), stringMap)
    .map(([name, externalIds]) => ({ op: 'set-interface', name, externalIds })),
  fc
    .tuple(
      fc.constantFrom(...bridges),
      fc.integer({ min: 0, max: 65535 }),
      fc.constantFrom('', 'ip', 'dl_vlan=5', 'tcp,tp_dst=80', 'arp'),
      fc.oneof(fc.constantFrom('drop', 'NORMAL', 'mod_vlan_vid:5,NORMAL'), printable),
    )
    .map(([bridge, priority, match, actions]) => ({ op: 'add-flow', bridge, priority, match, actions })),
  fc.constant({ op: 'delete-flow', bridge: 'br-ex', priority: 0, match: '' }),
  freshNs.map((name) => ({ op: 'add-namespace', name })),
  fc.constantFrom(...namespaces).map((name) => ({ op: 'delete-namespace', name })),
  fc
    .tuple(fresh, fresh, fc.constantFrom(...namespaces))
    .map(([name, peer, peerNamespace]) => ({ op: 'add-veth', name, peer, peerNamespace })),
  fc
    .constantFrom(...namespaces, null)
    .map((to) => ({ op: 'move-link', name: 'qvb3c4d5e6f-7a', from: 'instance-1', to })),
  fc
    .tuple(linkIn, fc.boolean(), fc.integer({ min: 68, max: 9000 }))
    .map(([l, up, mtu]) => ({ op: 'set-link', ...l, up, mtu })),
  linkIn.map((l) => ({ op: 'delete-link', ...l })),
  fc
    .tuple(linkIn, ipv4, fc.integer({ min: 8, max: 32 }))
    .map(([l, a, p]) => ({ op: 'add-address', namespace: l.namespace, link: l.name, address: `${a}/${p}` })),
  fc.constant({
    op: 'delete-address',
    namespace: 'outside',
    link: 'eth1-outside',
    address: '203.0.113.254/24',
  }),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 253 })).map(([n, h]) => ({
    op: 'add-route',
    namespace: 'outside',
    dst: `10.${n}.0.0/16`,
    via: `203.0.113.${h}`,
  })),
  fc.constant({
    op: 'delete-route',
    namespace: 'qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b',
    dst: 'default',
  }),
);

const editArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: plausible.map((e) => JSON.parse(JSON.stringify(e)) as unknown) },
  {
    weight: 10,
    arbitrary: fc.constantFrom(...EDIT_OPS).chain((op) => {
      const fields = OP_FIELDS[op] ?? [];
      const shape = Object.fromEntries(
        fields.map((f) => [f, fc.option(FIELDS[f] ?? hostileValue, { nil: undefined, freq: 6 })]),
      );
      return fc
        .tuple(fc.record(shape), fc.option(fc.tuple(hostileString, hostileValue), { freq: 12 }))
        .map(([record, extra]) => {
          const edit: Record<string, unknown> = { op };
          for (const [k, v] of Object.entries(record)) if (v !== undefined) edit[k] = v;
          if (extra) edit[extra[0]] = extra[1];
          return edit;
        });
    }),
  },
  { weight: 1, arbitrary: hostileValue },
  { weight: 1, arbitrary: fc.record({ op: hostileString }) },
);

/** Mostly short runs (each has a fair chance of being accepted whole), some long ones. */
const runArb = fc.oneof(
  { weight: 3, arbitrary: fc.array(editArb, { minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: fc.array(editArb, { minLength: 3, maxLength: 12 }) },
);

// ---------------------------------------------------------------- safety of accepted strings

const SAFE_WORD = /^[A-Za-z0-9_.:/@+=-]*$/;
const ADDRESS = /^(?:default|flow|[0-9A-Fa-f.:]+(?:\/\d{1,3})?)$/;
const IFNAME_FIELDS = new Set(['bridge', 'peer', 'port', 'peerBridge', 'peerPort', 'link', 'dev']);
const NS_FIELDS = new Set(['namespace', 'peerNamespace', 'from', 'to']);

/** Why a string field of an accepted edit is unsafe, or null. */
function unsafe(op: string, path: string[], value: string): string | null {
  const field = path[0] ?? '';
  if (field === 'op') return EDIT_OPS.includes(value) ? null : 'unknown op';
  if (field === 'match' || field === 'actions')
    return /[\0\r\n]/.test(value) || value.length > 2000 ? 'flow text with a control byte' : null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are what is looked for
  if (/[\0-\x1f\x7f]/.test(value)) return 'control byte';
  if (field === 'address' || field === 'dst' || field === 'via')
    return ADDRESS.test(value) ? null : 'not an address';
  if (field === 'options' && (path[1] === 'remote_ip' || path[1] === 'local_ip'))
    return ADDRESS.test(value) ? null : 'not an address';
  if (field === 'options' && path[1] === 'peer') return IFNAME_RE.test(value) ? null : 'unsafe peer';
  // A map value only ever follows `key=` inside one argument (external_ids:k=v), never stands alone.
  if (field === 'externalIds' || field === 'options')
    return SAFE_WORD.test(value) && value.length <= 255 ? null : `unsafe ${path.join('.')}`;
  if (value.startsWith('-')) return 'looks like an option';
  if (field === 'name')
    return (op.includes('namespace') ? NAMESPACE_RE : IFNAME_RE).test(value) ? null : 'unsafe name';
  if (IFNAME_FIELDS.has(field)) return IFNAME_RE.test(value) ? null : 'unsafe interface name';
  if (NS_FIELDS.has(field)) return NAMESPACE_RE.test(value) ? null : 'unsafe namespace name';
  return SAFE_WORD.test(value) ? null : `unsafe ${path.join('.')}`;
}

function* strings(value: unknown, path: string[] = []): Generator<[string[], string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value))
    for (const [i, v] of value.entries()) yield* strings(v, [...path, String(i)]);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield [[...path, `${k} (key)`], k];
      yield* strings(v, [...path, k]);
    }
  }
}

describe('applyEdits on generated edits (fast-check)', () => {
  it('never throws; accepted edits carry only safe strings into argument vectors', {
    timeout: 60_000,
  }, () => {
    let edits = 0;
    let acceptedEdits = 0;
    let refusedRuns = 0;
    fc.assert(
      fc.property(runArb, (input) => {
        edits += input.length;
        const result = applyEdits(base, input);
        if (!result.ok) {
          refusedRuns++;
          for (const e of result.errors) {
            expect(e.message).not.toMatch(/internal error/);
            expect(e.index).toBeGreaterThanOrEqual(0);
            expect(e.index).toBeLessThan(input.length);
          }
          return;
        }
        acceptedEdits += result.edits.length;
        for (const edit of result.edits) {
          for (const [path, value] of strings(edit)) {
            const keyOf = path.at(-1)?.endsWith(' (key)');
            const why = keyOf
              ? SAFE_WORD.test(value) && !value.startsWith('-')
                ? null
                : 'unsafe key'
              : unsafe(edit.op, path, value);
            if (why) throw new Error(`${why}: ${edit.op} ${path.join('.')} = ${JSON.stringify(value)}`);
          }
          if ('externalIds' in edit && edit.externalIds)
            expect(StringMap.safeParse(edit.externalIds).success).toBe(true);
        }
        // What the planner reads — the projected objects that differ — is just as clean.
        const diff = diffModels(base, result.desired);
        for (const o of [...diff.added, ...diff.changed.map((c) => c.after)])
          for (const [path, value] of strings(o.fields)) {
            if (path[0] === 'match' || path[0] === 'actions') expect(value).not.toMatch(/[\0\r\n]/);
            else if (!path.at(-1)?.endsWith(' (key)'))
              expect(value, `${o.id} ${path.join('.')}`).toMatch(SAFE_WORD);
          }
      }),
      { numRuns: 3600 },
    );
    expect(edits).toBeGreaterThanOrEqual(10_000);
    // The generator reaches both outcomes (a test that only ever refuses proves little).
    expect(acceptedEdits).toBeGreaterThan(200);
    expect(refusedRuns).toBeGreaterThan(100);
  });
});
