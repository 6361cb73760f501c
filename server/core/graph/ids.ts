/**
 * Graph element ids. One graph may show several hosts, and model ids (`br:br-int`) repeat across
 * hosts, so every element id is the model id prefixed with the host's inventory name.
 */
const SEP = '|';

export const hostElementId = (host: string): string => `host:${host}`;
export const elementId = (host: string, modelId: string): string => `${host}${SEP}${modelId}`;
/** A missing object another one names (a patch peer), keyed by who names it. */
export const ghostElementId = (host: string, namedBy: string, name: string): string =>
  `${host}${SEP}ghost:${namedBy}->${name}`;

/** An edge's id: its ends sorted, so a relation seen from both sides (a patch pair) is one edge. */
export const edgeElementId = (kind: string, a: string, b: string): string =>
  a < b ? `${kind}:${a}~${b}` : `${kind}:${b}~${a}`;

/** Host and model id of an element id; null for host containers and ids of another form. */
export function splitElementId(id: string): { host: string; modelId: string } | null {
  const at = id.indexOf(SEP);
  if (at <= 0) return null;
  return { host: id.slice(0, at), modelId: id.slice(at + 1) };
}
