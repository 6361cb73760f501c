import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { z } from 'zod';
import { compactLayout, LaidOut } from '@/server/core/layout';

/**
 * ELK's answers, kept in localStorage under the key of their exact input (layoutKey). ELK is
 * deterministic, so a view opened again, or Re-layout of a graph that did not change, takes the
 * stored answer instead of a layout run. The input holds every node's size, ELK option and the
 * window's aspect ratio; the key also names the ELK build, whose answers may differ.
 */
const PREFIX = 'patchbay:elk:';
const INDEX = `${PREFIX}index`;
/** Most recently used answers kept; each is ~150 bytes per node (500 nodes: ~70 KB). */
const MAX_ENTRIES = 8;
/** Bigger answers are not kept: localStorage holds ~5 MB per origin, shared with positions. */
const MAX_CHARS = 1_000_000;

const readIndex = (): string[] => {
  const parsed = z.array(z.string()).safeParse(JSON.parse(window.localStorage.getItem(INDEX) ?? '[]'));
  return parsed.success ? parsed.data : [];
};

/** The stored answer for this input, or null (none, unreadable, storage disabled). */
export function cachedLayout(key: string): ElkNode | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const parsed = LaidOut.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    window.localStorage.setItem(INDEX, JSON.stringify([key, ...readIndex().filter((k) => k !== key)]));
    return parsed.data;
  } catch {
    return null;
  }
}

/** Whether an answer is stored for this input (not read: cachedLayout reads and checks it). */
export function hasCachedLayout(key: string): boolean {
  try {
    return window.localStorage.getItem(PREFIX + key) !== null;
  } catch {
    return false;
  }
}

/** Keeps ELK's answer, dropping the least recently used beyond MAX_ENTRIES. */
export function storeLayout(key: string, laidOut: ElkNode): void {
  try {
    const text = JSON.stringify(compactLayout(laidOut));
    if (text.length > MAX_CHARS) return;
    const index = [key, ...readIndex().filter((k) => k !== key)];
    for (const old of index.splice(MAX_ENTRIES)) window.localStorage.removeItem(PREFIX + old);
    window.localStorage.setItem(INDEX, JSON.stringify(index));
    window.localStorage.setItem(PREFIX + key, text);
  } catch {
    // Storage full or disabled: the next open lays the graph out again.
  }
}
