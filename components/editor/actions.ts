/**
 * What the editor offers for a selection, as forms that build edits of the change engine's
 * vocabulary (server/core/changes/edits.ts). Pure: the form component renders the fields, builds
 * the edit and validates it with the engine's own schema and applyEdits.
 */

export type FieldKind = 'text' | 'number' | 'select';

export interface Field {
  name: string;
  label: string;
  kind: FieldKind;
  options?: string[];
  placeholder?: string;
  /** Filled in when the form opens. */
  initial?: string;
}

export interface Action {
  id: string;
  title: string;
  fields: Field[];
  build: (v: Record<string, string>) => Record<string, unknown>;
}

/** What is selected, reduced to the model: a bridge, port, namespace or link (by name). */
export type Target =
  | { kind: 'none' }
  | { kind: 'bridge'; bridge: string }
  | { kind: 'port'; bridge: string; port: string; tag: number | null }
  | { kind: 'namespace'; namespace: string }
  | { kind: 'link'; namespace: string; link: string };

/** The model id of a graph node (`br:br-int`, `port:br-int/p5`, `ns:x`, `link:x/eth0`) → Target. */
export function targetOf(modelId: string | null, tag?: number | null): Target {
  if (!modelId) return { kind: 'none' };
  const [kind, rest = ''] = splitOnce(modelId, ':');
  if (kind === 'br') return { kind: 'bridge', bridge: rest };
  if (kind === 'port') {
    const [bridge, port = ''] = splitOnce(rest, '/');
    return { kind: 'port', bridge, port, tag: tag ?? null };
  }
  if (kind === 'ns' && rest !== '') return { kind: 'namespace', namespace: rest };
  if (kind === 'link') {
    const [namespace, link = ''] = splitOnce(rest, '/');
    return { kind: 'link', namespace, link };
  }
  return { kind: 'none' };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

const PORT_TYPES = ['internal', 'system', 'patch', 'vxlan', 'gre', 'geneve'];
const VLAN_MODES = ['', 'access', 'trunk', 'native-tagged', 'native-untagged'];

/** Form values → edit fields: empty strings are left out, numbers parsed (NaN stays for the schema to refuse). */
const opt = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
const num = (v: string | undefined) => (opt(v) === undefined ? undefined : Number(v));
const nsOrRoot = (v: string | undefined) => (opt(v) === undefined ? undefined : v?.trim());
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
const list = (v: string | undefined) =>
  opt(v) === undefined
    ? undefined
    : (v ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);

/** Every action for a target; `namespaces` fills the namespace pickers. */
export function actionsFor(t: Target, namespaces: string[]): Action[] {
  const nsChoices = ['', ...namespaces];
  const always: Action[] = [
    {
      id: 'add-bridge',
      title: 'Add bridge',
      fields: [
        { name: 'name', label: 'Name', kind: 'text', placeholder: 'br-new' },
        { name: 'failMode', label: 'Fail mode', kind: 'select', options: ['', 'secure', 'standalone'] },
      ],
      build: (v) => defined({ op: 'add-bridge', name: v.name ?? '', failMode: opt(v.failMode) }),
    },
    {
      id: 'add-namespace',
      title: 'Add namespace',
      fields: [{ name: 'name', label: 'Name', kind: 'text', placeholder: 'ns1' }],
      build: (v) => ({ op: 'add-namespace', name: v.name ?? '' }),
    },
  ];
  switch (t.kind) {
    case 'bridge':
      return [
        {
          id: 'add-port',
          title: `Add port to ${t.bridge}`,
          fields: [
            { name: 'name', label: 'Name', kind: 'text', placeholder: 'p1' },
            { name: 'type', label: 'Type', kind: 'select', options: PORT_TYPES, initial: 'internal' },
            { name: 'tag', label: 'VLAN tag', kind: 'number', placeholder: 'none' },
            { name: 'peer', label: 'Patch peer (patch)', kind: 'text' },
            { name: 'remote_ip', label: 'Remote IP (tunnels)', kind: 'text' },
            { name: 'key', label: 'Key (tunnels)', kind: 'text' },
          ],
          build: (v) => {
            const options = defined({ peer: opt(v.peer), remote_ip: opt(v.remote_ip), key: opt(v.key) });
            return defined({
              op: 'add-port',
              bridge: t.bridge,
              name: v.name ?? '',
              type: v.type || 'internal',
              tag: num(v.tag),
              options: Object.keys(options).length > 0 ? options : undefined,
            });
          },
        },
        flowAction(t.bridge, 'add'),
        flowAction(t.bridge, 'delete'),
        {
          id: 'add-patch',
          title: `Patch ${t.bridge} to another bridge`,
          fields: [
            { name: 'port', label: `Port on ${t.bridge}`, kind: 'text', placeholder: `${t.bridge}-to-x` },
            { name: 'peerBridge', label: 'Other bridge', kind: 'text' },
            { name: 'peerPort', label: 'Port on the other bridge', kind: 'text' },
          ],
          build: (v) => ({
            op: 'add-patch',
            bridge: t.bridge,
            port: v.port ?? '',
            peerBridge: v.peerBridge ?? '',
            peerPort: v.peerPort ?? '',
          }),
        },
        ...always,
      ];
    case 'port':
      return [
        {
          id: 'set-port',
          title: `VLAN of ${t.port}`,
          fields: [
            {
              name: 'tag',
              label: 'Tag (empty: none)',
              kind: 'number',
              initial: t.tag === null ? '' : String(t.tag),
            },
            { name: 'trunks', label: 'Trunks (e.g. 10,20)', kind: 'text' },
            { name: 'vlanMode', label: 'VLAN mode', kind: 'select', options: VLAN_MODES },
          ],
          build: (v) =>
            defined({
              op: 'set-port',
              name: t.port,
              tag: opt(v.tag) === undefined ? null : Number(v.tag),
              trunks: list(v.trunks),
              vlanMode: opt(v.vlanMode),
            }),
        },
        moveAction(t.port, undefined, nsChoices),
        ...always,
      ];
    case 'namespace':
      return [
        addressAction(t.namespace),
        linkStateAction(t.namespace),
        {
          id: 'add-route',
          title: `Route in ${t.namespace}`,
          fields: [
            { name: 'dst', label: 'Destination (CIDR or default)', kind: 'text', initial: 'default' },
            { name: 'via', label: 'Gateway', kind: 'text' },
            { name: 'dev', label: 'Device', kind: 'text' },
          ],
          build: (v) =>
            defined({
              op: 'add-route',
              namespace: t.namespace,
              dst: v.dst ?? '',
              via: opt(v.via),
              dev: opt(v.dev),
            }),
        },
        ...always,
      ];
    case 'link':
      return [
        linkStateAction(t.namespace, t.link),
        moveAction(t.link, t.namespace || undefined, nsChoices),
        addressAction(t.namespace, t.link),
        ...always,
      ];
    default:
      return always;
  }
}

/** Add or delete a flow: both pick it as OVS does, by table, priority and match. */
function flowAction(bridge: string, kind: 'add' | 'delete'): Action {
  const fields: Field[] = [
    { name: 'table', label: 'Table', kind: 'number', initial: '0' },
    { name: 'priority', label: 'Priority', kind: 'number', ...(kind === 'add' ? { initial: '100' } : {}) },
    kind === 'add'
      ? { name: 'match', label: 'Match', kind: 'text', placeholder: 'in_port=p1,dl_vlan=5' }
      : { name: 'match', label: 'Match (as shown)', kind: 'text' },
  ];
  return {
    id: `${kind}-flow`,
    title: kind === 'add' ? `Add a flow to ${bridge}` : `Delete a flow of ${bridge}`,
    fields:
      kind === 'add'
        ? [...fields, { name: 'actions', label: 'Actions', kind: 'text', placeholder: 'strip_vlan,NORMAL' }]
        : fields,
    build: (v) =>
      defined({
        op: `${kind}-flow`,
        bridge,
        table: num(v.table),
        priority: num(v.priority),
        match: v.match ?? '',
        actions: kind === 'add' ? (v.actions ?? '') : undefined,
      }),
  };
}

/** An address on a link of a namespace ('' = the root); the link is asked for when not given. */
function addressAction(namespace: string, link?: string): Action {
  return {
    id: 'add-address',
    title: link ? `Address on ${link}` : `Address in ${namespace}`,
    fields: [
      ...(link ? [] : [{ name: 'link', label: 'Link', kind: 'text' } as Field]),
      { name: 'address', label: 'Address (CIDR)', kind: 'text', placeholder: '10.0.0.2/24' },
    ],
    build: (v) =>
      defined({
        op: 'add-address',
        namespace: nsOrRoot(namespace),
        link: link ?? v.link ?? '',
        address: v.address ?? '',
      }),
  };
}

/** Up/down and MTU of a link of a namespace ('' = the root); the link is asked for when not given. */
function linkStateAction(namespace: string, link?: string): Action {
  return {
    id: 'set-link',
    title: link ? `State of ${link}` : `Link state in ${namespace}`,
    fields: [
      ...(link ? [] : [{ name: 'link', label: 'Link', kind: 'text' } as Field]),
      { name: 'up', label: 'State', kind: 'select', options: ['up', 'down', ''], initial: 'up' },
      { name: 'mtu', label: 'MTU', kind: 'number' },
    ],
    build: (v) =>
      defined({
        op: 'set-link',
        namespace: nsOrRoot(namespace),
        name: link ?? v.link ?? '',
        up: opt(v.up) === undefined ? undefined : v.up === 'up',
        mtu: num(v.mtu),
      }),
  };
}

function moveAction(link: string, from: string | undefined, nsChoices: string[]): Action {
  return {
    id: 'move-link',
    title: `Move ${link} to a namespace`,
    fields: [{ name: 'to', label: 'Namespace (empty: the root)', kind: 'select', options: nsChoices }],
    build: (v) => defined({ op: 'move-link', name: link, from, to: opt(v.to) ?? null }),
  };
}

/** The edit that deletes the target (the Del key), or null when nothing deletable is selected. */
export function deleteEdit(t: Target): Record<string, unknown> | null {
  switch (t.kind) {
    case 'bridge':
      return { op: 'delete-bridge', name: t.bridge };
    case 'port':
      return { op: 'delete-port', name: t.port, bridge: t.bridge };
    case 'namespace':
      return { op: 'delete-namespace', name: t.namespace };
    case 'link':
      return defined({ op: 'delete-link', namespace: nsOrRoot(t.namespace), name: t.link });
    default:
      return null;
  }
}

/**
 * Deleting one row of a bridge's flow table: the flow's own table, priority and match, the match
 * written back as ovs-ofctl printed it (port names as printed, protocol keywords bare).
 */
export function flowDeleteEdit(
  bridge: string,
  flow: { table: number; priority: number; match: readonly { field: string; value: string }[] },
): Record<string, unknown> {
  const match = flow.match.map((m) => (m.value === '' ? m.field : `${m.field}=${m.value}`)).join(',');
  return { op: 'delete-flow', bridge, table: flow.table, priority: flow.priority, match };
}

/** A graph node reduced to what a drop needs. */
export interface DropNode {
  kind: string;
  modelId: string;
}

/** Interface names are at most 15 bytes: `to-<bridge>` cut to fit. */
const patchName = (peer: string) => `to-${peer}`.slice(0, 15);

/**
 * The edit a drag-and-drop makes, or null when the drop means nothing: a bridge dropped on another
 * bridge → a patch pair between them; a port or link dropped on a namespace → moved into it (a
 * link dropped on the host box or the root namespace → moved back to the root).
 */
export function dropEdit(dragged: DropNode, onto: DropNode | null): Record<string, unknown> | null {
  if (!onto) return null;
  const d = targetOf(dragged.modelId);
  const o = targetOf(onto.modelId);
  if (d.kind === 'bridge') {
    if (o.kind !== 'bridge' || o.bridge === d.bridge) return null;
    return {
      op: 'add-patch',
      bridge: d.bridge,
      port: patchName(o.bridge),
      peerBridge: o.bridge,
      peerPort: patchName(d.bridge),
    };
  }
  const toRoot = onto.kind === 'host' || onto.modelId === 'ns:';
  const to = o.kind === 'namespace' ? o.namespace : toRoot ? null : undefined;
  if (to === undefined) return null;
  if (d.kind === 'port') return to === null ? null : { op: 'move-link', name: d.port, to };
  if (d.kind === 'link') {
    if ((to ?? '') === d.namespace) return null;
    return defined({ op: 'move-link', name: d.link, from: d.namespace || undefined, to });
  }
  return null;
}
