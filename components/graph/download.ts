import {
  CANVAS_COLOR,
  type GraphElement,
  graphLegend,
  type SwatchShape,
  TEXT_COLOR,
} from '@/server/core/graph';
import type { HostModel } from '@/server/core/model';
import { exportFrame, exportHeading, type Frame, framedSvg, pngScale, svgSize } from './export-frame';
import type { CanvasHandle } from './topology-canvas';

/** Saves a blob as a file through a temporary link (works for PNG and SVG exports). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function paintShape(ctx: CanvasRenderingContext2D, s: SwatchShape): void {
  ctx.beginPath();
  switch (s.tag) {
    case 'rect':
      ctx.roundRect(s.x, s.y, s.w, s.h, s.r);
      break;
    case 'ellipse':
      ctx.ellipse(s.cx, s.cy, s.rx, s.ry, 0, 0, 2 * Math.PI);
      break;
    case 'polygon':
      for (const [i, [x, y]] of s.points.entries()) {
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.closePath();
      break;
    case 'line':
      ctx.moveTo(s.x1, s.y1);
      ctx.lineTo(s.x2, s.y2);
      break;
  }
  ctx.globalAlpha = s.opacity;
  if (s.fill !== 'none') {
    ctx.fillStyle = s.fill;
    ctx.fill();
  }
  if (s.stroke !== 'none' && s.strokeWidth > 0) {
    ctx.setLineDash(s.dash);
    ctx.lineWidth = s.strokeWidth;
    ctx.strokeStyle = s.stroke;
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/** The frame drawn on a canvas around the graph's PNG (rendered at the same `scale`). */
async function framedPng(frame: Frame, graph: Blob, scale: number): Promise<Blob> {
  const bitmap = await createImageBitmap(graph);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(frame.width * scale);
  canvas.height = Math.ceil(frame.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to draw the export on');
  ctx.scale(scale, scale);
  ctx.fillStyle = CANVAS_COLOR;
  ctx.fillRect(0, 0, frame.width, frame.height);
  ctx.drawImage(bitmap, frame.graph.x, frame.graph.y, frame.graph.w, frame.graph.h);
  bitmap.close();
  ctx.fillStyle = TEXT_COLOR;
  for (const t of frame.texts) {
    ctx.font = `${t.bold ? 'bold ' : ''}${t.size}px sans-serif`;
    ctx.fillText(t.text, t.x, t.y);
  }
  for (const s of frame.shapes) paintShape(ctx, s);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
  );
}

/**
 * Exports the graph as drawn, framed (export-frame.ts): title with the hosts, when they were
 * read, and the legend of what it draws (`elements` as drawn, `marks` the view's lint and trace
 * classes), then saves it as `<fileBase>.png` or `.svg`.
 */
export async function exportImage(
  format: 'png' | 'svg',
  canvas: CanvasHandle | null,
  view: { models: readonly HostModel[]; elements: GraphElement[]; marks: ReadonlyMap<string, string> },
  fileBase: string,
): Promise<void> {
  const bounds = canvas?.bounds();
  // An empty canvas (no host read yet) has nothing to export.
  if (!canvas || !bounds || bounds.w === 0 || bounds.h === 0) return;
  const heading = exportHeading(view.models);
  const legend = graphLegend(view.elements, view.marks);
  if (format === 'svg') {
    const svg = await canvas.svg();
    if (!svg) return;
    const frame = exportFrame(heading, legend, svgSize(svg) ?? bounds);
    download(new Blob([framedSvg(frame, svg)], { type: 'image/svg+xml' }), `${fileBase}.svg`);
    return;
  }
  const frame = exportFrame(heading, legend, bounds);
  const scale = pngScale(frame);
  const graph = canvas.png(scale);
  if (!graph) return;
  download(await framedPng(frame, graph, scale), `${fileBase}.png`);
}
