import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitStream } from './stream';

/** Test-only: reads a fixture captured from a scratch or lab host (see fixtures/README.md). */
export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}

/** Test-only: stdout of one part of a captured collection stream. */
export function fixturePart(file: string, part: string, arg?: string): string {
  const section = splitStream(fixture(file)).sections.find((s) => s.part === part && s.arg === arg);
  if (!section) throw new Error(`fixture ${file} has no part ${part} ${arg ?? ''}`);
  return section.stdout;
}
