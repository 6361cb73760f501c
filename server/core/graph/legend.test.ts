import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HostModel } from '../model';
import { parseCollection } from '../parse-host';
import { applyCollapse } from './collapse';
import { toElements } from './from-models';
import { elementId } from './ids';
import {
  graphLegend,
  LEGEND_MAX_VLANS,
  type LegendSection,
  type Swatch,
  type SwatchShape,
  swatchShapes,
} from './legend';
import { pendingOverlay } from './overlay';
import { vlanColor } from './palette';
import { graphStyle } from './style';
import { type GraphElement, isNode } from './types';

const fixture = (name: string, host: string): HostModel =>
  parseCollection(
    readFileSync(fileURLToPath(new URL(`../parsers/fixtures/${name}.collect.txt`, import.meta.url)), 'utf8'),
    { host, collectedAt: '2024-01-01T00:00:00.000Z' },
  );
const aio = fixture('openstack-aio', 'aio');
const compute = fixture('compute', 'compute');

const ids = (sections: LegendSection[], id: LegendSection['id']) =>
  sections.find((s) => s.id === id)?.entries.map((e) => e.id) ?? [];
const entry = (sections: LegendSection[], id: string) =>
  sections.flatMap((s) => s.entries).find((e) => e.id === id);
/** The style a stylesheet rule gives (with labels, below LARGE_GRAPH). */
const rule = (selector: string) =>
  graphStyle().find((r) => r.selector === selector)?.style as Record<string, unknown> | undefined;

describe('graphLegend', () => {
  it('names what the openstack-aio and compute graph draws, and nothing it does not', () => {
    const legend = graphLegend(toElements([aio, compute]));
    expect(ids(legend, 'nodes')).toEqual([
      'host',
      'bridge',
      'port',
      'internal',
      'patch-port',
      'tunnel-port',
      'bond',
      // compute's taps: Neutron's external_ids name their VM by uuid (no libvirt here).
      'vm',
      'namespace',
      'link',
      'down',
      'error',
      'ghost-patch',
      'ghost-remote',
    ]);
    expect(ids(legend, 'borders')).toEqual(['rewrite']);
    expect(ids(legend, 'edges')).toEqual([
      'edge-patch',
      'edge-veth',
      'edge-backs',
      'edge-master',
      'edge-tunnel',
      'edge-dangling',
      'edge-unknown-remote',
    ]);
    // Nothing was marked: only the marks that come and go by themselves.
    expect(ids(legend, 'marks')).toEqual(['hit', 'selected']);
  });

  it('lists the access VLANs drawn, in their colours (lab kvm capture with virsh)', () => {
    const els = toElements([fixture('lab-kvm.v3', 'kvm')]);
    const tags = [
      ...new Set(
        els
          .filter(isNode)
          .map((n) => n.data.tag)
          .filter((t): t is number => t !== undefined),
      ),
    ].sort((a, b) => a - b);
    expect(tags.length).toBeGreaterThan(1);
    const legend = graphLegend(els);
    // libvirt names the taps' VMs here: their "vm NAME" line is explained too.
    expect(ids(legend, 'nodes')).toContain('vm');
    const vlans = legend.find((s) => s.id === 'vlans')?.entries ?? [];
    expect(vlans.map((e) => e.label)).toEqual(tags.map((t) => `VLAN ${t}`));
    for (const [i, t] of tags.entries()) {
      const swatch = vlans[i]?.swatch;
      expect(swatch?.type === 'node' && swatch.border).toBe(vlanColor(t));
      // The colour is the one the port is drawn with.
      const port = els
        .filter(isNode)
        .find((n) => n.data.tag === t && n.data.kind === 'port' && !n.data.error);
      if (port) expect(port.data.color).toBe(vlanColor(t));
    }
  });

  it(`lists ${LEGEND_MAX_VLANS} VLANs at most and says how many more there are`, () => {
    const els: GraphElement[] = Array.from({ length: LEGEND_MAX_VLANS + 5 }, (_, i) => ({
      group: 'nodes',
      data: {
        id: `h|port:${i}`,
        kind: 'port',
        host: 'h',
        modelId: `port:${i}`,
        represents: [],
        label: `p${i}`,
        tag: i + 1,
        vlans: [i + 1],
        allVlans: false,
        color: vlanColor(i + 1),
      },
    }));
    const vlans = graphLegend(els).find((s) => s.id === 'vlans')?.entries ?? [];
    expect(vlans).toHaveLength(LEGEND_MAX_VLANS + 1);
    expect(vlans.at(-1)).toEqual({ id: 'vlan-more', label: '… and 5 more' });
  });

  it('adds collapsed boxes, pending edits and the view’s marks when they are drawn', () => {
    const els = toElements([aio]);
    const brInt = elementId('aio', 'br:br-int');
    expect(ids(graphLegend(applyCollapse(els, new Set([brInt]))), 'borders')).toContain('collapsed');
    const overlay = pendingOverlay(els, els, { added: [brInt], removed: [], changed: [] });
    expect(ids(graphLegend(overlay), 'marks')).toEqual(['added', 'hit', 'selected']);
    const marks = new Map([
      [brInt, 'finding-warning traced'],
      [elementId('aio', 'br:br-ex'), 'finding-error'],
    ]);
    expect(ids(graphLegend(els, marks), 'marks')).toEqual([
      'finding-error',
      'finding-warning',
      'traced',
      'hit',
      'selected',
    ]);
  });

  it('draws each line and node kind as the stylesheet does', () => {
    const legend = graphLegend(toElements([aio, compute]));
    for (const e of legend.find((s) => s.id === 'edges')?.entries ?? []) {
      const kind = e.id.replace('edge-', '');
      const r = rule(kind === 'unknown-remote' ? 'edge.unknown-remote' : `edge[kind = "${kind}"]`);
      expect([e.id, e.swatch]).toEqual([
        e.id,
        { type: 'edge', color: r?.['line-color'], width: r?.width, line: r?.['line-style'] },
      ]);
    }
    const look = (id: string) => entry(legend, id)?.swatch as Extract<Swatch, { type: 'node' }>;
    for (const [id, selector] of [
      ['host', 'node[kind = "host"]'],
      ['bridge', 'node[kind = "bridge"]'],
      ['namespace', 'node[kind = "namespace"]'],
    ] as const) {
      expect([id, look(id).fill, look(id).border]).toEqual([
        id,
        rule(selector)?.['background-color'],
        rule(selector)?.['border-color'],
      ]);
    }
    expect(look('namespace').style).toBe(rule('node[kind = "namespace"]')?.['border-style']);
    expect(look('link').fill).toBe(rule('node[kind = "link"]')?.['background-color']);
    expect(look('error').border).toBe(rule('node[error]')?.['border-color']);
    expect(look('rewrite').style).toBe(rule('node[rewrite]')?.['border-style']);
  });
});

