#!/usr/bin/env node
// Package bin. Runs the CLI built ahead of time (.build/cli/, bundled by esbuild from
// scripts/cli/patchbay.ts): no TypeScript is compiled at start-up, and each command loads only
// its own code. The bundle is rebuilt here when a source is newer than it (about 0.1 s).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.build', 'cli');
const entry = join(out, 'patchbay.js');

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

if (!existsSync(entry) || statSync(entry).mtimeMs < newestSource()) {
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli(root, out);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
