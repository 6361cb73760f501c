import type { FlowMatch, HostModel, Link, Namespace, Route } from '../model/schema';
import type { ModelObject } from './types';

/**
 * A model as a flat list of objects, each reduced to what an operator sets. Host-assigned values
 * (uuids, ofport, ifindex, counters, link and admin state, kernel-made routes, IPv6 link-local
 * addresses) are left out: two reads of an unchanged host project identically, and so do the
 * desired model of a plan and the host after it was applied.
 */

const sorted = (values: readonly string[]) => [...values].sort();
const sortedNumbers = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** `field=value` pairs, field lower-cased, in a stable order: OVS prints a match in its own order. */
export function matchKey(match: readonly FlowMatch[]): string {
  return match
    .map((m) => (m.value === '' ? m.field.toLowerCase() : `${m.field.toLowerCase()}=${m.value}`))
    .sort()
    .join(',');
}

/** A flow's identity as OVS sees it: bridge, table, priority and match (in any order). */
export const flowKey = (
  bridge: string,
  table: number,
  priority: number,
  match: readonly FlowMatch[],
): string => `flow:${bridge}/${table}/${priority}/${matchKey(match)}`;

/** Action text compared without case and blanks (`NORMAL` and `normal` are one action). */
export const actionsKey = (raw: string): string => raw.replace(/\s+/g, '').toLowerCase();

const nsLabel = (ns: string) => (ns === '' ? 'root' : ns);

/**
 * Projections of flows, routes and rules by record (and what else their projection reads: the
 * bridge or namespace name). These records are never changed in place — parsers make them, edits
 * replace them — and a model being edited shares them with its base (apply-edits/draft.ts), so a
 * host of 10,000 flows is projected once, not once per edit.
 */
const projected = new WeakMap<object, { context: string; object: ModelObject }>();

function cachedProjection(record: object, context: string, make: () => ModelObject): ModelObject {
  const hit = projected.get(record);
  if (hit?.context === context) return hit.object;
  const object = make();
  projected.set(record, { context, object });
  return object;
}

/** Kernel-made or automatic entries nobody plans: link-local IPv6, `proto kernel` routes, local table. */
export function isHostAssignedAddress(family: string, local: string): boolean {
  return family === 'inet6' && /^fe80:/i.test(local);
}
export function isHostAssignedRoute(route: Route): boolean {
  return (
    route.protocol === 'kernel' ||
    route.table === 'local' ||
    (route.type !== 'unicast' &&
      route.type !== 'blackhole' &&
      route.type !== 'unreachable' &&
      route.type !== 'prohibit') ||
    (route.family === 'inet6' && /^(fe80::|ff00::|multicast)/i.test(route.dst))
  );
}

/**
 * Devices OVS manages are partly OVS's: a bridge's own device takes its MAC from OVS
 * (other_config:hwaddr, else its lowest port's), so it moves when ports come and go; the MTU of
 * a bridge or internal device follows the interface's mtu_request (the operator's knob, projected
 * on the interface) and its bridge's other ports.
 */
function linkObject(
  ns: Namespace,
  link: Link,
  ovsDevices: { bridges: ReadonlySet<string>; internal: ReadonlySet<string> },
): ModelObject {
  // `openvswitch` devices on the kernel datapath, `tun` devices on the userspace one.
  const ovsMade = link.kind === 'openvswitch' || link.kind === 'tun';
  const bridgeDevice = ovsMade && ns.isRoot && ovsDevices.bridges.has(link.name);
  const ovsDevice = bridgeDevice || (ovsMade && ovsDevices.internal.has(link.name));
  return {
    kind: 'link',
    id: link.id,
    label: `${nsLabel(ns.name)}/${link.name}`,
    namespace: ns.name,
    fields: {
      name: link.name,
      kind: link.kind,
      up: link.flags.includes('UP'),
      mtu: ovsDevice ? null : (link.mtu ?? null),
      mac: bridgeDevice ? null : (link.mac ?? null),
      master: link.master ?? null,
    },
  };
}

