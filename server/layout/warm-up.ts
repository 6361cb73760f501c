import type { LayoutRequest } from '@/server/core/layout';

/**
 * A graph of the canvas's shape (hosts holding bridges holding ports, edges between ports of
 * different bridges), ~240 leaves: enough for ELK's layered algorithm to compile the code a real
 * 500-node view runs.
 */
export function warmUpRequest(): LayoutRequest {
  const nodes: LayoutRequest['nodes'] = [];
  const edges: LayoutRequest['edges'] = [];
  const title = { w: 60, h: 17, zoomedOutFont: 20 };
  for (let h = 0; h < 2; h++) {
    nodes.push({ id: `h${h}`, parent: null, title: { ...title, zoomedOutFont: 26 } });
    for (let b = 0; b < 6; b++) {
      nodes.push({ id: `h${h}b${b}`, parent: `h${h}`, title });
      for (let p = 0; p < 20; p++) {
        const id = `h${h}b${b}p${p}`;
        nodes.push({ id, parent: `h${h}b${b}`, size: { w: 40 + (p % 5) * 8, h: 24 } });
        if (b > 0) edges.push({ id: `e${id}`, source: `h${h}b${b - 1}p${(p * 7) % 20}`, target: id });
      }
    }
  }
  return { aspectRatio: 1.6, nodes, edges };
}
