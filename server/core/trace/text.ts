import type { TraceCrossing, TraceHop, TraceOutput, TracePath, Vlan } from './types';

/**
 * A trace as plain text, one line per hop (`patchbay trace` prints it):
 *
 *   enters br-int by qvo3c4d5e6f-7a, untagged
 *    1. br-int table 0 priority 0 → NORMAL  [untagged; NORMAL in VLAN 1]
 *         no learned MAC for destination, flooding
 *       patch int-br-ex → phy-br-ex, tagged 1
 *    2. br-ex table 0 priority 4 in_port=phy-br-ex,dl_vlan=1 → pop_vlan,NORMAL  [tagged 1 → untagged]
 *   fate: output to 6 ports
 *     eth1 on br-ex, untagged
 */
export function traceText(path: TracePath): string {
  const lines = [`trace on ${path.host}, bridge ${path.bridge}: ${path.flow}`];
  if (path.entry)
    lines.push(`enters ${path.entry.bridge} by ${path.entry.port}, ${vlanText(path.entry.vlan)}`);
  let pass = 0;
  for (const hop of path.hops) {
    if (hop.pass !== pass) {
      pass = hop.pass;
      lines.push(`--- ${path.passes[pass]?.resume?.split('\n')[0] ?? `pass ${pass}`}`);
    }
    lines.push(
      hopLine(hop),
      // A miss's first note is its table line's own text, already on the hop's line.
      ...hop.notes.slice(hop.kind === 'miss' ? 1 : 0).map((n) => `       ${n}`),
    );
    for (const c of path.crossings.filter((x) => x.afterHop === hop.index))
      lines.push(`     ${crossingLine(c)}`);
  }
  lines.push(...fateLines(path), ...path.warnings.map((w) => `warning: ${w}`));
  return `${lines.join('\n')}\n`;
}

export function vlanText(vlan: Vlan): string {
  return typeof vlan === 'number' ? `tagged ${vlan}` : vlan === 'unknown' ? 'VLAN unknown' : 'untagged';
}

function hopLine(h: TraceHop): string {
  const n = `${String(h.index + 1).padStart(2)}.`;
  const table = h.table === null ? 'action set' : `table ${h.table}`;
  const rule =
    h.kind === 'miss'
      ? `: ${h.notes[0] ?? 'no match'}`
      : h.priority === null
        ? ''
        : ` priority ${h.priority}`;
  const match = h.match ? ` ${h.match}` : '';
  const after = h.vlanAfter === h.vlan ? '' : ` → ${vlanText(h.vlanAfter)}`;
  const normal =
    h.normalVlan === null
      ? ''
      : `; NORMAL in ${typeof h.normalVlan === 'number' ? `VLAN ${h.normalVlan}` : h.normalVlan === 'untagged' ? 'no VLAN' : 'an unknown VLAN'}`;
  return `${n} ${h.bridge} ${table}${rule}${match} → ${h.actions.join(',') || '(nothing)'}  [${vlanText(h.vlan)}${after}${normal}]`;
}

function crossingLine(c: TraceCrossing): string {
  const end = (p: TraceCrossing['from']) => p.port ?? `${p.bridge} (port unknown)`;
  return c.kind === 'patch'
    ? `patch ${end(c.from)} → ${end(c.to)}, ${vlanText(c.vlan)}`
    : `tunnel ${end(c.from)} → underlay ${c.to.bridge}`;
}

function outputLine(o: TraceOutput): string {
  const tunnel = o.tunnel
    ? `, in tunnel ${o.tunnel.port}${o.tunnel.remoteIp ? ` to ${o.tunnel.remoteIp}` : ''}`
    : '';
  return `  ${o.port}${o.iface ? ` (${o.iface})` : ''} on ${o.bridge}, ${vlanText(o.vlan)}${tunnel}`;
}

function fateLines(path: TracePath): string[] {
  const f = path.fate;
  const actions = path.passes.map((p) => `datapath actions: ${p.datapathActions}`);
  if (f.kind === 'output') {
    const n = f.ports.length;
    return [
      `fate: output to ${n} port${n === 1 ? '' : 's'}${f.controller ? ' and the controller' : ''}`,
      ...f.ports.map(outputLine),
      ...actions,
    ];
  }
  return [`fate: ${f.kind} — ${f.reason}`, ...actions];
}
