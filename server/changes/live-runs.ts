import type { RunEvent } from './apply';

interface Live {
  events: RunEvent[];
  done: boolean;
  wake: Set<() => void>;
}

/**
 * Progress of the runs this process is doing, for subscribers who come and go: a subscriber gets
 * every event so far, then the rest as they happen. A subscriber leaving never stops the run.
 */
export class LiveRuns {
  private readonly runs = new Map<string, Live>();

  start(id: string): void {
    this.runs.set(id, { events: [], done: false, wake: new Set() });
  }

  push(id: string, event: RunEvent): void {
    const run = this.runs.get(id);
    if (!run) return;
    run.events.push(event);
    for (const w of run.wake) w();
  }

  finish(id: string, keepMs = 10 * 60_000): void {
    const run = this.runs.get(id);
    if (!run) return;
    run.done = true;
    for (const w of run.wake) w();
    setTimeout(() => this.runs.delete(id), keepMs).unref();
  }

  has(id: string): boolean {
    return this.runs.has(id);
  }

  async *follow(id: string, signal?: AbortSignal): AsyncGenerator<RunEvent> {
    const run = this.runs.get(id);
    if (!run) return;
    let next = 0;
    while (!signal?.aborted) {
      while (next < run.events.length) yield run.events[next++] as RunEvent;
      if (run.done) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          run.wake.delete(wake);
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        run.wake.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }
}
