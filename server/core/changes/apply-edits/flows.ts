import type { Bridge } from '../../model/schema';
import { splitTopLevel, unquote } from '../../parsers/ofctl-tokens';
import type { EditOf } from '../edits';
import { flowKey, matchKey } from '../objects';
import { type ApplyContext, listNames } from './context';
import { synthesizedFlow } from './shapes';

/** Reserved OpenFlow ports, as ovs-ofctl prints them. */
const RESERVED_PORTS: Record<string, string> = {
  local: 'LOCAL',
  in_port: 'IN_PORT',
  controller: 'CONTROLLER',
  normal: 'NORMAL',
  flood: 'FLOOD',
  all: 'ALL',
  table: 'TABLE',
  any: 'ANY',
  none: 'NONE',
};
const OFPP_LOCAL = 65534;

/** Flow attributes that are not match fields: the edit has its own fields for some, none for the rest. */
const NOT_MATCH_FIELDS: Record<string, string> = {
  table: 'give the table in the `table` field',
  priority: 'give the priority in the `priority` field',
  cookie: 'give the cookie in the `cookie` field',
  actions: 'give the actions in the `actions` field',
  duration: 'a counter, not a match field',
  n_packets: 'a counter, not a match field',
  n_bytes: 'a counter, not a match field',
  idle_age: 'a counter, not a match field',
  hard_age: 'a counter, not a match field',
  idle_timeout: 'timeouts are not supported by add-flow',
  hard_timeout: 'timeouts are not supported by add-flow',
  importance: 'importance is not supported by add-flow',
  out_port: 'out_port selects flows to delete; it is not a match field',
  out_group: 'out_group selects flows to delete; it is not a match field',
  send_flow_rem: 'flow flags are not supported by add-flow',
  check_overlap: 'flow flags are not supported by add-flow',
  reset_counts: 'flow flags are not supported by add-flow',
  no_packet_counts: 'flow flags are not supported by add-flow',
  no_byte_counts: 'flow flags are not supported by add-flow',
};

const ETH_TYPES: Record<string, string> = {
  '0x0800': 'ip',
  '0x800': 'ip',
  '0x0806': 'arp',
  '0x806': 'arp',
  '0x86dd': 'ipv6',
  '0x8035': 'rarp',
  '0x8847': 'mpls',
  '0x8848': 'mplsm',
};
const IP_PROTOS: Record<string, Record<string, string>> = {
  ip: { '1': 'icmp', '6': 'tcp', '17': 'udp', '132': 'sctp' },
  ipv6: { '58': 'icmp6', '6': 'tcp6', '17': 'udp6', '132': 'sctp6' },
};

/** ovs-ofctl quotes a port name unless it is a letter followed by letters and digits. */
const printPortName = (name: string): string => (/^[A-Za-z][A-Za-z0-9]*$/.test(name) ? name : `"${name}"`);

type PortRef = { ok: true; printed: string; reserved: boolean } | { ok: false; message: string };

/** The bridge's own interface is the reserved port LOCAL (65534); OVS prints it so. */
const printedPort = (bridge: Bridge, name: string): PortRef =>
  name === bridge.name
    ? { ok: true, printed: 'LOCAL', reserved: true }
    : { ok: true, printed: printPortName(name), reserved: false };

/**
 * An OpenFlow port reference (number, name or reserved word) as ovs-ofctl --names prints it.
 * OpenFlow ports are the bridge's interfaces; the bridge's own interface is LOCAL.
 */
