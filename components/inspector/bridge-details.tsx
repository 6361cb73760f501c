import type { Bridge, HostModel } from '@/server/core/model';
import type { FlowEdit } from './flow-delete';
import { FlowTable } from './flow-table';
import styles from './inspector.module.css';
import { KvTable, mapRows } from './kv-table';
import { VlanRewrites } from './vlan-rewrites';

export function BridgeDetails({
  model,
  bridge,
  edit,
}: {
  model: HostModel;
  bridge: Bridge;
  edit?: FlowEdit;
}) {
  return (
    <>
      <h3>Settings</h3>
      <KvTable
        rows={[
          ['datapath type', bridge.datapathType || 'system'],
          ['datapath id', bridge.datapathId],
          ['fail mode', bridge.failMode ?? 'standalone (default)'],
          ['protocols', bridge.protocols.join(', ') || 'default'],
          ['STP', bridge.stpEnable],
          ['ports', bridge.ports.length],
          ...bridge.controllers.map(
            (c, i) =>
              [
                `controller ${i + 1}`,
                `${c.target}${c.isConnected === undefined ? '' : c.isConnected ? ' (connected)' : ' (not connected)'}`,
              ] as [string, string],
          ),
          ...mapRows('external_ids:', bridge.externalIds),
          ...mapRows('other_config:', bridge.otherConfig),
        ]}
      />
      <VlanRewrites model={model} bridge={bridge.name} />
      <h3>OpenFlow flows</h3>
      {bridge.flowsError && <div className={styles.error}>{bridge.flowsError}</div>}
      <FlowTable model={model} bridge={bridge} selectedPort={null} {...(edit ? { edit } : {})} />
    </>
  );
}
