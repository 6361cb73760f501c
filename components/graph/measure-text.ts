import type { MeasureText } from '@/server/core/graph';

/** Widths measured so far, by font and text: a graph repeats its names and fonts a lot. */
const widths = new Map<string, number>();
/** Enough for the labels of several big graphs; past it the cache starts again. */
const MAX_WIDTHS = 50_000;
let context: CanvasRenderingContext2D | null = null;

/**
 * The browser's width of a line of text in a CSS font, as Cytoscape measures labels (a 2D
 * canvas's measureText), for the layout's node sizes (server/core/graph node-sizes.ts).
 */
export const measureText: MeasureText = (text, font) => {
  const key = `${font}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    context ??= document.createElement('canvas').getContext('2d');
    if (!context) throw new Error('patchbay: this browser has no 2D canvas to measure labels with');
    if (context.font !== font) context.font = font;
    width = context.measureText(text).width;
    if (widths.size >= MAX_WIDTHS) widths.clear();
    widths.set(key, width);
  }
  return width;
};