function resolvePort(ctx: ApplyContext, bridge: Bridge, token: string): PortRef {
  const text = unquote(token);
  const reserved = RESERVED_PORTS[text.toLowerCase()];
  if (reserved) return { ok: true, printed: reserved, reserved: true };
  const ifaces = (ctx.model.ovs?.interfaces ?? []).filter((i) => i.bridge === bridge.name);
  if (/^\d{1,10}$/.test(text)) {
    const n = Number(text);
    if (n === OFPP_LOCAL) return { ok: true, printed: 'LOCAL', reserved: true };
    const iface = ifaces.find((i) => i.ofport === n);
    if (iface) return printedPort(bridge, iface.name);
    const numbered = ifaces
      .filter((i) => i.ofport !== null && i.ofport >= 0)
      .map((i) => `${i.name}=${i.ofport}`);
    return {
      ok: false,
      message: `bridge ${bridge.name} has no OpenFlow port ${n} (ports: ${listNames(numbered)}); name the port instead`,
    };
  }
  const iface = ifaces.find((i) => i.name === text);
  if (iface) return printedPort(bridge, iface.name);
  const port = ctx.model.ovs?.ports.find((p) => p.name === text && p.bridge === bridge.name);
  const hint = port
    ? `; ${text} is a port with several interfaces (${listNames(port.interfaces.map((id) => id.replace(/^iface:/, '')))}): name one of them`
    : '';
  return {
    ok: false,
    message: `port ${text} is not on bridge ${bridge.name} (OpenFlow ports: ${listNames(ifaces.map((i) => i.name))})${hint}`,
  };
}

