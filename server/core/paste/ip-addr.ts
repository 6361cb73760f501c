import { addressId, linkId } from '../model/identity';
import type { Address, Link, VxlanInfo } from '../model/schema';
import type { ArrayParse } from '../parsers/json-array';
import { IP_LINK_HEADER } from './shapes';

/**
 * Plain `ip address` and `ip link` text (with or without `-d`, `-s`) → the same Link and Address
 * shapes `ip -json` gives (server/core/parsers/ip-links.ts): a field is set where the JSON would
 * set it. Without `-d` ip prints no link kind, so `kind` is `device`, as with `ip -json` alone.
 */

/** Tokens after the first line's `<FLAGS>` that carry a value. */
const HEADER_VALUES = new Set(['mtu', 'qdisc', 'master', 'state', 'mode', 'group', 'qlen', 'link-netnsid']);
/** Words on the `link/` line that are not the link address. */
const LINK_WORDS = new Set(['brd', 'peer', 'permaddr', 'link-netns', 'link-netnsid', 'promiscuity']);
/** First words of indented lines that are not a `-d` kind line. */
const NOT_KIND = new Set([
  'inet',
  'inet6',
  'valid_lft',
  'altname',
  'alias',
  'vf',
  'prop',
  'addrgenmode',
  'numtxqueues',
  'RX:',
  'TX:',
  'RX',
  'TX',
]);
/** Address flags ip prints between the scope and the IPv4 label (`secondary dynamic noprefixroute`). */
const ADDRESS_FLAGS = new Set([
  'secondary',
  'primary',
  'temporary',
  'dynamic',
  'noprefixroute',
  'tentative',
  'deprecated',
  'dadfailed',
  'home',
  'nodad',
  'mngtmpaddr',
  'optimistic',
  'stable-privacy',
  'autojoin',
  'permanent',
]);
/** Address words followed by a value. */
const ADDRESS_VALUES = new Set([
  'brd',
  'peer',
  'scope',
  'metric',
  'proto',
  'label',
  'valid_lft',
  'preferred_lft',
]);

/** `word value word value …` → the value after each word. */
function valuesOf(tokens: string[], valued: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (valued.has(t) && i + 1 < tokens.length) out.set(t, tokens[++i] as string);
  }
  return out;
}

const int = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
};

/** Kind-specific details of a `-d` kind line, as `linkinfo.info_data` gives them in JSON. */
function kindDetails(kind: string, tokens: string[]): Partial<Link> {
  const v = valuesOf(
    tokens,
    new Set(['protocol', 'id', 'remote', 'local', 'group', 'dstport', 'dev', 'mode', 'type']),
  );
  const defined = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;
  switch (kind) {
    case 'vlan':
      return defined({ vlanId: int(v.get('id')), vlanProtocol: v.get('protocol') });
    case 'vxlan': {
      const vxlan: VxlanInfo = defined({
        id: int(v.get('id')),
        remote: v.get('remote'),
        local: v.get('local'),
        group: v.get('group'),
        dstport: int(v.get('dstport')),
        dev: v.get('dev'),
      });
      return { vxlan };
    }
    case 'bond':
      return defined({ bondMode: v.get('mode') });
    case 'tun':
      return defined({ tunType: v.get('type') });
    case 'macvlan':
    case 'macvtap':
    case 'ipvlan':
      return defined({ mode: v.get('mode') });
    default:
      return {};
  }
}

function parseAddress(tokens: string[], ns: string, ifname: string): Address | null {
  const [family, localText, ...rest] = tokens;
  if ((family !== 'inet' && family !== 'inet6') || localText === undefined) return null;
  const v = valuesOf(rest, ADDRESS_VALUES);
  const [local, ownLen] = localText.split('/') as [string, string | undefined];
  const peer = v.get('peer');
  const [peerAddress, peerLen] = peer === undefined ? [undefined, undefined] : peer.split('/');
  const prefixlen = int(ownLen ?? peerLen) ?? (family === 'inet' ? 32 : 128);
  // IPv4 addresses end with their label (the link name, or an alias such as eth0:1).
  const consumed = new Set<number>();
  rest.forEach((t, i) => {
    if (ADDRESS_VALUES.has(t)) consumed.add(i).add(i + 1);
  });
  const lastAt = rest.length - 1;
  const last = rest[lastAt];
  const label =
    family === 'inet' && last !== undefined && !consumed.has(lastAt) && !ADDRESS_FLAGS.has(last)
      ? last
      : undefined;
  const address: Address = { id: addressId(ns, ifname, local, prefixlen), family, local, prefixlen };
  const scope = v.get('scope');
  const broadcast = v.get('brd');
  if (scope !== undefined) address.scope = scope;
  if (broadcast !== undefined) address.broadcast = broadcast;
  if (peerAddress !== undefined) address.address = peerAddress;
  if (label !== undefined) address.label = label;
  if (rest.includes('dynamic')) address.dynamic = true;
  return address;
}

