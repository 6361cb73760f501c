import type { FlowAction } from '../model/schema';
import { splitTopLevel, unquote } from './ofctl-tokens';

/** Reserved OpenFlow ports that ovs-ofctl prints as bare action keywords. */
const RESERVED_PORTS = new Set(['normal', 'flood', 'all', 'local', 'in_port', 'controller', 'table', 'none']);

/** Actions whose argument list is itself an action list. */
const NESTING = new Set(['clone', 'exec', 'sample_actions']);

function toInt(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text.trim());
  return Number.isInteger(n) ? n : undefined;
}

function parseCall(raw: string, type: string, args: string): FlowAction {
  const action: FlowAction = { type, raw, args };
  if (type === 'resubmit') {
    const [port, table] = splitTopLevel(args, ',', true);
    if (port) action.port = unquote(port);
    const t = toInt(table);
    if (t !== undefined) action.table = t;
  } else if (type === 'ct') {
    const exec = splitTopLevel(args).find((a) => a.startsWith('exec('));
    if (exec) action.nested = parseActions(exec.slice(5, -1));
  } else if (NESTING.has(type)) {
    action.nested = parseActions(args);
  } else if (type === 'output' || type === 'enqueue') {
    const port = splitTopLevel(args)[0];
    if (port) action.port = unquote(port);
  }
  return action;
}

function parseColon(raw: string, type: string, args: string): FlowAction {
  const action: FlowAction = { type, raw, args };
  if (type === 'output' || type === 'resubmit') action.port = unquote(args);
  else if (type === 'enqueue') action.port = unquote(args.split(':')[0] ?? args);
  else if (type === 'goto_table') {
    const t = toInt(args);
    if (t !== undefined) action.table = t;
  }
  return action;
}

/** Parses one action as printed by ovs-ofctl. */
export function parseAction(raw: string): FlowAction {
  const call = /^([A-Za-z_][\w.-]*)\((.*)\)(.*)$/s.exec(raw);
  // A trailing `->dst` after the call (check_pkt_larger(1500)->reg0[0]) stays in args.
  if (call?.[1] && call[3] === '') return parseCall(raw, call[1].toLowerCase(), call[2] ?? '');
  if (call?.[1]) return { type: call[1].toLowerCase(), raw, args: raw.slice(call[1].length) };
  const colon = raw.indexOf(':');
  if (colon > 0 && /^[A-Za-z_][\w]*$/.test(raw.slice(0, colon))) {
    return parseColon(raw, raw.slice(0, colon).toLowerCase(), raw.slice(colon + 1));
  }
  const lower = raw.toLowerCase();
  if (RESERVED_PORTS.has(lower) || lower === 'drop' || /^[a-z_]\w*$/.test(lower)) return { type: lower, raw };
  // A bare port (number or quoted name) is short for output:PORT.
  return { type: 'output', raw, port: unquote(raw) };
}

/** Parses an `actions=` list; an empty list means drop (older ovs-ofctl prints `actions=`). */
export function parseActions(text: string): FlowAction[] {
  const parts = splitTopLevel(text);
  if (parts.length === 0) return [{ type: 'drop', raw: '' }];
  return parts.map(parseAction);
}
