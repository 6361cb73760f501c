import { createHash } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { compactLayout, ELK_BUILD, elkInput, type LayoutRequest } from '@/server/core/layout';
import { LayoutError } from './errors';
import type { LayoutKeeper } from './layout-store';

export interface LayoutServiceOptions {
  /** The thread's script; by default server/layout/elk-thread.mjs under the working directory. */
  threadScript?: string;
  /** Answers kept in memory, most recently used first (500 nodes: ~70 KB each). */
  cacheEntries?: number;
  /** Layouts waiting for the thread beyond which a request is refused (the browser lays it out). */
  maxQueued?: number;
  /** A layout running longer ends the thread (ELK cannot be interrupted); the next one starts anew. */
  timeoutMs?: number;
  /**
   * Answers kept beyond this process (LayoutStore: the database), asked before ELK runs. A keeper
   * that fails is a miss: ELK answers, and the layout never waits on storing its answer.
   */
  keeper?: LayoutKeeper;
  /** Told when the keeper fails (once per failure; default console.error). */
  log?: (line: string) => void;
}

/**
 * The server's key for ELK's input: its build and the SHA-256 of the input. Not layoutKey (a fast
 * 64-bit hash the browser computes for its own cache): answers here are shared by operators and
 * kept in the database, where a crafted collision would draw one graph with another's positions.
 */
export function serverLayoutKey(input: ElkNode): string {
  return `${ELK_BUILD}:${createHash('sha256').update(JSON.stringify(input)).digest('hex')}`;
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
  private readonly running = new Map<string, Promise<{ laidOut: ElkNode; kept: boolean }>>();
  private readonly cache = new Map<string, ElkNode>();
  private nextId = 1;
  private readonly script: string;
  private readonly cacheEntries: number;
  private readonly maxQueued: number;
  private readonly timeoutMs: number;
  private readonly keeper: LayoutKeeper | undefined;
  private readonly log: (line: string) => void;

  constructor(opts: LayoutServiceOptions = {}) {
    this.script = opts.threadScript ?? path.join(process.cwd(), 'server', 'layout', 'elk-thread.mjs');
    this.cacheEntries = opts.cacheEntries ?? 64;
    this.maxQueued = opts.maxQueued ?? 8;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.keeper = opts.keeper;
    this.log = opts.log ?? console.error;
  }

  /**
   * ELK's answer to the request, positions and routes only (compactLayout). `cached`: it came from
   * memory or the keeper, not from a run of ELK.
   */
  async layout(req: LayoutRequest): Promise<{ key: string; laidOut: ElkNode; cached: boolean }> {
    const input = elkInput(req);
    const key = serverLayoutKey(input);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return { key, laidOut: hit, cached: true };
    }
    let answer = this.running.get(key);
    if (!answer) {
      answer = this.answer(key, input);
      this.running.set(key, answer);
      answer.then(
        ({ laidOut }) => this.keep(key, laidOut),
        () => undefined,
      );
      answer.finally(() => this.running.delete(key)).catch(() => undefined);
    }
    const { laidOut, kept } = await answer;
    return { key, laidOut, cached: kept };
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

  /** The keeper's answer if it has one, else ELK's (then given to the keeper, not awaited). */
  private async answer(key: string, input: ElkNode): Promise<{ laidOut: ElkNode; kept: boolean }> {
    const kept = await this.keeper?.get(key).catch((e: Error) => {
      this.log(`patchbay: stored layouts could not be read (${e.message}); ELK lays the graph out`);
      return null;
    });
    if (kept) return { laidOut: kept, kept: true };
    if (this.pending.size >= this.maxQueued)
      throw new LayoutError('BUSY', `${this.pending.size} layouts are waiting on the server; try again`);
    const laidOut = compactLayout(await this.run(input));
    this.keeper?.put(key, laidOut).catch((e: Error) => {
      this.log(`patchbay: a layout could not be stored (${e.message}); it is kept in memory only`);
    });
    return { laidOut, kept: false };
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
