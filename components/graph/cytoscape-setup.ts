import cytoscape from 'cytoscape';
import elk from 'cytoscape-elk';

// Extensions register once per module instance; `use` throws on a second registration.
let elkRegistered = false;
let svgRegistered: Promise<void> | null = null;

export function getCytoscape(): typeof cytoscape {
  if (!elkRegistered) {
    cytoscape.use(elk);
    elkRegistered = true;
  }
  return cytoscape;
}

/**
 * `cy.svg()` from cytoscape-svg, which the core typings do not know. Loaded on first use: the
 * extension touches `window` when its module is evaluated, which breaks server rendering.
 */
export async function exportSvg(cy: cytoscape.Core): Promise<string> {
  svgRegistered ??= import('cytoscape-svg').then((m) => cytoscape.use(m.default));
  await svgRegistered;
  return (cy as cytoscape.Core & { svg: (o: { full: boolean; scale?: number; bg?: string }) => string }).svg({
    full: true,
    scale: 1,
    bg: '#0f1419',
  });
}
