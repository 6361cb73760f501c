import type { Link, Namespace, Route } from '../../model/schema';
import {
  type Cidr,
  cidrAddress,
  contains,
  formatCidr,
  formatIp,
  type IpAddr,
  type IpFamily,
  isNetworkAddress,
  networkOf,
  parseCidr,
  parseIp,
  routeDstText,
} from '../cidr';
import type { EditOf } from '../edits';
import { isHostAssignedRoute } from '../objects';
import { type ApplyContext, isUp, listNames, nsLabel } from './context';
import { newAddress, newRoute } from './shapes';

const CIDR_HELP = 'an IPv4 or IPv6 address with a prefix length, e.g. 192.0.2.10/24 or 2001:db8::10/64';
const isLinkLocal6 = (ip: IpAddr): boolean => ip.family === 'inet6' && ip.value >> 118n === 0x3fan;
const isMulticast = (ip: IpAddr): boolean =>
  ip.family === 'inet' ? ip.value >> 28n === 0xen : ip.value >> 120n === 0xffn;

function parseAddressField(ctx: ApplyContext, field: string, text: string): Cidr | undefined {
  const cidr = parseCidr(text);
  if (!cidr) {
    ctx.fail(field, `${text.slice(0, 60)} is not ${CIDR_HELP}`);
    return undefined;
  }
  return cidr;
}

// ---------------------------------------------------------------- addresses

export function addAddress(ctx: ApplyContext, edit: EditOf<'add-address'>): void {
  const before = ctx.errors.length;
  const ns = ctx.requireNamespace('namespace', edit.namespace);
  const link = ns ? ctx.requireLink('link', ns, edit.link) : undefined;
  const cidr = parseAddressField(ctx, 'address', edit.address);
  if (cidr) {
    const ip = cidrAddress(cidr);
    if (ip.value === 0n) ctx.fail('address', 'the unspecified address cannot be assigned');
    else if (isMulticast(ip))
      ctx.fail('address', `${formatIp(ip)} is a multicast address; a link needs a unicast one`);
    else if (isLinkLocal6(ip))
      ctx.fail(
        'address',
        'IPv6 link-local addresses (fe80::/10) are assigned by the kernel; give a global address',
      );
    else if (link) {
      const local = formatIp(ip);
      const dup = link.addresses.find(
        (a) =>
          a.family === cidr.family &&
          a.local === local &&
          (cidr.family === 'inet6' || a.prefixlen === cidr.prefixlen),
      );
      if (dup)
        ctx.fail(
          'address',
          `${local}/${dup.prefixlen} is already on ${edit.link} in ${nsLabel(ns?.name ?? '')}`,
        );
    }
  }
  if (ctx.errors.length > before || !ns || !link || !cidr) return;
  link.addresses.push(newAddress(ns.name, link.name, cidr));
}

export function deleteAddress(ctx: ApplyContext, edit: EditOf<'delete-address'>): void {
  const before = ctx.errors.length;
  const ns = ctx.requireNamespace('namespace', edit.namespace);
  const link = ns ? ctx.requireLink('link', ns, edit.link) : undefined;
  const cidr = parseAddressField(ctx, 'address', edit.address);
  if (ctx.errors.length > before || !ns || !link || !cidr) return;
  const local = formatIp(cidrAddress(cidr));
  const address = link.addresses.find(
    (a) => a.family === cidr.family && a.local === local && a.prefixlen === cidr.prefixlen,
  );
  if (!address) {
    const have = link.addresses.map((a) => `${a.local}/${a.prefixlen}`);
    ctx.fail(
      'address',
      `${formatCidr(cidr)} is not on ${edit.link} in ${nsLabel(ns.name)} (addresses there: ${listNames(have)})`,
    );
    return;
  }
  if (isLinkLocal6(cidrAddress(cidr))) {
    ctx.fail('address', 'IPv6 link-local addresses are managed by the kernel');
    return;
  }
  link.addresses = link.addresses.filter((a) => a !== address);
  // The kernel flushes routes using the address as source, and every IPv4 route of a link losing its last IPv4 address.
  const lastV4 = address.family === 'inet' && !link.addresses.some((a) => a.family === 'inet');
  ns.routes = ns.routes.filter(
    (r) => r.prefsrc !== address.local && !(lastV4 && r.family === 'inet' && r.dev === link.name),
  );
}

