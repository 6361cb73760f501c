import type { FlowAction } from '../model/schema';
import { splitTopLevel } from '../parsers/ofctl-tokens';

/**
 * Actions whose value says where the packet goes; like ovs-flowviz's logic view (which keeps output
 * and resubmit exact) a shape keeps them whole, so flows sending elsewhere fall in different blocks.
 */
const TARGETS = new Set(['output', 'resubmit', 'goto_table', 'enqueue']);
/** How a shape names the nested list when the action has its own arguments too. */
const NEST_LABEL: Record<string, string> = { ct: 'exec', bundle: 'members', bundle_load: 'members' };

export interface ActionSlot {
  /** Where the value sits: `mod_vlan_vid`, `load#2` (second load), `clone.output`. */
  key: string;
  value: string;
}

/** An action's own value, abstracted in its shape; '' when the shape already says everything. */
function ownValue(a: FlowAction): string {
  if (TARGETS.has(a.type) || a.type === 'clone' || a.type === 'write_actions') return '';
  const parts = splitTopLevel(a.args ?? '');
  // ct's exec() is read through its nested actions and its table= is part of the shape.
  if (a.type === 'ct')
    return parts.filter((p) => !p.startsWith('exec(') && !p.startsWith('table=')).join(',');
  if (a.nested && NEST_LABEL[a.type] === 'members') {
    const at = parts.findIndex((p) => p.startsWith('members:'));
    return (at === -1 ? parts : parts.slice(0, at)).join(',');
  }
  return a.args ?? '';
}

function shapeOf(a: FlowAction): string {
  if (TARGETS.has(a.type)) return a.raw;
  const own = ownValue(a) === '' ? [] : ['*'];
  const table = a.table ?? a.tableName;
  const parts = [...(table === undefined ? [] : [`table=${table}`]), ...own];
  if (a.nested) {
    const inner = actionShape(a.nested);
    const label = NEST_LABEL[a.type];
    parts.push(label === undefined ? inner : `${label}(${inner})`);
  }
  if (a.nested || table !== undefined) return `${a.type}(${parts.join(',')})`;
  return own.length > 0 ? `${a.type}:*` : a.type;
}

/** An action list with its values abstracted to `*`: `mod_vlan_vid:*,resubmit(,60)`. */
export function actionShape(actions: readonly FlowAction[]): string {
  return actions.map(shapeOf).join(',');
}

/** The values `actionShape` abstracts, in action order, nested actions under their parent's key. */
export function actionSlots(actions: readonly FlowAction[], prefix = ''): ActionSlot[] {
  const slots: ActionSlot[] = [];
  const seen = new Map<string, number>();
  for (const a of actions) {
    const base = `${prefix}${a.type}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const key = n === 1 ? base : `${base}#${n}`;
    const value = ownValue(a);
    if (value !== '') slots.push({ key, value });
    if (a.nested) slots.push(...actionSlots(a.nested, `${key}.`));
  }
  return slots;
}
