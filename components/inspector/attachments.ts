import type { HostModel } from '@/server/core/model';
import { portBackings, vethPairs } from '@/server/core/relations';

/** A link id's namespace and name, from `link:<ns>/<ifname>` ("" = root namespace). */
function linkName(id: string): { ns: string; name: string } {
  const body = id.slice('link:'.length);
  const slash = body.lastIndexOf('/');
  return { ns: body.slice(0, slash), name: body.slice(slash + 1) };
}

/**
 * What each kernel link of a host is plugged into, in words for the inspector: the OVS bridge
 * whose port it backs ("port of br-ex") or the other end of its veth ("veth ↔ tap1 in root").
 * This is what answers "which namespace routes via which port".
 */
export function linkAttachments(model: HostModel): Map<string, string> {
  const ports = new Map<string, string>();
  const bridgeOf = new Map((model.ovs?.interfaces ?? []).map((i) => [i.id, i.bridge]));
  for (const b of portBackings(model)) {
    const bridge = bridgeOf.get(b.iface);
    if (b.link && bridge) ports.set(b.link, `port of ${bridge}`);
  }
  const out = new Map(ports);
  for (const pair of vethPairs(model)) {
    if (!pair.b) continue;
    for (const [self, other] of [
      [pair.a, pair.b],
      [pair.b, pair.a],
    ] as const) {
      if (out.has(self)) continue;
      const o = linkName(other);
      const onBridge = ports.get(other);
      out.set(self, `veth ↔ ${o.name} in ${o.ns || 'root'}${onBridge ? ` (${onBridge})` : ''}`);
    }
  }
  return out;
}
