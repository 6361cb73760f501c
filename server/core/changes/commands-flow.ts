import type { Bridge, Flow, FlowAction } from '../model/schema';
import type { Command } from './shell-quote';

/**
 * Whole `ovs-ofctl` commands for flows (run one by one, or bundled by the executor where the
 * bridge speaks OpenFlow 1.4+). A flow is identified as OVS does: table, priority and match, so
 * removals and changes use `--strict`.
 */

/** `-O OpenFlowXY` when the bridge does not allow OpenFlow 1.0 (ovs-ofctl's default). */
export function ofVersionArgs(bridge: Bridge | undefined): string[] {
  const protocols = bridge?.protocols ?? [];
  if (protocols.length === 0 || protocols.includes('OpenFlow10')) return [];
  if (protocols.includes('OpenFlow13')) return ['-O', 'OpenFlow13'];
  return ['-O', [...protocols].sort().at(-1) ?? 'OpenFlow13'];
}

/** Fields whose value is a port name: ovs-ofctl wants odd names in double quotes. */
const PORT_FIELDS = new Set(['in_port', 'actset_output']);

function matchWord(field: string, value: string): string {
  if (value === '') return field;
  if (PORT_FIELDS.has(field) && !/^[A-Za-z0-9_.:-]+$/.test(value))
    return `${field}="${value.replace(/["\\]/g, '\\$&')}"`;
  return `${field}=${value}`;
}

/** The flow's match in the order ovs-ofctl printed it: `in_port=p1,dl_vlan=5`. */
export const matchText = (flow: Flow): string => flow.match.map((m) => matchWord(m.field, m.value)).join(',');

/** Everything after `actions=` in the flow's raw line. */
export function actionsText(flow: Flow): string {
  const at = flow.raw.indexOf('actions=');
  return at === -1 ? flow.actions.map((a) => a.raw).join(',') : flow.raw.slice(at + 'actions='.length).trim();
}

const tableWord = (flow: Flow) => `table=${flow.table >= 0 ? flow.table : (flow.tableName ?? flow.table)}`;

/** `table=T,priority=P,<match>`: the strict selector of del-flows / mod-flows. */
export function flowSelector(flow: Flow): string {
  const match = matchText(flow);
  return [tableWord(flow), `priority=${flow.priority}`, ...(match ? [match] : [])].join(',');
}

/** The add-flow spec: selector, cookie, timeouts, importance, flags, then `actions=`. */
export function flowSpec(flow: Flow): string {
  const match = matchText(flow);
  return [
    tableWord(flow),
    `priority=${flow.priority}`,
    ...(flow.cookie && flow.cookie !== '0x0' ? [`cookie=${flow.cookie}`] : []),
    ...(flow.idleTimeout ? [`idle_timeout=${flow.idleTimeout}`] : []),
    ...(flow.hardTimeout ? [`hard_timeout=${flow.hardTimeout}`] : []),
    ...(flow.importance ? [`importance=${flow.importance}`] : []),
    ...flow.flags,
    ...(match ? [match] : []),
    `actions=${actionsText(flow)}`,
  ].join(',');
}

export const flowAdd = (bridge: Bridge | undefined, flow: Flow): string[] => [
  'ovs-ofctl',
  ...ofVersionArgs(bridge),
  'add-flow',
  flow.bridge,
  flowSpec(flow),
];

export const flowDelete = (bridge: Bridge | undefined, flow: Flow): string[] => [
  'ovs-ofctl',
  ...ofVersionArgs(bridge),
  '--strict',
  'del-flows',
  flow.bridge,
  flowSelector(flow),
];

/** mod-flows --strict: the flow keeps its counters and only its actions change. */
export const flowModify = (bridge: Bridge | undefined, flow: Flow, actions: string): string[] => [
  'ovs-ofctl',
  ...ofVersionArgs(bridge),
  '--strict',
  'mod-flows',
  flow.bridge,
  `${flowSelector(flow)},actions=${actions}`,
];

