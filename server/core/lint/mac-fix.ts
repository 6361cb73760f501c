import type { Edit } from '../changes/edits';
import type { LinkRef } from './devices';
import { stationMac } from './macs';
import type { LintContext } from './types';

/**
 * External ids with which a virtualisation or cloud layer claims a device (libvirt, Nova, Neutron,
 * OVN): that layer has the MAC in its own records and would put it back, or stop matching.
 */
const MANAGED_KEYS = ['attached-mac', 'iface-id', 'vm-uuid', 'vm-id'];

/**
 * A device whose MAC Patchbay may change: a veth end or the kernel device of an OVS internal port
 * without a requested MAC (`mac` column: OVS would set it back), not enslaved to a bond or team
 * (they share one MAC), and claimed by no VM or cloud record, on itself or on its veth peer (a
 * VM's or container's NIC is the far end of a veth whose OVS end carries the record).
 */
function editable(ctx: LintContext, id: string): LinkRef | null {
  const d = ctx.devices;
  const ref = d.links.get(id);
  if (!ref) return null;
  const iface = d.ifaceOf.get(id);
  if (iface?.mac) return null;
  if (ref.link.kind !== 'veth' && iface?.type !== 'internal') return null;
  const master =
    ref.link.master === undefined ? undefined : ref.ns.links.find((l) => l.name === ref.link.master);
  if (master?.kind === 'bond' || master?.kind === 'team') return null;
  const peer = d.peerOf.get(id);
  const records = [iface, peer === undefined ? undefined : d.ifaceOf.get(peer)];
  if (records.some((i) => i && MANAGED_KEYS.some((k) => i.externalIds[k] !== undefined))) return null;
  const mac = stationMac(ref.link.mac);
  if ((ctx.model.vms ?? []).some((vm) => vm.interfaces.some((n) => stationMac(n.mac) === mac))) return null;
  return ref;
}

/** Every station MAC the host knows of: kernel links, OVS interfaces and their records, VM NICs. */
function macsInUse(ctx: LintContext): Set<string> {
  const d = ctx.devices;
  const all = [
    ...[...d.links.values()].map((r) => r.link.mac),
    ...[...d.ifaces.values()].flatMap((i) => [i.macInUse, i.mac, i.externalIds['attached-mac']]),
    ...(ctx.model.vms ?? []).flatMap((vm) => vm.interfaces.map((n) => n.mac)),
  ];
  return new Set(all.map(stationMac).filter((m) => m !== null));
}

/** 32-bit FNV-1a. */
function fnv1a(text: string, basis = 0x811c9dc5): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A locally administered unicast MAC derived from `seed` (the same host and device always get the
 * same one), not in `used`.
 */
export function derivedMac(seed: string, used: ReadonlySet<string>): string {
  for (let attempt = 0; ; attempt++) {
    const text = `${seed}#${attempt}`;
    const a = fnv1a(text);
    const b = fnv1a(text, 0x050c5d1f);
    const bytes = [(a >>> 24) & 0xfc, a >>> 16, a >>> 8, a, b >>> 8, b].map((x) => x & 0xff);
    bytes[0] = (bytes[0] ?? 0) | 0x02;
    const mac = bytes.map((x) => x.toString(16).padStart(2, '0')).join(':');
    if (!used.has(mac)) return mac;
  }
}

/**
 * The fix for one MAC clash: a new MAC on every device of it but one, when Patchbay may change
 * them all (see editable). The device kept is the one Patchbay may not change, if there is
 * exactly one (a guest behind a tap, a Neutron port), else the first by id. None when two or more
 * may not change: then which one to renumber is a decision for whoever owns them.
 */
export function macClashFix(ctx: LintContext, ids: readonly string[]): Edit[] {
  const refs = ids.map((id) => ({ id, ref: editable(ctx, id) }));
  const fixed = refs.filter((r) => r.ref === null);
  if (fixed.length > 1) return [];
  const keep = fixed[0]?.id ?? ids[0];
  const used = macsInUse(ctx);
  const host = ctx.model.hostname ?? ctx.model.host;
  return refs.flatMap(({ id, ref }): Edit[] => {
    if (id === keep || ref === null) return [];
    const mac = derivedMac(`${host}/${id}`, used);
    used.add(mac);
    return [
      { op: 'set-link', ...(ref.ns.isRoot ? {} : { namespace: ref.ns.name }), name: ref.link.name, mac },
    ];
  });
}
