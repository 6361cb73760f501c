import { z } from 'zod';
import { addressId, linkId } from '../model/identity';
import type { Address, Link, VxlanInfo } from '../model/schema';
import { type ArrayParse, parseJsonArray } from './json-array';

const IpAddrInfo = z.looseObject({
  family: z.string(),
  local: z.string(),
  prefixlen: z.number(),
  scope: z.string().optional(),
  broadcast: z.string().optional(),
  address: z.string().optional(),
  label: z.string().optional(),
  dynamic: z.boolean().optional(),
});

const IpLink = z.looseObject({
  ifindex: z.number(),
  ifname: z.string(),
  flags: z.array(z.string()).optional(),
  mtu: z.number().optional(),
  operstate: z.string().optional(),
  link_type: z.string().optional(),
  address: z.string().optional(),
  master: z.string().optional(),
  link: z.string().nullable().optional(),
  link_index: z.number().optional(),
  link_netnsid: z.number().optional(),
  linkinfo: z
    .looseObject({
      info_kind: z.string().optional(),
      info_slave_kind: z.string().optional(),
      info_data: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  addr_info: z.array(z.unknown()).optional(),
});
type IpLink = z.infer<typeof IpLink>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? v : undefined;

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function vxlanInfo(data: Record<string, unknown>): VxlanInfo {
  return stripUndefined({
    id: int(data.id),
    remote: str(data.remote) ?? str(data.remote6),
    local: str(data.local) ?? str(data.local6),
    group: str(data.group) ?? str(data.group6),
    dstport: int(data.port),
    dev: str(data.link),
  });
}

/** Kind-specific details from `linkinfo.info_data`. */
function kindDetails(kind: string, data: Record<string, unknown>): Partial<Link> {
  switch (kind) {
    case 'vlan':
      return stripUndefined({ vlanId: int(data.id), vlanProtocol: str(data.protocol) });
    case 'vxlan':
      return { vxlan: vxlanInfo(data) };
    case 'bond':
      return stripUndefined({ bondMode: str(data.mode) });
    case 'tun':
      return stripUndefined({ tunType: str(data.type) });
    case 'macvlan':
    case 'macvtap':
    case 'ipvlan':
      return stripUndefined({ mode: str(data.mode) });
    default:
      return {};
  }
}

function toLink(raw: IpLink, ns: string, errors: string[]): Link {
  const kind = raw.linkinfo?.info_kind ?? 'device';
  const addresses: Address[] = [];
  for (const entry of raw.addr_info ?? []) {
    const a = IpAddrInfo.safeParse(entry);
    // Some ip versions print lifetime-only entries without `local`; those carry no address.
    if (!a.success) {
      if (entry && typeof entry === 'object' && 'local' in entry)
        errors.push(`${raw.ifname}: unreadable address`);
      continue;
    }
    addresses.push(
      stripUndefined({
        id: addressId(ns, raw.ifname, a.data.local, a.data.prefixlen),
        family: a.data.family,
        local: a.data.local,
        prefixlen: a.data.prefixlen,
        scope: a.data.scope,
        broadcast: a.data.broadcast,
        address: a.data.address,
        label: a.data.label,
        dynamic: a.data.dynamic,
      }),
    );
  }
  return stripUndefined({
    id: linkId(ns, raw.ifname),
    ifindex: raw.ifindex,
    name: raw.ifname,
    kind,
    slaveKind: raw.linkinfo?.info_slave_kind,
    linkType: raw.link_type,
    mac: raw.address,
    mtu: raw.mtu,
    operstate: raw.operstate,
    flags: raw.flags ?? [],
    master: raw.master,
    link: raw.link ?? undefined,
    linkIndex: raw.link_index,
    linkNetnsid: raw.link_netnsid,
    ...kindDetails(kind, raw.linkinfo?.info_data ?? {}),
    addresses,
  });
}

/** Parses `ip -json -details address show` (links with their addresses) of namespace `ns`. */
export function parseIpLinks(text: string, ns: string): ArrayParse<Link> {
  const parsed = parseJsonArray(text, IpLink, 'link');
  const errors = [...parsed.errors];
  // Link names are unique in a namespace; a repeat (a link renamed mid-dump) would duplicate an id.
  const seen = new Set<string>();
  const items: Link[] = [];
  for (const raw of parsed.items) {
    if (seen.has(raw.ifname)) continue;
    seen.add(raw.ifname);
    items.push(toLink(raw, ns, errors));
  }
  return { items, errors };
}
