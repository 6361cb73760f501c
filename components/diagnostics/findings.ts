import { type GraphElement, isNode } from '@/server/core/graph';
import type { Finding, Severity } from '@/server/core/lint';
import { lintHost } from '@/server/core/lint';
import type { HostModel } from '@/server/core/model';
import { hostAddresses } from '@/server/core/relations';

/** A lint finding and the host it was found on, with the graph elements that stand for its objects. */
export interface HostFinding extends Finding {
  host: string;
  /** Ids of the graph elements drawing the finding's objects (an interface → its port's node). */
  elementIds: string[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Graph element id by host and model id, from what each node represents. */
export function representIndex(elements: readonly GraphElement[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const el of elements) {
    if (!isNode(el)) continue;
    for (const id of el.data.represents) {
      const key = `${el.data.host}\u0000${id}`;
      if (!index.has(key)) index.set(key, el.data.id);
    }
  }
  return index;
}

/**
 * Lint of every host drawn; each host's tunnels are judged against the others drawn (a tunnel to a
 * host not on the screen is not "unknown": the inventory may know it, so no known hosts are given
 * when only one host is drawn).
 */
export function hostFindings(models: readonly HostModel[], elements: readonly GraphElement[]): HostFinding[] {
  const index = representIndex(elements);
  const known =
    models.length > 1 ? models.map((m) => ({ name: m.host, addresses: hostAddresses(m) })) : undefined;
  return models.flatMap((model) =>
    lintHost(model, known ? { knownHosts: known.filter((k) => k.name !== model.host) } : {}).map((f) => ({
      ...f,
      host: model.host,
      elementIds: [
        ...new Set(
          f.objects
            .map((o) => index.get(`${model.host}\u0000${o}`))
            .filter((id): id is string => id !== undefined),
        ),
      ],
    })),
  );
}

/** The worst severity per element, as a class the canvas styles (`finding-error` …). */
export function findingMarks(findings: readonly HostFinding[]): Map<string, string> {
  const worst = new Map<string, Severity>();
  for (const f of findings) {
    for (const id of f.elementIds) {
      const cur = worst.get(id);
      if (cur === undefined || RANK[f.severity] < RANK[cur]) worst.set(id, f.severity);
    }
  }
  return new Map([...worst].map(([id, s]) => [id, `finding-${s}`]));
}

/** Counts by severity, for the toolbar. */
export function countBySeverity(findings: readonly HostFinding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** Marks of several sources on one element joined into one class list (findings and a trace). */
export function joinMarks(...sources: ReadonlyMap<string, string>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of sources)
    for (const [id, cls] of source) out.set(id, out.has(id) ? `${out.get(id)} ${cls}` : cls);
  return out;
}
