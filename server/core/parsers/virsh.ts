/**
 * libvirt's view of the host's VMs, from read-only virsh: `virsh -r list --all --uuid` (the
 * `virsh` part) and, per domain, `virsh -r domstate` followed by `virsh -r dumpxml` (the
 * `domain <uuid>` part). Only what names a VM and its network interfaces is kept.
 */

import { vmId } from '../model/identity';
import type { Vm, VmInterface } from '../model/schema';
import { child, childrenNamed, parseXml, type XmlElement } from './xml';

/** Domains read per host at most: each costs two virsh calls (see server/collect/script.ts). */
export const VIRSH_MAX_DOMAINS = 200;

/** Domain uuids, one per line, as `virsh list --uuid` prints them. */
export function parseVirshList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const attr = (el: XmlElement | undefined, name: string): string | null => el?.attrs[name] || null;

function vmInterface(el: XmlElement): VmInterface {
  const source = child(el, 'source');
  const virtualport = child(el, 'virtualport');
  return {
    type: attr(el, 'type') ?? 'unknown',
    target: attr(child(el, 'target'), 'dev'),
    mac: attr(child(el, 'mac'), 'address')?.toLowerCase() ?? null,
    // bridge/network/direct name what the NIC is plugged into; vhostuser a socket path.
    source: attr(source, 'bridge') ?? attr(source, 'network') ?? attr(source, 'dev') ?? attr(source, 'path'),
    model: attr(child(el, 'model'), 'type'),
    interfaceId:
      attr(virtualport, 'type') === 'openvswitch'
        ? attr(child(virtualport, 'parameters'), 'interfaceid')
        : null,
  };
}

/**
 * One `domain` part: domstate's line (`running`, `shut off`, …), then the domain XML. Returns
 * null with the reason when the output holds no usable domain.
 */
export function parseVirshDomain(text: string): { vm: Vm | null; errors: string[] } {
  const xmlAt = text.indexOf('<');
  if (xmlAt === -1) return { vm: null, errors: ['no domain XML in virsh output'] };
  const state = text.slice(0, xmlAt).trim().split('\n')[0]?.trim() || 'unknown';
  const { root, error } = parseXml(text.slice(xmlAt));
  if (root?.name !== 'domain')
    return { vm: null, errors: [`unreadable domain XML: ${error ?? `<${root?.name}> is not <domain>`}`] };
  const name = child(root, 'name')?.text.trim();
  const uuid = child(root, 'uuid')?.text.trim();
  if (!name || !uuid) return { vm: null, errors: ['domain XML without <name> or <uuid>'] };
  const interfaces = childrenNamed(child(root, 'devices'), 'interface').map(vmInterface);
  return { vm: { id: vmId(name), name, uuid: uuid.toLowerCase(), state, interfaces }, errors: [] };
}
