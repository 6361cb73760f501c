#!/usr/bin/env node
// Package bin. Runs the CLI built ahead of time (.build/cli/patchbay.cjs, bundled by esbuild from
// scripts/cli/patchbay.ts; scripts/build-cli.mjs): no TypeScript is compiled at start-up, and a
// command evaluates only its own code. The bundle is rebuilt here (about 0.3 s) when one of the
// files it was built from changed since; its first line lists them. It is compiled with V8's code
// cache: one cache per command, written after the command's first run (functions compiled during
// a run are in it), so later runs skip parsing and compiling what they use (docs/performance.md
// "Cold CLI").
import { closeSync, fstatSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.build', 'cli');
const bundle = join(out, 'patchbay.cjs');
const HEADER = '// patchbay-cli '; // build-cli.mjs's HEADER_PREFIX, not imported: that loads esbuild

/**
 * The bundle's code and identity, read through one descriptor (a rebuild renaming a new bundle
 * into place meanwhile cannot pair this code with that file's cache); undefined without a bundle.
 */
function readBundle() {
  let fd;
  try {
    fd = openSync(bundle, 'r');
  } catch {
    return undefined;
  }
  try {
    const code = readFileSync(fd, 'utf8');
    const { mtimeMs, size } = fstatSync(fd);
    return { code, mtimeMs, size };
  } finally {
    closeSync(fd);
  }
}

/** Whether a file the bundle was built from changed (or went) since its build began, or it has no header. */
function isStale(code) {
  if (!code.startsWith(HEADER)) return true;
  const { builtAt, inputs } = JSON.parse(code.slice(HEADER.length, code.indexOf('\n')));
  for (const file of inputs) {
    try {
      if (statSync(join(root, file)).mtimeMs >= builtAt) return true;
    } catch {
      return true;
    }
  }
  return false;
}

let current = readBundle();
if (current === undefined || isStale(current.code)) {
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli(root, out);
  current = readBundle();
}
const { code, mtimeMs, size } = current;
// V8 checks a cache against the source's length only, so the file's identity names the cache: a
// rebuilt bundle never meets an old cache. The command names it too (each caches what it ran).
const command = /^[a-z][a-z-]{0,19}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
const cacheFile = join(out, `${command}.${Math.trunc(mtimeMs)}-${size}.v8cache`);
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // first run of this command on this build
}
const script = new Script(Module.wrap(code), { filename: bundle, cachedData });
const module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, out);
process.exitCode = await module.exports.main(process.argv.slice(2));
if (cachedData === undefined || script.cachedDataRejected) {
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  } catch {
    // a read-only checkout runs without the cache
  }
}
