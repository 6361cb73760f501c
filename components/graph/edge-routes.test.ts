import { describe, expect, it } from 'vitest';
import { segmentsOf } from './edge-routes';

/** Where Cytoscape draws a segment point (its findSegmentsPoints, edge-distances: node-position). */
function drawn(source: { x: number; y: number }, target: { x: number; y: number }, w: number, d: number) {
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const l = Math.hypot(dx, dy);
  return { x: source.x + dx * w + (-dy / l) * d, y: source.y + dy * w + (dx / l) * d };
}

describe('segmentsOf', () => {
  it("puts Cytoscape's segment points where ELK routed the edge", () => {
    const source = { x: 74, y: 89 };
    const target = { x: 228, y: 44 };
    const section = {
      startPoint: { x: 124, y: 89 },
      bendPoints: [
        { x: 151, y: 89 },
        { x: 151, y: 49 },
      ],
      endPoint: { x: 178, y: 49 },
    };
    const s = segmentsOf(section, source, target);
    if (!s) throw new Error('no segments');
    const ws = s.weights.split(' ').map(Number);
    const ds = s.distances.split(' ').map(Number);
    const points = [section.startPoint, ...section.bendPoints, section.endPoint];
    expect(ws).toHaveLength(points.length);
    for (const [i, p] of points.entries()) {
      const at = drawn(source, target, ws[i] ?? Number.NaN, ds[i] ?? Number.NaN);
      expect(at.x).toBeCloseTo(p.x, 1);
      expect(at.y).toBeCloseTo(p.y, 1);
    }
  });

  it('gives up when the two ends sit on one point', () => {
    const p = { x: 5, y: 5 };
    expect(segmentsOf({ startPoint: p, endPoint: p }, p, p)).toBeNull();
  });
});
