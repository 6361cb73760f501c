import cytoscape from 'cytoscape';
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { elkInput } from '@/server/core/layout';
import { elkResult, layoutRequest } from './elk-layout';

// A host holding a bridge with two ports, a namespace beside it, an edge from a port into it.
const cy = () =>
  cytoscape({
    headless: true,
    elements: [
      { data: { id: 'host' } },
      { data: { id: 'br', parent: 'host' } },
      { data: { id: 'p1', parent: 'br' } },
      { data: { id: 'p2', parent: 'br' } },
      { data: { id: 'ns', parent: 'host' } },
      { data: { id: 'veth', parent: 'ns' } },
      { data: { id: 'lone' } },
      { data: { id: 'e1', source: 'p1', target: 'veth' } },
    ],
  });
const dims = (n: cytoscape.NodeSingular) => (n.id() === 'lone' ? { w: 50, h: 20 } : { w: 100, h: 30 });
const title = (n: cytoscape.NodeSingular) => ({ w: 10 * n.id().length, h: 15, zoomedOutFont: 20 });
const elkGraph = (c: cytoscape.Core) => elkInput(layoutRequest(c.elements(), dims, title, 1.5));

describe('layoutRequest', () => {
  it('lists containers before their children, leaves with their size, containers with their title', () => {
    const c = cy();
    // Added child first: the request still lists the container first.
    c.add({ data: { id: 'late-child', parent: 'late' } });
    c.add({ data: { id: 'late' } });
    c.getElementById('late-child').move({ parent: 'late' });
    const req = layoutRequest(c.elements(), dims, title, 1.5);
    const ids = req.nodes.map((n) => n.id);
    expect(ids.indexOf('late')).toBeLessThan(ids.indexOf('late-child'));
    expect(req.nodes.find((n) => n.id === 'br')).toEqual({
      id: 'br',
      parent: 'host',
      title: { w: 20, h: 15, zoomedOutFont: 20 },
    });
    expect(req.nodes.find((n) => n.id === 'lone')).toEqual({
      id: 'lone',
      parent: null,
      size: { w: 50, h: 20 },
    });
    expect(req.edges).toEqual([{ id: 'e1', source: 'p1', target: 'veth' }]);
  });

  it('becomes ELK input with containers nested, sizes on leaves only and every edge at the root', () => {
    const g = elkGraph(cy());
    expect(g.children?.map((c) => c.id)).toEqual(['host', 'lone']);
    const host = g.children?.[0];
    expect(host?.width).toBeUndefined();
    expect(host?.children?.map((c) => c.id)).toEqual(['br', 'ns']);
    expect(host?.children?.[0]?.children?.map((c) => [c.id, c.width, c.height])).toEqual([
      ['p1', 100, 30],
      ['p2', 100, 30],
    ]);
    expect(g.edges).toEqual([{ id: 'e1', sources: ['p1'], targets: ['veth'] }]);
    expect(g.layoutOptions?.aspectRatio).toBe('1.5');
    expect(g.layoutOptions?.['elk.spacing.nodeNode']).toBe('18');
    // A container's options come from its title; a leaf has none.
    expect(host?.children?.[0]?.layoutOptions?.['elk.nodeSize.minimum']).toBe('(52, 0)');
    expect(g.children?.[1]?.layoutOptions).toBeUndefined();
  });
});

describe('elkResult', () => {
  it('adds up nested offsets and turns top-left corners into centres', () => {
    const { centres, boxes } = elkResult({
      id: 'root',
      children: [
        {
          id: 'host',
          x: 10,
          y: 20,
          width: 300,
          height: 200,
          children: [
            {
              id: 'br',
              x: 5,
              y: 7,
              width: 120,
              children: [{ id: 'p1', x: 1, y: 2, width: 100, height: 30 }],
            },
          ],
        },
        { id: 'lone', x: 400, y: 0, width: 50, height: 20 },
      ],
      edges: [
        {
          id: 'e1',
          sources: ['p1'],
          targets: ['lone'],
          sections: [{ id: 's', startPoint: { x: 1, y: 2 }, endPoint: { x: 3, y: 4 } }],
        },
      ],
    });
    expect(centres.get('p1')).toEqual({ x: 10 + 5 + 1 + 50, y: 20 + 7 + 2 + 15 });
    expect(centres.get('lone')).toEqual({ x: 425, y: 10 });
    expect(centres.has('host')).toBe(false);
    expect(boxes.get('br')?.width).toBe(120);
    expect(boxes.get('e1')?.sections?.[0]?.endPoint).toEqual({ x: 3, y: 4 });
  });

  it('reads a real ELK run: every leaf placed inside its container, routes for the edge', async () => {
    const c = cy();
    const laidOut = await new ElkBundled().layout(elkGraph(c));
    const { centres, boxes } = elkResult(laidOut);
    expect([...centres.keys()].sort()).toEqual(['lone', 'p1', 'p2', 'veth']);
    const host = boxes.get('host');
    const hostBox = { x: host?.x ?? 0, y: host?.y ?? 0, w: host?.width ?? 0, h: host?.height ?? 0 };
    for (const id of ['p1', 'p2', 'veth']) {
      const p = centres.get(id) ?? { x: -1, y: -1 };
      expect(p.x).toBeGreaterThan(hostBox.x);
      expect(p.x).toBeLessThan(hostBox.x + hostBox.w);
      expect(p.y).toBeGreaterThan(hostBox.y);
      expect(p.y).toBeLessThan(hostBox.y + hostBox.h);
    }
    expect(boxes.get('e1')?.sections?.length).toBe(1);
  });
});
