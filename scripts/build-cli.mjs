// Bundles the CLI (scripts/cli/patchbay.ts, what it imports from server/ and the npm packages it
// uses) into one CommonJS file, .build/cli/patchbay.cjs, for scripts/patchbay.mjs to run with V8's
// code cache. One file because resolving and compiling zod's and ssh2's many small modules was a
// large part of a cold start; CommonJS because Node 20 caches compiled code only through vm.Script.
// Each command's code is still evaluated only when it runs (esbuild turns `await import()` into a
// lazy require). What loads files from its own package directory at run time (PGlite's WASM and
// data, native add-ons) stays external and resolves from the repo's node_modules.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The bundle's file name under the output directory. */
export const CLI_BUNDLE = 'patchbay.cjs';

/**
 * The bundle's first line: `// patchbay-cli {"builtAt":…,"inputs":[…]}`, the build's start time
 * and the files it was built from (the repo's own sources as esbuild's metafile names them, the
 * lock file for the packages, the build's own settings). The launcher stats only these to know
 * the bundle is current (~4 ms, against ~18 ms for walking every source file), and they travel in
 * the bundle itself, so no other file can disagree with it.
 */
export const HEADER_PREFIX = '// patchbay-cli ';

export async function buildCli(root, out) {
  mkdirSync(out, { recursive: true });
  // Built aside and renamed into place: a CLI started meanwhile reads the old file or the new one,
  // never half of one, and the new file's identity (mtime, size) keys its code caches.
  const tmp = join(out, `${CLI_BUNDLE}.${process.pid}.tmp`);
  const builtAt = Date.now();
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['scripts/cli/patchbay.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: tmp,
      write: false,
      metafile: true,
      external: ['@electric-sql/pglite', 'pg', 'pg-native', 'cpu-features', '*.node'],
      alias: { '@': root, 'server-only': join(root, 'node_modules/server-only/empty.js') },
      tsconfig: join(root, 'tsconfig.json'),
      // Less to read, hash and deserialize at each start; names kept for errors and stack traces.
      minify: true,
      keepNames: true,
      logLevel: 'warning',
    });
    const inputs = [
      ...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')),
      'package-lock.json',
      'tsconfig.json',
      'scripts/build-cli.mjs',
    ];
    const header = `${HEADER_PREFIX}${JSON.stringify({ builtAt, inputs })}\n`;
    writeFileSync(tmp, header + result.outputFiles[0].text);
    renameSync(tmp, join(out, CLI_BUNDLE));
    // The previous build's code caches (and files of older layouts of this directory).
    for (const f of readdirSync(out))
      if (f !== CLI_BUNDLE && !f.endsWith('.tmp')) rmSync(join(out, f), { force: true });
  } finally {
    rmSync(tmp, { force: true });
  }
}
