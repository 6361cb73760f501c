import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { z } from 'zod';

const Point = z.object({ x: z.number(), y: z.number() });
const Section = z.object({
  id: z.string(),
  startPoint: Point,
  endPoint: Point,
  bendPoints: z.array(Point).optional(),
});
const Edge = z.object({
  id: z.string(),
  sources: z.array(z.string()),
  targets: z.array(z.string()),
  sections: z.array(Section).optional(),
});

/** ELK's answer as the canvas reads it (compactLayout): checked when read from storage or the server. */
export const LaidOut: z.ZodType<ElkNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    x: z.number().optional(),
    y: z.number().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
    children: z.array(LaidOut).optional(),
    edges: z.array(Edge).optional(),
  }),
);
