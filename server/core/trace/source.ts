import { contains, familyBits, parseIp } from '../changes/cidr';
import type { HostModel, Link, Namespace, Route } from '../model/schema';
import { portBackings, vethPairs } from '../relations';
import { TraceRequest } from './request';

export type NamespaceSource =
  | {
      ok: true;
      request: TraceRequest;
      /** The namespace's link the route leaves by, and the OVS port behind it. */
      link: string;
      port: string;
      /** The next hop, when the route has one (its MAC is not known: dl_dst stays for the caller). */
      gateway: string | null;
    }
  | { ok: false; error: string };

/**
 * A trace request for "a packet from namespace NS to address DST": the route NS would pick, the
 * link it leaves by, and the OVS port behind that link (an internal port moved into the namespace,
 * or the far end of a veth pair) with the link's MAC and address as the source.
 */
export function requestFromNamespace(model: HostModel, namespace: string, dst: string): NamespaceSource {
  const ns = model.namespaces.find((n) => n.name === namespace);
  if (!ns) return fail(`no namespace "${namespace}" on ${model.host}`);
  const ip = parseIp(dst);
  if (!ip) return fail(`"${dst}" is not an IPv4 or IPv6 address`);
  const route = routeTo(ns, dst, ip.family);
  if (!route) return fail(`${where(ns)} has no route to ${dst}`);
  if (route.type === 'local') return fail(`${dst} is an address of ${where(ns)} itself`);
  if (!['unicast', 'broadcast', 'multicast'].includes(route.type))
    return fail(`${where(ns)} routes ${dst} to a ${route.type} route: nothing leaves`);
  const link = ns.links.find((l) => l.name === route.dev);
  if (!link) return fail(`the route to ${dst} in ${where(ns)} names no device`);
  const port = ovsPortBehind(model, link);
  if (!port)
    return fail(
      `${where(ns)} sends ${dst} out of ${link.name}, which is neither an OVS port nor a veth to one`,
    );
  const src =
    route.prefsrc ?? link.addresses.find((a) => a.family === ip.family && a.scope !== 'link')?.local;
  const v4 = ip.family === 'inet';
  const parsed = TraceRequest.safeParse({
    bridge: port.bridge,
    packet: {
      in_port: port.iface,
      ...(link.mac ? { dl_src: link.mac } : {}),
      protocol: v4 ? 'ip' : 'ipv6',
      ...(src === undefined ? {} : v4 ? { nw_src: src } : { ipv6_src: src }),
      ...(v4 ? { nw_dst: dst } : { ipv6_dst: dst }),
    },
  });
  if (!parsed.success)
    return fail(`cannot trace from ${link.name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { ok: true, request: parsed.data, link: link.name, port: port.port, gateway: route.gateway ?? null };
}

const fail = (error: string): NamespaceSource => ({ ok: false, error });
const where = (ns: Namespace) => (ns.isRoot ? 'the root namespace' : `namespace ${ns.name}`);

/**
 * The route the kernel would pick: rules in priority order (those that select on nothing but
 * `from all`; others depend on more than the destination), then the longest prefix, then the
 * lowest metric.
 */
function routeTo(ns: Namespace, dst: string, family: 'inet' | 'inet6'): Route | null {
  const rules = ns.rules
    .filter((r) => r.family === family && r.action === 'lookup' && r.table !== undefined)
    .filter((r) => Object.entries(r.selector).every(([k, v]) => k === 'src' && v === 'all'))
    .sort((a, b) => a.priority - b.priority);
  const tables = rules.length > 0 ? rules.map((r) => r.table as string) : ['local', 'main'];
  for (const table of tables) {
    const best = ns.routes
      .filter((r) => r.family === family && r.table === table && covers(r.dst, dst, family))
      .sort(
        (a, b) => prefixOf(b.dst, family) - prefixOf(a.dst, family) || (a.metric ?? 0) - (b.metric ?? 0),
      )[0];
    if (best) return best;
  }
  return null;
}

const cidrText = (routeDst: string, family: 'inet' | 'inet6') =>
  routeDst === 'default'
    ? family === 'inet'
      ? '0.0.0.0/0'
      : '::/0'
    : routeDst.includes('/')
      ? routeDst
      : `${routeDst}/${familyBits(family)}`;

const covers = (routeDst: string, dst: string, family: 'inet' | 'inet6') =>
  contains(cidrText(routeDst, family), dst);

const prefixOf = (routeDst: string, family: 'inet' | 'inet6') =>
  Number(cidrText(routeDst, family).split('/')[1]);

/** The OVS interface a link is (an internal port moved here) or is wired to (the far end of a veth). */
function ovsPortBehind(model: HostModel, link: Link): { bridge: string; port: string; iface: string } | null {
  const backings = portBackings(model);
  const peer = vethPairs(model).find((v) => v.a === link.id || v.b === link.id);
  const far = peer ? (peer.a === link.id ? peer.b : peer.a) : null;
  const backing =
    backings.find((b) => b.link === link.id) ?? backings.find((b) => far !== null && b.link === far);
  const iface = backing ? model.ovs?.interfaces.find((i) => i.id === backing.iface) : undefined;
  const port = iface?.port ? model.ovs?.ports.find((p) => p.id === iface.port) : undefined;
  return iface && port?.bridge ? { bridge: port.bridge, port: port.name, iface: iface.name } : null;
}