// ---------------------------------------------------------------- routes

type TableField = EditOf<'add-route'>['table'];

/** `ip` prints tables 253-255 by their rt_tables names. */
function tableName(table: TableField): string {
  if (table === undefined || table === 254 || table === 'main') return 'main';
  if (table === 255 || table === 'local') return 'local';
  if (table === 253) return 'default';
  return String(table);
}

interface RouteTarget {
  family: IpFamily | undefined;
  dst: string;
  via?: IpAddr;
}

/** Parses dst and via of a route edit: the family, ip's text of dst, the gateway. */
function routeTarget(
  ctx: ApplyContext,
  edit: { dst: string; via?: string },
  strict: boolean,
): RouteTarget | undefined {
  const before = ctx.errors.length;
  let family: IpFamily | undefined;
  let dst = 'default';
  if (edit.dst !== 'default') {
    const cidr = parseCidr(edit.dst);
    if (!cidr)
      ctx.fail('dst', `${edit.dst.slice(0, 60)} is not a route destination: default or ${CIDR_HELP}`);
    else {
      family = cidr.family;
      dst = routeDstText(cidr);
      if (strict && !isNetworkAddress(cidr))
        ctx.fail('dst', `${edit.dst} has host bits set; the network is ${formatCidr(networkOf(cidr))}`);
    }
  }
  let via: IpAddr | undefined;
  if (edit.via !== undefined) {
    const ip = parseIp(edit.via);
    if (!ip) ctx.fail('via', `${edit.via.slice(0, 60)} is not an IPv4 or IPv6 address`);
    else if (family && ip.family !== family)
      ctx.fail(
        'via',
        `gateway ${edit.via} is ${ip.family === 'inet' ? 'IPv4' : 'IPv6'} but dst ${edit.dst} is not`,
      );
    else {
      via = ip;
      family = ip.family;
    }
  }
  if (ctx.errors.length > before) return undefined;
  return { family, dst, ...(via ? { via } : {}) };
}

const connected = (link: Link, family: IpFamily) =>
  link.addresses.filter((a) => a.family === family).map((a) => `${a.local}/${a.prefixlen}`);

/** The link through which `via` is reachable directly (inside a prefix of an address of an up link), or an error. */
function onLinkDev(ctx: ApplyContext, ns: Namespace, via: IpAddr, dev: Link | undefined): Link | undefined {
  const gw = formatIp(via);
  const links = dev ? [dev] : ns.links;
  const local = ns.links.find((l) => l.addresses.some((a) => a.family === via.family && a.local === gw));
  if (local) {
    ctx.fail(
      'via',
      `gateway ${gw} is an address of ${local.name} itself in ${nsLabel(ns.name)}; give the address of the next router`,
    );
    return undefined;
  }
  if (isLinkLocal6(via)) {
    if (!dev) ctx.fail('dev', `gateway ${gw} is link-local: give dev, the link it is reached through`);
    return dev;
  }
  const holding = links.filter((l) => connected(l, via.family).some((c) => contains(c, via)));
  const up = holding.filter(isUp);
  if (up[0]) return up[0];
  if (holding[0]) {
    ctx.fail(
      'via',
      `gateway ${gw} is on-link only through ${holding[0].name}, which is down in ${nsLabel(ns.name)}; add a set-link {name: ${holding[0].name}, up: true} before this route`,
    );
    return undefined;
  }
  const prefixes = links.flatMap((l) => connected(l, via.family).map((c) => `${c} on ${l.name}`));
  ctx.fail(
    'via',
    `gateway ${gw} is not on-link in ${nsLabel(ns.name)}${dev ? ` through ${dev.name}` : ''}: no address there has a prefix containing it (prefixes: ${listNames(prefixes, 8)}); add an address in its subnet first, or route via a gateway inside one of these`,
  );
  return undefined;
}

