import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { PATCHBAY_VERSION } from './version';

it("matches package.json's version", () => {
  expect(PATCHBAY_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
});
