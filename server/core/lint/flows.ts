import type { Bridge, Flow, FlowAction } from '../model/schema';

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

/** True when the flow sends packets to one of `ports` (names or OpenFlow numbers) by output or enqueue. */
export const outputsTo = (flow: Flow, ports: ReadonlySet<string>): boolean =>
  actionsOf(flow).some(
    (a) => (a.type === 'output' || a.type === 'enqueue') && a.port !== undefined && ports.has(a.port),
  );
