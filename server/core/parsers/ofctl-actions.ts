import type { FlowAction } from '../model/schema';
import { KNOWN_ACTIONS } from './ofctl-action-names';
import { splitTopLevel, type TableNames, tableRef, unquote } from './ofctl-tokens';

/** Reads an action's arguments into its typed fields; `args` always keeps the text. */
type Reader = (action: FlowAction, args: string, tables: TableNames) => void;

function toInt(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text.trim());
  return Number.isInteger(n) ? n : undefined;
}

/**
 * Sets `port` unless the text is a field (`output:NXM_NX_REG0[0..15]`): ovs-ofctl prints fields as
 * NAME[bits] and quotes every port name that is not purely alphanumeric, so an unquoted `[` is a field.
 */
function setPort(action: FlowAction, text: string | undefined): void {
  const t = text?.trim() ?? '';
  if (t === '' || (!t.startsWith('"') && t.includes('['))) return;
  action.port = unquote(t);
}

function setTable(action: FlowAction, text: string | undefined, tables: TableNames): void {
  Object.assign(action, tableRef(text ?? '', tables));
}

function setMaxLen(action: FlowAction, text: string | undefined): void {
  const n = toInt(text);
  if (n !== undefined) action.maxLen = n;
}

/** The `key=value` arguments of a call such as output(port=1,max_len=100) or ct(commit,table=2). */
function keyed(args: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of splitTopLevel(args)) {
    const kv = /^([a-z_]+)=(.*)$/s.exec(part);
    if (kv?.[1] !== undefined && kv[2] !== undefined) out.set(kv[1], kv[2]);
  }
  return out;
}

/** `members:4,8` of bundle/bundle_load as one output each; they are the last arguments. */
const bundleMembers: Reader = (a, args) => {
  const parts = splitTopLevel(args);
  const at = parts.findIndex((p) => p.startsWith('members:'));
  const ports = at === -1 ? [] : [parts[at]?.slice('members:'.length) ?? '', ...parts.slice(at + 1)];
  a.nested = ports.filter((p) => p !== '').map((p) => ({ type: 'output', raw: p, port: unquote(p) }));
};

const nestedList: Reader = (a, args, tables) => {
  a.nested = args.trim() === '' ? [] : parseActions(args, tables);
};

/** Readers of `type(args)`. */
const CALLS: Record<string, Reader> = {
  output: (a, args) => {
    const kv = keyed(args);
    setPort(a, kv.get('port'));
    setMaxLen(a, kv.get('max_len'));
  },
  resubmit: (a, args, tables) => {
    const [port, table] = splitTopLevel(args, ',', true);
    setPort(a, port);
    setTable(a, table, tables);
  },
  // enqueue(PORT,QUEUE) is the input form; ovs-ofctl prints enqueue:PORT:QUEUE.
  enqueue: (a, args) => setPort(a, splitTopLevel(args)[0]),
  controller: (a, args) => setMaxLen(a, keyed(args).get('max_len')),
  ct: (a, args, tables) => {
    const kv = keyed(args);
    if (kv.has('table')) setTable(a, kv.get('table'), tables);
    const exec = splitTopLevel(args).find((p) => p.startsWith('exec(') && p.endsWith(')'));
    if (exec) nestedList(a, exec.slice('exec('.length, -1), tables);
  },
  clone: nestedList,
  write_actions: nestedList,
  bundle: bundleMembers,
  bundle_load: bundleMembers,
};

/** Readers of `type:args`. */
const COLONS: Record<string, Reader> = {
  output: (a, args) => setPort(a, args),
  resubmit: (a, args) => setPort(a, args),
  // The port may be a quoted name containing `:`.
  enqueue: (a, args) => setPort(a, splitTopLevel(args, ':')[0]),
  goto_table: (a, args, tables) => setTable(a, args, tables),
  controller: (a, args) => setMaxLen(a, args),
};

function read(readers: Record<string, Reader>, type: string, raw: string, args: string, tables: TableNames) {
  const action: FlowAction = { type, raw, args };
  if (Object.hasOwn(readers, type)) readers[type]?.(action, args, tables);
  return action;
}

/**
 * Parses one action as printed by ovs-ofctl. Like ovs-ofctl, a bare word that is no action keyword
 * is a port (`actions=p1` is output:p1); other unknown keywords keep their name as `type`.
 */
export function parseAction(raw: string, tables: TableNames = {}): FlowAction {
  const call = /^([A-Za-z_]\w*)\((.*)\)$/s.exec(raw);
  if (call?.[1] !== undefined) return read(CALLS, call[1].toLowerCase(), raw, call[2] ?? '', tables);
  // check_pkt_larger(1500)->NXM_NX_REG0[0]: the destination follows the call; args reads LEN->DST.
  const arrow = /^([A-Za-z_]\w*)\(([^()]*)\)(->.+)$/s.exec(raw);
  if (arrow?.[1] !== undefined) return { type: arrow[1].toLowerCase(), raw, args: `${arrow[2]}${arrow[3]}` };
  const colon = /^([A-Za-z_]\w*):(.*)$/s.exec(raw);
  if (colon?.[1] !== undefined) return read(COLONS, colon[1].toLowerCase(), raw, colon[2] ?? '', tables);
  const lower = raw.toLowerCase();
  if (KNOWN_ACTIONS.has(lower)) return { type: lower, raw };
  return { type: 'output', raw, port: unquote(raw) };
}

/** Parses an `actions=` list; an empty list means drop (older ovs-ofctl prints `actions=`). */
export function parseActions(text: string, tables: TableNames = {}): FlowAction[] {
  const parts = splitTopLevel(text);
  if (parts.length === 0) return [{ type: 'drop', raw: '' }];
  return parts.map((p) => parseAction(p, tables));
}
