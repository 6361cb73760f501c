#!/usr/bin/env node
// Package bin. Runs the CLI built ahead of time (.build/cli/patchbay.cjs, bundled by esbuild from
// scripts/cli/patchbay.ts; scripts/build-cli.mjs): no TypeScript is compiled at start-up, and a
// command evaluates only its own code. The bundle is rebuilt here when a source is newer than it
// (about 0.3 s). It is compiled with V8's code cache: one cache per command, written after the
// command's first run (functions compiled during a run are in it), so later runs skip parsing
// and compiling what they use (docs/performance.md "Cold CLI").
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.build', 'cli');
const bundle = join(out, 'patchbay.cjs');

/** Newest modification time under the CLI's sources (server/ and scripts/ TypeScript, the lock file). */
function newestSource() {
  let newest = statSync(join(root, 'package-lock.json')).mtimeMs;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(join(root, 'server'));
  walk(join(root, 'scripts'));
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource()) {
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli(root, out);
}

// Read and identified through one descriptor: a rebuild renaming a new bundle into place meanwhile
// cannot pair this code with that file's cache.
const fd = openSync(bundle, 'r');
const code = readFileSync(fd, 'utf8');
const { mtimeMs, size } = fstatSync(fd);
closeSync(fd);
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
