import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Flow, OvsState } from '../model/schema';
import { parseCollection } from '../parse-host';
import { parseFlows } from '../parsers/ofctl-flows';
import { buildTracePath } from './path';
import { parseTraceText } from './trace-text';
import type { TracePath } from './types';

/** Test-only: a file captured from a lab or scratch host (see fixtures/README.md). */
export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}

/** Test-only: the OVS state of a host's captured OVSDB read. */
export function ovsOf(host: string): OvsState | null {
  const scope = { ovsdb: true, flows: [], netns: false, namespaces: [] };
  return parseCollection(fixture(`${host}.ovsdb.txt`), { host, collectedAt: '' }, scope).ovs;
}

/** Test-only: a host's flows as the model reads them, from its captured dump-flows. */
export function flowsOf(host: string): Flow[] {
  return fixture(`${host}.flows.txt`)
    .split(/^@@ /m)
    .filter((s) => s.trim() !== '')
    .flatMap((section) => {
      const [bridge = '', ...lines] = section.split('\n');
      return parseFlows(lines.join('\n'), bridge.trim()).flows;
    });
}

/** Test-only: the path of a captured trace. */
export function traced(name: string, host: string, bridge: string, ovs = ovsOf(host)): TracePath {
  return buildTracePath({
    host,
    bridge,
    flow: name,
    trace: parseTraceText(fixture(`${name}.trace.txt`)),
    dpif: fixture(`${host}.dpif.txt`),
    ovs,
  });
}
