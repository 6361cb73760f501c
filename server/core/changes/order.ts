import type { Step, StepPhase } from './types';

/**
 * Execution order of a plan. A plan runs in these groups, top to bottom; inside a group steps are
 * sorted by a key (ascending for groups that add, DESCENDING for groups that remove), so the
 * groups form a mirror: group g's removals undo what group (last − g)'s additions do, and the plan
 * of (desired → current) runs the inverses of the plan of (current → desired) in reverse order
 * (exactly so for additions and removals; the self-inverse middle groups — moves and changes —
 * keep their own order).
 *
 *  1. flow-remove       flows first: ovs-ofctl resolves port names, so a flow naming a port goes
 *                       before the port; flows of a deleted bridge are deleted explicitly so that
 *                       rollback can re-add them after the bridge is re-created.
 *  2. route-remove      routes before the addresses that make their gateways on-link,
 *  3. address-remove    addresses before their links,
 *  4. link-unsettle     devices OVS or `ip netns` own (internal ports, a bridge's own port, lo of a
 *                       deleted namespace): moved back to the root namespace / set down before the
 *                       OVSDB transaction deletes them,
 *  5. namespace-add     namespaces before links are created or moved into them,
 *  6. link-create       veth pairs, dummies, Linux bridges (first), VLAN/VXLAN/macvlan (last): a
 *                       system port's kernel device exists before `add-port`,
 *  7. link-move         `ip link set dev X netns B` (source and target namespaces both exist),
 *  8. link-change       up/down, mtu, address, master,
 *  9. ovsdb             ONE ovs-vsctl transaction, in this order: port removals, bridge removals,
 *                       bridge/port/interface changes, bridge additions, port additions,
 * 10. link-delete       after OVSDB let go of a system port's device,
 * 11. namespace-remove  after its links were deleted or moved out,
 * 12. link-settle       devices OVS just created (internal ports): moved into their namespace, up,
 * 13. address-add       on links that now exist where they should,
 * 14. route-add         (and route changes: `ip route replace`) once gateways are on-link,
 * 15. flow-add          (and flow changes: `mod-flows --strict`) once every port they name exists.
 */
export const GROUPS = [
  ['flow-remove', 'flow', 'desc'],
  ['route-remove', 'kernel', 'desc'],
  ['address-remove', 'kernel', 'desc'],
  ['link-unsettle', 'kernel', 'desc'],
  ['namespace-add', 'kernel', 'asc'],
  ['link-create', 'kernel', 'asc'],
  ['link-move', 'kernel', 'asc'],
  ['link-change', 'kernel', 'asc'],
  ['ovsdb-port-remove', 'ovsdb', 'desc'],
  ['ovsdb-bridge-remove', 'ovsdb', 'desc'],
  ['ovsdb-change', 'ovsdb', 'asc'],
  ['ovsdb-bridge-add', 'ovsdb', 'asc'],
  ['ovsdb-port-add', 'ovsdb', 'asc'],
  ['link-delete', 'kernel', 'desc'],
  ['namespace-remove', 'kernel', 'desc'],
  ['link-settle', 'kernel', 'asc'],
  ['address-add', 'kernel', 'asc'],
  ['route-add', 'kernel', 'asc'],
  ['flow-add', 'flow', 'asc'],
] as const satisfies readonly (readonly [string, StepPhase, 'asc' | 'desc'])[];

export type Group = (typeof GROUPS)[number][0];

/** A step before ordering: its group and sort key decide its position. */
export interface DraftStep extends Omit<Step, 'n' | 'phase'> {
  group: Group;
  key: string;
}

const RANK = new Map<Group, { rank: number; phase: StepPhase; desc: boolean }>(
  GROUPS.map(([g, phase, dir], rank) => [g, { rank, phase, desc: dir === 'desc' }]),
);

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders drafts into numbered steps (n = 0…k in execution order). */
export function orderSteps(drafts: readonly DraftStep[]): Step[] {
  const info = (d: DraftStep) => RANK.get(d.group) ?? { rank: 0, phase: 'kernel' as const, desc: false };
  const sorted = [...drafts].sort((a, b) => {
    const ia = info(a);
    const ib = info(b);
    if (ia.rank !== ib.rank) return ia.rank - ib.rank;
    return ia.desc ? cmp(b.key, a.key) : cmp(a.key, b.key);
  });
  return sorted.map(({ group, key: _k, ...rest }, n) => ({
    n,
    phase: info({ group } as DraftStep).phase,
    ...rest,
  }));
}
