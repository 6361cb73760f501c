import type { HostModel } from '../model/schema';
import { type LintOptions, lintContext } from './context';
import { bondDegraded } from './rules/bond-degraded';
import { dupIp } from './rules/dup-ip';
import { dupMac } from './rules/dup-mac';
import { dupMacHost } from './rules/dup-mac-host';
import { flowUnknownPort } from './rules/flow-unknown-port';
import { ifaceError } from './rules/iface-error';
import { mtuMismatch } from './rules/mtu-mismatch';
import { patchDangling } from './rules/patch-dangling';
import { portDown } from './rules/port-down';
import { routerNoDefault } from './rules/router-no-default';
import { subnetOverlap } from './rules/subnet-overlap';
import { tunnelMtu } from './rules/tunnel-mtu';
import { tunnelUnknownRemote } from './rules/tunnel-unknown-remote';
import { vlanIsolated } from './rules/vlan-isolated';
import type { Finding, Rule, Severity } from './types';

export type { LintOptions } from './context';
export { lintContext } from './context';
export type * from './types';

/** Every rule, for lintHost, docs/lint.md and the UI. */
export const RULES: readonly Rule[] = [
  {
    id: 'dup-mac',
    severity: 'error',
    description: 'one MAC address on two devices of one L2 domain',
    check: dupMac,
  },
  {
    id: 'dup-ip',
    severity: 'error',
    description: 'one IP address on two links of one L2 domain',
    check: dupIp,
  },
  {
    id: 'patch-dangling',
    severity: 'error',
    description: 'a patch port without a working peer',
    check: patchDangling,
  },
  {
    id: 'iface-error',
    severity: 'error',
    description: 'an OVS interface with an error, or that OVS could not add (ofport -1)',
    check: ifaceError,
  },
  {
    id: 'dup-mac-host',
    severity: 'warning',
    description: 'one MAC address on two devices of the host, in different L2 domains',
    check: dupMacHost,
  },
  {
    id: 'mtu-mismatch',
    severity: 'warning',
    description: 'the two ends of a veth or patch pair with different MTUs',
    check: mtuMismatch,
  },
  {
    id: 'tunnel-mtu',
    severity: 'warning',
    description: 'a vxlan/geneve/gre tunnel whose underlay MTU is too small for its inner frames',
    check: tunnelMtu,
  },
  {
    id: 'router-no-default',
    severity: 'warning',
    description: 'a namespace with addresses on two or more links and no default route',
    check: routerNoDefault,
  },
  {
    id: 'subnet-overlap',
    severity: 'warning',
    description: 'overlapping subnets on different links of one namespace',
    check: subnetOverlap,
  },
  {
    id: 'vlan-isolated',
    severity: 'warning',
    description: 'a port alone in a VLAN that nothing carries off its bridge',
    check: vlanIsolated,
  },
  {
    id: 'flow-unknown-port',
    severity: 'warning',
    description: 'a flow whose in_port or output names a port the bridge does not have',
    check: flowUnknownPort,
  },
  {
    id: 'port-down',
    severity: 'warning',
    description: 'an interface on a bridge that is down or has no link',
    check: portDown,
  },
  {
    id: 'bond-degraded',
    severity: 'warning',
    description: 'a bond with more than one member and at most one usable',
    check: bondDegraded,
  },
  {
    id: 'tunnel-unknown-remote',
    severity: 'info',
    description: 'a tunnel to an address no known host owns',
    check: tunnelUnknownRemote,
  },
];

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Severity, then rule, then objects, then title: the same host always lists the same way. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    compare(a.rule, b.rule) ||
    compare(a.objects.join('\n'), b.objects.join('\n')) ||
    compare(a.title, b.title)
  );
}

/** Runs every rule on one host's model. Pure: the model is not changed. */
export function lintHost(model: HostModel, opts: LintOptions = {}): Finding[] {
  const ctx = lintContext(model, opts);
  return RULES.flatMap((rule) => rule.check(ctx)).sort(compareFindings);
}
