import { z } from 'zod';

/**
 * What a layout needs to know of a drawn graph, and nothing else: the compound structure, every
 * leaf's size and every container's title as the browser measured them (fonts live there), the
 * window's aspect ratio. The browser's worker and the server's thread both turn it into ELK's
 * input with `elkInput`, so ELK's options never come from a client.
 */
const Id = z.string().min(1).max(300);
const Extent = z.number().finite().min(0).max(100_000);
const Size = z.strictObject({ w: Extent, h: Extent });

export const LayoutNode = z.strictObject({
  id: Id,
  /** The container it is drawn in; containers come before their children. */
  parent: Id.nullable(),
  /** A leaf's box with its label. */
  size: Size.optional(),
  /** A container's title, and the font of its title zoomed out (containerLayoutOptions). */
  title: z.strictObject({ w: Extent, h: Extent, zoomedOutFont: z.number().int().min(1).max(200) }).optional(),
});
export type LayoutNode = z.infer<typeof LayoutNode>;

export const LayoutEdge = z.strictObject({ id: Id, source: Id, target: Id });
export type LayoutEdge = z.infer<typeof LayoutEdge>;

/** Node and edge caps: the canvas hands ELK at most 400 leaves and their containers. */
export const MAX_LAYOUT_NODES = 3_000;
export const MAX_LAYOUT_EDGES = 6_000;

export const LayoutRequest = z
  .strictObject({
    aspectRatio: z.number().finite().min(0.01).max(100),
    nodes: z.array(LayoutNode).max(MAX_LAYOUT_NODES),
    edges: z.array(LayoutEdge).max(MAX_LAYOUT_EDGES),
  })
  .superRefine((req, ctx) => {
    const seen = new Set<string>();
    for (const [i, n] of req.nodes.entries()) {
      if (seen.has(n.id))
        ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `${n.id} twice` });
      // A parent listed before its child also rules out cycles.
      if (n.parent !== null && !seen.has(n.parent))
        ctx.addIssue({
          code: 'custom',
          path: ['nodes', i, 'parent'],
          message: `${n.parent} is not listed before ${n.id}`,
        });
      if ((n.size === undefined) === (n.title === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['nodes', i],
          message: `${n.id} needs a size (a leaf) or a title (a container)`,
        });
      seen.add(n.id);
    }
    for (const [i, e] of req.edges.entries())
      for (const end of [e.source, e.target] as const)
        if (!seen.has(end))
          ctx.addIssue({ code: 'custom', path: ['edges', i], message: `${end} is not a node` });
  });
export type LayoutRequest = z.infer<typeof LayoutRequest>;
