import { flowId } from '../model/identity';
import type { Flow, FlowMatch } from '../model/schema';
import { parseActions } from './ofctl-actions';
import { splitTopLevel, type TableNames, tableRef, unquote } from './ofctl-tokens';

export interface FlowsParse {
  flows: Flow[];
  /** Lines that are not flows (other than the known reply headers). */
  errors: string[];
}

const FLAG_WORDS = new Set([
  'send_flow_rem',
  'check_overlap',
  'reset_counts',
  'no_packet_counts',
  'no_byte_counts',
]);
/** Header lines older ovs-ofctl versions print before the flows. */
const REPLY_HEADER = /^(?:NXST|OFPST)_FLOW reply\b/;
/** ovs-ofctl omits the priority when it is the OpenFlow default. */
const DEFAULT_PRIORITY = 32768;

function num(text: string): number | undefined {
  const n = Number(text.replace(/s$/, ''));
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A flow's id from its table, priority and match, as printed. Tables whose name did not resolve
 * are all -1: the name keeps their flows' ids apart.
 */
export function flowIdOf(
  bridge: string,
  table: number,
  tableName: string | undefined,
  priority: number,
  match: readonly FlowMatch[],
): string {
  const matchText = match.map((m) => (m.value === '' ? m.field : `${m.field}=${m.value}`)).join(',');
  return flowId(bridge, table, priority, table < 0 ? `table=${tableName ?? ''},${matchText}` : matchText);
}

/** Parses one `ovs-ofctl dump-flows` line; null when it is not a flow line at all. */
export function parseFlowLine(line: string, bridge: string, tableNames: TableNames = {}): Flow | null {
  const raw = line.trim();
  const at = raw.search(/(?:^|[\s,])actions=/);
  if (at === -1) return null;
  const head = raw.slice(0, at);
  const actionsText = raw.slice(raw.indexOf('actions=', at) + 'actions='.length);
  const unparsed: string[] = [];
  const match: FlowMatch[] = [];
  const flags: string[] = [];
  let table = 0;
  let tableName: string | undefined;
  let priority = DEFAULT_PRIORITY;
  let cookie = '0x0';
  const counters = { nPackets: 0, nBytes: 0, durationS: 0 };
  let hasCounters = false;
  const extra: Partial<Flow> = {};

  // Stats are `key=value, `; flags are space-separated (`send_flow_rem reset_counts importance=7, `).
  const tokens = splitTopLevel(head).flatMap((t) => splitTopLevel(t, ' '));
  for (const token of tokens) {
    const eq = token.indexOf('=');
    const key = eq === -1 ? token : token.slice(0, eq);
    const value = eq === -1 ? '' : token.slice(eq + 1);
    const n = num(value);
    switch (key) {
      case 'cookie':
        cookie = value;
        break;
      case 'table': {
        const ref = tableRef(value, tableNames);
        table = ref.table ?? -1;
        tableName = ref.tableName;
        if (ref.table === undefined) unparsed.push(token);
        break;
      }
      case 'priority':
        if (n !== undefined) priority = n;
        else unparsed.push(token);
        break;
      case 'duration':
      case 'n_packets':
      case 'n_bytes':
        hasCounters = true;
        if (n === undefined) unparsed.push(token);
        else if (key === 'duration') counters.durationS = n;
        else if (key === 'n_packets') counters.nPackets = n;
        else counters.nBytes = n;
        break;
      case 'idle_timeout':
      case 'hard_timeout':
      case 'idle_age':
      case 'hard_age':
      case 'importance': {
        const field = {
          idle_timeout: 'idleTimeout',
          hard_timeout: 'hardTimeout',
          idle_age: 'idleAge',
          hard_age: 'hardAge',
          importance: 'importance',
        }[key] as 'idleTimeout' | 'hardTimeout' | 'idleAge' | 'hardAge' | 'importance';
        if (n === undefined) unparsed.push(token);
        else extra[field] = n;
        break;
      }
      default:
        if (eq === -1 && FLAG_WORDS.has(key)) flags.push(key);
        else match.push({ field: key, value: unquote(value) });
    }
  }

  const inPort = match.find((m) => m.field === 'in_port')?.value;
  return {
    id: flowIdOf(bridge, table, tableName, priority, match),
    bridge,
    table,
    ...(tableName === undefined ? {} : { tableName }),
    priority,
    cookie,
    match,
    ...(inPort === undefined ? {} : { inPort }),
    actions: parseActions(actionsText, tableNames),
    raw,
    ...(hasCounters ? { counters } : {}),
    ...extra,
    flags,
    ...(unparsed.length > 0 ? { unparsed: unparsed.join(', ') } : {}),
  };
}

/** Parses the whole `ovs-ofctl dump-flows --names` output of one bridge. */
export function parseFlows(text: string, bridge: string, tableNames: TableNames = {}): FlowsParse {
  const flows: Flow[] = [];
  const errors: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || REPLY_HEADER.test(trimmed)) continue;
    const flow = parseFlowLine(trimmed, bridge, tableNames);
    if (flow) flows.push(flow);
    else errors.push(`not a flow: ${trimmed.slice(0, 200)}`);
  }
  return { flows, errors };
}
