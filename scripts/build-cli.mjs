// Bundles the CLI (scripts/cli/patchbay.ts and what it imports from server/) into ES modules
// under .build/cli/: one chunk per command, loaded when it runs. npm packages stay external
// (node_modules is there), `@/` is the repo root as in tsconfig.json.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function buildCli(root, out) {
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { patchbay: 'scripts/cli/patchbay.ts' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: out,
    // Output next to node_modules' parent so bare imports resolve from the repo.
    packages: 'external',
    alias: { '@': root, 'server-only': join(root, 'node_modules/server-only/empty.js') },
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
}
