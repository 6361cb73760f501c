import { useMemo } from 'react';
import { ofportNames } from '@/server/core/flows/port-names';
import type { HostModel } from '@/server/core/model';
import { describeVlanRewrite, type VlanStep, vlanRewrites } from '@/server/core/relations';
import { portIds } from './flow-rows';
import styles from './inspector.module.css';

const next = (steps: VlanStep[], names: Map<string, string>): string =>
  steps
    .flatMap((s) =>
      s.kind === 'output'
        ? [names.get(s.port) ?? s.port]
        : s.kind === 'resubmit'
          ? [s.table === undefined ? 'resubmit' : `table ${s.table}`]
          : [],
    )
    .join(', ') || '—';

/**
 * The flows of a bridge that strip, push or rewrite a VLAN tag, as "VLAN 1 → untagged" per port the
 * traffic enters on; with `port`, only the rewrites of traffic entering through that port.
 */
export function VlanRewrites(props: {
  model: HostModel;
  bridge: string;
  port?: { name: string; ofport: number | null };
}) {
  const { model, bridge, port } = props;
  const names = useMemo(() => ofportNames(model, bridge), [model, bridge]);
  const rows = useMemo(() => {
    const ids = port ? portIds(port) : null;
    return vlanRewrites(model).filter(
      (r) => r.bridge === bridge && (!ids || (r.inPort !== null && ids.has(r.inPort))),
    );
  }, [model, bridge, port]);
  if (rows.length === 0) return null;
  return (
    <>
      <h3>VLAN rewrites{port ? ` of traffic from ${port.name}` : ''}</h3>
      <table className={styles.table} data-testid="vlan-rewrites">
        <thead>
          <tr>
            <th>in port</th>
            <th>VLAN</th>
            <th>then</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const flow = model.ovs?.bridges
              .find((b) => b.name === bridge)
              ?.flows?.find((f) => f.id === r.flow);
            return (
              <tr key={r.id} title={flow?.raw}>
                <td>{r.inPort === null ? 'any' : (names.get(r.inPort) ?? r.inPort)}</td>
                <td>{describeVlanRewrite(r)}</td>
                <td>{next(r.steps, names)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
