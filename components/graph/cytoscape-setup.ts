import cytoscape from 'cytoscape';
import { CANVAS_COLOR } from '@/server/core/graph';
import { elkLayoutExtension } from './elk-layout';

// Extensions register once per module instance; `use` throws on a second registration.
let svgRegistered: Promise<void> | null = null;

// The ELK layout (elk-layout.ts) is small: ELK itself runs on the server or in a worker.
cytoscape('layout', 'elk', elkLayoutExtension);

/**
 * The bounding box of the whole graph with every label measured anew. Cytoscape measures labels
 * when it draws a frame; right after the canvas swapped stylesheets (zoomed out, the container
 * titles grow from 14 to 26 px) the cached box still has the old sizes, and `png`/`svg` with
 * `full` cut the top title off. Measuring first also refreshes the cache those exports read.
 */
export function freshBounds(cy: cytoscape.Core): cytoscape.BoundingBox12 & cytoscape.BoundingBoxWH {
  const uncached: cytoscape.BoundingBoxOptions & { useCache: boolean } = { useCache: false };
  return cy.elements().boundingBox(uncached);
}

/**
 * `cy.svg()` from cytoscape-svg, which the core typings do not know. Loaded on first use: the
 * extension touches `window` when its module is evaluated, which breaks server rendering.
 */
export async function exportSvg(cy: cytoscape.Core): Promise<string> {
  svgRegistered ??= import('cytoscape-svg').then((m) => cytoscape.use(m.default));
  await svgRegistered;
  const bb = freshBounds(cy);
  // One unit per graph unit: maxWidth/maxHeight, since `scale` also multiplies by the pixel ratio.
  return (
    cy as cytoscape.Core & {
      svg: (o: { full: boolean; maxWidth: number; maxHeight: number; bg: string }) => string;
    }
  ).svg({ full: true, maxWidth: Math.ceil(bb.w), maxHeight: Math.ceil(bb.h), bg: CANVAS_COLOR });
}
