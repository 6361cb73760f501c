import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { z } from 'zod';

/**
 * ELK's answers, kept in localStorage under a hash of their exact input. ELK is deterministic, so
 * a view opened again, or Re-layout of a graph that did not change, takes the stored answer
 * instead of a worker run of seconds. The input holds every node's size, ELK option and the
 * window's aspect ratio; the key also names the ELK build, whose answers may differ.
 */
const PREFIX = 'patchbay:elk:';
const INDEX = `${PREFIX}index`;
const ELK_BUILD = 'elkjs-0.9.3';
/** Most recently used answers kept; each is ~150 bytes per node (500 nodes: ~70 KB). */
const MAX_ENTRIES = 8;
/** Bigger answers are not kept: localStorage holds ~5 MB per origin, shared with positions. */
const MAX_CHARS = 1_000_000;

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
const Node: z.ZodType<ElkNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    x: z.number().optional(),
    y: z.number().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
    children: z.array(Node).optional(),
    edges: z.array(Edge).optional(),
  }),
);

/** Two 32-bit FNV-1a hashes of the text with different seeds, and its length. */
export function layoutKey(input: ElkNode): string {
  const text = JSON.stringify(input);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `${ELK_BUILD}:${(a >>> 0).toString(36)}${(b >>> 0).toString(36)}:${text.length}`;
}

/** Only what the layout reads back (elk-layout.ts elkResult): no options, labels or ports. */
function compact(n: ElkNode): ElkNode {
  return {
    id: n.id,
    x: n.x,
    y: n.y,
    width: n.width,
    height: n.height,
    ...(n.children?.length ? { children: n.children.map(compact) } : {}),
    ...(n.edges?.length
      ? {
          edges: n.edges.map((e) => ({
            id: e.id,
            sources: e.sources,
            targets: e.targets,
            ...(e.sections ? { sections: e.sections } : {}),
          })),
        }
      : {}),
  };
}

const readIndex = (): string[] => {
  const parsed = z.array(z.string()).safeParse(JSON.parse(window.localStorage.getItem(INDEX) ?? '[]'));
  return parsed.success ? parsed.data : [];
};

/** The stored answer for this input, or null (none, unreadable, storage disabled). */
export function cachedLayout(key: string): ElkNode | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const parsed = Node.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    window.localStorage.setItem(INDEX, JSON.stringify([key, ...readIndex().filter((k) => k !== key)]));
    return parsed.data;
  } catch {
    return null;
  }
}

/** Keeps ELK's answer, dropping the least recently used beyond MAX_ENTRIES. */
export function storeLayout(key: string, laidOut: ElkNode): void {
  try {
    const text = JSON.stringify(compact(laidOut));
    if (text.length > MAX_CHARS) return;
    const index = [key, ...readIndex().filter((k) => k !== key)];
    for (const old of index.splice(MAX_ENTRIES)) window.localStorage.removeItem(PREFIX + old);
    window.localStorage.setItem(INDEX, JSON.stringify(index));
    window.localStorage.setItem(PREFIX + key, text);
  } catch {
    // Storage full or disabled: the next open lays the graph out again.
  }
}
