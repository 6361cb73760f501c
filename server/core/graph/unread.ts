import type { HostModel, PartError } from '../model';

/** The parts read per namespace (parse-host.ts), by what an operator would call them. */
const NAMESPACE_PARTS: Record<string, string> = {
  links: 'links',
  route4: 'routes',
  route6: 'routes',
  rule4: 'rules',
  rule6: 'rules',
  nsids: 'peers',
};

/** Parts whose failure leaves the whole host's picture short. */
const HOST_PARTS: Record<string, string> = { ovsdb: 'Open vSwitch', netns: 'namespace list' };

/** What of a namespace could not be read (`routes` …), with the first reason; null when all was. */
export function namespaceUnread(model: HostModel, nsName: string): string | null {
  return summary(
    model.errors.filter((e) => e.part in NAMESPACE_PARTS && (e.arg ?? '') === nsName),
    NAMESPACE_PARTS,
  );
}

/**
 * What of the host as a whole could not be read (its OVS database, its namespace list); null when
 * all was. A missing OVS is not a failure: the ovsdb part then fails with "not found", which is
 * said too — the operator cannot tell an absent OVS from an unreadable one otherwise.
 */
export function hostUnread(model: HostModel): string | null {
  return summary(
    model.errors.filter((e) => e.part in HOST_PARTS && e.arg === undefined),
    HOST_PARTS,
  );
}

/** Whether the namespace's routes (either family) could not be read: "No routes" would mislead. */
export const routesUnread = (model: HostModel, nsName: string): PartError | undefined =>
  model.errors.find((e) => (e.part === 'route4' || e.part === 'route6') && (e.arg ?? '') === nsName);

function summary(errors: PartError[], names: Record<string, string>): string | null {
  const first = errors[0];
  if (!first) return null;
  const what = [...new Set(errors.map((e) => names[e.part]))].join(', ');
  return `${what} could not be read: ${first.message}`;
}
