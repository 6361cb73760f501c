import type { Link } from '@/server/core/model';
import { KvTable } from './kv-table';

export function LinkDetails({ link }: { link: Link }) {
  return (
    <KvTable
      rows={[
        ['name', link.name],
        ['kind', link.kind],
        ['state', link.operstate],
        ['flags', link.flags.join(' ')],
        ['MAC', link.mac],
        ['MTU', link.mtu],
        ['master', link.master],
        [
          'peer / parent',
          link.link ?? (link.linkIndex === undefined ? undefined : `ifindex ${link.linkIndex}`),
        ],
        ['peer netnsid', link.linkNetnsid],
        ['VLAN id', link.vlanId],
        ['VXLAN', link.vxlan ? JSON.stringify(link.vxlan) : undefined],
        ['addresses', link.addresses.map((a) => `${a.local}/${a.prefixlen}`).join(', ')],
      ]}
    />
  );
}
