import { useMemo } from 'react';
import type { Bridge, HostModel, Interface, Link, Namespace, Port } from '@/server/core/model';
import { BelongsTo } from './belongs-to';
import { FlowTable } from './flow-table';
import styles from './inspector.module.css';
import { KvTable, mapRows } from './kv-table';
import { LinkDetails } from './link-details';
import { linkSpeedText } from './values';
import { VlanRewrites } from './vlan-rewrites';

export function InterfaceDetails({ iface }: { iface: Interface }) {
  return (
    <>
      {iface.error && <div className={styles.error}>OVS reports: {iface.error}</div>}
      <KvTable
        rows={[
          ['interface', iface.name],
          ['type', iface.type],
          ['ofport', iface.ofport === -1 ? '-1 (OVS could not add it)' : iface.ofport],
          ['MAC', iface.macInUse ?? iface.mac],
          ['MTU', iface.mtu],
          ['admin state', iface.adminState],
          ['link state', iface.linkState],
          ['link speed', linkSpeedText(iface.linkSpeed)],
          ...mapRows('options:', iface.options),
          ...mapRows('external_ids:', iface.externalIds),
          ...mapRows('status:', iface.status),
        ]}
      />
    </>
  );
}

export function PortDetails(props: {
  model: HostModel;
  port: Port;
  interfaces: Interface[];
  bridge: Bridge | undefined;
  links: { link: Link; ns: Namespace }[];
}) {
  const { model, port, interfaces, bridge, links } = props;
  const single = interfaces.length === 1 ? interfaces[0] : undefined;
  const selectedPort = useMemo(
    () => ({ name: single?.name ?? port.name, ofport: single?.ofport ?? null }),
    [single, port.name],
  );
  const devices = [...interfaces.map((i) => i.id), ...links.map((l) => l.link.id)];
  return (
    <>
      <BelongsTo model={model} of={devices} />
      <h3>Port</h3>
      <KvTable
        rows={[
          ['bridge', port.bridge],
          ['VLAN tag', port.tag],
          ['trunks', port.trunks.length ? port.trunks.join(', ') : port.tag === null ? 'all VLANs' : '—'],
          ['vlan_mode', port.vlanMode ?? 'default'],
          ...(port.bondMode || interfaces.length > 1
            ? ([
                ['bond mode', port.bondMode],
                ['LACP', port.lacp],
              ] as [string, string | null][])
            : []),
          ...mapRows('external_ids:', port.externalIds),
          ...mapRows('other_config:', port.otherConfig),
        ]}
      />
      {interfaces.map((i) => (
        <div key={i.id}>
          <h3>Interface {interfaces.length > 1 ? i.name : ''}</h3>
          <InterfaceDetails iface={i} />
        </div>
      ))}
      {links.map(({ link, ns }) => (
        <div key={link.id}>
          <h3>Kernel device ({ns.isRoot ? 'root namespace' : ns.name})</h3>
          <LinkDetails link={link} model={model} />
        </div>
      ))}
      {bridge && (
        <>
          <VlanRewrites model={model} bridge={bridge.name} port={selectedPort} />
          <h3>Flows of {bridge.name}</h3>
          <FlowTable model={model} bridge={bridge} selectedPort={selectedPort} />
        </>
      )}
    </>
  );
}
