/**
 * The model's plain constants, apart from its zod schema (schema.ts): code that needs only these —
 * the graph's stylesheet and legend, relations, lint, all in the graph page's first script — does
 * not build every schema of the model when it loads (~13 ms of the page's start, unminified).
 */

/** The snapshot format's version (docs/snapshot-format.md): bump it on any breaking change of schema.ts. */
export const SCHEMA_VERSION = 1 as const;

const TUNNELS = [
  'vxlan',
  'gre',
  'geneve',
  'stt',
  'lisp',
  'erspan',
  'ip6erspan',
  'ip6gre',
  'gtpu',
  'bareudp',
  'srv6',
] as const;

/** OVS interface types that are tunnels to another host. */
export const TUNNEL_INTERFACE_TYPES: readonly string[] = TUNNELS;

/**
 * Interface types OVS knows. The model keeps the type as a plain string (schema.ts `Interface`),
 * so a type missing here still parses; OVSDB "" is reported as `system`.
 */
export const KNOWN_INTERFACE_TYPES = [
  'system',
  'internal',
  'patch',
  ...TUNNELS,
  'tap',
  'dpdk',
  'dpdkvhostuser',
  'dpdkvhostuserclient',
  'afxdp',
  'afxdp-nonpmd',
] as const;
