import { bridgeId, ifaceId, portId } from '../model/identity';
import type { Bridge, Interface, Port } from '../model/schema';

/**
 * OVS rows with every column at its OVSDB default (empty uuid: pasted outputs print none). A
 * listing sets the columns it shows; what it does not show stays at the default.
 */

export function newBridge(name: string, datapathType: string): Bridge {
  return {
    id: bridgeId(name),
    uuid: '',
    name,
    datapathType,
    datapathId: null,
    failMode: null,
    protocols: [],
    stpEnable: false,
    controllers: [],
    externalIds: {},
    otherConfig: {},
    ports: [],
    flows: null,
  };
}

export function newPort(bridge: string, name: string): Port {
  return {
    id: portId(bridge, name),
    uuid: '',
    name,
    bridge,
    tag: null,
    trunks: [],
    vlanMode: null,
    bondMode: null,
    lacp: null,
    externalIds: {},
    otherConfig: {},
    interfaces: [],
  };
}

export function newInterface(name: string, port: Port, type: string): Interface {
  return {
    id: ifaceId(name),
    uuid: '',
    name,
    port: port.id,
    bridge: port.bridge,
    type,
    options: {},
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
    externalIds: {},
    status: {},
  };
}
