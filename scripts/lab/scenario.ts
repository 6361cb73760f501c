import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { expandRepeats, resolveRefs } from './expand';
import { scenariosDir } from './paths';
import { type Scenario, scenarioSchema } from './scenario-schema';

export function listScenarios(dir = scenariosDir): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function readScenarioDocument(name: string, dir = scenariosDir): unknown {
  const file = path.join(dir, `${name}.yaml`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`unknown scenario "${name}" (have: ${listScenarios(dir).join(', ')})`);
  }
  return parse(text);
}

/** Expand generators, resolve host references, validate. Pure given the document. */
export function compileScenario(doc: unknown, self: string, resolveHost: (name: string) => string): Scenario {
  const resolved = resolveRefs(expandRepeats(doc), self, resolveHost);
  const parsed = scenarioSchema.safeParse(resolved);
  if (!parsed.success) throw new Error(`invalid scenario: ${parsed.error.message}`);
  return parsed.data;
}

export function loadScenario(
  name: string,
  self: string,
  resolveHost: (name: string) => string,
  dir = scenariosDir,
): Scenario {
  try {
    return compileScenario(readScenarioDocument(name, dir), self, resolveHost);
  } catch (e) {
    throw new Error(`scenario ${name}: ${(e as Error).message}`);
  }
}