const routeText = (r: Route): string =>
  `${r.dst}${r.gateway ? ` via ${r.gateway}` : ''}${r.dev ? ` dev ${r.dev}` : ''}${r.metric === undefined ? '' : ` metric ${r.metric}`}`;

export function addRoute(ctx: ApplyContext, edit: EditOf<'add-route'>): void {
  const before = ctx.errors.length;
  const ns = ctx.requireNamespace('namespace', edit.namespace);
  const table = tableName(edit.table);
  if (table === 'local')
    ctx.fail('table', 'the local table is managed by the kernel; use main or a numbered table');
  const target = routeTarget(ctx, edit, true);
  const dev = ns && edit.dev !== undefined ? ctx.requireLink('dev', ns, edit.dev) : undefined;
  if (edit.via === undefined && edit.dev === undefined)
    ctx.fail('via', 'a route needs a gateway (via) or a link (dev)');
  if (dev && !isUp(dev))
    ctx.fail(
      'dev',
      `link ${dev.name} is down; add a set-link {name: ${dev.name}, up: true} before this route`,
    );
  if (ctx.errors.length > before || !ns || !target) return;
  const family = target.family ?? 'inet';
  const through = target.via ? onLinkDev(ctx, ns, target.via, dev) : dev;
  if (ctx.errors.length > before || !through) return;
  // The kernel gives IPv6 routes metric 1024 when none (or 0) is asked for; IPv4 prints none for 0.
  const metric = family === 'inet6' ? edit.metric || 1024 : edit.metric || undefined;
  const existing = ns.routes.find(
    (r) => r.table === table && r.family === family && r.dst === target.dst && r.metric === metric,
  );
  if (existing) {
    ctx.fail(
      'dst',
      `${nsLabel(ns.name)} already has a route ${routeText(existing)} in table ${table}; delete-route it first or give another metric`,
    );
    return;
  }
  ns.routes.push(
    newRoute(ns.name, {
      family,
      table,
      dst: target.dst,
      ...(target.via ? { gateway: formatIp(target.via) } : {}),
      dev: through.name,
      ...(metric === undefined ? {} : { metric }),
    }),
  );
}

export function deleteRoute(ctx: ApplyContext, edit: EditOf<'delete-route'>): void {
  const before = ctx.errors.length;
  const ns = ctx.requireNamespace('namespace', edit.namespace);
  const table = tableName(edit.table);
  const target = routeTarget(ctx, edit, false);
  if (ctx.errors.length > before || !ns || !target) return;
  const via = target.via ? formatIp(target.via) : undefined;
  const metric =
    edit.metric === undefined
      ? undefined
      : target.family === 'inet6'
        ? edit.metric || 1024
        : edit.metric || undefined;
  const matches = ns.routes.filter(
    (r) =>
      r.table === table &&
      r.dst === target.dst &&
      (target.family === undefined || r.family === target.family) &&
      (via === undefined || r.gateway === via) &&
      (edit.dev === undefined || r.dev === edit.dev) &&
      (edit.metric === undefined || r.metric === metric),
  );
  if (matches.length === 0) {
    const inTable = ns.routes.filter((r) => r.table === table && !isHostAssignedRoute(r)).map(routeText);
    ctx.fail(
      'dst',
      `${nsLabel(ns.name)} has no route ${edit.dst}${via ? ` via ${via}` : ''}${edit.dev ? ` dev ${edit.dev}` : ''} in table ${table} (routes there: ${listNames(inTable, 8)})`,
    );
    return;
  }
  if (matches.length > 1) {
    ctx.fail(
      'dst',
      `${matches.length} routes match (${matches.map(routeText).join('; ')}); give via, dev or metric to pick one`,
    );
    return;
  }
  const route = matches[0];
  if (!route) return;
  if (isHostAssignedRoute(route)) {
    ctx.fail(
      'dst',
      `route ${routeText(route)} is made by the kernel for an address; delete-address the address instead`,
    );
    return;
  }
  ns.routes = ns.routes.filter((r) => r !== route);
}
