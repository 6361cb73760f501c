import { LABEL_TEXT, NODE_BORDER, NODE_BOX } from './style';
import type { GraphNodeData } from './types';

/**
 * What the layout needs to know of each node's size, computed from the graph as the labelled
 * stylesheet (style.ts) will draw it, the way Cytoscape measures it (its `layoutDimensions` with
 * labels, and a container's label box) — without asking Cytoscape: that measurement styled every
 * element and computed every bound (~0.35 s at 500 nodes) before the layout could even be asked
 * for, and again after a stylesheet swap. e2e/ui/node-sizes.spec.ts holds the two side by side.
 *
 * Left out on purpose: classes (selection, search hits, findings), which change borders but not
 * the layout; the mitre of hexagon corners (a pixel or two).
 */

/** Width in px of one line of text in a CSS font (a canvas's measureText in the browser). */
export type MeasureText = (text: string, font: string) => number;

type SizedData = Pick<
  GraphNodeData,
  'kind' | 'label' | 'lines' | 'rewrite' | 'error' | 'unread' | 'collapsed'
>;

/** Cytoscape widens every label box by this on each side ("browser dimension inaccuracies"). */
const LABEL_MARGIN = 2;
/**
 * And a node's body by this. It matters beyond the pixel: ELK ends each edge route on the box it
 * was given, and a route ending right on the border left Cytoscape unable to find where the edge
 * meets the node, so it drew no edge at all.
 */
const BODY_MARGIN = 1;

interface Font {
  size: number;
  bold: boolean;
}

const css = (f: Font) => `normal ${f.bold ? 'bold' : 'normal'} ${f.size}px ${LABEL_TEXT.family}`;

/**
 * The lines Cytoscape draws `text` in (`text-wrap: wrap`): each line of the text as it is when it
 * fits `maxWidth`, else cut between words, each piece keeping the space after it (Cytoscape's
 * getLabelText, which measures widths rounded up).
 */
export function wrapLines(text: string, maxWidth: number, widthOf: (line: string) => number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (widthOf(line) <= maxWidth) {
      out.push(line);
      continue;
    }
    let subline = '';
    let previous = 0;
    for (const match of line.matchAll(/[\s\u200b]+|$/g)) {
      const separator = match[0];
      const word = line.substring(previous, match.index);
      previous = match.index + separator.length;
      const test = subline.length === 0 ? word : subline + word + separator;
      if (widthOf(test) <= maxWidth) subline += word + separator;
      else {
        if (subline) out.push(subline);
        subline = word + separator;
      }
    }
    if (!/^[\s\u200b]+$/.test(subline)) out.push(subline);
  }
  return out;
}

/** The box of a label in `font` wrapped at `maxWidth`, as Cytoscape bounds it; null without text. */
function labelBox(text: string, font: Font, maxWidth: number, measure: MeasureText) {
  if (!text) return null;
  const widthOf = (line: string) => Math.ceil(measure(line, css(font)));
  const lines = wrapLines(text, maxWidth, widthOf);
  return {
    w: Math.max(0, ...lines.map(widthOf)) + 2 * LABEL_MARGIN,
    h: lines.length * font.size + 2 * LABEL_MARGIN,
  };
}

const isContainerLike = (d: SizedData, isParent: boolean) => isParent || d.collapsed === true;

/** The label font of a node (textRules): hosts 14 px, other containers 12 px bold, leaves 10 px. */
function fontOf(d: SizedData, isParent: boolean): Font {
  const bold = isContainerLike(d, isParent);
  if (d.kind === 'host') return { size: LABEL_TEXT.hostTitleSize, bold };
  return { size: bold ? LABEL_TEXT.titleSize : LABEL_TEXT.size, bold };
}

function maxWidthOf(d: SizedData): number {
  if (d.rewrite !== undefined) return LABEL_TEXT.rewriteMaxWidth;
  if (d.collapsed) return LABEL_TEXT.collapsedMaxWidth;
  return LABEL_TEXT.maxWidth;
}

/** A leaf's body as the shape rules size it, its border and padding included. */
function bodyOf(d: SizedData): { w: number; h: number } {
  let box: { width: number; height: number } = NODE_BOX.leaf;
  let border: number = NODE_BORDER.node;
  if (d.collapsed) [box, border] = [NODE_BOX.collapsed, NODE_BORDER.collapsed];
  if (d.rewrite !== undefined) [box, border] = [NODE_BOX.rewrite, NODE_BORDER.rewrite];
  const lines = d.lines ?? 0;
  if (!d.collapsed && lines >= 3)
    box = { ...box, height: NODE_BOX.tallHeight(Math.min(lines, NODE_BOX.tallMaxLines)) };
  if (d.error !== undefined) border = NODE_BORDER.error;
  if (d.unread !== undefined) border = NODE_BORDER.unread;
  // Cytoscape's outer size: the border straddles the edge; collapsed containers keep their padding.
  const extra = border + (d.collapsed ? 2 * NODE_BOX.containerPadding : 0) + 2 * BODY_MARGIN;
  return { w: box.width + extra, h: box.height + extra };
}

/** A leaf's size for the layout: its body, or its label where that reaches further. */
export function leafSize(d: SizedData, measure: MeasureText): { w: number; h: number } {
  const body = bodyOf(d);
  const label = labelBox(d.label, fontOf(d, false), maxWidthOf(d), measure);
  return label ? { w: Math.max(body.w, label.w), h: Math.max(body.h, label.h) } : body;
}

/** A container's title box (its label above the box); zero without a title. */
export function titleSize(d: SizedData, measure: MeasureText): { w: number; h: number } {
  return labelBox(d.label, fontOf(d, true), maxWidthOf(d), measure) ?? { w: 0, h: 0 };
}
