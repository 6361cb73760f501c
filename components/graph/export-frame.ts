import {
  CANVAS_COLOR,
  type LegendSection,
  type SwatchShape,
  swatchShapes,
  TEXT_COLOR,
} from '@/server/core/graph';
import type { HostModel } from '@/server/core/model';

/**
 * The frame around an exported graph (PNG and SVG alike): a title naming the hosts, when they
 * were read, the graph with a margin all round (its top title no longer touches the edge), and
 * the legend of what it draws below. Pure: the layout is computed here, drawn by `framedSvg` or
 * by a canvas (download.ts).
 */
export interface Frame {
  width: number;
  height: number;
  /** Where the graph goes, in frame units (one per graph unit at zoom 1). */
  graph: { x: number; y: number; w: number; h: number };
  texts: FrameText[];
  shapes: SwatchShape[];
}

export interface FrameText {
  /** Left end of the baseline. */
  x: number;
  y: number;
  text: string;
  size: number;
  bold: boolean;
}

const PAD = 32;
const TITLE_SIZE = 20;
const SUB_SIZE = 12;
const LEGEND_SIZE = 12;
const LINE = 20;
const SWATCH_W = 28;
const SWATCH_H = 16;
const COLUMN_GAP = 24;
/** Width of text without measuring it: generous for a sans-serif face, so columns never overlap. */
const textWidth = (text: string, size: number, bold = false) => text.length * size * (bold ? 0.64 : 0.58);

/** `2024-05-01T12:00:03.120Z` → `2024-05-01 12:00:03 UTC`: unambiguous wherever the file goes. */
export function utcTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The title (hosts shown) and subtitle (when each was read). */
export function exportHeading(models: readonly HostModel[]): { title: string; subtitle: string } {
  const title = `Patchbay: ${models.map((m) => m.host).join(', ') || 'no host'}`;
  if (models.length === 0) return { title, subtitle: '' };
  const times = new Set(models.map((m) => m.collectedAt));
  const subtitle =
    times.size === 1
      ? `Read ${utcTime(models[0]?.collectedAt ?? '')}`
      : `Read ${models.map((m) => `${m.host} ${utcTime(m.collectedAt)}`).join(' · ')}`;
  return { title, subtitle };
}

