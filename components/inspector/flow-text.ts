import type { TableJump } from '@/server/core/flows/next-tables';
import { nextTables } from '@/server/core/flows/next-tables';
import { portLabel } from '@/server/core/flows/port-names';
import type { Flow, FlowAction } from '@/server/core/model';
import { splitTopLevel } from '@/server/core/parsers/ofctl-tokens';

/** A table a part of a flow's text continues to. */
export interface TextJump {
  /** The table's section key (see tableKey). */
  key: string;
  /** `table 60`, `table 70 (acl)`, `table ls_in_acl`. */
  title: string;
}

/** A piece of a flow's text; pieces with `jump` are resubmits/goto_tables the reader can follow. */
export interface TextPart {
  text: string;
  jump?: TextJump;
}

/** Match fields whose value is an OpenFlow port. */
const PORT_FIELDS = new Set(['in_port', 'in_port_oxm', 'actset_output']);

/** How a table is called: by number, with its Flow_Table name when the bridge has one. */
export function tableTitle(table: number, tableName: string | undefined): string {
  if (table < 0) return `table ${tableName ?? '?'}`;
  return tableName === undefined ? `table ${table}` : `table ${table} (${tableName})`;
}

/** The section key of a jump's table, the same as tableKey gives a flow in that table. */
export function jumpOf(jump: TableJump): TextJump {
  const table = jump.table ?? -1;
  return {
    key: table >= 0 ? String(table) : `name:${jump.tableName ?? ''}`,
    title: tableTitle(table, jump.tableName),
  };
}

/** A match value as shown: ports by name. */
export function matchValue(field: string, value: string, names: ReadonlyMap<string, string>): string {
  return PORT_FIELDS.has(field) ? portLabel(value, names) : value;
}

/** A flow's match as ovs-ofctl prints it, ports by name. */
export function matchText(flow: Flow, names: ReadonlyMap<string, string>): string {
  return flow.match
    .map((m) => (m.value === '' ? m.field : `${m.field}=${matchValue(m.field, m.value, names)}`))
    .join(',');
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One action as printed, quotes dropped and its port (output, resubmit, enqueue) shown by name. */
function ownText(a: FlowAction, names: ReadonlyMap<string, string>): string {
  // An empty list is printed `actions=` by older ovs-ofctl; the parser reads it as drop.
  const raw = (a.raw || a.type).replace(/"/g, '');
  const name = a.port === undefined ? undefined : names.get(a.port);
  if (a.port === undefined || name === undefined) return raw;
  // The first whole-token occurrence is the port: output:2, resubmit(2,3), enqueue:2:1, a bare 2.
  return raw.replace(new RegExp(`(^|[^\\w.])${escapeRegExp(a.port)}(?![\\w.])`), `$1${name}`);
}

/**
 * Where this one action continues, read by nextTables so that `resubmit:PORT` means the flow's own
 * table; its nested actions are left out (they get their own parts).
 */
function actionJump(a: FlowAction, flow: Flow): TextJump | undefined {
  if (a.type !== 'resubmit' && a.type !== 'goto_table' && a.type !== 'ct') return undefined;
  const { nested: _nested, ...own } = a;
  const [jump] = nextTables({ ...flow, actions: [own] });
  return jump && jumpOf(jump);
}

/** Which action values to show as `*`: keys as actionSlots makes them (`load#2`, `clone.output`). */
export type Masked = (slotKey: string) => boolean;

interface Ctx {
  flow: Flow;
  names: ReadonlyMap<string, string>;
  masked: Masked;
}

/** ct(…): its table= followable, its exec(…) rendered as actions, its other arguments its value. */
function ctParts(a: FlowAction, key: string, ctx: Ctx): TextPart[] {
  const jump = actionJump(a, ctx.flow);
  const args = splitTopLevel(a.args ?? '');
  const pieces: TextPart[][] = [];
  let starred = false;
  for (const arg of args) {
    if (arg.startsWith('table=')) pieces.push([jump ? { text: arg, jump } : { text: arg }]);
    else if (arg.startsWith('exec(') && a.nested)
      pieces.push([{ text: 'exec(' }, ...listParts(a.nested, `${key}.`, ctx), { text: ')' }]);
    else if (!ctx.masked(key)) pieces.push([{ text: arg }]);
    else if (!starred) {
      starred = true;
      pieces.push([{ text: '*' }]);
    }
  }
  return [{ text: 'ct(' }, ...pieces.flatMap((p, i) => (i === 0 ? p : [{ text: ',' }, ...p])), { text: ')' }];
}

/** bundle(…,members:4,8): the members are its nested outputs, shown by name. */
function bundleParts(a: FlowAction, key: string, ctx: Ctx): TextPart[] {
  const args = splitTopLevel(a.args ?? '');
  const at = args.findIndex((p) => p.startsWith('members:'));
  const own = (at === -1 ? args : args.slice(0, at)).join(',');
  const members = (a.nested ?? []).map((m) => ownText(m, ctx.names)).join(',');
  return [{ text: `${a.type}(${ctx.masked(key) ? '*' : own},members:${members})` }];
}

function actionParts(a: FlowAction, key: string, ctx: Ctx): TextPart[] {
  if (a.type === 'ct') return ctParts(a, key, ctx);
  if (a.nested && (a.type === 'bundle' || a.type === 'bundle_load')) return bundleParts(a, key, ctx);
  if (a.nested) return [{ text: `${a.type}(` }, ...listParts(a.nested, `${key}.`, ctx), { text: ')' }];
  const jump = actionJump(a, ctx.flow);
  if (jump) return [{ text: ownText(a, ctx.names), jump }];
  return [{ text: ctx.masked(key) ? `${a.type}:*` : ownText(a, ctx.names) }];
}

/** An action list; keys count repeats and nest under their parent exactly as actionSlots does. */
function listParts(actions: readonly FlowAction[], prefix: string, ctx: Ctx): TextPart[] {
  const seen = new Map<string, number>();
  return actions.flatMap((a, i) => {
    const base = `${prefix}${a.type}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const parts = actionParts(a, n === 1 ? base : `${base}#${n}`, ctx);
    return i === 0 ? parts : [{ text: ',' }, ...parts];
  });
}

/** Adjacent plain pieces as one, so a text reads as few parts as it has jumps. */
function merged(parts: TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (last && !last.jump && !p.jump) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/**
 * A flow's actions as text pieces, ports by name (nested actions too), each resubmit, goto_table and
 * ct(table=) a jump; values `masked` says vary are `*` (a logic block's shared actions).
 */
export function actionTextParts(
  flow: Flow,
  names: ReadonlyMap<string, string>,
  masked: Masked = () => false,
): TextPart[] {
  return merged(listParts(flow.actions, '', { flow, names, masked }));
}

export const partsText = (parts: readonly TextPart[]): string => parts.map((p) => p.text).join('');
