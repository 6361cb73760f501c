import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layoutKey } from '@/server/core/layout';
import { cachedLayout, storeLayout } from './layout-cache';

/** localStorage as the browser keeps it, with an optional quota in characters. */
class MemoryStorage {
  items = new Map<string, string>();
  constructor(private quota = Number.POSITIVE_INFINITY) {}
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    const used = [...this.items].reduce((n, [key, val]) => n + (key === k ? 0 : val.length), 0);
    if (used + v.length > this.quota) throw new Error('QuotaExceededError');
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

let storage: MemoryStorage;
const g = globalThis as unknown as { window?: { localStorage: MemoryStorage } };
beforeEach(() => {
  storage = new MemoryStorage();
  g.window = { localStorage: storage };
});
afterEach(() => {
  delete g.window;
});

const input = (width = 100): ElkNode => ({
  id: 'root',
  layoutOptions: { algorithm: 'layered' },
  children: [
    { id: 'a', width, height: 30 },
    { id: 'b', width: 50, height: 30 },
  ],
  edges: [{ id: 'e', sources: ['a'], targets: ['b'] }],
});
const answer = (x: number): ElkNode => ({
  id: 'root',
  layoutOptions: { algorithm: 'layered' },
  x: 0,
  y: 0,
  width: 300,
  height: 60,
  children: [
    { id: 'a', x, y: 12, width: 100, height: 30, labels: [] },
    { id: 'b', x: x + 150, y: 12, width: 50, height: 30 },
  ],
  edges: [
    {
      id: 'e',
      sources: ['a'],
      targets: ['b'],
      sections: [
        { id: 's', startPoint: { x: 1, y: 2 }, endPoint: { x: 3, y: 4 }, bendPoints: [{ x: 2, y: 2 }] },
      ],
    },
  ],
});

describe('layoutKey', () => {
  it('is the same for the same input and differs when any size or option does', () => {
    expect(layoutKey(input())).toBe(layoutKey(input()));
    expect(layoutKey(input(101))).not.toBe(layoutKey(input()));
    expect(layoutKey({ ...input(), layoutOptions: { algorithm: 'layered', aspectRatio: '2' } })).not.toBe(
      layoutKey(input()),
    );
  });
});

describe('cachedLayout / storeLayout', () => {
  it('gives back what ELK answered for that input, positions and routes, without the rest', () => {
    const key = layoutKey(input());
    expect(cachedLayout(key)).toBeNull();
    storeLayout(key, answer(7));
    const back = cachedLayout(key);
    expect(back?.children?.map((c) => [c.id, c.x, c.y, c.width])).toEqual([
      ['a', 7, 12, 100],
      ['b', 157, 12, 50],
    ]);
    expect(back?.edges?.[0]?.sections?.[0]?.bendPoints).toEqual([{ x: 2, y: 2 }]);
    expect(back?.layoutOptions).toBeUndefined();
    expect(back?.children?.[0]).not.toHaveProperty('labels');
    expect(cachedLayout(layoutKey(input(101)))).toBeNull();
  });

  it('keeps the 8 most recently used answers', () => {
    const keys = Array.from({ length: 10 }, (_, i) => layoutKey(input(200 + i)));
    keys.forEach((k, i) => {
      storeLayout(k, answer(i));
      if (i === 7) expect(cachedLayout(keys[0] as string)).not.toBeNull(); // used again: kept
    });
    expect(cachedLayout(keys[0] as string)?.children?.[0]?.x).toBe(0);
    expect(cachedLayout(keys[1] as string)).toBeNull();
    expect(cachedLayout(keys[2] as string)).toBeNull();
    expect(cachedLayout(keys[9] as string)?.children?.[0]?.x).toBe(9);
    expect([...storage.items.keys()].filter((k) => k !== 'patchbay:elk:index')).toHaveLength(8);
  });

  it('reads a damaged entry as none, and a full storage as nothing kept', () => {
    const key = layoutKey(input());
    storage.setItem(`patchbay:elk:${key}`, '{"id":"root","children":[{"x":"no id"}]}');
    expect(cachedLayout(key)).toBeNull();
    storage.setItem(`patchbay:elk:${key}`, 'not json');
    expect(cachedLayout(key)).toBeNull();
    storage = new MemoryStorage(100);
    g.window = { localStorage: storage };
    expect(() => storeLayout(key, answer(1))).not.toThrow();
    expect(cachedLayout(key)).toBeNull();
  });
});
