import { deviceLabel, isPatchOrTunnel } from '../devices';
import { deviceMac, type MacSource, macClashes, macSharing } from '../macs';
import type { Finding, LintContext } from '../types';
import { andList } from '../words';
import { l2MacClashes } from './dup-mac';

/** dup-mac-host: one MAC on two devices of the host that are not in one L2 domain. */
export function dupMacHost(ctx: LintContext): Finding[] {
  const d = ctx.devices;
  // Patch and tunnel interfaces have a mac_in_use that never reaches a wire.
  const ids = [
    ...d.links.keys(),
    ...[...d.ifaces.values()].filter((i) => !d.backingOf.has(i.id) && !isPatchOrTunnel(i)).map((i) => i.id),
  ];
  const sources = ids.flatMap((id): MacSource[] => {
    const mac = deviceMac(d, id);
    return mac ? [{ mac, id }] : [];
  });
  const inL2 = new Set(l2MacClashes(ctx).map((c) => c.mac));
  return macClashes(sources, macSharing(d))
    .filter((c) => !inL2.has(c.mac))
    .map(({ mac, ids: clash }) => {
      const labels = andList(clash.map((id) => deviceLabel(d, id)));
      return {
        rule: 'dup-mac-host',
        severity: 'warning',
        objects: clash,
        title: `MAC ${mac} is used by ${labels}`,
        explanation:
          `${labels} have the same MAC address but are not in one L2 domain, so no frame goes astray ` +
          'today. Joining their networks later breaks both, and anything that tells devices apart by ' +
          'MAC (udev and systemd-networkd matches, DHCP reservations, monitoring) mixes them up. ' +
          'Cloned VMs and containers are the usual cause: give one of them another MAC.',
      };
    });
}
