import { flowPortNames, flowWords } from '../../changes/commands-flow';
import type { Bridge, Flow } from '../../model/schema';
import type { Devices } from '../devices';
import type { Finding, LintContext } from '../types';
import { andList } from '../words';

/** Reserved port names ovs-ofctl accepts in in_port and output (any case). */
const RESERVED_NAMES = new Set([
  'in_port',
  'table',
  'normal',
  'flood',
  'all',
  'controller',
  'local',
  'none',
  'any',
]);

/** Reserved port numbers: 0xfff8-0xffff (OpenFlow 1.0) and 0xfffffff8-0xffffffff (1.1+). */
const isReservedNumber = (n: number) => (n >= 0xfff8 && n <= 0xffff) || n >= 0xfffffff8;

/** The names and numbers of a bridge's OpenFlow ports: its interfaces (a bond's members, not the bond). */
function openflowPorts(d: Devices, bridge: Bridge): Set<string> {
  const out = new Set<string>();
  for (const iface of d.ifaces.values()) {
    if (iface.bridge !== bridge.name) continue;
    out.add(iface.name);
    if (iface.ofport !== null && iface.ofport >= 0) out.add(String(iface.ofport));
  }
  return out;
}

/**
 * True for a reference lint can check: a plain name or number, not a field (`NXM_NX_REG0[]`) or
 * empty. Numbers are judged only when the bridge's port numbers are known (`numbered`): a model
 * pasted without `ovs-ofctl show` has none, and port 2 is not missing for that.
 */
function unknownRef(ref: string, known: Set<string>, numbered: boolean): boolean {
  if (ref === '' || /[[\](),]/.test(ref) || RESERVED_NAMES.has(ref.toLowerCase())) return false;
  const n = /^(0x[0-9a-f]+|\d+)$/i.test(ref) ? Number(ref) : null;
  if (n !== null) return numbered && !isReservedNumber(n) && !known.has(String(n));
  return !known.has(ref);
}

/** flow-unknown-port: a flow whose in_port or output names a port its bridge does not have. */
export function flowUnknownPort(ctx: LintContext): Finding[] {
  const out: Finding[] = [];
  for (const bridge of ctx.devices.bridges.values()) {
    const known = openflowPorts(ctx.devices, bridge);
    const numbered = [...ctx.devices.ifaces.values()].some(
      (i) => i.bridge === bridge.name && i.ofport !== null && i.ofport >= 0,
    );
    // A bridge's flows name the same few ports over and over: judge each reference once.
    const verdicts = new Map<string, boolean>();
    const unknown = (ref: string): boolean => {
      let v = verdicts.get(ref);
      if (v === undefined) {
        v = unknownRef(ref, known, numbered);
        verdicts.set(ref, v);
      }
      return v;
    };
    for (const flow of bridge.flows ?? []) {
      // The unknown references, each once, in the order the flow names them.
      let unknownRefs: Set<string> | undefined;
      for (const name of flowPortNames(flow)) {
        const ref = name.startsWith('port=') ? name.slice('port='.length) : name;
        if (!unknown(ref)) continue;
        unknownRefs ??= new Set();
        unknownRefs.add(ref);
      }
      if (unknownRefs) out.push(finding(bridge, flow, [...unknownRefs]));
    }
  }
  return out;
}

function finding(bridge: Bridge, flow: Flow, missing: string[]): Finding {
  const names = andList(missing.map((p) => `"${p}"`));
  const inPortMissing = flow.inPort !== undefined && missing.includes(flow.inPort);
  return {
    rule: 'flow-unknown-port',
    severity: 'warning',
    objects: [bridge.id, flow.id],
    title: `a flow on ${bridge.name} (table ${flow.table}, priority ${flow.priority}) names port ${names}, which ${bridge.name} does not have`,
    explanation:
      `The flow "${flowWords(flow)}" ` +
      (inPortMissing
        ? 'matches on an in_port that does not exist, so it never matches anything. '
        : 'sends packets to a port that does not exist: they are silently dropped. ') +
      'This is usually left over after a port was deleted or re-added under another OpenFlow number ' +
      '(flows keep numbers, not names). Fix the flow to name the port it is meant for, or delete it.',
  };
}
