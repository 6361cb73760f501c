import type { FlowAction, Port } from '../model/schema';
import { stepOf } from '../relations/vlan-rewrites';
import type { Vlan } from './types';

/**
 * The VLAN header along a trace. OpenFlow rules see (and rewrite) the header itself; NORMAL works
 * in a VLAN of its own choosing: an untagged packet on an access port is in that port's VLAN, and
 * leaves a trunk (a patch port) tagged with it. The trace prints neither, so both are worked out
 * here, from the actions and from the ports' tag / trunks / vlan_mode, the way OVS decides them
 * (xvlan_input_translate / xvlan_output_translate in ofproto-dpif-xlate.c).
 */

export type PortVlanConfig = Pick<Port, 'tag' | 'trunks' | 'vlanMode'>;

/** The header after one action. */
export function applyAction(vlan: Vlan, action: FlowAction): Vlan {
  const step = stepOf(action);
  if (!step) return vlan;
  if (step.kind === 'strip') return 'untagged';
  // push_vlan alone gives VID 0; the set_field that usually follows names the VLAN.
  if (step.kind === 'push') return 0;
  if (step.kind === 'set') return step.vlan ?? 'unknown';
  return vlan;
}

const modeOf = (port: PortVlanConfig) => port.vlanMode ?? (port.tag === null ? 'trunk' : 'access');

/**
 * The VLAN NORMAL switches a packet in, from the port it came in on and its header: `untagged`
 * when it carries it in no VLAN (VLAN 0: untagged on a trunk), null when the port refuses the
 * packet (a tagged packet on an access port, a VLAN a trunk does not carry).
 */
export function normalVlanIn(port: PortVlanConfig | undefined, header: Vlan): Vlan | null {
  if (!port || header === 'unknown') return 'unknown';
  const vid = header === 'untagged' ? 0 : header;
  const mode = modeOf(port);
  const trunked = port.trunks.length === 0 || port.trunks.includes(vid);
  let vlan: number | null;
  if (mode === 'access') vlan = vid === 0 ? (port.tag ?? 0) : null;
  else if (mode === 'dot1q-tunnel') vlan = port.tag ?? 0;
  // native-tagged / native-untagged: untagged traffic is the native VLAN, the rest as a trunk.
  else if (mode !== 'trunk' && vid === 0) vlan = port.tag ?? 0;
  else vlan = trunked ? vid : null;
  return vlan === 0 ? 'untagged' : vlan;
}

/** The header NORMAL gives a packet of VLAN `vlan` leaving by `port`. */
export function normalVlanOut(port: PortVlanConfig | undefined, vlan: Vlan): Vlan {
  if (!port || vlan === 'unknown') return 'unknown';
  const mode = modeOf(port);
  // A dot1q-tunnel port pops its outer tag and shows the customer's, which is not followed here.
  if (mode === 'dot1q-tunnel') return 'unknown';
  if (vlan === 'untagged' || vlan === 0 || mode === 'access') return 'untagged';
  return mode === 'native-untagged' && vlan === port.tag ? 'untagged' : vlan;
}
