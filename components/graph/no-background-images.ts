import type { NodeCollection } from 'cytoscape';

/**
 * Works around a Cytoscape 3.34 renderer bug. `drawNode` calls its `drawImages` twice per draw
 * (images inside the border, then over it), and each call counts the node's default `none` image
 * differently, so the node's `backgrounding` flag flips on every draw and each flip calls
 * `node.updateStyle()`. In a graph with compound nodes that re-styles the node with all its
 * ancestors and descendants and invalidates the texture caches on every frame: panning 500 nodes
 * took 60 ms a frame instead of 17 ms. This graph draws no background images, so the flag is
 * pinned to false (its true value).
 */
export function pinNoBackgroundImages(nodes: NodeCollection): void {
  for (const node of nodes) {
    const internal = (node as unknown as { _private?: object })._private;
    if (!internal) continue;
    Object.defineProperty(internal, 'backgrounding', {
      get: () => false,
      set: () => undefined,
      configurable: true,
    });
  }
}
