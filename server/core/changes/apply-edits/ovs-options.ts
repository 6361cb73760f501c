import { parseIp } from '../cidr';
import { IFNAME_RE } from '../edits';
import type { ApplyContext } from './context';

export const TUNNEL_TYPES: readonly string[] = ['vxlan', 'gre', 'geneve'];
const TUNNEL_ONLY_KEYS = ['remote_ip', 'local_ip', 'key', 'dst_port'];

/** Largest `key` per tunnel type: a 24-bit VNI for vxlan and geneve, a 32-bit key for gre. */
const MAX_KEY: Record<string, number> = { vxlan: 16777215, geneve: 16777215, gre: 4294967295 };

/**
 * Checks an interface's options (the whole map after the edit) against its type: a patch port
 * names its peer, a tunnel its remote_ip; tunnel keys on other types are refused.
 */
export function checkOptions(
  ctx: ApplyContext,
  fieldBase: string,
  ifaceName: string,
  type: string,
  options: Record<string, string>,
  given: Record<string, string>,
): void {
  const field = (key: string) => `${fieldBase}.${key}`;
  const isTunnel = TUNNEL_TYPES.includes(type);
  for (const key of Object.keys(given)) {
    if (key === 'peer' && type !== 'patch')
      ctx.fail(field(key), `options.peer is only for patch ports; ${ifaceName} is of type ${type}`);
    if (TUNNEL_ONLY_KEYS.includes(key) && !isTunnel)
      ctx.fail(
        field(key),
        `options.${key} is only for tunnel ports (vxlan, gre, geneve); ${ifaceName} is of type ${type}`,
      );
  }
  if (type === 'patch') {
    const peer = options.peer;
    if (peer === undefined || peer === '')
      ctx.fail(
        field('peer'),
        `a patch port needs options.peer: the name of the patch port on the other bridge`,
      );
    else if (!IFNAME_RE.test(peer)) ctx.fail(field('peer'), `options.peer must be an interface name`);
    else if (peer === ifaceName) ctx.fail(field('peer'), `a patch port cannot be its own peer`);
  }
  if (!isTunnel) return;
  const remote = options.remote_ip;
  if (remote === undefined || remote === '')
    ctx.fail(
      field('remote_ip'),
      `a ${type} port needs options.remote_ip: the IP address of the far tunnel end (or "flow")`,
    );
  for (const key of ['remote_ip', 'local_ip']) {
    const value = options[key];
    if (value === undefined || value === '' || value === 'flow') continue;
    if (!parseIp(value))
      ctx.fail(field(key), `options.${key} ${value} is not an IPv4 or IPv6 address (or "flow")`);
  }
  if (remote && options.local_ip && remote !== 'flow' && options.local_ip !== 'flow') {
    const r = parseIp(remote);
    const l = parseIp(options.local_ip);
    if (r && l && r.family !== l.family)
      ctx.fail(field('local_ip'), `options.local_ip and options.remote_ip must be of one IP family`);
  }
  const key = options.key;
  if (key !== undefined && key !== 'flow') {
    const max = MAX_KEY[type] ?? 4294967295;
    if (!/^\d{1,10}$/.test(key) || Number(key) > max)
      ctx.fail(field('key'), `options.key must be "flow" or a number 0-${max} for ${type}`);
  }
  const dstPort = options.dst_port;
  if (dstPort !== undefined) {
    if (type === 'gre') ctx.fail(field('dst_port'), 'gre has no UDP port: drop options.dst_port');
    else if (!/^\d{1,5}$/.test(dstPort) || Number(dstPort) < 1 || Number(dstPort) > 65535)
      ctx.fail(field('dst_port'), 'options.dst_port must be a UDP port number 1-65535');
  }
}

/**
 * OVS VLAN settings that contradict each other: an access port carrying trunks, a trunk port with
 * an access tag, a native-VLAN mode without its native VLAN.
 */
export function vlanProblem(
  tag: number | null,
  trunks: readonly number[],
  mode: string | null,
): string | null {
  if (mode === 'access' && trunks.length > 0)
    return 'vlanMode access carries one VLAN (tag): clear trunks or choose a trunk/native mode';
  if (mode === 'trunk' && tag !== null)
    return 'vlanMode trunk takes no tag (OVS would ignore it): clear the tag or use native-tagged/native-untagged';
  if ((mode === 'native-tagged' || mode === 'native-untagged') && tag === null)
    return `vlanMode ${mode} needs a tag: the native VLAN`;
  if (mode === 'dot1q-tunnel' && tag === null)
    return 'vlanMode dot1q-tunnel needs a tag: the outer (service) VLAN';
  return null;
}
