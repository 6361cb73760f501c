import type { Flow, FlowAction, FlowMatch, HostModel } from '../model/schema';
import type { VlanMatch, VlanRewrite, VlanStep } from './types';

const PRESENT = 0x1000; // OFPVID_PRESENT / the CFI bit of a TCI: "a tag is there"
const VID = 0x0fff;

const num = (s: string): number | null => {
  const n = Number(s.trim());
  return Number.isInteger(n) && n >= 0 ? n : null;
};

/** `value[/mask]` of a vlan_tci or vlan_vid match (both carry the present bit). */
function tciMatch(value: string): VlanMatch {
  const [v, m] = value.split('/');
  const tci = num(v ?? '');
  const mask = m === undefined ? 0xffff : num(m);
  if (tci === null || mask === null) return 'any';
  if ((mask & PRESENT) === 0) return 'any';
  if ((tci & PRESENT) === 0) return 'untagged';
  return (mask & VID) === VID ? tci & VID : 'tagged';
}

/** What the flow requires of the VLAN header; `any` when it does not look at it. */
export function vlanMatchOf(match: FlowMatch[]): VlanMatch {
  for (const { field, value } of match) {
    if (field === 'dl_vlan') {
      const vid = num(value);
      if (vid === null) return 'any';
      return vid === 0xffff ? 'untagged' : vid;
    }
    if (field === 'vlan_tci' || field === 'vlan_vid') return tciMatch(value);
  }
  return 'any';
}

/** `value->FIELD[bits]` of set_field / load, as a VLAN step; null when the field is not the VLAN. */
function fieldWrite(args: string): VlanStep | null {
  const arrow = args.lastIndexOf('->');
  if (arrow < 0) return null;
  const field = args
    .slice(arrow + 2)
    .replace(/\[.*\]$/, '')
    .toLowerCase();
  if (!['vlan_vid', 'vlan_tci', 'oxm_of_vlan_vid', 'nxm_of_vlan_tci'].includes(field)) return null;
  const value = num(args.slice(0, arrow).split('/')[0] ?? '');
  if (value === null) return { kind: 'set', vlan: null };
  if ((value & PRESENT) === 0)
    return field.endsWith('tci') && value === 0 ? { kind: 'strip' } : { kind: 'set', vlan: value };
  return { kind: 'set', vlan: value & VID };
}

/** One action as a VLAN step, or null when it neither changes the VLAN nor sends the packet on. */
export function stepOf(a: FlowAction): VlanStep | null {
  switch (a.type) {
    case 'strip_vlan':
    case 'pop_vlan':
      return { kind: 'strip' };
    case 'push_vlan':
      return { kind: 'push' };
    case 'mod_vlan_vid':
    case 'set_vlan_vid':
      return { kind: 'set', vlan: num(a.args ?? '') };
    case 'set_field':
    case 'load':
      return fieldWrite(a.args ?? '');
    case 'move': {
      const to = (a.args ?? '').split('->')[1]?.toLowerCase() ?? '';
      return /vlan_(vid|tci)/.test(to) ? { kind: 'set', vlan: null } : null;
    }
    case 'output':
    case 'enqueue':
      return { kind: 'output', port: a.port ?? a.args ?? '' };
    case 'normal':
    case 'flood':
    case 'all':
    case 'in_port':
    case 'local':
    case 'controller':
      return { kind: 'output', port: a.type.toUpperCase() };
    case 'resubmit':
    case 'goto_table':
      return { kind: 'resubmit', ...(a.table === undefined ? {} : { table: a.table }) };
    default:
      return null;
  }
}

/**
 * Steps of an action list. A clone() works on a copy, so its steps are kept apart. write_actions()
 * fills the action set, which runs on this packet when the pipeline ends: its steps come last. A
 * bundle sends the packet to one of its members (nested outputs). ct(exec()) only writes conntrack
 * fields, so its nested actions are not VLAN steps.
 */
function walk(actions: FlowAction[], out: VlanStep[][]): VlanStep[] {
  const steps: VlanStep[] = [];
  const actionSet: VlanStep[] = [];
  for (const a of actions) {
    if (a.type === 'clone' && a.nested) out.push(walk(a.nested, out));
    else if (a.type === 'write_actions' && a.nested) actionSet.push(...walk(a.nested, out));
    else if ((a.type === 'bundle' || a.type === 'bundle_load') && a.nested)
      steps.push(...walk(a.nested, out));
    const step = stepOf(a);
    if (step) steps.push(step);
  }
  return [...steps, ...actionSet];
}

const changes = (steps: VlanStep[]) =>
  steps.some((s) => s.kind === 'strip' || s.kind === 'set' || s.kind === 'push');

/** The VLAN header after the steps, starting from what the flow matched. */
function resultOf(match: VlanMatch, steps: VlanStep[]): VlanRewrite['result'] {
  let vlan: VlanRewrite['result'] = typeof match === 'number' || match === 'untagged' ? match : 'unknown';
  for (const s of steps) {
    if (s.kind === 'strip') vlan = 'untagged';
    else if (s.kind === 'push') vlan = 0;
    else if (s.kind === 'set') vlan = s.vlan ?? 'unknown';
  }
  return vlan;
}

function rewritesOf(flow: Flow): VlanRewrite[] {
  const clones: VlanStep[][] = [];
  const main = walk(flow.actions, clones);
  const match = vlanMatchOf(flow.match);
  return [main, ...clones]
    .flatMap((steps, i) =>
      changes(steps) ? [{ steps, id: `vlanrw:${flow.id}${i ? `#${i + 1}` : ''}` }] : [],
    )
    .map(({ steps, id }) => ({
      id,
      bridge: flow.bridge,
      flow: flow.id,
      table: flow.table,
      priority: flow.priority,
      inPort: flow.inPort ?? null,
      match,
      steps,
      result: resultOf(match, steps),
    }));
}

/**
 * Flows that change the VLAN header (strip, push, set), with the port the traffic enters on and
 * where it goes next: "on br-ex, VLAN 1 arriving from phy-br-ex leaves untagged".
 */
export function vlanRewrites(model: HostModel): VlanRewrite[] {
  return (model.ovs?.bridges ?? []).flatMap((b) => (b.flows ?? []).flatMap(rewritesOf));
}

/** `VLAN 1 → untagged`, `untagged → VLAN 5`, `any → VLAN 5`. */
export function describeVlanRewrite(r: Pick<VlanRewrite, 'match' | 'result'>): string {
  const side = (v: VlanMatch | VlanRewrite['result']) =>
    typeof v === 'number' ? `VLAN ${v}` : v === 'unknown' ? 'VLAN (from a field)' : v;
  return `${side(r.match)} → ${side(r.result)}`;
}