/** `br-ex table=0 priority=2 in_port=phy-br-ex actions=drop` */
export function flowWords(flow: Flow): string {
  const match = matchText(flow);
  return `${flow.bridge} ${tableWord(flow)} priority=${flow.priority}${match ? ` ${match}` : ''} actions=${actionsText(flow)}`;
}

/** Port names a flow uses: its in_port and every output / resubmit / enqueue port (nested too). */
export function flowPortNames(flow: Flow): string[] {
  const out: string[] = [];
  if (flow.inPort !== undefined) out.push(flow.inPort);
  else {
    const m = flow.match.find((x) => x.field === 'in_port');
    if (m) out.push(m.value);
  }
  actionPorts(flow.actions, out);
  return out;
}

/** Appends the ports of actions, nested ones included, in order (no closure per flow: lint walks 10,000). */
function actionPorts(actions: readonly FlowAction[], out: string[]): void {
  for (const a of actions) {
    if (a.port !== undefined) out.push(a.port);
    if (a.nested) actionPorts(a.nested, out);
  }
}

// ------------------------------------------------------------------ bundles

export type BundleVersion = 'OpenFlow14' | 'OpenFlow15';

/** [major, minor] of `2.17.9`, `3.1.0~pre`; null when it does not start with two numbers. */
function majorMinor(version: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * The OpenFlow version to bundle this bridge's flow changes with, or null to run them one by one.
 * OpenFlow bundles (1.4+) commit a group of flow mods atomically. A bridge with a `protocols`
 * list speaks what it lists; one without speaks OVS's default, which includes 1.4 from OVS 2.8 on.
 * An unknown OVS version (neither the database's `ovs_version` nor `ovs-vswitchd --version` said)
 * is not assumed new enough.
 */
export function bundleVersion(bridge: Bridge | undefined, ovsVersion: string | null): BundleVersion | null {
  const protocols = bridge?.protocols ?? [];
  if (protocols.length > 0) {
    if (protocols.includes('OpenFlow15')) return 'OpenFlow15';
    return protocols.includes('OpenFlow14') ? 'OpenFlow14' : null;
  }
  const v = ovsVersion === null ? null : majorMinor(ovsVersion);
  return v && (v[0] > 2 || (v[0] === 2 && v[1] >= 8)) ? 'OpenFlow14' : null;
}

/** ovs-ofctl verb (after an optional --strict) → the flow-mod keyword of a bundle file line. */
const BUNDLE_KEYWORDS: Record<string, string> = {
  'add-flow': 'add',
  '--strict del-flows': 'delete_strict',
  '--strict mod-flows': 'modify_strict',
};

/**
 * The bundle file line for one of the planner's own flow commands (`ovs-ofctl [-O V] [--strict]
 * VERB BRIDGE SPEC`): `add SPEC`, `delete_strict SELECTOR`, `modify_strict SPEC`. Derived from the
 * validated argv, so a bundle runs exactly what the one-by-one commands would.
 */
export function bundleLine(argv: readonly string[]): { bridge: string; line: string } {
  let i = 1;
  if (argv[i] === '-O') i += 2;
  const strict = argv[i] === '--strict';
  if (strict) i++;
  const keyword = BUNDLE_KEYWORDS[`${strict ? '--strict ' : ''}${argv[i] ?? ''}`];
  const bridge = argv[i + 1];
  const spec = argv[i + 2];
  if (
    argv[0] !== 'ovs-ofctl' ||
    !keyword ||
    bridge === undefined ||
    spec === undefined ||
    argv.length !== i + 3
  )
    throw new Error(`not a flow command of the planner: ${argv.join(' ')}`);
  return { bridge, line: `${keyword} ${spec}` };
}

/** `ovs-ofctl -O V --bundle add-flows BRIDGE -` fed the lines: all of them commit, or none. */
export function flowBundle(version: BundleVersion, bridge: string, lines: string[]): Command {
  return { argv: ['ovs-ofctl', '-O', version, '--bundle', 'add-flows', bridge, '-'], input: lines };
}
