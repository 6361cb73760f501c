import type { Edit } from '../../changes/edits';
import type { Namespace } from '../../model/schema';
import { hasCarrier, isAdminUp, type LinkRef, linkLabel } from '../devices';
import { ifaceState, isUsable, setUp } from '../link-state';
import type { Finding, LintContext } from '../types';
import { andList } from '../words';

interface Member {
  name: string;
  usable: boolean;
  /** Set when the member is administratively down and lint can bring it up. */
  up?: LinkRef;
}

function finding(bond: string, objects: string[], members: Member[]): Finding[] {
  const usable = members.filter((m) => m.usable);
  if (members.length < 2 || usable.length > 1) return [];
  const down = members.filter((m) => !m.usable).map((m) => m.name);
  const fix: Edit[] = members.flatMap((m) => (m.up ? [setUp(m.up)] : []));
  return [
    {
      rule: 'bond-degraded',
      severity: 'warning',
      objects,
      title:
        usable.length === 0
          ? `bond ${bond} has none of its ${members.length} members usable`
          : `bond ${bond} has only ${usable[0]?.name} usable of its ${members.length} members`,
      explanation:
        `${andList(down)} of bond ${bond} ${down.length === 1 ? 'is' : 'are'} down or without link, so the bond ` +
        (usable.length === 0
          ? 'passes no traffic at all.'
          : 'has lost its redundancy (and its extra bandwidth): one more failure cuts it off.') +
        ' Check the cables and switch ports; members set down by hand can be brought up.',
      ...(fix.length > 0 ? { fix } : {}),
    },
  ];
}

/** OVS bonds: ports with several interfaces. */
function ovsBonds(ctx: LintContext): Finding[] {
  const d = ctx.devices;
  return [...d.ports.values()].flatMap((port) => {
    if (port.interfaces.length < 2) return []; // not a bond
    const ifaces = port.interfaces.map((id) => d.ifaces.get(id)).filter((i) => i !== undefined);
    const members = ifaces.map((iface): Member => {
      const state = ifaceState(d, iface);
      return {
        name: iface.name,
        usable: isUsable(state),
        ...(state.link && state.admin === false ? { up: state.link } : {}),
      };
    });
    return finding(port.name, [port.id, ...ifaces.map((i) => i.id)], members);
  });
}

/** Kernel bonds and teams that are themselves up (one set down is meant to be down). */
function kernelBonds(ns: Namespace): Finding[] {
  return ns.links.flatMap((bond) => {
    if ((bond.kind !== 'bond' && bond.kind !== 'team') || !isAdminUp(bond)) return [];
    const slaves = ns.links.filter((l) => l.master === bond.name);
    const members = slaves.map(
      (link): Member => ({
        name: linkLabel({ ns, link }),
        usable: isAdminUp(link) && hasCarrier(link),
        ...(isAdminUp(link) ? {} : { up: { ns, link } }),
      }),
    );
    return finding(linkLabel({ ns, link: bond }), [bond.id, ...slaves.map((l) => l.id)], members);
  });
}

/** bond-degraded: an OVS or kernel bond with more than one member and at most one usable. */
export function bondDegraded(ctx: LintContext): Finding[] {
  return [...ovsBonds(ctx), ...ctx.model.namespaces.flatMap(kernelBonds)];
}
