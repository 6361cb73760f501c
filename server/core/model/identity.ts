/**
 * Stable identities built from names. Two reads of an unchanged host must yield the same ids, so
 * OVSDB uuids and ifindexes (which change when an object is recreated) are never the key.
 */

export const bridgeId = (bridge: string): string => `br:${bridge}`;
export const portId = (bridge: string, port: string): string => `port:${bridge}/${port}`;
export const ifaceId = (iface: string): string => `iface:${iface}`;
export const nsId = (ns: string): string => `ns:${ns}`;
export const linkId = (ns: string, ifname: string): string => `link:${ns}/${ifname}`;
/** libvirt domain names are unique per host; the domain uuid is kept as a field. */
export const vmId = (name: string): string => `vm:${name}`;
export const addressId = (ns: string, ifname: string, local: string, prefixlen: number): string =>
  `addr:${ns}/${ifname}/${local}/${prefixlen}`;

/** OVS identifies a flow by table, priority and match, so its id does too. */
export const flowId = (bridge: string, table: number, priority: number, match: string): string =>
  `flow:${bridge}/${table}/${priority}/${hash32(match)}`;

export const routeId = (
  ns: string,
  table: string,
  family: string,
  dst: string,
  metric: number | undefined,
): string => `route:${ns}/${table}/${family}/${dst}${metric === undefined ? '' : `/${metric}`}`;

export const ruleId = (ns: string, family: string, priority: number, target: string): string =>
  `rule:${ns}/${family}/${priority}/${target}`;

/** FNV-1a, 32 bit, as 8 hex digits: short, deterministic and free of Node built-ins. */
export function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Makes ids unique within one list by suffixing `#2`, `#3`… to repeats, in list order. Used where
 * the kernel allows true duplicates (multipath-less routes differing only in fields outside the id).
 */
export function uniquifyIds<T extends { id: string }>(items: T[]): T[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = (seen.get(item.id) ?? 0) + 1;
    seen.set(item.id, n);
    return n === 1 ? item : { ...item, id: `${item.id}#${n}` };
  });
}
