/**
 * IPv4 and IPv6 addresses and prefixes, parsed strictly and printed the way `ip` prints them.
 * Pure (no Node `net`): addresses are BigInts of 32 or 128 bits.
 */

export type IpFamily = 'inet' | 'inet6';

export interface IpAddr {
  family: IpFamily;
  value: bigint;
}

export interface Cidr {
  family: IpFamily;
  /** The address as written (host part kept). */
  addr: bigint;
  prefixlen: number;
}

export const familyBits = (family: IpFamily): number => (family === 'inet' ? 32 : 128);

const IPV4_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/;

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseGroups(text: string): number[] | null {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    // An embedded IPv4 address may end the text (::ffff:192.0.2.1).
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      continue;
    }
    if (!IPV6_GROUP.test(part)) return null;
    groups.push(Number.parseInt(part, 16));
  }
  return groups;
}

function parseIpv6(text: string): bigint | null {
  if (text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  let groups: number[];
  if (halves.length === 2) {
    const head = parseGroups(halves[0] ?? '');
    const tail = parseGroups(halves[1] ?? '');
    if (!head || !tail || head.length + tail.length > 7) return null;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseGroups(text);
    if (all?.length !== 8) return null;
    groups = all;
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** Parses a plain address (no prefix, no zone); null when it is not one. */
export function parseIp(text: string): IpAddr | null {
  if (typeof text !== 'string') return null;
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === null ? null : { family: 'inet6', value };
  }
  const value = parseIpv4(text);
  return value === null ? null : { family: 'inet', value };
}

/** Parses `address/prefixlen` (the prefix is required); null when it is not one. */
export function parseCidr(text: string): Cidr | null {
  if (typeof text !== 'string') return null;
  const slash = text.indexOf('/');
  if (slash === -1) return null;
  const ip = parseIp(text.slice(0, slash));
  const len = text.slice(slash + 1);
  if (!ip || !/^(?:0|[1-9][0-9]{0,2})$/.test(len)) return null;
  const prefixlen = Number(len);
  if (prefixlen > familyBits(ip.family)) return null;
  return { family: ip.family, addr: ip.value, prefixlen };
}

const mask = (family: IpFamily, prefixlen: number): bigint => {
  const bits = BigInt(familyBits(family));
  const all = (1n << bits) - 1n;
  return (all >> (bits - BigInt(prefixlen))) << (bits - BigInt(prefixlen));
};

/** The network: host bits cleared. */
export function networkOf(cidr: Cidr): Cidr {
  return { ...cidr, addr: cidr.addr & mask(cidr.family, cidr.prefixlen) };
}

/** The host bits of the address. */
export function hostPart(cidr: Cidr): bigint {
  return cidr.addr & ~mask(cidr.family, cidr.prefixlen) & ((1n << BigInt(familyBits(cidr.family))) - 1n);
}

export const isNetworkAddress = (cidr: Cidr): boolean => hostPart(cidr) === 0n;

/** True when `ip` lies inside the prefix `cidr` (same family, same network bits). */
export function contains(cidr: Cidr | string, ip: IpAddr | string): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const a = typeof ip === 'string' ? parseIp(ip) : ip;
  if (!c || !a || c.family !== a.family) return false;
  const m = mask(c.family, c.prefixlen);
  return (c.addr & m) === (a.value & m);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String(Number((value >> s) & 0xffn))).join('.');
}

/** IPv6 the way glibc's inet_ntop prints it (and so `ip`): RFC 5952 plus its IPv4 tails. */
function formatIpv6(value: bigint): string {
  const words: number[] = [];
  for (let i = 7; i >= 0; i--) words.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // Longest run of two or more zero words (the first on a tie) becomes `::`.
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  words.forEach((w, i) => {
    if (w === 0) {
      cur = cur.base === -1 ? { base: i, len: 1 } : { base: cur.base, len: cur.len + 1 };
      if (cur.len > best.len) best = cur;
    } else cur = { base: -1, len: 0 };
  });
  if (best.len < 2) best = { base: -1, len: 0 };
  const v4tail =
    best.base === 0 &&
    (best.len === 6 || (best.len === 7 && words[7] !== 1) || (best.len === 5 && words[5] === 0xffff));
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && v4tail) {
      out += formatIpv4(value & 0xffffffffn);
      break;
    }
    out += (words[i] ?? 0).toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}

export function formatIp(ip: IpAddr): string {
  return ip.family === 'inet' ? formatIpv4(ip.value) : formatIpv6(ip.value);
}

/** Canonical `address/prefixlen` (the host part kept). */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ family: cidr.family, value: cidr.addr })}/${cidr.prefixlen}`;
}

/** The address of a prefix alone, as an IpAddr. */
export const cidrAddress = (cidr: Cidr): IpAddr => ({ family: cidr.family, value: cidr.addr });

/**
 * A route destination the way `ip route` prints it: `default` for a /0, the bare address for a
 * host route (/32, /128), else `network/prefixlen`.
 */
export function routeDstText(cidr: Cidr): string {
  if (cidr.prefixlen === 0) return 'default';
  if (cidr.prefixlen === familyBits(cidr.family)) return formatIp(cidrAddress(cidr));
  return formatCidr(networkOf(cidr));
}

/** Canonical text of a plain address (or null when it does not parse). */
export function canonicalIp(text: string): string | null {
  const ip = parseIp(text);
  return ip ? formatIp(ip) : null;
}
