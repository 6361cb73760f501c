import type { Edit } from '../../changes/edits';
import type { Finding, LintContext } from '../types';

/** patch-dangling: a patch port whose peer is missing, points elsewhere, or that OVS refuses. */
export function patchDangling(ctx: LintContext): Finding[] {
  const d = ctx.devices;
  return ctx.relations.patchPairs.flatMap((pair): Finding[] => {
    if (pair.status !== 'dangling') return [];
    const iface = d.ifaces.get(pair.a);
    if (!iface) return [];
    const port = iface.port === null ? undefined : d.ports.get(iface.port);
    const peer = pair.b === null ? undefined : d.ifaces.get(pair.b);
    const peerPort = peer?.port ? d.ports.get(peer.port) : undefined;
    const objects = [
      iface.id,
      ...(port ? [port.id] : []),
      ...(peer ? [peer.id] : []),
      ...(peerPort ? [peerPort.id] : []),
    ];
    const where = iface.bridge ? ` on ${iface.bridge}` : '';
    // Only a port whose peer does not exist at all is safe to remove: when the peer exists,
    // the operator meant a pair and one of the two `peer` options is the typo.
    const fix: Edit[] =
      pair.b === null && port && iface.bridge
        ? [{ op: 'delete-port', name: port.name, bridge: iface.bridge }]
        : [];
    return [
      {
        rule: 'patch-dangling',
        severity: 'error',
        objects,
        title: `patch port ${iface.name}${where} has no working peer: ${pair.reason ?? 'unknown reason'}`,
        explanation:
          `A patch port joins two bridges only when its \`peer\` option names a patch port that names it back, ` +
          `on a bridge of the same datapath type. ${iface.name} is not in such a pair, so everything ` +
          `the bridge sends into it is dropped and nothing ever arrives from it. ` +
          (fix.length > 0
            ? 'Its peer does not exist: delete the leftover port, or add the missing peer.'
            : 'Make the two ends name each other (or fix the error OVS reports).'),
        ...(fix.length > 0 ? { fix } : {}),
      },
    ];
  });
}