/** A match as ovs-ofctl prints it, or the problems found. `lenient` keeps unknown ports (delete-flow). */
function normalizeMatch(
  ctx: ApplyContext,
  bridge: Bridge,
  match: string,
  lenient: boolean,
): { text: string; problems: string[] } {
  const problems: string[] = [];
  const pairs: { key: string; value: string | null }[] = [];
  for (const token of splitTopLevel(match).flatMap((t) => splitTopLevel(t, ' '))) {
    const eq = token.indexOf('=');
    const key = eq === -1 ? token : token.slice(0, eq);
    const value = eq === -1 ? null : token.slice(eq + 1);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      problems.push(
        `${token.slice(0, 40)} is not a match field (field=value, or a protocol such as ip, arp, tcp)`,
      );
      continue;
    }
    const lower = key.toLowerCase();
    const why = NOT_MATCH_FIELDS[lower];
    if (why) {
      problems.push(`${key} is not a match field: ${why}`);
      continue;
    }
    if (value === '' || (value !== null && lower !== 'in_port' && /[\s"]/.test(value))) {
      problems.push(`${key} has an empty or malformed value`);
      continue;
    }
    if (lower === 'in_port' && value !== null) {
      const ref = resolvePort(ctx, bridge, value);
      if (ref.ok) pairs.push({ key: 'in_port', value: ref.printed });
      else if (lenient) pairs.push({ key: 'in_port', value: printPortName(unquote(value)) });
      else problems.push(`in_port: ${ref.message}`);
      continue;
    }
    pairs.push({ key, value });
  }
  const keys = new Set<string>();
  for (const p of pairs) {
    const k = p.key.toLowerCase();
    if (keys.has(k)) problems.push(`${p.key} appears twice in the match`);
    keys.add(k);
  }
  // OVS prints dl_type=0x0800 as `ip`, and ip with nw_proto=6 as `tcp`.
  const ethIndex = pairs.findIndex((p) => ['dl_type', 'eth_type'].includes(p.key.toLowerCase()));
  const eth = ethIndex === -1 ? undefined : ETH_TYPES[(pairs[ethIndex]?.value ?? '').toLowerCase()];
  if (eth) pairs.splice(ethIndex, 1, { key: eth, value: null });
  const proto = pairs.find(
    (p) => p.value === null && (p.key.toLowerCase() === 'ip' || p.key.toLowerCase() === 'ipv6'),
  );
  const nwIndex = pairs.findIndex((p) => ['nw_proto', 'ip_proto'].includes(p.key.toLowerCase()));
  const named = proto ? IP_PROTOS[proto.key.toLowerCase()]?.[pairs[nwIndex]?.value ?? ''] : undefined;
  if (proto && named) {
    pairs.splice(nwIndex, 1);
    proto.key = named;
  }
  // Protocol keywords come first, lower case, as OVS prints them.
  const keywords = pairs.filter((p) => p.value === null).map((p) => p.key.toLowerCase());
  const fields = pairs.filter((p) => p.value !== null).map((p) => `${p.key}=${p.value}`);
  return { text: [...keywords, ...fields].join(','), problems };
}

/** Actions as ovs-ofctl prints them: ports by (quoted) name, reserved ports upper case. */
function normalizeActions(
  ctx: ApplyContext,
  bridge: Bridge,
  actions: string,
): { text: string; problems: string[] } {
  const problems: string[] = [];
  const out: string[] = [];
  const printOutput = (ref: PortRef & { ok: true }) =>
    ref.reserved
      ? ref.printed === 'CONTROLLER'
        ? 'CONTROLLER:65535'
        : ref.printed
      : `output:${ref.printed}`;
  for (const part of splitTopLevel(actions)) {
    const output = /^output:(.+)$/i.exec(part);
    const target = output?.[1] ?? (/^\d{1,10}$/.test(part) ? part : undefined);
    if (target !== undefined && !/[[(]/.test(target)) {
      const ref = resolvePort(ctx, bridge, target);
      if (ref.ok) out.push(printOutput(ref));
      else problems.push(`output: ${ref.message}`);
      continue;
    }
    const reserved = RESERVED_PORTS[part.toLowerCase()];
    if (reserved && reserved !== 'ANY' && reserved !== 'NONE' && reserved !== 'TABLE') {
      out.push(reserved === 'CONTROLLER' ? 'CONTROLLER:65535' : reserved);
      continue;
    }
    out.push(part.toLowerCase() === 'drop' ? 'drop' : part);
  }
  if (out.length === 0) problems.push('no actions: give at least one (use drop to drop)');
  if (out.length > 1 && out.includes('drop')) problems.push('drop must be the only action');
  return { text: out.join(','), problems };
}

function requireFlows(ctx: ApplyContext, bridge: Bridge): boolean {
  if (bridge.flows !== null) return true;
  ctx.fail(
    'bridge',
    `the flows of bridge ${bridge.name} were not read (${bridge.flowsError ?? 'unknown error'}); read the host again before changing its flows`,
  );
  return false;
}

export function addFlow(ctx: ApplyContext, edit: EditOf<'add-flow'>): void {
  const before = ctx.errors.length;
  const bridge = ctx.requireBridge('bridge', edit.bridge);
  if (!bridge || !requireFlows(ctx, bridge)) return;
  const match = normalizeMatch(ctx, bridge, edit.match, false);
  for (const p of match.problems) ctx.fail('match', p);
  const actions = normalizeActions(ctx, bridge, edit.actions);
  for (const p of actions.problems) ctx.fail('actions', p);
  if (ctx.errors.length > before) return;
  const cookie = `0x${BigInt(edit.cookie ?? '0x0').toString(16)}`;
  const flow = synthesizedFlow(bridge.name, edit.table, edit.priority, cookie, match.text, actions.text);
  if (flow.unparsed !== undefined) {
    ctx.fail('match', `ovs-ofctl would not print this flow back as written (${flow.unparsed})`);
    return;
  }
  const flows = bridge.flows ?? [];
  const key = flowKey(bridge.name, flow.table, flow.priority, flow.match);
  // ovs-ofctl add-flow with the table, priority and match of an existing flow replaces it.
  const at = flows.findIndex((f) => ctx.flowKeyOf(bridge.name, f) === key);
  if (at === -1) flows.push(flow);
  else flows[at] = flow;
  bridge.flows = flows;
}

export function deleteFlow(ctx: ApplyContext, edit: EditOf<'delete-flow'>): void {
  const before = ctx.errors.length;
  const bridge = ctx.requireBridge('bridge', edit.bridge);
  if (!bridge || !requireFlows(ctx, bridge)) return;
  const match = normalizeMatch(ctx, bridge, edit.match, true);
  for (const p of match.problems) ctx.fail('match', p);
  if (ctx.errors.length > before) return;
  const probe = synthesizedFlow(bridge.name, edit.table, edit.priority, '0x0', match.text, 'drop');
  const key = flowKey(bridge.name, edit.table, edit.priority, probe.match);
  const flows = bridge.flows ?? [];
  const found = flows.find((f) => ctx.flowKeyOf(bridge.name, f) === key);
  if (!found) {
    const sameTable = flows
      .filter((f) => f.table === edit.table)
      .map((f) => `priority=${f.priority} ${matchKey(f.match) || '(any)'}`);
    ctx.fail(
      'match',
      `bridge ${bridge.name} has no flow at table=${edit.table} priority=${edit.priority} matching exactly ${matchKey(probe.match) || '(any)'} (flows in table ${edit.table}: ${listNames(sameTable, 8)})`,
    );
    return;
  }
  bridge.flows = flows.filter((f) => f !== found);
}
