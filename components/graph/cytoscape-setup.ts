import cytoscape from 'cytoscape';
import elk from 'cytoscape-elk';
import svg from 'cytoscape-svg';

// Extensions register once per module instance; `use` throws on a second registration.
let registered = false;
export function getCytoscape(): typeof cytoscape {
  if (!registered) {
    cytoscape.use(elk);
    cytoscape.use(svg);
    registered = true;
  }
  return cytoscape;
}

/** `cy.svg()` from cytoscape-svg, which the core typings do not know. */
export function exportSvg(cy: cytoscape.Core): string {
  return (cy as cytoscape.Core & { svg: (o: { full: boolean; scale?: number; bg?: string }) => string }).svg({
    full: true,
    scale: 1,
    bg: '#ffffff',
  });
}
