'use client';
import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import {
  type GraphElement,
  graphLegend,
  type Swatch,
  type SwatchShape,
  swatchShapes,
} from '@/server/core/graph';
import styles from './legend.module.css';

/** The key that opens and closes the legend (the help lists it). */
export const LEGEND_KEY = 'k';
const STORAGE_KEY = 'patchbay:legend';

const SWATCH_W = 28;
const SWATCH_H = 16;

function Shape({ s }: { s: SwatchShape }) {
  const paint = {
    fill: s.fill,
    stroke: s.stroke,
    strokeWidth: s.strokeWidth,
    strokeDasharray: s.dash.length > 0 ? s.dash.join(' ') : undefined,
    opacity: s.opacity,
  };
  switch (s.tag) {
    case 'rect':
      return <rect x={s.x} y={s.y} width={s.w} height={s.h} rx={s.r} {...paint} />;
    case 'ellipse':
      return <ellipse cx={s.cx} cy={s.cy} rx={s.rx} ry={s.ry} {...paint} />;
    case 'polygon':
      return <polygon points={s.points.map((p) => p.join(',')).join(' ')} {...paint} />;
    case 'line':
      return <line x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} {...paint} />;
  }
}

/** A sample of a node, border, line or mark, drawn with the stylesheet's colours. */
function SwatchIcon({ swatch }: { swatch: Swatch }) {
  return (
    <svg
      width={SWATCH_W}
      height={SWATCH_H}
      viewBox={`0 0 ${SWATCH_W} ${SWATCH_H}`}
      aria-hidden="true"
      className={styles.swatch}
    >
      {swatchShapes(swatch, 0, 0, SWATCH_W, SWATCH_H).map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a swatch's shapes never reorder, their place is their identity
        <Shape key={i} s={s} />
      ))}
    </svg>
  );
}

function readOpen(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'open';
  } catch {
    return false;
  }
}

function writeOpen(open: boolean): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, open ? 'open' : 'closed');
  } catch {
    // Storage disabled: the legend simply opens closed next time.
  }
}

/**
 * The legend over the canvas's lower left corner: what each kind of node, border, line, VLAN
 * colour and mark on this graph means (graphLegend: only what is drawn, in the stylesheet's
 * colours). A button and the `k` key open and close it; the choice is kept in localStorage.
 * `extra`: a view's own key (a comparison's added/removed/changed), shown beside the button so it
 * stays visible while the legend is closed.
 */
export function GraphLegend({
  elements,
  marks,
  extra,
}: {
  elements: GraphElement[];
  marks?: ReadonlyMap<string, string>;
  extra?: ReactNode;
}) {
  // null until localStorage was read (after hydration: the server renders it closed).
  const [open, setOpen] = useState<boolean | null>(null);
  const panelId = useId();
  useEffect(() => setOpen(readOpen()), []);
  useEffect(() => {
    if (open !== null) writeOpen(open);
  }, [open]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== LEGEND_KEY || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (
        t &&
        (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
      )
        return;
      setOpen((o) => !o);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // Built only while open: a big graph pays nothing for a closed legend.
  const sections = useMemo(() => (open ? graphLegend(elements, marks) : []), [open, elements, marks]);

  return (
    <div className={styles.legend} data-testid="legend">
      <section id={panelId} className={styles.panel} aria-label="Legend" hidden={!open}>
        {sections.map((s) => (
          <div key={s.id} className={styles.section}>
            <h3>{s.title}</h3>
            <ul>
              {s.entries.map((e) => (
                <li
                  key={e.id}
                  data-testid={`legend-${e.id}`}
                  data-color={e.swatch?.type === 'node' ? e.swatch.border : e.swatch?.color}
                >
                  {e.swatch && <SwatchIcon swatch={e.swatch} />}
                  {e.label}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <div className={styles.bar}>
        <button
          type="button"
          aria-expanded={open === true}
          aria-controls={panelId}
          onClick={() => setOpen((o) => !o)}
          title={`Legend (${LEGEND_KEY})`}
          data-testid="legend-toggle"
        >
          Legend
        </button>
        {extra}
      </div>
    </div>
  );
}
