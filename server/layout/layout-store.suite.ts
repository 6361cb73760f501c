import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { Sql } from '@/server/storage';
import { openMigrated } from '@/server/storage/test-backends';
import { LayoutStore } from './layout-store';

/** An answer as compactLayout leaves it: a box holding two placed nodes and a routed edge. */
const answer = (x: number): ElkNode => ({
  id: 'root',
  children: [
    {
      id: 'br',
      x,
      y: 10,
      width: 120,
      height: 60,
      children: [{ id: 'p1', x: 5, y: 20, width: 40, height: 20 }],
    },
    { id: 'ns', x: x + 200, y: 10, width: 60, height: 30 },
  ],
  edges: [
    {
      id: 'e',
      sources: ['p1'],
      targets: ['ns'],
      sections: [
        {
          id: 's',
          startPoint: { x: 45, y: 30 },
          endPoint: { x: 200, y: 25 },
          bendPoints: [{ x: 120, y: 30 }],
        },
      ],
    },
  ],
});

/** The layout store on one backend. Run on PGlite (unit) and PostgreSQL (lab suite). */
export function layoutStoreSuite(backend: string, open: () => Promise<Sql>): void {
  const ready = openMigrated(open);
  afterAll(async () => (await ready).close());

  describe(`layouts on ${backend}`, { timeout: 60_000 }, () => {
    it('gives back what was put under a key, and null for a key never put', async () => {
      const store = new LayoutStore(ready);
      await store.put('k-round', answer(1));
      expect(await store.get('k-round')).toEqual(answer(1));
      expect(await store.get('k-never')).toBeNull();
      await store.put('k-round', answer(2));
      expect(await store.get('k-round')).toEqual(answer(2));
    });

    it('keeps the most recently used answers: a read counts as a use', async () => {
      const db = await ready;
      await db.query('DELETE FROM layouts');
      const store = new LayoutStore(ready, { maxEntries: 2 });
      await store.put('a', answer(1));
      await store.put('b', answer(2));
      expect(await store.get('a')).not.toBeNull(); // a is now newer than b
      await store.put('c', answer(3)); // b goes
      expect(await store.get('b')).toBeNull();
      expect(await store.get('a')).toEqual(answer(1));
      expect(await store.get('c')).toEqual(answer(3));
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM layouts');
      expect(rows[0]?.n).toBe(2);
    });

    it('drops a row that does not read as an answer instead of serving it', async () => {
      const db = await ready;
      const store = new LayoutStore(ready);
      await db.query('INSERT INTO layouts (key, body, used_at) VALUES ($1, $2, now())', [
        'k-damaged',
        Buffer.from('not gzip at all'),
      ]);
      expect(await store.get('k-damaged')).toBeNull();
      const { rows } = await db.query('SELECT key FROM layouts WHERE key = $1', ['k-damaged']);
      expect(rows).toEqual([]);
    });

    it('does not store an answer above its size limit', async () => {
      const store = new LayoutStore(ready, { maxBytes: 64 });
      await store.put('k-large', answer(1));
      expect(await store.get('k-large')).toBeNull();
    });
  });
}
