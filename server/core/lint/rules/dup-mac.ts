import { deviceLabel } from '../devices';
import type { L2Domain } from '../l2-domains';
import { macClashFix } from '../mac-fix';
import { deviceMac, type MacSource, macClashes, macSharing, stationMac } from '../macs';
import type { Finding, LintContext } from '../types';
import { andList } from '../words';

export interface L2MacClash {
  domain: L2Domain;
  mac: string;
  ids: string[];
  labels: string[];
}

/**
 * The MACs seen in one L2 domain: each device's own, plus the attached-mac an OVS interface
 * records for the guest behind it (a VM's NIC is not a device of the host) unless that MAC is
 * already the device's or its veth peer's (then the guest end is in the model anyway).
 */
function domainSources(
  ctx: LintContext,
  domain: L2Domain,
): { sources: MacSource[]; labels: Map<string, string> } {
  const d = ctx.devices;
  const sources: MacSource[] = [];
  // Guests' labels; a device's own is its deviceLabel, made only when it clashes.
  const labels = new Map<string, string>();
  for (const id of domain.devices) {
    const own = deviceMac(d, id);
    if (own) sources.push({ mac: own, id });
    const iface = d.ifaceOf.get(id) ?? d.ifaces.get(id);
    const guest = stationMac(iface?.externalIds['attached-mac']);
    const peer = d.peerOf.get(id);
    if (!iface || !guest || guest === own || (peer !== undefined && guest === deviceMac(d, peer))) continue;
    const guestId = `${iface.id}#attached-mac`;
    sources.push({ mac: guest, id: guestId });
    labels.set(guestId, `the guest behind ${iface.name}`);
  }
  return { sources, labels };
}

const clashesOf = new WeakMap<LintContext, L2MacClash[]>();

/**
 * MACs used by unrelated devices inside one L2 domain (dup-mac-host leaves these to this rule).
 * Worked out once per lint context: dup-mac and dup-mac-host both ask.
 */
export function l2MacClashes(ctx: LintContext): L2MacClash[] {
  let clashes = clashesOf.get(ctx);
  if (!clashes) {
    clashes = findL2MacClashes(ctx);
    clashesOf.set(ctx, clashes);
  }
  return clashes;
}

function findL2MacClashes(ctx: LintContext): L2MacClash[] {
  const sharing = macSharing(ctx.devices);
  return ctx.l2.domains.flatMap((domain) => {
    const { sources, labels } = domainSources(ctx, domain);
    return macClashes(sources, sharing).map(({ mac, ids }) => ({
      domain,
      mac,
      ids,
      labels: ids.map((id) => labels.get(id) ?? deviceLabel(ctx.devices, id)),
    }));
  });
}

/** dup-mac: one MAC on two devices of one L2 domain. */
export function dupMac(ctx: LintContext): Finding[] {
  return l2MacClashes(ctx).map((c): Finding => {
    const fix = macClashFix(ctx, c.ids);
    return {
      rule: 'dup-mac',
      severity: 'error',
      // A guest's attached-mac is reported on the OVS interface that records it.
      objects: [...new Set(c.ids.map((id) => id.replace(/#attached-mac$/, '')))],
      title: `MAC ${c.mac} is used by ${andList(c.labels)} in ${c.domain.label}`,
      explanation:
        `${andList(c.labels)} send from the same MAC address into one L2 domain (${c.domain.label}). ` +
        'Switches, OVS MAC learning included, keep moving that address from port to port and deliver ' +
        "each one's traffic to the other part of the time: connections stall, ARP and neighbour " +
        'answers go astray. Give one of them another MAC, or put it on another network.' +
        (fix.length > 0
          ? ' The fix gives each but one a locally administered MAC no device of this host uses.'
          : ''),
      ...(fix.length > 0 ? { fix } : {}),
    };
  });
}
