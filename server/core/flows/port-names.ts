import type { HostModel } from '../model/schema';

/** OpenFlow port number → interface name on one bridge, from OVSDB's ofport column. */
export function ofportNames(model: HostModel, bridge: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const i of model.ovs?.interfaces ?? []) {
    // ofport -1 means OVS could not add the interface; it has no port number to print.
    if (i.bridge === bridge && i.ofport !== null && i.ofport >= 0) names.set(String(i.ofport), i.name);
  }
  return names;
}

/** A port as a flow printed it (number, reserved word or name), shown by name when one is known. */
export function portLabel(port: string, names: ReadonlyMap<string, string>): string {
  return names.get(port) ?? port;
}
