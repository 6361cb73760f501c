import { contains } from '../changes/cidr';
import type { Address, Link } from '../model/schema';
import { isLoopback } from './devices';

/** Link-local ranges: every segment reuses them, so they say nothing about routing. */
const LINK_LOCAL = ['169.254.0.0/16', 'fe80::/10'];

/** Addresses a host is reached at across networks: not on a loopback, not link-local, scope global. */
export function routableAddresses(link: Link): Address[] {
  if (isLoopback(link)) return [];
  return link.addresses.filter(
    (a) => (a.scope === undefined || a.scope === 'global') && !LINK_LOCAL.some((p) => contains(p, a.local)),
  );
}
