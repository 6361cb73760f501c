import { type Cidr, contains, parseCidr, parseIp } from '../changes/cidr';
import type { Address, Link } from '../model/schema';
import { isLoopback } from './devices';

/** Link-local ranges: every segment reuses them, so they say nothing about routing. */
const LINK_LOCAL: Cidr[] = ['169.254.0.0/16', 'fe80::/10'].map((p) => parseCidr(p) as Cidr);

/** Addresses a host is reached at across networks: not on a loopback, not link-local, scope global. */
export function routableAddresses(link: Link): Address[] {
  if (isLoopback(link)) return [];
  return link.addresses.filter((a) => {
    if (a.scope !== undefined && a.scope !== 'global') return false;
    // An address that does not parse is in no prefix (as `contains` says of it).
    const ip = parseIp(a.local);
    return ip === null || !LINK_LOCAL.some((p) => contains(p, ip));
  });
}
