import type { Bridge, HostModel, Interface, Link, Namespace, Port } from '@/server/core/model';

export type ModelObject =
  | { kind: 'bridge'; bridge: Bridge }
  | { kind: 'port'; port: Port; interfaces: Interface[]; bridge: Bridge | undefined }
  | { kind: 'iface'; iface: Interface }
  | { kind: 'namespace'; ns: Namespace }
  | { kind: 'link'; link: Link; ns: Namespace };

/** The model object behind a model id (`br:…`, `port:…`, `iface:…`, `ns:…`, `link:…`). */
export function lookup(model: HostModel, modelId: string): ModelObject | null {
  const ovs = model.ovs;
  if (modelId.startsWith('br:')) {
    const bridge = ovs?.bridges.find((b) => b.id === modelId);
    return bridge ? { kind: 'bridge', bridge } : null;
  }
  if (modelId.startsWith('port:')) {
    const port = ovs?.ports.find((p) => p.id === modelId);
    if (!port) return null;
    const interfaces = (ovs?.interfaces ?? []).filter((i) => port.interfaces.includes(i.id));
    return { kind: 'port', port, interfaces, bridge: ovs?.bridges.find((b) => b.name === port.bridge) };
  }
  if (modelId.startsWith('iface:')) {
    const iface = ovs?.interfaces.find((i) => i.id === modelId);
    return iface ? { kind: 'iface', iface } : null;
  }
  if (modelId.startsWith('ns:')) {
    const ns = model.namespaces.find((n) => n.id === modelId);
    return ns ? { kind: 'namespace', ns } : null;
  }
  if (modelId.startsWith('link:')) {
    for (const ns of model.namespaces) {
      const link = ns.links.find((l) => l.id === modelId);
      if (link) return { kind: 'link', link, ns };
    }
  }
  return null;
}

/** Kernel links a graph node also stands for (a port's root-namespace device, a namespace's lo). */
export function representedLinks(
  model: HostModel,
  represents: readonly string[],
): { link: Link; ns: Namespace }[] {
  const out: { link: Link; ns: Namespace }[] = [];
  for (const id of represents) {
    const o = id.startsWith('link:') ? lookup(model, id) : null;
    if (o?.kind === 'link') out.push({ link: o.link, ns: o.ns });
  }
  return out;
}