interface Draft {
  link: Link;
  /** `-d` output: the indented line after `link/` names the kind. */
  details: boolean;
  kindSeen: boolean;
  /** The text after `@` on the first line (`if7`, `eth0`), resolved once the `link/` line is read. */
  at: string | undefined;
}

function header(m: RegExpExecArray, ns: string): Draft {
  const [, index, name, at, flagText, rest] = m as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
    string,
  ];
  const v = valuesOf(rest.trim().split(/\s+/), HEADER_VALUES);
  const link: Link = {
    id: linkId(ns, name),
    ifindex: Number(index),
    name,
    kind: 'device',
    flags: flagText === '' ? [] : flagText.split(','),
    addresses: [],
  };
  const mtu = int(v.get('mtu'));
  if (mtu !== undefined) link.mtu = mtu;
  const state = v.get('state');
  if (state !== undefined) link.operstate = state;
  const master = v.get('master');
  if (master !== undefined) link.master = master;
  return { link, details: false, kindSeen: false, at: at === 'NONE' ? undefined : at };
}

/**
 * The `link/TYPE ADDR brd … link-netns NAME` line. ip names the peer's namespace when it can: in
 * the root namespace `ip netns list` ids say which nsid that is; elsewhere nsids are that
 * namespace's own, which no pasted output lists, so the peer is not kept (a wrong index would
 * pair the link with a stranger in its own namespace).
 */
function linkLine(d: Draft, tokens: string[], ns: string, nsids: ReadonlyMap<string, number>): void {
  const [type, second] = tokens;
  d.link.linkType = (type as string).slice('link/'.length);
  if (second !== undefined && !LINK_WORDS.has(second)) d.link.mac = second;
  const v = valuesOf(tokens, new Set(['link-netns', 'link-netnsid']));
  const nsName = v.get('link-netns');
  const netnsid =
    nsName === undefined ? int(v.get('link-netnsid')) : ns === '' ? nsids.get(nsName) : undefined;
  const otherNamespace = nsName !== undefined || v.has('link-netnsid');
  d.details = tokens.includes('promiscuity');
  if (d.at === undefined) return;
  if (!otherNamespace) d.link.link = d.at;
  else if (netnsid !== undefined) {
    // With a peer in another namespace ip prints `@if<index>`; JSON gives the index and nsid.
    const index = int(/^if(\d+)$/.exec(d.at)?.[1]);
    if (index !== undefined) d.link.linkIndex = index;
    d.link.linkNetnsid = netnsid;
  }
}

export function parseIpAddrText(
  text: string,
  ns: string,
  nsids: ReadonlyMap<string, number>,
): ArrayParse<Link> {
  const items: Link[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  let draft: Draft | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const m = IP_LINK_HEADER.exec(line);
    if (m) {
      draft = header(m, ns);
      // Names are unique in a namespace; a repeat (renamed mid-dump) would duplicate an id.
      if (!seen.has(draft.link.name)) items.push(draft.link);
      seen.add(draft.link.name);
      continue;
    }
    const indented = raw.length > raw.trimStart().length;
    if (!indented || !draft) {
      errors.push(`not ip address output: ${line.slice(0, 200)}`);
      continue;
    }
    const tokens = line.split(/\s+/);
    const first = tokens[0] as string;
    if (first.startsWith('link/')) linkLine(draft, tokens, ns, nsids);
    else if (first === 'inet' || first === 'inet6') {
      const address = parseAddress(tokens, ns, draft.link.name);
      if (address) draft.link.addresses.push(address);
      else errors.push(`${draft.link.name}: unreadable address: ${line.slice(0, 200)}`);
    } else if (draft.details && /^[a-z][a-z0-9_]*$/.test(first) && !NOT_KIND.has(first)) {
      if (first.endsWith('_slave')) draft.link.slaveKind = first.slice(0, -'_slave'.length);
      else if (!draft.kindSeen) {
        draft.kindSeen = true;
        draft.link.kind = first;
        Object.assign(draft.link, kindDetails(first, tokens.slice(1)));
      }
    }
    // Any other indented line (lifetimes, statistics, altnames, VFs) carries nothing modelled.
  }
  return { items, errors };
}
