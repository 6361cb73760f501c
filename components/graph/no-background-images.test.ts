import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { pinNoBackgroundImages } from './no-background-images';

describe('pinNoBackgroundImages', () => {
  it('keeps the backgrounding flag false whatever the renderer writes to it', () => {
    const cy = cytoscape({
      headless: true,
      elements: [{ data: { id: 'a' } }, { data: { id: 'b', parent: 'a' } }],
    });
    pinNoBackgroundImages(cy.nodes());
    for (const n of cy.nodes()) {
      // What the canvas renderer's drawImages does on every draw.
      (n as unknown as { _private: { backgrounding: boolean } })._private.backgrounding = true;
      expect((n as unknown as { backgrounding: () => boolean }).backgrounding()).toBe(false);
    }
    expect(cy.nodes(':backgrounding')).toHaveLength(0);
  });
});
