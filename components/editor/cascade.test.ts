import { describe, expect, it } from 'vitest';
import { load } from '@/server/core/changes/plan.test-helper';
import { cascadeOf } from './cascade';

describe('cascadeOf', () => {
  const live = load('openstack');
  it("names a bridge's ports and the flows naming a deleted port", () => {
    expect(cascadeOf({ op: 'delete-bridge', name: 'br-ex' }, live)?.[0]).toMatch(
      /deleting bridge br-ex deletes its \d+ ports?: .*phy-br-ex/,
    );
    const flows = cascadeOf({ op: 'delete-port', name: 'phy-br-ex' }, live) ?? [];
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.every((m) => m.includes('phy-br-ex'))).toBe(true);
  });

  it("names a namespace's links, and nothing for other edits or unknown objects", () => {
    const ns = live.namespaces.find((n) => n.name.startsWith('qrouter-'));
    expect(cascadeOf({ op: 'delete-namespace', name: ns?.name }, live)?.[0]).toMatch(
      /deletes its \d+ links?/,
    );
    expect(cascadeOf({ op: 'add-namespace', name: 'x' }, live)).toBeNull();
    expect(cascadeOf({ op: 'delete-bridge', name: 'br-nope' }, live)).toBeNull();
    expect(cascadeOf(null, live)).toBeNull();
  });
});
