import { type DatapathEvent, datapathEvents } from './datapath-actions';
import type { PortDirectory } from './ports';
import type { TracePassText } from './trace-text';
import type { TraceFate, TraceHop, TraceOutput } from './types';
import { flowVlan, tracePort } from './walk';

/**
 * What became of the packet, from every pass's datapath actions (the only record of where it
 * really leaves) and the hops (which rule dropped it, or sent it to a controller).
 */
export function fateOf(
  passes: TracePassText[],
  hops: TraceHop[],
  bridge: string,
  ports: PortDirectory,
  host: string,
  warnings: string[],
): TraceFate {
  const outputs: TraceOutput[] = [];
  let controller = false;
  let recirculates = false;
  for (const [index, pass] of passes.entries()) {
    recirculates = false;
    for (const e of datapathEvents(pass.datapathActions, flowVlan(pass.flow))) {
      if (e.kind === 'controller') controller = true;
      else if (e.kind === 'recirc') recirculates = true;
      else {
        const out = output(e, index, bridge, ports, host);
        if (out) outputs.push(out);
        else warnings.push(`datapath action ${e.raw} names no port dpif/show lists`);
      }
    }
  }
  if (outputs.length > 0) return { kind: 'output', ports: outputs, controller };
  const last = passes.at(-1);
  if (controller) {
    const hop = hops.findLast((h) => h.actions.some((a) => /^controller\b/i.test(a)) || isPacketIn(h));
    return { kind: 'controller', hop: hop?.index ?? null, reason: controllerReason(hop, ports) };
  }
  if (recirculates)
    return { kind: 'unknown', reason: `recirculated (${last?.datapathActions}) and the trace ends there` };
  const failed = last?.trailer.find((l) => l.startsWith('Translation failed'));
  if (failed) return { kind: 'drop', hop: null, reason: failed };
  if (!last) return { kind: 'unknown', reason: 'the trace has no datapath actions' };
  const hop = hops.findLast((h) => h.dropped);
  return { kind: 'drop', hop: hop?.index ?? null, reason: dropReason(hop) };
}

function output(
  e: Extract<DatapathEvent, { kind: 'output' }>,
  pass: number,
  bridge: string,
  ports: PortDirectory,
  host: string,
): TraceOutput | null {
  const port = e.dpPort === null ? undefined : ports.datapath(bridge, e.dpPort)[0];
  if (!port) return null;
  const tunnels = e.tunnel ? ports.datapath(bridge, e.tunnel.dpPort) : [];
  // Tunnel ports of one type share a datapath port; the remote address tells them apart.
  const tunnel = tunnels.find((t) => t.options.remote_ip === e.tunnel?.remoteIp) ?? tunnels[0];
  return {
    ...tracePort(host, port, e.vlan),
    dpPort: e.dpPort,
    tunnel: tunnel
      ? { port: tunnel.port, bridge: tunnel.bridge, remoteIp: e.tunnel?.remoteIp ?? null }
      : null,
    pass,
  };
}

const isPacketIn = (h: TraceHop) => h.kind === 'miss' && h.notes.some((n) => n.includes('packet-in'));

const where = (h: TraceHop) =>
  `${h.bridge} table ${h.table ?? 'action set'}${h.priority === null ? '' : ` priority ${h.priority}`}${h.match ? ` (${h.match})` : ''}`;

function dropReason(hop: TraceHop | undefined): string {
  if (!hop) return 'no port to send it to (every way out was the way in, or none carries its VLAN)';
  if (hop.kind === 'miss') return `no rule matched in ${hop.bridge} table ${hop.table}`;
  const refusal = hop.notes.find((n) => /dropping/.test(n));
  if (refusal && hop.actions.some((a) => /^normal$/i.test(a)))
    return `NORMAL on ${hop.bridge} dropped it: ${refusal}`;
  return `dropped by ${where(hop)}: ${hop.actions.join(',')}`;
}

function controllerReason(hop: TraceHop | undefined, ports: PortDirectory): string {
  const by = hop
    ? isPacketIn(hop)
      ? `a table miss in ${hop.bridge} table ${hop.table}`
      : where(hop)
    : 'the pipeline';
  const none = hop && ports.hasController(hop.bridge) === false;
  return `sent to the controller by ${by}${none ? `; ${hop.bridge} has no controller configured, so it goes nowhere` : ''}`;
}
