import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labModel } from '../changes/apply-edits.test-helper';
import type { HostModel } from '../model';
import { parseCollection } from '../parse-host';
import { applyCollapse } from './collapse';
import { toElements } from './from-models';
import { elementId, hostElementId } from './ids';
import { graphStyle, TEXT_COLOR, UNKNOWN_REMOTE_CLASS } from './style';
import { type GraphEdge, type GraphElement, type GraphNode, isEdge, isNode } from './types';

const fixture = (name: string, host: string): HostModel =>
  parseCollection(
    readFileSync(fileURLToPath(new URL(`../parsers/fixtures/${name}.collect.txt`, import.meta.url)), 'utf8'),
    { host, collectedAt: '2024-01-01T00:00:00.000Z' },
  );

// compute: vxlan-c6120001 → 198.18.0.1 (aio's address), gre-c6120003 → 198.18.0.3 and
// geneve-c6120004 → 198.18.0.4 (no captured host has either).
const aio = fixture('openstack-aio', 'aio');
const compute = fixture('compute', 'compute');

const marked = (el: GraphElement) => el.classes === UNKNOWN_REMOTE_CLASS;
const ghosts = (els: GraphElement[]): GraphNode[] => els.filter(isNode).filter(marked);
const tunnelEdges = (els: GraphElement[]): GraphEdge[] =>
  els.filter(isEdge).filter((e) => e.data.kind === 'tunnel');
/** The ghosts as "host: label ← tunnel ports ending on it" (port names), sorted. */
function ghostSummary(els: GraphElement[]): string[] {
  const label = new Map(els.filter(isNode).map((n) => [n.data.id, n.data.label.split('\n')[0]]));
  return ghosts(els)
    .map((g) => {
      const ports = tunnelEdges(els)
        .filter((e) => e.data.target === g.data.id || e.data.source === g.data.id)
        .map((e) => label.get(e.data.source === g.data.id ? e.data.target : e.data.source))
        .sort();
      return `${g.data.host}: ${g.data.label.replace('\n', ' ')} ← ${ports.join(', ')}`;
    })
    .sort();
}

/** compute with its interfaces' options changed by name. */
function withRemotes(remotes: Record<string, string>): HostModel {
  const m: HostModel = structuredClone(compute);
  for (const i of m.ovs?.interfaces ?? []) {
    const r = remotes[i.name];
    if (r !== undefined) i.options.remote_ip = r;
  }
  return m;
}

describe('tunnels to remotes no host shown owns', () => {
  it('end on a marked ghost per remote, inside the host, with the tunnel edge marked too', () => {
    const els = toElements([compute]);
    expect(ghostSummary(els)).toEqual([
      'compute: 198.18.0.1 (unknown host) ← vxlan-c6120001',
      'compute: 198.18.0.3 (unknown host) ← gre-c6120003',
      'compute: 198.18.0.4 (unknown host) ← geneve-c6120004',
    ]);
    for (const g of ghosts(els)) {
      expect(g.data.kind).toBe('ghost');
      expect(g.data.parent).toBe(hostElementId('compute'));
      // An unknown remote is not a fault: no error, not the error red.
      expect(g.data.error).toBeUndefined();
    }
    // Every tunnel has an edge now, and each one to a ghost is marked.
    expect(tunnelEdges(els)).toHaveLength(3);
    expect(tunnelEdges(els).every(marked)).toBe(true);
    expect(
      tunnelEdges(els)
        .map((e) => e.data.label)
        .sort(),
    ).toEqual(['geneve 198.18.0.4', 'gre 198.18.0.3', 'vxlan 198.18.0.1']);
  });

  it('keeps the edge between two hosts shown, and ghosts only what neither owns', () => {
    const els = toElements([aio, compute]);
    expect(ghostSummary(els)).toEqual([
      'compute: 198.18.0.3 (unknown host) ← gre-c6120003',
      'compute: 198.18.0.4 (unknown host) ← geneve-c6120004',
    ]);
    const between = tunnelEdges(els).filter((e) => !marked(e));
    expect(between).toHaveLength(1);
    expect([between[0]?.data.source, between[0]?.data.target].sort()).toEqual(
      [
        elementId('aio', 'port:br-tun/vxlan-c6120002'),
        elementId('compute', 'port:br-tun/vxlan-c6120001'),
      ].sort(),
    );
  });

  it('draws one ghost per remote address per host', () => {
    // Both of compute's unknown tunnels to one address; a second host with the same tunnels.
    const same = withRemotes({ 'geneve-c6120004': '198.18.0.3' });
    const twin = { ...same, host: 'compute-b' };
    const els = toElements([same, twin]);
    expect(ghostSummary(els)).toEqual([
      'compute-b: 198.18.0.1 (unknown host) ← vxlan-c6120001',
      'compute-b: 198.18.0.3 (unknown host) ← geneve-c6120004, gre-c6120003',
      'compute: 198.18.0.1 (unknown host) ← vxlan-c6120001',
      'compute: 198.18.0.3 (unknown host) ← geneve-c6120004, gre-c6120003',
    ]);
    const ids = els.map((e) => e.data.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives a flow-based tunnel (remote_ip=flow) a ghost saying flows set the remote', () => {
    const els = toElements([withRemotes({ 'gre-c6120003': 'flow' })]);
    expect(ghostSummary(els)).toContain('compute: remote set by flows ← gre-c6120003');
  });

  it('names a host the caller knows but did not draw', () => {
    const els = toElements([compute], { knownHosts: [{ name: 'network-1', addresses: ['198.18.0.3/24'] }] });
    expect(ghostSummary(els)).toContain('compute: 198.18.0.3 (network-1, not shown) ← gre-c6120003');
  });

  it('on the lab kvm host: the geneve port to 198.18.1.250, which no lab host owns', () => {
    const els = toElements([labModel('kvm')]);
    expect(ghostSummary(els)).toEqual(['kvm: 198.18.1.250 (unknown host) ← gnv0']);
  });

  it('is drawn dashed, with a dotted edge and plain label text (the stylesheet)', () => {
    const rule = (selector: string) =>
      graphStyle().find((r) => r.selector === selector)?.style as Record<string, unknown> | undefined;
    expect(rule('node[kind = "ghost"]')?.['border-style']).toBe('dashed');
    expect(rule(`edge.${UNKNOWN_REMOTE_CLASS}`)?.['line-style']).toBe('dotted');
    expect(rule(`node.${UNKNOWN_REMOTE_CLASS}`)?.color).toBe(TEXT_COLOR);
  });
});

describe('a collapsed bridge', () => {
  it('keeps its tunnels to an unknown remote drawn as such', () => {
    const els = toElements([compute]);
    const bridge = tunnelEdges(els)
      .filter(marked)
      .map((e) => els.filter(isNode).find((n) => n.data.id === e.data.source || n.data.id === e.data.target))
      .map((port) => (port?.data.kind === 'ghost' ? undefined : port?.data.parent))
      .find((p) => p !== undefined);
    expect(bridge).toBeDefined();
    const collapsed = applyCollapse(els, new Set([bridge as string]));
    const toGhosts = tunnelEdges(collapsed).filter(
      (e) => e.data.source === bridge || e.data.target === bridge,
    );
    expect(toGhosts.length).toBeGreaterThan(0);
    for (const e of toGhosts) expect([e.classes].flat()).toContain(UNKNOWN_REMOTE_CLASS);
  });
});
