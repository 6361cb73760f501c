import type { OvsState } from '@/server/core/model';
import { TraceError } from './errors';

/** What the host said when `ovs-appctl ofproto/trace` failed, and what to do about it. */
export interface TraceFailure {
  host: string;
  /** The login user, for the permission advice. */
  user: string;
  bridge: string;
  inPort: string;
  code: number | null;
  stderr: string;
  /** The host's OVS state, to list the bridges or ports that do exist; null when unread. */
  ovs: OvsState | null;
}

/**
 * ovs-appctl's own messages (OVS 2.x–3.x) turned into one sentence naming the cause and the fix:
 *   br-nope: unknown bridge
 *   Bad openflow flow syntax: in_port=nope: bad value for in_port (nope: invalid or unknown port …)
 *   ovs-appctl: cannot read pidfile "/var/run/openvswitch/ovs-vswitchd.pid" (Permission denied)
 *   sh: 1: ovs-appctl: not found   (exit status 127)
 */
export function explainFailure(f: TraceFailure): TraceError {
  const said =
    f.stderr
      .trim()
      .split('\n')
      .filter((l) => !/\|(WARN|ERR|INFO)\|/.test(l))
      .join(' ') || `exit status ${f.code}`;
  if (f.code === 127 || /ovs-appctl: (command )?not found/.test(said))
    return new TraceError(
      'OVS_MISSING',
      `ovs-appctl is not installed on ${f.host} (or not on the PATH of ${f.user}): install Open vSwitch there, or trace on the host that runs the bridge`,
    );
  if (/unknown bridge/.test(said)) {
    const bridges = f.ovs?.bridges.map((b) => b.name).sort() ?? [];
    return new TraceError(
      'BRIDGE_NOT_FOUND',
      `bridge ${f.bridge} does not exist on ${f.host}${bridges.length > 0 ? ` (its bridges: ${bridges.join(', ')})` : ''}`,
    );
  }
  if (/bad value for in_port/.test(said)) {
    const ports =
      f.ovs?.ports
        .filter((p) => p.bridge === f.bridge)
        .map((p) => p.name)
        .sort() ?? [];
    return new TraceError(
      'BAD_FLOW',
      `port ${f.inPort} is not on bridge ${f.bridge} of ${f.host}${ports.length > 0 ? ` (its ports: ${ports.join(', ')})` : ''}`,
    );
  }
  const syntax = /Bad openflow flow syntax: (.*?)(?: ovs-appctl:.*)?$/.exec(said);
  if (syntax) return new TraceError('BAD_FLOW', `Open vSwitch on ${f.host} refused the flow: ${syntax[1]}`);
  if (/Permission denied/.test(said))
    return new TraceError(
      'PERMISSION_DENIED',
      `${f.user} may not talk to ovs-vswitchd on ${f.host} (${said}): connect as root, or turn on sudo for this host (${f.user} needs passwordless sudo)`,
    );
  if (/cannot read pidfile|cannot connect to|No such file or directory/.test(said))
    return new TraceError('OVS_NOT_RUNNING', `ovs-vswitchd is not running on ${f.host}: ${said}`);
  return new TraceError('TRACE_FAILED', `ovs-appctl ofproto/trace failed on ${f.host}: ${said}`);
}
