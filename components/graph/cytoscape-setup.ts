import cytoscape from 'cytoscape';

// Extensions register once per module instance; `use` throws on a second registration.
let elk: Promise<void> | null = null;
let elkReady = false;
let svgRegistered: Promise<void> | null = null;

/** Whether the ELK layout is registered (then `loadElk` need not be awaited). */
export const isElkLoaded = (): boolean => elkReady;

/**
 * Registers the ELK layout on first use: elkjs is ~1.5 MB of the page's script, and graphs laid
 * out on the grid (big ones) never need it. A failed load is retried on the next call.
 */
export function loadElk(): Promise<void> {
  elk ??= import('cytoscape-elk').then(
    (m) => {
      cytoscape.use(m.default);
      elkReady = true;
    },
    (e: unknown) => {
      elk = null;
      throw e;
    },
  );
  return elk;
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
