import { SCHEMA_VERSION } from './constants';
import { ifaceId } from './identity';
import type { HostModel, Interface, Namespace, OvsState } from './schema';

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

/**
 * An interface as OVS would first record it: named, typed and on its port, every value OVS fills
 * in later (ofport, MAC, state…) still null. Used where a model is built rather than read: edits
 * that add a port, and pasted `ovs-vsctl show` output (which prints none of those values).
 */
export function blankInterface(i: {
  name: string;
  port: string;
  bridge: string | null;
  type: string;
  options?: Record<string, string>;
  externalIds?: Record<string, string>;
}): Interface {
  return {
    id: ifaceId(i.name),
    uuid: '',
    name: i.name,
    port: i.port,
    bridge: i.bridge,
    type: i.type,
    options: i.options ?? {},
    ofport: null,
    ofportRequest: null,
    error: null,
    macInUse: null,
    mac: null,
    mtu: null,
    mtuRequest: null,
    adminState: null,
    linkState: null,
    linkSpeed: null,
    ifindex: null,
    externalIds: i.externalIds ?? {},
    status: {},
  };
}
