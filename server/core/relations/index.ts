import type { HostModel } from '../model/schema';
import { patchPairs } from './patch-pairs';
import { portBackings } from './port-backings';
import { tunnels } from './tunnels';
import type { KnownHost, Relations } from './types';
import { vethPairs } from './veth-pairs';
import { vlanRewrites } from './vlan-rewrites';
import { vlanMembership } from './vlans';
import { vmIdentities } from './vm-identity';

export { patchPairs } from './patch-pairs';
export { portBackings } from './port-backings';
export { hostAddresses, tunnels } from './tunnels';
export type * from './types';
export { vethPairs } from './veth-pairs';
export { vlanReach } from './vlan-reach';
export { describeVlanRewrite, vlanMatchOf, vlanRewrites } from './vlan-rewrites';
export { vlanMembership } from './vlans';
export { vmIdentities } from './vm-identity';

/** Every derived relation of one host; `knownHosts` lets tunnels name the host at remote_ip. */
export function deriveRelations(model: HostModel, knownHosts: KnownHost[] = []): Relations {
  return {
    patchPairs: patchPairs(model),
    vethPairs: vethPairs(model),
    portBackings: portBackings(model),
    tunnels: tunnels(model, knownHosts),
    vlans: vlanMembership(model),
    vlanRewrites: vlanRewrites(model),
    vmIdentities: vmIdentities(model),
  };
}
