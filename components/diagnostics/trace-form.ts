import type { HostModel } from '@/server/core/model';
import { requestFromNamespace, TraceRequest } from '@/server/core/trace';

/** The trace form's fields, as typed. */
export interface TraceFormValues {
  source: 'port' | 'namespace';
  bridge: string;
  inPort: string;
  vlan: string;
  protocol: string;
  dlSrc: string;
  dlDst: string;
  nwSrc: string;
  nwDst: string;
  tpDst: string;
  namespace: string;
  dst: string;
}

/** The ports of a bridge, by name, for the in-port picker. */
export function portsOf(model: HostModel, bridge: string): string[] {
  return (model.ovs?.ports ?? []).filter((x) => x.bridge === bridge).map((x) => x.name);
}

/**
 * The form as it opens: from the selected port when there is one (else the first bridge's first
 * port), a broadcast, untagged; the first namespace for the namespace source.
 */
export function initialTraceForm(
  model: HostModel,
  port: { bridge: string; port: string } | null,
): TraceFormValues {
  const bridge = port?.bridge ?? model.ovs?.bridges[0]?.name ?? '';
  return {
    source: 'port',
    bridge,
    inPort: port?.port ?? portsOf(model, bridge)[0] ?? '',
    vlan: '',
    protocol: '',
    dlSrc: '',
    dlDst: 'ff:ff:ff:ff:ff:ff',
    nwSrc: '',
    nwDst: '',
    tpDst: '',
    namespace: model.namespaces.find((n) => !n.isRoot)?.name ?? '',
    dst: '',
  };
}

const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
const num = (v: string) => (opt(v) === undefined ? undefined : Number(v));
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));

/**
 * The form → a trace request, checked with the API's own schema (problems name their field), or
 * for a namespace source, the request its route would send (the route, link and port behind it).
 */
export function traceRequestOf(
  model: HostModel,
  v: TraceFormValues,
): { ok: true; request: TraceRequest; note: string | null } | { ok: false; problems: string[] } {
  if (v.source === 'namespace') {
    const from = requestFromNamespace(model, v.namespace, v.dst.trim());
    if (!from.ok) return { ok: false, problems: [from.error] };
    const via = from.gateway ? ` via ${from.gateway}` : '';
    return {
      ok: true,
      request: from.request,
      note: `${v.namespace} sends to ${v.dst.trim()} by ${from.link}${via}, into OVS at ${from.port}`,
    };
  }
  const parsed = TraceRequest.safeParse({
    bridge: v.bridge,
    packet: defined({
      in_port: v.inPort,
      dl_vlan: num(v.vlan),
      protocol: opt(v.protocol),
      dl_src: opt(v.dlSrc),
      dl_dst: opt(v.dlDst),
      nw_src: opt(v.nwSrc),
      nw_dst: opt(v.nwDst),
      tp_dst: num(v.tpDst),
    }),
  });
  if (parsed.success) return { ok: true, request: parsed.data, note: null };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${i.path.slice(-1).join('.') || 'request'}: ${i.message}`),
  };
}

/** Classes for the graph: the path, where it left, and the bridge that dropped it. */
export function traceMarks(path: {
  elements: readonly string[];
  fate:
    | { kind: 'output'; ports: readonly { element: string }[] }
    | { kind: 'drop'; hop: number | null }
    | { kind: 'controller' | 'unknown' };
  hops: readonly { index: number; bridgeElement: string }[];
}): Map<string, string> {
  const out = new Map<string, string>(path.elements.map((id) => [id, 'traced']));
  if (path.fate.kind === 'output') for (const p of path.fate.ports) out.set(p.element, 'traced trace-out');
  if (path.fate.kind === 'drop') {
    const hop = path.fate.hop;
    const bridge = path.hops.find((h) => h.index === hop)?.bridgeElement;
    if (bridge) out.set(bridge, 'traced trace-drop');
  }
  return out;
}
