#!/usr/bin/env node
// Package bin: loads the TypeScript CLI through tsx, using the repo's tsconfig for the `@/` alias.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('./cli/patchbay.ts', {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
});
process.exitCode = await main(process.argv.slice(2));
