import type { Edit } from '../../changes/edits';
import { isAdminUp, isBridgeLocal, isPatchOrTunnel, linkLabel } from '../devices';
import { ifaceState, setUp } from '../link-state';
import type { Finding, LintContext } from '../types';

/**
 * port-down: an interface on a bridge that is administratively down, or up without a carrier.
 * The bridge's own port is left out: it is the host's way into the bridge and often down on
 * purpose (OpenStack keeps br-int down). Patch and tunnel interfaces have no link to be down.
 */
export function portDown(ctx: LintContext): Finding[] {
  const d = ctx.devices;
  return [...d.ifaces.values()].flatMap((iface): Finding[] => {
    if (iface.bridge === null || isBridgeLocal(iface) || isPatchOrTunnel(iface)) return [];
    const state = ifaceState(d, iface);
    if (state.admin === null || (state.admin && state.carrier !== false)) return [];
    const objects = [
      iface.id,
      ...(iface.port ? [iface.port] : []),
      ...(state.link ? [state.link.link.id] : []),
    ];
    if (!state.admin) {
      return [
        {
          rule: 'port-down',
          severity: 'warning',
          objects,
          title: `${iface.name} on ${iface.bridge} is administratively down`,
          explanation:
            `${iface.name} is a port of ${iface.bridge} but is set down, so the bridge sends it nothing and ` +
            'whatever is behind it is cut off. Bring it up, or remove the port if it is no longer used.',
          ...(state.link ? { fix: [setUp(state.link)] } : {}),
        },
      ];
    }
    // Up without carrier: a veth whose other end is down is the one cause lint can repair.
    const peerId = state.link ? d.peerOf.get(state.link.link.id) : undefined;
    const peer = peerId === undefined ? undefined : d.links.get(peerId);
    const fix: Edit[] = peer && !isAdminUp(peer.link) ? [setUp(peer)] : [];
    return [
      {
        rule: 'port-down',
        severity: 'warning',
        objects: [...objects, ...(peer ? [peer.link.id] : [])],
        title: `${iface.name} on ${iface.bridge} is up but has no link`,
        explanation:
          `${iface.name} is set up but reports no carrier, so no traffic passes. ` +
          (peer && fix.length > 0
            ? `Its veth peer ${linkLabel(peer)} is down: bring it up.`
            : 'The cable, the switch port or the device at the other end is down.'),
        ...(fix.length > 0 ? { fix } : {}),
      },
    ];
  });
}
