import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the graph page loads before its first frame is what its modules import statically; code
 * behind `import()` loads when it is needed. These modules must stay behind `import()` (or out of
 * the page): each cost module initialisation and script on every view (docs/performance.md).
 */
const KEPT_OUT = {
  'server/core/model/schema.ts':
    "the model's zod schema (import constants, identity, counters or made directly)",
  'server/core/changes/apply-edits.ts':
    "the change engine (edit mode's desiredView loads it when edit mode opens)",
  'server/core/changes/diff.ts':
    "the structural diff (a refresh's change lines load it with the first refresh)",
};

const root = process.cwd();
// Value imports and re-exports: `import type` / `export type` bring no code.
const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith('@/')
    ? path.join(root, spec.slice(2))
    : spec.startsWith('.')
      ? path.join(path.dirname(from), spec)
      : null;
  if (!base) return null; // an npm package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`])
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  return null;
}

/** Every module reachable from `entry` by static imports, each with the chain that reached it. */
function staticImports(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const next = m[1] ? resolve(file, m[1]) : null;
      if (!next || seen.has(next)) continue;
      seen.set(next, [...(seen.get(file) ?? []), next]);
      queue.push(next);
    }
  }
  return seen;
}

describe("the graph page's first scripts", () => {
  // The graph's view, and the bench page that measures it (bench-view.tsx wraps the same view).
  const reached = new Map([
    ...staticImports(path.join(root, 'components/graph/bench-view.tsx')),
    ...staticImports(path.join(root, 'components/graph/topology-view.tsx')),
  ]);

  it('follow the imports (the canvas and the graph core are reached)', () => {
    expect(reached.has(path.join(root, 'components/graph/topology-canvas.tsx'))).toBe(true);
    expect(reached.has(path.join(root, 'server/core/graph/index.ts'))).toBe(true);
  });

  it.each(Object.entries(KEPT_OUT))('leave out %s: %s', (file) => {
    const chain = reached.get(path.join(root, file));
    expect(chain?.map((f) => path.relative(root, f)).join(' → ') ?? 'not reached').toBe('not reached');
  });
});
