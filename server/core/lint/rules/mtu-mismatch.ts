import type { Edit } from '../../changes/edits';
import { type Devices, type LinkRef, linkLabel } from '../devices';
import type { Finding, LintContext } from '../types';

/**
 * The edit that lowers a link's MTU. A link backing an OVS interface with mtu_request set gets
 * its MTU from OVS, so the request is what must change there.
 */
function lowerMtu(d: Devices, ref: LinkRef, mtu: number): Edit {
  const iface = d.ifaceOf.get(ref.link.id);
  if (iface && iface.mtuRequest !== null) return { op: 'set-interface', name: iface.name, mtuRequest: mtu };
  return {
    op: 'set-link',
    ...(ref.ns.isRoot ? {} : { namespace: ref.ns.name }),
    name: ref.link.name,
    mtu,
  };
}

const EXPLANATION =
  'Both ends of one wire must agree on the largest frame. The side with the larger MTU sends ' +
  'frames the other side drops on arrival, so small packets (ping, handshakes) work while full-size ' +
  'ones vanish: transfers stall, TLS hangs. ';

function vethFindings(ctx: LintContext): Finding[] {
  const d = ctx.devices;
  return ctx.relations.vethPairs.flatMap((pair): Finding[] => {
    const a = d.links.get(pair.a);
    const b = pair.b === null ? undefined : d.links.get(pair.b);
    if (!a || !b || a.link.mtu === undefined || b.link.mtu === undefined || a.link.mtu === b.link.mtu)
      return [];
    const [small, large] = a.link.mtu < b.link.mtu ? [a, b] : [b, a];
    const mtu = small.link.mtu ?? 0;
    return [
      {
        rule: 'mtu-mismatch',
        severity: 'warning',
        objects: [a.link.id, b.link.id],
        title: `veth ${linkLabel(a)} has MTU ${a.link.mtu}, its peer ${linkLabel(b)} ${b.link.mtu}`,
        explanation: `${EXPLANATION}Lowering ${linkLabel(large)} to ${mtu} cannot break anything behind it; raising the other end may.`,
        fix: [lowerMtu(d, large, mtu)],
      },
    ];
  });
}

/** OVS reports no MTU for patch ports; when it does report one for both ends, they must agree. */
function patchFindings(ctx: LintContext): Finding[] {
  const d = ctx.devices;
  return ctx.relations.patchPairs.flatMap((pair): Finding[] => {
    const a = d.ifaces.get(pair.a);
    const b = pair.b === null ? undefined : d.ifaces.get(pair.b);
    if (pair.status !== 'ok' || !a || !b || a.mtu === null || b.mtu === null || a.mtu === b.mtu) return [];
    return [
      {
        rule: 'mtu-mismatch',
        severity: 'warning',
        objects: [a.id, b.id],
        title: `patch port ${a.name} has MTU ${a.mtu}, its peer ${b.name} ${b.mtu}`,
        explanation: `${EXPLANATION}Patch ports take no mtu_request: set the MTU of the bridges' other ports alike.`,
      },
    ];
  });
}

/** mtu-mismatch: two ends of one veth or patch pair with different MTUs. */
export function mtuMismatch(ctx: LintContext): Finding[] {
  return [...vethFindings(ctx), ...patchFindings(ctx)];
}
