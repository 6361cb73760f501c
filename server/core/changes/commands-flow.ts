import type { Bridge, Flow, FlowAction } from '../model/schema';

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
  const walk = (actions: readonly FlowAction[]) => {
    for (const a of actions) {
      if (a.port !== undefined) out.push(a.port);
      if (a.nested) walk(a.nested);
    }
  };
  walk(flow.actions);
  return out;
}