describe('swatchShapes', () => {
  const box = (s: Swatch) => swatchShapes(s, 10, 20, 28, 14);

  it('draws a line across the middle, dashed or dotted as the edge', () => {
    const [line, ...rest] = box({ type: 'edge', color: '#b18cff', width: 3, line: 'dashed' });
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      tag: 'line',
      x1: 10,
      x2: 38,
      y1: 27,
      y2: 27,
      stroke: '#b18cff',
      strokeWidth: 3,
    });
    expect(line?.dash.length).toBe(2);
    expect(box({ type: 'edge', color: '#fff', width: 2, line: 'solid' })[0]?.dash).toEqual([]);
  });

  it('draws a double border as two outlines, a glow beneath the node, a ghost without fill', () => {
    const node: Swatch = {
      type: 'node',
      shape: 'box',
      fill: '#111',
      border: '#abc',
      width: 4,
      style: 'double',
    };
    const [outer, inner] = box(node);
    expect(outer?.tag === 'rect' && inner?.tag === 'rect' && inner.w < outer.w).toBe(true);
    expect([outer?.stroke, inner?.stroke, inner?.fill]).toEqual(['#abc', '#abc', 'none']);
    const [glow, body] = box({ ...node, style: 'solid', glow: '#f59e0b' });
    expect([glow?.fill, glow?.opacity, body?.stroke]).toEqual(['#f59e0b', 0.5, '#abc']);
    expect(box({ ...node, style: 'dashed', hollow: true })[0]).toMatchObject({ fill: 'none', dash: [4, 2] });
  });

  it('keeps every shape inside its box', () => {
    const extent = (s: SwatchShape): [number, number, number, number] => {
      switch (s.tag) {
        case 'rect':
          return [s.x, s.x + s.w, s.y, s.y + s.h];
        case 'ellipse':
          return [s.cx - s.rx, s.cx + s.rx, s.cy - s.ry, s.cy + s.ry];
        case 'line':
          return [s.x1, s.x2, s.y1, s.y2];
        case 'polygon': {
          const xs = s.points.map((p) => p[0]);
          const ys = s.points.map((p) => p[1]);
          return [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        }
      }
    };
    for (const shape of ['box', 'ellipse', 'hexagon', 'cut'] as const)
      for (const s of box({ type: 'node', shape, fill: '#111', border: '#abc', width: 2, style: 'solid' })) {
        const [x1, x2, y1, y2] = extent(s);
        expect([shape, x1 >= 10 && x2 <= 38 && y1 >= 20 && y2 <= 34]).toEqual([shape, true]);
      }
  });
});
