import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CANVAS_COLOR, graphLegend, toElements } from '@/server/core/graph';
import type { HostModel } from '@/server/core/model';
import { parseCollection } from '@/server/core/parse-host';
import { exportFrame, exportHeading, framedSvg, pngScale, svgSize, utcTime } from './export-frame';

const fixture = (name: string, host: string, collectedAt: string): HostModel =>
  parseCollection(
    readFileSync(
      fileURLToPath(new URL(`../../server/core/parsers/fixtures/${name}.collect.txt`, import.meta.url)),
      'utf8',
    ),
    { host, collectedAt },
  );
const aio = fixture('openstack-aio', 'openstack-aio', '2024-05-01T12:00:03.120Z');
const compute = fixture('compute', 'compute', '2024-05-01T12:00:05.000Z');

/** What cytoscape-svg writes: a root with width and height, then the drawing. */
const graphSvg = (w: number, h: number) =>
  `<svg version="1.1" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs/><g><text>br-int</text></g></svg>`;

describe('exportHeading', () => {
  it('names the hosts and when they were read, in UTC', () => {
    expect(exportHeading([aio])).toEqual({
      title: 'Patchbay: openstack-aio',
      subtitle: 'Read 2024-05-01 12:00:03 UTC',
    });
    expect(exportHeading([aio, compute])).toEqual({
      title: 'Patchbay: openstack-aio, compute',
      subtitle: 'Read openstack-aio 2024-05-01 12:00:03 UTC · compute 2024-05-01 12:00:05 UTC',
    });
    expect(utcTime('not a time')).toBe('not a time');
  });
});

describe('exportFrame', () => {
  const els = toElements([aio, compute]);
  const legend = graphLegend(els);
  const frame = exportFrame(exportHeading([aio, compute]), legend, { w: 900, h: 600 });
  const labels = legend.flatMap((s) => [s.title, ...s.entries.map((e) => e.label)]);

  it('puts the title and read time above the graph, with a margin all round the graph', () => {
    const [title, sub] = frame.texts;
    expect(title?.text).toBe('Patchbay: openstack-aio, compute');
    expect(sub?.text).toMatch(/^Read openstack-aio 2024-05-01 12:00:03 UTC/);
    const g = frame.graph;
    expect([g.w, g.h]).toEqual([900, 600]);
    // The graph's own top title gets room: nothing of the heading reaches into the margin above it.
    expect(g.y - (sub?.y ?? 0)).toBeGreaterThanOrEqual(24);
    expect(g.x).toBeGreaterThanOrEqual(24);
    expect(frame.width - (g.x + g.w)).toBeGreaterThanOrEqual(24);
  });

  it('lists every legend section and entry below the graph, swatches beside their labels', () => {
    const below = frame.texts.filter((t) => t.y > frame.graph.y + frame.graph.h);
    expect(below.map((t) => t.text).sort()).toEqual([...labels].sort());
    expect(below.some((t) => /^VLAN \d+$/.test(t.text))).toBe(true);
    const swatched = legend.flatMap((s) => s.entries).filter((e) => e.swatch).length;
    expect(frame.shapes.length).toBeGreaterThanOrEqual(swatched);
    for (const t of frame.texts) expect(t.y).toBeLessThanOrEqual(frame.height);
    // Sections stay whole: every entry sits at the same offset from its section title (one column).
    const x = new Map(below.map((t) => [t.text, t.x]));
    const offsets = new Set(
      legend.flatMap((sec) => sec.entries.map((e) => (x.get(e.label) ?? 0) - (x.get(sec.title) ?? 0))),
    );
    expect(offsets.size).toBe(1);
    expect([...offsets][0]).toBeGreaterThan(0);
  });

  it('widens a narrow graph’s frame to two legend columns rather than one long list', () => {
    const narrow = exportFrame(exportHeading([aio]), legend, { w: 120, h: 80 });
    const xs = new Set(narrow.texts.filter((t) => t.y > narrow.graph.y + 80 && t.bold).map((t) => t.x));
    expect(xs.size).toBeGreaterThanOrEqual(2);
    expect(narrow.graph.x).toBeGreaterThan(32);
  });
});

describe('framedSvg', () => {
  const legend = graphLegend(toElements([aio]));

  it('nests the graph where the frame puts it, uncropped, under the heading and over the legend', () => {
    const graph = graphSvg(640, 480);
    const size = svgSize(graph);
    expect(size).toEqual({ w: 640, h: 480 });
    const frame = exportFrame(exportHeading([aio]), legend, size ?? { w: 0, h: 0 });
    const svg = framedSvg(frame, `<?xml version="1.0"?>\n${graph}`);
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg"`)).toBe(true);
    expect(svg).not.toContain('<?xml');
    expect(svg).toContain(`width="${frame.width}" height="${frame.height}"`);
    expect(svg).toContain(`fill="${CANVAS_COLOR}"`);
    expect(svg).toContain(`<svg x="${frame.graph.x}" y="${frame.graph.y}" overflow="visible" version="1.1"`);
    expect(svg).toContain('<text>br-int</text>');
    expect(svg).toContain('>Patchbay: openstack-aio</text>');
    expect(svg).toContain('>Read 2024-05-01 12:00:03 UTC</text>');
    expect(svg).toContain('>VLAN 1</text>');
    expect(svg.match(/<svg\b/g)).toHaveLength(2);
    expect(svg.match(/<\/svg>/g)).toHaveLength(2);
  });

  it('escapes text, so a host name cannot break the document', () => {
    const odd = { ...aio, host: 'a&b<c>"d' };
    const frame = exportFrame(exportHeading([odd]), [], { w: 10, h: 10 });
    expect(framedSvg(frame, graphSvg(10, 10))).toContain('>Patchbay: a&amp;b&lt;c&gt;&quot;d</text>');
  });
});

describe('pngScale', () => {
  it('renders at 2× unless the canvas would pass the browser’s limits', () => {
    expect(pngScale({ width: 1200, height: 900 })).toBe(2);
    const wide = pngScale({ width: 30_000, height: 2_000 });
    expect(30_000 * wide).toBeLessThanOrEqual(16_000);
    const big = pngScale({ width: 12_000, height: 12_000 });
    expect(12_000 * big * 12_000 * big).toBeLessThan(120_000_000 * 1.0001);
  });
});
