import type { HostModel } from '../model/schema';
import { hostAddresses, patchPairs, portBackings, tunnels, vethPairs } from '../relations';
import type { SnapshotHost } from './schema';

/**
 * Each of `models` with the relations a snapshot file carries for it, by model id. Tunnels are
 * resolved against the OTHER hosts of the same file only, so `remoteHost` names a host the reader
 * has and the result depends on nothing outside the file (an importer re-derives the same lists).
 */
export function snapshotHosts(models: readonly HostModel[]): SnapshotHost[] {
  const known = models.map((m) => ({ name: m.host, addresses: hostAddresses(m) }));
  return models.map((model, i) => ({
    model,
    relations: {
      patchPairs: patchPairs(model).map(({ a, b, status, reason }) => ({
        a,
        b,
        status,
        ...(reason === undefined ? {} : { reason }),
      })),
      vethPairs: vethPairs(model).map(({ a, b, crossNamespace }) => ({ a, b, crossNamespace })),
      portLinks: portBackings(model).map(({ iface, link, matchedBy }) => ({ iface, link, matchedBy })),
      tunnels: tunnels(
        model,
        known.filter((_, j) => j !== i),
      ).map(({ iface, type, remoteIp, localIp, remoteHost }) => ({
        iface,
        type,
        remoteIp,
        localIp,
        remoteHost,
      })),
    },
  }));
}
