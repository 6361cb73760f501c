import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { containerLayoutOptions, ELK_BUILD, ELK_OPTIONS } from './options';
import type { LayoutRequest } from './request';

/** The id of ELK's root graph; no Patchbay element id has this form. */
export const ELK_ROOT = '\u0000root';

const stringOptions = (o: Record<string, string | number>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

/** ELK's input for a layout request: the compound structure as nested children, every edge at the root. */
export function elkInput(req: LayoutRequest): ElkNode {
  const root: ElkNode = {
    id: ELK_ROOT,
    layoutOptions: stringOptions({ aspectRatio: req.aspectRatio, ...ELK_OPTIONS }),
    children: [],
    edges: [],
  };
  const byId = new Map<string, ElkNode>();
  for (const n of req.nodes) {
    const k: ElkNode = { id: n.id };
    if (n.title) k.layoutOptions = containerLayoutOptions(n.title, n.title.zoomedOutFont);
    if (n.size) {
      k.width = n.size.w;
      k.height = n.size.h;
    }
    byId.set(n.id, k);
    const into = (n.parent === null ? undefined : byId.get(n.parent)) ?? root;
    into.children ??= [];
    into.children.push(k);
  }
  for (const e of req.edges) root.edges?.push({ id: e.id, sources: [e.source], targets: [e.target] });
  return root;
}

/**
 * The key of ELK's answer to this input: two 32-bit FNV-1a hashes of its text with different
 * seeds, its length, and the ELK build. ELK is deterministic, so equal keys mean equal answers.
 */
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

/** Only what the canvas reads back of ELK's answer (positions, sizes, routes): no options or labels. */
export function compactLayout(n: ElkNode): ElkNode {
  return {
    id: n.id,
    x: n.x,
    y: n.y,
    width: n.width,
    height: n.height,
    ...(n.children?.length ? { children: n.children.map(compactLayout) } : {}),
    ...(n.edges?.length
      ? {
          edges: n.edges.map((e) => ({
            id: e.id,
            sources: e.sources,
            targets: e.targets,
            // A section's route only: ELK's shape and section links are not read.
            ...(e.sections
              ? {
                  sections: e.sections.map((s) => ({
                    id: s.id,
                    startPoint: s.startPoint,
                    endPoint: s.endPoint,
                    ...(s.bendPoints ? { bendPoints: s.bendPoints } : {}),
                  })),
                }
              : {}),
          })),
        }
      : {}),
  };
}
