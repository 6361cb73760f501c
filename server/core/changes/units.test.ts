import { describe, expect, it } from 'vitest';
import type { HostModel } from '../model/schema';
import { applyEdits } from './apply-edits';
import { bundleLine, bundleVersion } from './commands-flow';
import { plan } from './plan';
import { load, newBridge } from './plan.test-helper';
import { parsePlan } from './plan-schema';
import { planCommands, planInverseCommands } from './render';
import { shCommand } from './shell-quote';
import type { Plan } from './types';
import { undoUnits, unitsOf } from './units';

function planned(current: HostModel, edits: unknown[]): Plan {
  const r = applyEdits(current, edits);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return plan(current, r.desired);
}

const withVersion = (m: HostModel, version: string | null): HostModel => {
  if (m.ovs) m.ovs.system.ovsVersion = version;
  return m;
};

const FLOWS = [
  { op: 'add-flow', bridge: 'br-ex', priority: 7, match: 'dl_vlan=7', actions: 'drop' },
  { op: 'add-flow', bridge: 'br-ex', priority: 8, match: 'dl_vlan=8', actions: 'drop' },
  { op: 'delete-flow', bridge: 'br-ex', table: 0, priority: 2, match: 'in_port=phy-br-ex' },
  { op: 'add-flow', bridge: 'br-int', priority: 9, match: 'dl_vlan=9', actions: 'drop' },
];

describe('bundleVersion', () => {
  it('follows the bridge protocols, else OVS 2.8+ defaults; an unknown version is not assumed new', () => {
    expect(bundleVersion(newBridge('b', { protocols: ['OpenFlow13'] }), '3.1.0')).toBeNull();
    expect(bundleVersion(newBridge('b', { protocols: ['OpenFlow13', 'OpenFlow14'] }), null)).toBe(
      'OpenFlow14',
    );
    expect(bundleVersion(newBridge('b', { protocols: ['OpenFlow14', 'OpenFlow15'] }), null)).toBe(
      'OpenFlow15',
    );
    expect(bundleVersion(newBridge('b'), '3.1.0')).toBe('OpenFlow14');
    expect(bundleVersion(newBridge('b'), '2.8.0')).toBe('OpenFlow14');
    expect(bundleVersion(newBridge('b'), '2.7.9')).toBeNull();
    expect(bundleVersion(newBridge('b'), null)).toBeNull();
    expect(bundleVersion(newBridge('b'), 'weird')).toBeNull();
  });
});

describe('unitsOf with flow bundles', () => {
  it("commits one bridge's flow changes as one bundle, its undo as another, per bridge", () => {
    const p = planned(withVersion(load('aio'), '3.1.0'), FLOWS);
    const units = unitsOf(p);
    const ofctl = units.filter((u) => u.forward[0]?.argv[0] === 'ovs-ofctl');
    expect(ofctl.map((u) => u.forward[0]?.argv)).toEqual([
      ['ovs-ofctl', '-O', 'OpenFlow14', '--bundle', 'add-flows', 'br-ex', '-'],
      ['ovs-ofctl', '-O', 'OpenFlow14', '--bundle', 'add-flows', 'br-int', '-'],
    ]);
    // The removal runs first (flow-remove group); with nothing between, br-ex's three changes
    // share one bundle.
    expect(ofctl[0]?.forward[0]?.input).toEqual([
      'delete_strict table=0,priority=2,in_port=phy-br-ex',
      'add table=0,priority=7,dl_vlan=7,actions=drop',
      'add table=0,priority=8,dl_vlan=8,actions=drop',
    ]);
    expect(ofctl[0]?.steps).toHaveLength(3);
    // A failed bundle changed nothing (atomic): nothing to undo; a committed one undoes in reverse.
    expect(ofctl[0]?.undo[0]).toEqual([]);
    expect(ofctl[0]?.undo[1]?.[0]?.input).toEqual([
      'delete_strict table=0,priority=8,dl_vlan=8',
      'delete_strict table=0,priority=7,dl_vlan=7',
      'add table=0,priority=2,in_port=phy-br-ex,actions=drop',
    ]);
    // undoUnits of the whole run: last unit first.
    expect(undoUnits(units)[0]?.forward[0]?.argv.at(-2)).toBe('br-int');
  });

  it('runs flows one by one where the bridge cannot bundle', () => {
    const p = planned(withVersion(load('aio'), null), FLOWS);
    const ofctl = unitsOf(p).filter((u) => u.forward[0]?.argv[0] === 'ovs-ofctl');
    expect(ofctl).toHaveLength(4);
    expect(ofctl.every((u) => u.forward[0]?.input === undefined)).toBe(true);
    expect(ofctl[1]?.forward[0]?.argv).toEqual([
      'ovs-ofctl',
      'add-flow',
      'br-ex',
      'table=0,priority=7,dl_vlan=7,actions=drop',
    ]);
  });

  it('shows a bundle as the pipeline it runs, and a saved plan keeps the bundle choice', () => {
    const p = planned(withVersion(load('aio'), '3.1.0'), FLOWS.slice(0, 2));
    expect(planCommands(p)).toBe(
      [
        "printf '%s\\n' \\",
        "  'add table=0,priority=7,dl_vlan=7,actions=drop' \\",
        "  'add table=0,priority=8,dl_vlan=8,actions=drop' \\",
        '  | ovs-ofctl -O OpenFlow14 --bundle add-flows br-ex -',
      ].join('\n'),
    );
    expect(planInverseCommands(p)).toContain("'delete_strict table=0,priority=8,dl_vlan=8' \\");
    const saved = parsePlan(JSON.parse(JSON.stringify(p)));
    expect(saved.ok && saved.plan.steps.map((s) => s.bundle)).toEqual(['OpenFlow14', 'OpenFlow14']);
    const bad = structuredClone(p) as unknown as { steps: { phase: string; bundle?: string }[] };
    bad.steps[0] = { ...(bad.steps[0] as { phase: string }), bundle: 'OpenFlow13' };
    expect(parsePlan(bad).ok).toBe(false);
  });
});

describe('bundleLine and shCommand', () => {
  it("turns the planner's own flow commands into flow-mod lines, and nothing else", () => {
    expect(
      bundleLine(['ovs-ofctl', '-O', 'OpenFlow13', '--strict', 'mod-flows', 'br', 'priority=1,actions=drop']),
    ).toEqual({
      bridge: 'br',
      line: 'modify_strict priority=1,actions=drop',
    });
    expect(() => bundleLine(['ovs-ofctl', 'del-flows', 'br', 'x'])).toThrow(/not a flow command/);
    expect(() => bundleLine(['ovs-ofctl', 'add-flow', 'br', 'x', 'y'])).toThrow(/not a flow command/);
    expect(() => bundleLine(['ip', 'add-flow', 'br', 'x'])).toThrow(/not a flow command/);
  });

  it('quotes every input line and refuses one that would be two', () => {
    expect(shCommand({ argv: ['cat', '-'], input: ["it's", '$(x)'] })).toBe(
      "printf '%s\\n' 'it'\\''s' '$(x)' | cat -",
    );
    expect(() => shCommand({ argv: ['cat'], input: ['a\nb'] })).toThrow(/line break/);
    expect(() => shCommand({ argv: ['cat'], input: [] })).toThrow(/at least one line/);
  });
});
