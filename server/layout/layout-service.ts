import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { compactLayout, elkInput, type LayoutRequest, layoutKey } from '@/server/core/layout';
import { LayoutError } from './errors';

export interface LayoutServiceOptions {
  /** The thread's script; by default server/layout/elk-thread.mjs under the working directory. */
  threadScript?: string;
  /** Answers kept in memory, most recently used first (500 nodes: ~70 KB each). */
  cacheEntries?: number;
  /** Layouts waiting for the thread beyond which a request is refused (the browser lays it out). */
  maxQueued?: number;
  /** A layout running longer ends the thread (ELK cannot be interrupted); the next one starts anew. */
  timeoutMs?: number;
}

interface Pending {
  resolve: (n: ElkNode) => void;
  reject: (e: Error) => void;
}

/**
 * ELK on the server, for every browser: one worker thread that stays warm (a 500-node layout is
 * several times faster in a warm ELK than in a browser's freshly started worker), and its answers
 * kept by the key of their exact input, so a graph laid out for one operator is drawn at once for
 * the next. Requests for the same input share one run.
 */
export class LayoutService {
  private thread: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly running = new Map<string, Promise<ElkNode>>();
  private readonly cache = new Map<string, ElkNode>();
  private nextId = 1;
  private readonly script: string;
  private readonly cacheEntries: number;
  private readonly maxQueued: number;
  private readonly timeoutMs: number;

  constructor(opts: LayoutServiceOptions = {}) {
    this.script = opts.threadScript ?? path.join(process.cwd(), 'server', 'layout', 'elk-thread.mjs');
    this.cacheEntries = opts.cacheEntries ?? 64;
    this.maxQueued = opts.maxQueued ?? 8;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** ELK's answer to the request, positions and routes only (compactLayout). */
  async layout(req: LayoutRequest): Promise<{ key: string; laidOut: ElkNode; cached: boolean }> {
    const input = elkInput(req);
    const key = layoutKey(input);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return { key, laidOut: hit, cached: true };
    }
    let run = this.running.get(key);
    if (!run) {
      if (this.pending.size >= this.maxQueued)
        throw new LayoutError('BUSY', `${this.pending.size} layouts are waiting on the server; try again`);
      run = this.run(input).then(compactLayout);
      this.running.set(key, run);
      run.then(
        (laidOut) => this.keep(key, laidOut),
        () => undefined,
      );
      run.finally(() => this.running.delete(key)).catch(() => undefined);
    }
    return { key, laidOut: await run, cached: false };
  }

  /** Starts the thread and lays out `warmUp` once, so the first operator's layout runs warm code. */
  warm(warmUp: LayoutRequest): Promise<void> {
    return this.run(elkInput(warmUp)).then(
      () => undefined,
      () => undefined,
    );
  }

  /** Ends the thread (the server's shutdown, tests); waiting layouts fail. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    this.failAll(new LayoutError('FAILED', 'the layout thread was stopped'));
    await thread?.terminate();
  }

  private keep(key: string, laidOut: ElkNode): void {
    this.cache.set(key, laidOut);
    for (const old of this.cache.keys()) {
      if (this.cache.size <= this.cacheEntries) break;
      this.cache.delete(old);
    }
  }

  private run(graph: ElkNode): Promise<ElkNode> {
    const thread = this.ensureThread();
    const id = this.nextId++;
    return new Promise<ElkNode>((resolve, reject) => {
      const timer = setTimeout(() => {
        // ELK cannot be interrupted: the thread goes, with whatever waited behind this layout.
        if (this.thread !== thread) return;
        this.thread = null;
        this.failAll(
          new LayoutError('FAILED', `a layout took over ${this.timeoutMs / 1000} s and was stopped`),
        );
        thread.terminate().catch(() => undefined);
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(id, {
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      thread.postMessage({ id, graph });
    });
  }

  private ensureThread(): Worker {
    if (this.thread) return this.thread;
    const thread = new Worker(this.script);
    // The server's exit never waits for an idle layout thread.
    thread.unref();
    thread.on('message', (m: { id: number; laidOut?: ElkNode; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.laidOut) p.resolve(m.laidOut);
      else p.reject(new LayoutError('FAILED', `ELK could not lay the graph out: ${m.error ?? 'no answer'}`));
    });
    const gone = (why: string) => {
      if (this.thread !== thread) return;
      this.thread = null;
      this.failAll(new LayoutError('FAILED', why));
    };
    thread.on('error', (e) => gone(`the layout thread failed: ${e.message}`));
    thread.on('exit', (code) => gone(`the layout thread exited (${code})`));
    this.thread = thread;
    return thread;
  }

  private failAll(e: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(e);
  }
}
