import { useMemo } from 'react';
import type { HostModel, Link } from '@/server/core/model';
import { portBackings } from '@/server/core/relations';
import { KvTable } from './kv-table';
import { linkKindText, operstateText } from './values';

/** The OVS interface type behind a kernel link, when OVS made it (an internal port shows as tun). */
function ovsTypeOf(model: HostModel | undefined, link: Link): string | undefined {
  if (!model) return undefined;
  const backing = portBackings(model).find((b) => b.link === link.id);
  return backing ? model.ovs?.interfaces.find((i) => i.id === backing.iface)?.type : undefined;
}

export function LinkDetails({ link, model }: { link: Link; model?: HostModel | undefined }) {
  const ovsType = useMemo(() => ovsTypeOf(model, link), [model, link]);
  return (
    <KvTable
      rows={[
        ['name', link.name],
        ['kind', linkKindText(link.kind, ovsType)],
        ['state', operstateText(link.operstate)],
        ['flags', link.flags.join(' ')],
        ['MAC', link.mac],
        ['MTU', link.mtu],
        ['master', link.master],
        [
          'peer / parent',
          link.link ?? (link.linkIndex === undefined ? undefined : `ifindex ${link.linkIndex}`),
        ],
        // The netnsid only helps while the peer is unresolved; resolved, the name says more.
        ...(link.link ? [] : ([['peer netnsid', link.linkNetnsid]] as [string, number | undefined][])),
        ['VLAN id', link.vlanId],
        ['VXLAN', link.vxlan ? JSON.stringify(link.vxlan) : undefined],
        ['addresses', link.addresses.map((a) => `${a.local}/${a.prefixlen}`).join(', ')],
      ]}
    />
  );
}
