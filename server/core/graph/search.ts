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
}

export interface SearchHit {
  elementId: string;
  label: string;
  field: SearchEntry['field'];
  text: string;
}

/**
 * Index of names, MACs, IP addresses, VLAN numbers, external ids and the VMs devices belong to
 * (name and uuid, Neutron port), each pointing at the element
 * that draws the object. Built from the full (uncollapsed) elements so a hit inside a collapsed
 * container can be revealed by expanding it.
 */
export function buildSearchIndex(hosts: HostModel[], elements: GraphElement[]): SearchEntry[] {
  const owner = new Map<string, { elementId: string; label: string }>();
  const entries: SearchEntry[] = [];
  for (const el of elements) {
    if (!isNode(el)) continue;
    const label = el.data.label.split('\n')[0] ?? el.data.label;
    for (const m of el.data.represents)
      owner.set(elementId(el.data.host, m), { elementId: el.data.id, label });
    if (el.data.kind !== 'host')
      entries.push({ text: label.toLowerCase(), field: 'name', elementId: el.data.id, label });
    for (const v of el.data.vlans)
      entries.push({ text: `vlan ${v}`, field: 'vlan', elementId: el.data.id, label });
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
 * `vlan 12` or `vlan:12` finds members of VLAN 12; an IP with a prefix length matches the address.
 */
export function searchIndex(index: SearchEntry[], query: string, limit = 20): SearchHit[] {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/^vlan[:=]?\s*/, 'vlan ')
    .replace(/\/\d+$/, '');
  if (!q) return [];
  const scored: { hit: SearchHit; score: number }[] = [];
  for (const e of index) {
    const score = e.text === q ? 0 : e.text.startsWith(q) ? 1 : e.text.includes(q) ? 2 : -1;
    if (score < 0) continue;
    scored.push({ hit: { elementId: e.elementId, label: e.label, field: e.field, text: e.text }, score });
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
