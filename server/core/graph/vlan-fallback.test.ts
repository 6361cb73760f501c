import { expect, it } from 'vitest';
import { labModel } from '../changes/apply-edits.test-helper';
import type { HostModel } from '../model';
import { REACH_MAX_FLOWS, toElements } from './from-models';
import { isNode } from './types';
import { vlanMembers } from './vlan';

/** The aio host with its first flow copied until the host has more flows than are followed. */
function withManyFlows(m: HostModel): HostModel {
  const bridges = m.ovs?.bridges ?? [];
  const first = bridges.flatMap((b) => b.flows ?? [])[0];
  if (!first || !m.ovs) throw new Error('the aio fixture has flows');
  const extra = Array.from({ length: REACH_MAX_FLOWS + 1 }, (_, i) => ({
    ...first,
    id: `${first.id}#x${i}`,
  }));
  return {
    ...m,
    ovs: {
      ...m.ovs,
      bridges: bridges.map((b) =>
        b.name === first.bridge ? { ...b, flows: [...(b.flows ?? []), ...extra] } : b,
      ),
    },
  };
}

it('follows the flows on a typical host, and falls back to tags on a very big one', () => {
  const small = toElements([labModel('aio')]);
  expect(small.filter(isNode).every((n) => n.data.carries !== undefined)).toBe(true);

  const big = toElements([withManyFlows(labModel('aio'))]);
  expect(big.filter(isNode).some((n) => n.data.carries !== undefined)).toBe(false);
  // By tags, VLAN 2's port and everything carrying all VLANs stay members.
  const members = vlanMembers(big, 2);
  const tagged = big.filter((el) => isNode(el) && el.data.vlans.includes(2)).map((el) => el.data.id);
  expect(tagged.length).toBeGreaterThan(0);
  for (const id of tagged) expect(members.has(id)).toBe(true);
});
