import { elementId } from '../graph/ids';
import { bridgeId, flowId } from '../model/identity';
import { REWRITING_ACTIONS } from '../parsers/ofctl-action-names';
import { parseAction } from '../parsers/ofctl-actions';
import { splitTopLevel, unquote } from '../parsers/ofctl-tokens';
import type { PortDirectory } from './ports';
import type { TraceHop, Vlan } from './types';

/** Where the packet is when a table is looked up. */
export interface HopContext {
  host: string;
  pass: number;
  bridge: string;
  inPort: string | null;
  vlan: Vlan;
}

/**
 * A hop from a table line of the trace:
 *
 *    0. in_port=2,dl_vlan=1, priority 4[, cookie 0x2a]
 *    0. priority 0                       (matches everything)
 *    0. No match.                        (table miss; `No match, and a "packet-in" is called for.`)
 *   --. Executing action set:
 *
 * Actions and notes are added as the walk reaches them.
 */
export function newHop(text: string, at: HopContext, index: number, ports: PortDirectory): TraceHop {
  const head = /^(\d+|--)\. (.*)$/.exec(text);
  const table = head?.[1] === undefined || head[1] === '--' ? null : Number(head[1]);
  const rest = head?.[2] ?? text;
  const rule = table === null ? null : /^(?:(.*), )?priority (\d+)(?:, cookie (\S+))?$/.exec(rest);
  const kind = table === null ? 'action-set' : rule ? 'rule' : 'miss';
  const match = rule?.[1] ? namedMatch(rule[1], at.bridge, ports) : '';
  const priority = rule?.[2] === undefined ? null : Number(rule[2]);
  return {
    index,
    pass: at.pass,
    bridge: at.bridge,
    table,
    priority,
    match,
    cookie: rule?.[3] ?? null,
    kind,
    actions: [],
    changes: [],
    notes: kind === 'miss' ? [rest] : [],
    inPort: at.inPort,
    vlan: at.vlan,
    vlanAfter: at.vlan,
    normalVlan: null,
    dropped: false,
    // The same id the model gives the flow: dump-flows --names prints the match in this order.
    flowId: table !== null && priority !== null ? flowId(at.bridge, table, priority, match) : null,
    bridgeElement: elementId(at.host, bridgeId(at.bridge)),
  };
}

/** The match with in_port as the port's name, values unquoted, as the model's flows spell it. */
function namedMatch(match: string, bridge: string, ports: PortDirectory): string {
  return splitTopLevel(match)
    .map((token) => {
      const eq = token.indexOf('=');
      if (eq < 0) return token;
      const field = token.slice(0, eq);
      const value = unquote(token.slice(eq + 1));
      const name = field === 'in_port' ? ports.resolve(bridge, value)?.iface : undefined;
      return `${field}=${name ?? value}`;
    })
    .join(',');
}

/** Whether an action as the trace prints it rewrites the packet (ct counts when it NATs). */
export function rewrites(action: string): boolean {
  const a = parseAction(action);
  return REWRITING_ACTIONS.has(a.type) || (a.type === 'ct' && /\bnat\b/.test(a.args ?? ''));
}

/** Port numbers in `output:N` turned into names, the way the model's flows print them. */
export function namedAction(action: string, bridge: string, ports: PortDirectory): string {
  const out = /^output:(\d+)$/.exec(action);
  const name = out?.[1] === undefined ? undefined : ports.resolve(bridge, out[1])?.iface;
  return name === undefined ? action : `output:${name}`;
}
