// Host specs as typed on the CLI: `scenario`, `scenario:name`, `scenario*N` (scenario-1..N).

export type HostSpec = { scenario: string; name: string };

/** Host names become file and namespace names; kernel names derive from the address, not the name. */
export const hostNamePattern = /^[a-z][a-z0-9-]{0,23}$/;
const scenarioPattern = /^[a-z][a-z0-9-]{0,40}$/;

export function parseSpec(spec: string): HostSpec[] {
  const star = /^([^*:]+)\*(\d+)$/.exec(spec);
  const colon = /^([^*:]+):([^*:]+)$/.exec(spec);
  let out: HostSpec[];
  if (star) {
    const [, scenario = '', n = '0'] = star;
    const count = Number(n);
    if (count < 1 || count > 200) throw new Error(`"${spec}": instance count must be 1..200`);
    out = Array.from({ length: count }, (_, k) => ({ scenario, name: `${scenario}-${k + 1}` }));
  } else if (colon) out = [{ scenario: colon[1] ?? '', name: colon[2] ?? '' }];
  else out = [{ scenario: spec, name: spec }];
  for (const h of out) {
    if (!scenarioPattern.test(h.scenario)) throw new Error(`"${spec}": bad scenario name "${h.scenario}"`);
    if (!hostNamePattern.test(h.name))
      throw new Error(
        `"${spec}": host name "${h.name}" must match ${hostNamePattern} (lower-case, ≤24 chars)`,
      );
  }
  return out;
}

/** Parse many specs; a name given twice is an error (two hosts cannot share a name). */
export function parseSpecs(specs: string[]): HostSpec[] {
  const all = specs.flatMap(parseSpec);
  const seen = new Set<string>();
  for (const h of all) {
    if (seen.has(h.name)) throw new Error(`host "${h.name}" requested twice`);
    seen.add(h.name);
  }
  return all;
}
