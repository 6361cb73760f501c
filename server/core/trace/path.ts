import { elementId } from '../graph/ids';
import { ifaceId } from '../model/identity';
import type { OvsState } from '../model/schema';
import { parseDpifShow } from './dpif-show';
import { fateOf } from './fate';
import { PortDirectory } from './ports';
import type { TraceText } from './trace-text';
import type { TracePath } from './types';
import { mark, type Walk, walkPass } from './walk';

export interface TraceInputs {
  /** Inventory name of the host: graph element ids start with it. */
  host: string;
  bridge: string;
  /** The flow text that was traced. */
  flow: string;
  trace: TraceText;
  /** `ovs-appctl dpif/show` output. */
  dpif: string;
  /** The host's OVSDB state; null when it could not be read (VLANs through NORMAL stay unknown). */
  ovs: OvsState | null;
}

/** The path of the packet, in names and model/graph ids, from a parsed `ofproto/trace` output. */
export function buildTracePath(input: TraceInputs): TracePath {
  const ports = new PortDirectory(parseDpifShow(input.dpif), input.ovs);
  const w: Walk = {
    host: input.host,
    ports,
    hops: [],
    crossings: [],
    bridges: [],
    elements: [],
    warnings: input.trace.errors.map((l) => `unexpected line: ${l}`),
  };
  if (input.ovs === null) w.warnings.push('no OVSDB data: the VLAN NORMAL switches in is unknown');
  const entries = input.trace.passes.map((pass, i) => walkPass(pass, i, w));
  const fate = fateOf(input.trace.passes, w.hops, input.bridge, ports, input.host, w.warnings);
  if (fate.kind === 'output')
    for (const out of fate.ports)
      mark(w, [out.element, out.iface ? elementId(input.host, ifaceId(out.iface)) : null]);
  return {
    host: input.host,
    bridge: input.bridge,
    flow: input.flow,
    entry: entries[0] ?? null,
    hops: w.hops,
    crossings: w.crossings,
    bridges: w.bridges,
    fate,
    passes: input.trace.passes.map((p) => ({
      resume: p.resume,
      flow: p.flow,
      finalFlow: p.finalFlow,
      megaflow: p.megaflow,
      datapathActions: p.datapathActions,
      trailer: p.trailer,
    })),
    elements: w.elements,
    warnings: w.warnings,
  };
}
