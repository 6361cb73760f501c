/**
 * Kernel and OVS values in words for the inspector: the raw value stays where it adds something
 * (in the title or in parentheses), never alone when it means nothing to a reader.
 */

/** OVS `link_speed` (bits per second) → "10 Gb/s", "100 Mb/s". */
export function linkSpeedText(bps: number | null | undefined): string | null {
  if (bps === null || bps === undefined) return null;
  const units: [number, string][] = [
    [1e12, 'Tb/s'],
    [1e9, 'Gb/s'],
    [1e6, 'Mb/s'],
    [1e3, 'kb/s'],
  ];
  for (const [size, unit] of units)
    if (bps >= size) return `${Number((bps / size).toFixed(1)).toString()} ${unit}`;
  return `${bps} b/s`;
}

const OPERSTATES: Record<string, string> = {
  UP: 'up',
  DOWN: 'down',
  LOWERLAYERDOWN: 'down (the device under it is down)',
  DORMANT: 'dormant (waiting for an external event)',
  NOTPRESENT: 'not present',
  TESTING: 'testing',
  // tun/tap, loopback, OVS internal ports and many virtual devices never report a carrier.
  UNKNOWN: 'no carrier state reported (normal for virtual devices)',
};

/** `ip link` operstate → words. */
export function operstateText(state: string | null | undefined): string | null {
  if (!state) return null;
  return OPERSTATES[state.toUpperCase()] ?? state.toLowerCase();
}

/** The kernel's kind of a link, named by what made it when OVS did (its internal ports are tun/tap devices). */
export function linkKindText(kind: string | null | undefined, ovsType: string | undefined): string | null {
  if (ovsType === 'internal') return `OVS internal port${kind ? ` (kernel: ${kind})` : ''}`;
  if (ovsType && ovsType !== 'system') return `OVS ${ovsType} port${kind ? ` (kernel: ${kind})` : ''}`;
  return kind ?? null;
}

/**
 * An `ip rule` selector in `ip rule` words: `from 192.0.2.0/24 to … iif … fwmark …`, not the JSON
 * keys (`src 192.0.2.0 srclen 24`).
 */
export function ruleSelectorText(selector: Record<string, unknown>): string {
  const s = selector;
  const withLen = (addr: unknown, len: unknown) =>
    len === undefined || len === null ? String(addr) : `${String(addr)}/${String(len)}`;
  const parts: string[] = [];
  parts.push(s.src === undefined ? 'from all' : `from ${withLen(s.src, s.srclen)}`);
  if (s.dst !== undefined) parts.push(`to ${withLen(s.dst, s.dstlen)}`);
  const known = new Set(['src', 'srclen', 'dst', 'dstlen']);
  for (const [k, v] of Object.entries(s)) if (!known.has(k)) parts.push(`${k} ${String(v)}`);
  return parts.join(' ');
}