export function modelObjects(model: HostModel): ModelObject[] {
  const out: ModelObject[] = [];
  const ovs = model.ovs;
  if (ovs) {
    const ifaceById = new Map(ovs.interfaces.map((i) => [i.id, i]));
    for (const b of ovs.bridges) {
      out.push({
        kind: 'bridge',
        id: b.id,
        label: b.name,
        fields: {
          name: b.name,
          failMode: b.failMode,
          datapathType: b.datapathType || 'system',
          protocols: sorted(b.protocols),
          externalIds: b.externalIds,
        },
      });
      for (const f of b.flows ?? []) {
        out.push(
          cachedProjection(f, b.name, () => ({
            kind: 'flow',
            id: flowKey(b.name, f.table, f.priority, f.match),
            label: `${b.name} table=${f.table} priority=${f.priority} ${matchKey(f.match) || '(any)'}`,
            fields: {
              bridge: b.name,
              table: f.table,
              priority: f.priority,
              match: matchKey(f.match),
              actions: actionsKey(f.raw.slice(f.raw.indexOf('actions=') + 'actions='.length)),
            },
          })),
        );
      }
    }
    for (const p of ovs.ports) {
      out.push({
        kind: 'port',
        id: p.id,
        label: `${p.bridge ?? '?'}/${p.name}`,
        fields: {
          name: p.name,
          bridge: p.bridge,
          tag: p.tag,
          trunks: sortedNumbers(p.trunks),
          vlanMode: p.vlanMode,
          externalIds: p.externalIds,
          interfaces: sorted(p.interfaces.map((id) => ifaceById.get(id)?.name ?? id)),
        },
      });
    }
    for (const i of ovs.interfaces) {
      out.push({
        kind: 'interface',
        id: i.id,
        label: i.name,
        fields: {
          name: i.name,
          type: i.type,
          options: i.options,
          mtuRequest: i.mtuRequest,
          externalIds: i.externalIds,
        },
      });
    }
  }
  const ovsDevices = {
    bridges: new Set(ovs?.bridges.map((b) => b.name) ?? []),
    internal: new Set(ovs?.interfaces.filter((i) => i.type === 'internal').map((i) => i.name) ?? []),
  };
  for (const ns of model.namespaces) {
    out.push({
      kind: 'namespace',
      id: ns.id,
      label: nsLabel(ns.name),
      namespace: ns.name,
      fields: { name: ns.name },
    });
    for (const link of ns.links) {
      out.push(linkObject(ns, link, ovsDevices));
      for (const a of link.addresses) {
        if (isHostAssignedAddress(a.family, a.local)) continue;
        out.push({
          kind: 'address',
          id: a.id,
          label: `${nsLabel(ns.name)}/${link.name} ${a.local}/${a.prefixlen}`,
          namespace: ns.name,
          fields: { link: link.name, address: `${a.local}/${a.prefixlen}` },
        });
      }
    }
    for (const r of ns.routes) {
      if (isHostAssignedRoute(r)) continue;
      out.push(
        cachedProjection(r, ns.name, () => ({
          kind: 'route',
          id: r.id,
          label: `${nsLabel(ns.name)} ${r.table === 'main' ? '' : `table ${r.table} `}${r.dst}`,
          namespace: ns.name,
          fields: {
            table: r.table,
            family: r.family,
            type: r.type,
            dst: r.dst,
            via: r.gateway ?? null,
            dev: r.dev ?? null,
            metric: r.metric ?? null,
          },
        })),
      );
    }
    for (const rule of ns.rules) {
      out.push(
        cachedProjection(rule, ns.name, () => ({
          kind: 'rule',
          id: rule.id,
          label: `${nsLabel(ns.name)} rule ${rule.priority}`,
          namespace: ns.name,
          fields: {
            priority: rule.priority,
            selector: rule.selector,
            action: rule.action,
            table: rule.table ?? null,
          },
        })),
      );
    }
  }
  return out;
}
