import { SshAbortedError, SshTimeoutError } from './errors';
import type { ExecOptions } from './types';

/** A whole-call deadline that also follows the caller's signal. */
export function deadline(opts: ExecOptions, fallbackMs: number, what: string) {
  const controller = new AbortController();
  const ms = opts.timeoutMs ?? fallbackMs;
  const timer = setTimeout(
    () => controller.abort(new SshTimeoutError(`${what} timed out after ${ms} ms`)),
    ms,
  );
  const onAbort = () => controller.abort(new SshAbortedError(`${what} was cancelled`));
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** The promise, or the signal's reason as soon as it fires (the work itself goes on). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
