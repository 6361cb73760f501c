import { useMemo } from 'react';
import type { HostModel } from '@/server/core/model';
import { vmIdentities } from '@/server/core/relations/vm-identity';
import { belongsToRows } from './belongs-to-rows';
import { KvTable } from './kv-table';

/** The VM and Neutron port the selected devices (OVS interfaces, kernel links) belong to. */
export function BelongsTo({ model, of }: { model: HostModel; of: readonly string[] }) {
  const all = useMemo(() => vmIdentities(model), [model]);
  const owners = all.filter((o) => of.includes(o.of));
  if (owners.length === 0) return null;
  return (
    <>
      <h3>Belongs to</h3>
      {owners.map((o) => (
        <KvTable key={o.id} rows={belongsToRows(o, owners.length > 1 ? o.of : undefined)} />
      ))}
    </>
  );
}
