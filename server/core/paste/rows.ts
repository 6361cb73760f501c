import { bridgeId, portId } from '../model/identity';
import { blankInterface } from '../model/made';
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

export const newInterface = (name: string, port: Port, type: string): Interface =>
  blankInterface({ name, port: port.id, bridge: port.bridge, type });