/** Lays out title, graph (w × h graph units) and legend; sections are kept whole, in columns. */
export function exportFrame(
  heading: { title: string; subtitle: string },
  legend: readonly LegendSection[],
  graph: { w: number; h: number },
): Frame {
  const texts: FrameText[] = [];
  const shapes: SwatchShape[] = [];
  const columnW =
    Math.max(
      0,
      ...legend.flatMap((s) => [
        textWidth(s.title, LEGEND_SIZE, true),
        ...s.entries.map((e) => SWATCH_W + 6 + textWidth(e.label, LEGEND_SIZE)),
      ]),
    ) + COLUMN_GAP;
  const contentW = Math.ceil(
    Math.max(
      graph.w,
      textWidth(heading.title, TITLE_SIZE, true),
      textWidth(heading.subtitle, SUB_SIZE),
      Math.min(legend.length, 2) * columnW,
    ),
  );
  texts.push({ x: PAD, y: PAD + TITLE_SIZE, text: heading.title, size: TITLE_SIZE, bold: true });
  if (heading.subtitle)
    texts.push({
      x: PAD,
      y: PAD + TITLE_SIZE + 8 + SUB_SIZE,
      text: heading.subtitle,
      size: SUB_SIZE,
      bold: false,
    });
  const graphY = PAD + TITLE_SIZE + 8 + SUB_SIZE + PAD;
  const placed = { x: PAD + Math.floor((contentW - graph.w) / 2), y: graphY, w: graph.w, h: graph.h };

  // Columns as many as fit; each filled up to an even share of the lines before the next starts.
  const columns = Math.max(1, Math.floor((contentW + COLUMN_GAP) / columnW));
  const lines = legend.reduce((n, s) => n + 1 + s.entries.length, 0);
  const share = Math.ceil(lines / columns);
  const top = graphY + graph.h + PAD;
  let column = 0;
  let y = top;
  let bottom = top;
  for (const section of legend) {
    if (y > top && y - top + (1 + section.entries.length) * LINE > share * LINE && column < columns - 1) {
      column += 1;
      y = top;
    }
    const x = PAD + column * columnW;
    texts.push({ x, y: y + LEGEND_SIZE, text: section.title, size: LEGEND_SIZE, bold: true });
    y += LINE;
    for (const e of section.entries) {
      if (e.swatch)
        shapes.push(...swatchShapes(e.swatch, x, y + (LINE - SWATCH_H) / 2 - 2, SWATCH_W, SWATCH_H));
      texts.push({ x: x + SWATCH_W + 6, y: y + LEGEND_SIZE, text: e.label, size: LEGEND_SIZE, bold: false });
      y += LINE;
    }
    y += LINE / 2;
    bottom = Math.max(bottom, y);
  }
  return { width: contentW + 2 * PAD, height: Math.ceil(bottom + PAD / 2), graph: placed, texts, shapes };
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function shapeSvg(s: SwatchShape): string {
  const paint = `fill="${s.fill}" stroke="${s.stroke}" stroke-width="${s.strokeWidth}"${
    s.dash.length > 0 ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''
  }${s.opacity < 1 ? ` opacity="${s.opacity}"` : ''}`;
  switch (s.tag) {
    case 'rect':
      return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" ${paint}/>`;
    case 'ellipse':
      return `<ellipse cx="${s.cx}" cy="${s.cy}" rx="${s.rx}" ry="${s.ry}" ${paint}/>`;
    case 'polygon':
      return `<polygon points="${s.points.map((p) => p.join(',')).join(' ')}" ${paint}/>`;
    case 'line':
      return `<line x1="${s.x1}" y1="${s.y1}" x2="${s.x2}" y2="${s.y2}" ${paint}/>`;
  }
}

/** Width and height of an SVG document's root element (cytoscape-svg writes both). */
export function svgSize(svg: string): { w: number; h: number } | null {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const w = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const h = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  return w > 0 && h > 0 ? { w, h } : null;
}

/**
 * The framed SVG: the graph's own document nested where the frame puts it, with overflow
 * visible, so a label Cytoscape measured a little short still shows in the margin.
 */
export function framedSvg(frame: Frame, graphSvg: string): string {
  const { x, y } = frame.graph;
  const inner = graphSvg
    .replace(/^\s*<\?xml[^>]*>\s*/, '')
    .replace(/<svg\b/, `<svg x="${x}" y="${y}" overflow="visible"`);
  const text = frame.texts
    .map(
      (t) =>
        `<text x="${t.x}" y="${t.y}" font-family="sans-serif" font-size="${t.size}"${
          t.bold ? ' font-weight="bold"' : ''
        } fill="${TEXT_COLOR}">${escapeXml(t.text)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${frame.width}" height="${frame.height}" viewBox="0 0 ${frame.width} ${frame.height}">`,
    `<rect width="${frame.width}" height="${frame.height}" fill="${CANVAS_COLOR}"/>`,
    text,
    frame.shapes.map(shapeSvg).join(''),
    inner,
    '</svg>',
  ].join('');
}

/** Canvases fail past ~16k pixels a side or ~268M pixels in all (Chrome): stay well inside. */
const MAX_SIDE = 16_000;
const MAX_AREA = 120_000_000;

/** Device pixels per frame unit for the PNG: 2 (sharp on HiDPI screens) unless the canvas would be too big. */
export function pngScale(frame: Pick<Frame, 'width' | 'height'>): number {
  return Math.min(
    2,
    MAX_SIDE / frame.width,
    MAX_SIDE / frame.height,
    Math.sqrt(MAX_AREA / (frame.width * frame.height)),
  );
}
