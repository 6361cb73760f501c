import { canonicalize, stripCounters, type TopologyModel } from './canonical';
import type { HostModel } from './schema';

/**
 * The counters of a model kept apart from its topology, so that storage can address each by its
 * content: an idle host's snapshots share both. Durations and ages are left out on purpose (they
 * change on every read even when nothing else does); packets, bytes and interface statistics stay.
 */
export interface Counters {
  /** flow id → [packets, bytes] */
  flows: Record<string, [number, number]>;
  /** interface id → its statistics (and link resets) */
  interfaces: Record<string, { statistics?: Record<string, number>; linkResets?: number }>;
}

export function countersOf(model: HostModel): Counters {
  const flows: Counters['flows'] = {};
  const interfaces: Counters['interfaces'] = {};
  for (const bridge of model.ovs?.bridges ?? [])
    for (const f of bridge.flows ?? [])
      if (f.counters) flows[f.id] = [f.counters.nPackets, f.counters.nBytes];
  for (const i of model.ovs?.interfaces ?? [])
    if (i.statistics || i.linkResets !== undefined)
      interfaces[i.id] = {
        ...(i.statistics ? { statistics: i.statistics } : {}),
        ...(i.linkResets !== undefined ? { linkResets: i.linkResets } : {}),
      };
  return { flows, interfaces };
}

/** The canonical topology: what two reads of an unchanged host have in common, byte for byte. */
export const topologyOf = (model: HostModel): TopologyModel => canonicalize(stripCounters(model));

/** A host model back from its stored parts (the inverse of topologyOf + countersOf, durations aside). */
export function joinCounters(
  topology: TopologyModel,
  collectedAt: string,
  counters: Counters | null,
): HostModel {
  const model: HostModel = { ...topology, collectedAt };
  if (!counters || !model.ovs) return model;
  const { flows, interfaces } = counters;
  return {
    ...model,
    ovs: {
      ...model.ovs,
      bridges: model.ovs.bridges.map((b) => ({
        ...b,
        flows:
          b.flows?.map((f) => {
            const c = flows[f.id];
            return c ? { ...f, counters: { nPackets: c[0], nBytes: c[1] } } : f;
          }) ?? null,
      })),
      interfaces: model.ovs.interfaces.map((i) => ({ ...i, ...(interfaces[i.id] ?? {}) })),
    },
  };
}

/** Flows and interfaces whose counters differ between two reads: the diff's "traffic" view. */
export function countersMoved(
  from: Counters | null,
  to: Counters | null,
): { flows: string[]; interfaces: string[] } {
  const a = from ?? { flows: {}, interfaces: {} };
  const b = to ?? { flows: {}, interfaces: {} };
  const flows = Object.keys(b.flows).filter((id) => {
    const x = a.flows[id];
    const y = b.flows[id];
    return x !== undefined && y !== undefined && (x[0] !== y[0] || x[1] !== y[1]);
  });
  const interfaces = Object.keys(b.interfaces).filter((id) => {
    const x = a.interfaces[id]?.statistics;
    const y = b.interfaces[id]?.statistics;
    if (!x || !y) return false;
    return Object.keys(y).some((k) => (k.endsWith('packets') || k.endsWith('bytes')) && x[k] !== y[k]);
  });
  return { flows, interfaces };
}
