import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Test-only: a paste fixture (see fixtures/README.md). */
export function pasteFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}
