import type { Bridge, Flow, FlowAction } from '../model/schema';
import { push } from './multimap';

/** Every action of a flow, those nested in clone(), ct(exec()) and the like included. */
export function actionsOf(flow: Flow): FlowAction[] {
  const out: FlowAction[] = [];
  const walk = (actions: readonly FlowAction[]) => {
    for (const a of actions) {
      out.push(a);
      if (a.nested) walk(a.nested);
    }
  };
  walk(flow.actions);
  return out;
}

/** Actions that forward by the ports' VLAN settings (NORMAL) or to every port (FLOOD, ALL). */
const PORT_CONFIG_FORWARDING = new Set(['normal', 'flood', 'all']);

/** True when some flow of the bridge hands packets to NORMAL, FLOOD or ALL. */
export const forwardsByPortConfig = (bridge: Bridge): boolean =>
  (bridge.flows ?? []).some((f) => actionsOf(f).some((a) => PORT_CONFIG_FORWARDING.has(a.type)));

/**
 * A bridge's flows by each port (name or OpenFlow number, as written) that an output or enqueue
 * action of theirs names, nested actions included; each flow once per port, in the bridge's order.
 */
export function flowsByOutput(bridge: Bridge): Map<string, Flow[]> {
  const out = new Map<string, Flow[]>();
  for (const flow of bridge.flows ?? []) {
    const ports = new Set<string>();
    for (const a of actionsOf(flow))
      if ((a.type === 'output' || a.type === 'enqueue') && a.port !== undefined) ports.add(a.port);
    for (const p of ports) push(out, p, flow);
  }
  return out;
}
