import type { HostModel, Namespace, OvsState } from './schema';
import { SCHEMA_VERSION } from './schema';

/**
 * A model made rather than read (synthetic hosts for benches and scale tests, hand-made hosts in
 * tests): the given Open vSwitch contents under a plain OVS 3.1 system record, no read errors.
 */
export function madeHost(
  host: string,
  collectedAt: string,
  ovs: Pick<OvsState, 'bridges' | 'ports' | 'interfaces'>,
  namespaces: Namespace[],
): HostModel {
  return {
    schemaVersion: SCHEMA_VERSION,
    host,
    collectedAt,
    hostname: host,
    ovs: {
      system: {
        uuid: 'sys',
        ovsVersion: '3.1.0',
        dbVersion: null,
        systemId: null,
        externalIds: {},
        otherConfig: {},
      },
      ...ovs,
    },
    namespaces,
    errors: [],
  };
}
