import type { HostModel } from '../model';
import { vmIdentities } from '../relations/vm-identity';
import { elementId } from './ids';
import type { GraphElement } from './types';
import { isNode } from './types';

export interface SearchEntry {
  /** Lower-case text matched against the query. */
  text: string;
  /** What the text is, shown beside the hit: name, mac, ip, vlan, iface-id, the VM (name, uuid). */
  field: 'name' | 'mac' | 'ip' | 'vlan' | 'id' | 'vm';
  /** Element (full, uncollapsed graph) that stands for the object. */
  elementId: string;
  label: string;
  /** Where the element is: its host and the container it sits in (`openstack-aio · instance-1`). */
  where: string;
}

export interface SearchHit {
  elementId: string;
  label: string;
  field: SearchEntry['field'];
  text: string;
  where: string;
}

/** VLANs a port's traffic is rewritten to or from by flows (`VLAN 1 → VLAN 30`): found by `vlan 30`. */
const rewriteVlans = (rewrite: string | undefined): number[] =>
  [...(rewrite ?? '').matchAll(/VLAN (\d+)/g)].map((m) => Number(m[1]));

/**
 * Index of names, MACs, IP addresses, VLAN numbers, external ids and the VMs devices belong to
 * (name and uuid, Neutron port), each pointing at the element
 * that draws the object. Built from the full (uncollapsed) elements so a hit inside a collapsed
 * container can be revealed by expanding it.
 */
export function buildSearchIndex(hosts: HostModel[], elements: GraphElement[]): SearchEntry[] {
  const owner = new Map<string, { elementId: string; label: string; where: string }>();
  const entries: SearchEntry[] = [];
  // Containers by id, for where a hit is; the host's own box is named by the host alone.
  const titles = new Map<string, string>();
  for (const el of elements)
    if (isNode(el) && el.data.kind !== 'host') titles.set(el.data.id, el.data.label.split('\n')[0] ?? '');
  for (const el of elements) {
    if (!isNode(el)) continue;
    const label = el.data.label.split('\n')[0] ?? el.data.label;
    const parent = el.data.parent === undefined ? undefined : titles.get(el.data.parent);
    const where = parent ? `${el.data.host} · ${parent}` : el.data.host;
    const at = { elementId: el.data.id, label, where };
    for (const m of el.data.represents) owner.set(elementId(el.data.host, m), at);
    if (el.data.kind !== 'host') entries.push({ text: label.toLowerCase(), field: 'name', ...at });
    for (const v of new Set([...el.data.vlans, ...rewriteVlans(el.data.rewrite)]))
      entries.push({ text: `vlan ${v}`, field: 'vlan', ...at });
  }
  const push = (
    host: string,
    modelId: string,
    field: SearchEntry['field'],
    text: string | null | undefined,
  ) => {
    const o = owner.get(elementId(host, modelId));
    if (o && text) entries.push({ text: text.toLowerCase(), field, ...o });
  };
  for (const h of hosts) {
    for (const iface of h.ovs?.interfaces ?? []) {
      push(h.host, iface.id, 'mac', iface.macInUse);
      push(h.host, iface.id, 'mac', iface.mac);
      push(h.host, iface.id, 'id', iface.externalIds['iface-id']);
      push(h.host, iface.id, 'mac', iface.externalIds['attached-mac']);
      push(h.host, iface.id, 'ip', iface.options.remote_ip);
    }
    for (const o of vmIdentities(h)) {
      push(h.host, o.of, 'vm', o.vm?.name);
      push(h.host, o.of, 'vm', o.vm?.uuid);
      push(h.host, o.of, 'id', o.ifaceId);
    }
    for (const ns of h.namespaces) {
      for (const link of ns.links) {
        push(h.host, link.id, 'mac', link.mac);
        for (const a of link.addresses) push(h.host, link.id, 'ip', a.local);
      }
    }
  }
  return entries;
}

/**
 * Hits for a query, best first: exact matches, then prefixes, then substrings; one hit per element.
 * `vlan 12` or `vlan:12` finds members of VLAN 12 (and ports whose traffic a flow rewrites to or
 * from it), exactly; an IP with a prefix length matches the address.
 */
export function searchIndex(index: SearchEntry[], query: string, limit = 20): SearchHit[] {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/^vlan[:=]?\s*/, 'vlan ')
    .replace(/\/\d+$/, '');
  if (!q) return [];
  // A VLAN is a number, not text: `vlan 1` is VLAN 1 only, never 10 or 100.
  const vlanQuery = /^vlan \d+$/.test(q);
  const scored: { hit: SearchHit; score: number }[] = [];
  for (const e of index) {
    const score = vlanQuery
      ? e.field === 'vlan' && e.text === q
        ? 0
        : -1
      : e.text === q
        ? 0
        : e.text.startsWith(q)
          ? 1
          : e.text.includes(q)
            ? 2
            : -1;
    if (score < 0) continue;
    const { elementId, label, field, text, where } = e;
    scored.push({ hit: { elementId, label, field, text, where }, score });
  }
  scored.sort((a, b) => a.score - b.score || a.hit.label.localeCompare(b.hit.label));
  const seen = new Set<string>();
  const out: SearchHit[] = [];
  for (const s of scored) {
    if (seen.has(s.hit.elementId)) continue;
    seen.add(s.hit.elementId);
    out.push(s.hit);
    if (out.length >= limit) break;
  }
  return out;
}
