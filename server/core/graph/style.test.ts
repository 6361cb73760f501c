import { describe, expect, it } from 'vitest';
import { graphStyle } from './style';

const backsLine = (opts: Parameters<typeof graphStyle>[0]) =>
  graphStyle(opts)
    .filter((r) => r.selector === 'edge[kind = "backs"]')
    .map((r) => (r.style as Record<string, unknown>)['line-style']);

describe('graphStyle', () => {
  it('draws port-to-link edges dotted and namespaces dashed, solid on big graphs or zoomed out', () => {
    expect(backsLine({})).toEqual(['dotted']);
    expect(backsLine({ labels: false })).toEqual(['solid']);
    expect(backsLine({ large: true })).toEqual(['solid']);
    expect(backsLine({ large: true, labels: false })).toEqual(['solid']);
    const nsBorder = (labels: boolean) =>
      graphStyle({ labels })
        .filter((r) => r.selector === 'node[kind = "namespace"]')
        .map((r) => (r.style as Record<string, unknown>)['border-style']);
    expect(nsBorder(true)).toEqual(['dashed']);
    expect(nsBorder(false)).toEqual(['solid']);
  });

  it('keeps that grey for port-to-link edges alone', () => {
    const greys = graphStyle({ large: true, labels: false }).filter(
      (r) =>
        r.selector.startsWith('edge[kind') &&
        (r.style as Record<string, unknown>)['line-color'] === '#8a96a3',
    );
    expect(greys.map((r) => r.selector)).toEqual(['edge[kind = "backs"]']);
  });
});

describe('graphStyle without labels', () => {
  const keys = (rules: ReturnType<typeof graphStyle>) => new Set(rules.flatMap((r) => Object.keys(r.style)));

  it('leaves out just the text rules, and no text rule sets a shape property', () => {
    for (const large of [false, true]) {
      const all = graphStyle({ large });
      // The zoomed-out container titles (small graphs) are text rules too.
      const isText = (k: string) => k === 'label' || k.startsWith('font-') || k.startsWith('text-');
      const shapes = graphStyle({ large, labels: false }).filter((r) => !Object.keys(r.style).some(isText));
      expect(all.slice(0, shapes.length).map((r) => r.selector)).toEqual(shapes.map((r) => r.selector));
      const text = keys(all.slice(shapes.length));
      expect(text.has('label')).toBe(true);
      for (const k of keys(shapes)) expect(text.has(k)).toBe(false);
    }
  });

  it('keeps container names on a small graph and drops every label on a big one', () => {
    const labelled = (large: boolean) =>
      graphStyle({ large, labels: false })
        .filter((r) => 'label' in r.style)
        .map((r) => r.selector);
    expect(labelled(false)).toEqual([':parent, node[?collapsed]']);
    expect(labelled(true)).toEqual([]);
  });
});
