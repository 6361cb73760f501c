'use client';
import { useEffect, useRef } from 'react';
import type { Action } from './actions';
import styles from './editor.module.css';

/**
 * A node's context menu in edit mode: its actions (each opens its form in the inspector, cursor
 * in it) and its deletion. Arrow keys move, Enter picks, Escape closes: a keyboard user opens it
 * with the ContextMenu key or Shift+F10 on the selection.
 */
export function ContextMenu(p: {
  at: { x: number; y: number };
  title: string;
  actions: readonly Action[];
  onPick: (actionId: string) => void;
  onDelete: (() => void) | null;
  onClose: () => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, []);
  const move = (by: number) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    items[(at + by + items.length) % items.length]?.focus();
  };
  const item = (key: string, label: string, run: () => void) => (
    <button
      key={key}
      type="button"
      role="menuitem"
      onClick={() => {
        run();
        p.onClose();
      }}
    >
      {label}
    </button>
  );
  return (
    <div
      ref={menu}
      className={styles.menu}
      role="menu"
      aria-label={`Actions on ${p.title}`}
      style={{ left: p.at.x, top: p.at.y }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') move(1);
        else if (e.key === 'ArrowUp') move(-1);
        else if (e.key === 'Escape') p.onClose();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
      onBlur={(e) => {
        if (!menu.current?.contains(e.relatedTarget as Node | null)) p.onClose();
      }}
    >
      <div className={styles.menuTitle}>{p.title}</div>
      {p.actions.map((a) => item(a.id, a.title, () => p.onPick(a.id)))}
      {p.onDelete && item('delete', `Delete ${p.title}`, p.onDelete)}
    </div>
  );
}
