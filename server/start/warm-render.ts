import 'server-only';
import { request } from 'node:http';
import { ownHost, webConfigFrom } from '@/server/web';

/**
 * Public pages whose first render loads what an operator's pages load: React's server renderer,
 * the root layout, and the server side of the graph view's client components (the example) and
 * of the forms (sign-in).
 */
export const WARM_PAGES = ['/example', '/login'] as const;

/** Where the server renders its own pages: the address it listens on, the Host it answers to. */
export interface WarmTarget {
  origin: string;
  host: string;
}

/**
 * `next start` sets PORT and `__NEXT_PRIVATE_ORIGIN` (Next.js's own variable: the address it
 * listens on, loopback names for a wildcard bind) once it listens, before the instrumentation
 * runs. Null outside a production server: `next dev` compiles each page on its first request,
 * and a warm-up would only compile pages nobody asked for.
 */
export function warmTarget(env: Record<string, string | undefined>): WarmTarget | null {
  if (env.NODE_ENV !== 'production') return null;
  const listening = env.__NEXT_PRIVATE_ORIGIN ?? (env.PORT ? `http://127.0.0.1:${env.PORT}` : null);
  if (!listening) return null;
  let origin: URL;
  try {
    origin = new URL(listening);
  } catch {
    return null;
  }
  if (origin.protocol !== 'http:') return null;
  return { origin: origin.origin, host: ownHost(webConfigFrom(env), env) };
}

/** GET `path` and read the answer to its end: its status. */
function get(target: WarmTarget, path: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${target.origin}${path}`,
      { headers: { host: target.host }, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.once('error', reject);
    req.end();
  });
}

/**
 * A just-started server renders its first page cold: Next.js loads the server-side code of the
 * client components on that request and V8 compiles the renderer, ~0.4–1 s more than a warm
 * render (~0.06 s) on 2 cores. Once listening, the server renders its public pages for itself,
 * one after the other, so an operator's first page after a start or an upgrade does not pay it.
 * Not awaited by the start-up (Next.js holds requests until the instrumentation is done, so it
 * could not be); best effort: a failure is one line in the log and changes nothing.
 */
export async function warmRenderPath(
  env: Record<string, string | undefined> = process.env,
  log: (line: string) => void = console.log,
  timeoutMs = 60_000,
): Promise<void> {
  const target = warmTarget(env);
  if (!target) return;
  const started = performance.now();
  for (const path of WARM_PAGES) {
    try {
      const status = await get(target, path, timeoutMs);
      if (status >= 400) {
        log(`patchbay: warming the page renderer: ${path} answered ${status}; the first page may be slower`);
        return;
      }
    } catch (e) {
      log(
        `patchbay: warming the page renderer: ${path} failed (${(e as Error).message}); the first page may be slower`,
      );
      return;
    }
  }
  log(
    `patchbay: page renderer warmed (${WARM_PAGES.join(', ')}) in ${Math.round(performance.now() - started)} ms`,
  );
}
