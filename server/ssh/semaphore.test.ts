import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Semaphore', () => {
  it('lets `limit` holders in and queues the rest in order', async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    const a = await s.acquire();
    const b = await s.acquire();
    const c = s.acquire().then((release) => {
      order.push(3);
      return release;
    });
    const d = s.acquire().then((release) => {
      order.push(4);
      return release;
    });
    await tick();
    expect([s.inUse, s.queued, order]).toEqual([2, 2, []]);
    a();
    a(); // a second release of the same slot changes nothing
    await tick();
    expect([s.inUse, s.queued, order]).toEqual([2, 1, [3]]);
    b();
    (await c)();
    (await d)();
    expect([s.inUse, s.queued, order]).toEqual([0, 0, [3, 4]]);
  });

  it('an aborted wait leaves the queue', async () => {
    const s = new Semaphore(1);
    const held = await s.acquire();
    const controller = new AbortController();
    const waiting = s.acquire(controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(s.queued).toBe(0);
    held();
    expect(s.inUse).toBe(0);
  });
});
