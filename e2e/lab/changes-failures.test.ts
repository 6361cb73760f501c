/**
 * Failures injected on purpose into applies on a real lab host. Each ends with the planned
 * objects exactly at the base or exactly at the desired state, never in between; drift is
 * refused naming the object; a second apply gets CONFLICT; a change that cuts Patchbay off is
 * reverted by the host itself.
 */
import { describe, expect, it } from 'vitest';
import { labHostKillSessions, labHostStartOvsdb, labHostStopOvsdb } from '@/scripts/lab/lab';
import { diffModels } from '@/server/core/changes/diff';
import type { Plan, Step } from '@/server/core/changes/types';
import {
  apply,
  expectAt,
  HOST,
  onChangesHost,
  onHost,
  planEdits,
  pool,
  read,
  resetTap1Tag,
  restore,
} from './changes-helpers';
import { labHost } from './hosts';

const baseOf = onChangesHost();

/** A last step that always fails on the host (a link that does not exist). */
const failingStep = (n: number): Step => ({
  n,
  phase: 'kernel',
  action: 'change',
  object: { kind: 'link', id: 'link:/pb-no-such-link' },
  text: '~ injected failure',
  forward: [['ip', 'link', 'set', 'dev', 'pb-no-such-link', 'up']],
  inverse: [],
});
const withFailureAtEnd = (plan: Plan): Plan => ({
  ...plan,
  steps: [...plan.steps, failingStep(plan.steps.length)],
});

/** The first OVSDB step gets a sub-command OVSDB refuses: the whole transaction must not happen. */
function withFailureInTransaction(plan: Plan): Plan {
  const i = plan.steps.findIndex((s) => s.phase === 'ovsdb');
  if (i === -1) throw new Error('plan has no OVSDB step');
  const steps = plan.steps.map((s, j) =>
    j === i ? { ...s, forward: [...s.forward, ['set', 'Port', 'pb-no-such-port', 'tag=1']] } : s,
  );
  return { ...plan, steps };
}

async function expectRolledBack(plan: Plan) {
  const report = await apply(plan);
  expect(report.outcome, report.message).toBe('rolled-back');
  expect(report.notAtBase).toEqual([]);
  await expectAt(baseOf());
  return report;
}

const EDIT_SETS: [string, unknown[]][] = [
  ['new bridge', [{ op: 'add-bridge', name: 'br-f1' }]],
  ['new internal port', [{ op: 'add-port', bridge: 'br-int', name: 'pf1', type: 'internal', tag: 3 }]],
  ['port tag change', [{ op: 'set-port', name: 'tap1', tag: 9 }]],
  [
    'patch pair',
    [{ op: 'add-patch', bridge: 'br-int', port: 'pf-a', peerBridge: 'br-ex', peerPort: 'pf-b' }],
  ],
  ['interface mtu', [{ op: 'set-interface', name: 'tap1', mtuRequest: 1300 }]],
  ['flow add', [{ op: 'add-flow', bridge: 'br-ex', priority: 9, match: 'dl_vlan=3', actions: 'drop' }]],
  ['flow delete', [{ op: 'delete-flow', bridge: 'br-ex', table: 0, priority: 2, match: 'in_port=qg-1' }]],
  ['namespace', [{ op: 'add-namespace', name: 'ns-f1' }]],
  ['veth pair', [{ op: 'add-veth', name: 'vf0', peer: 'vf1' }]],
  ['link settings', [{ op: 'set-link', name: 'eth1', mtu: 1280 }]],
  ['address', [{ op: 'add-address', namespace: 'router1', link: 'qg-1', address: '10.8.0.1/24' }]],
  ['route', [{ op: 'add-route', namespace: 'router1', dst: '10.9.0.0/16', via: '203.0.113.1' }]],
  [
    'mixed OVS and kernel',
    [
      { op: 'add-namespace', name: 'ns-f2' },
      { op: 'add-port', bridge: 'br-int', name: 'pf2', type: 'internal' },
      { op: 'move-link', name: 'pf2', to: 'ns-f2' },
      { op: 'add-address', namespace: 'ns-f2', link: 'pf2', address: '10.10.0.1/24' },
    ],
  ],
];

describe('injected failures end at the base', { timeout: 120_000 }, () => {
  for (const [name, edits] of EDIT_SETS) {
    it(`${name}: the last command fails → every earlier one undone`, async () => {
      const { plan } = await planEdits(edits, baseOf());
      await expectRolledBack(withFailureAtEnd(plan));
    });
  }

  for (const [name, edits] of EDIT_SETS.filter(([n]) =>
    ['new internal port', 'patch pair', 'mixed OVS and kernel', 'port tag change'].includes(n),
  )) {
    it(`${name}: a sub-command refused inside the OVSDB transaction → nothing of it happened`, async () => {
      const { plan } = await planEdits(edits, baseOf());
      const report = await expectRolledBack(withFailureInTransaction(plan));
      expect(report.units.find((u) => u.status === 'failed')?.commands[0]?.argv[0]).toBe('ovs-vsctl');
    });
  }

  it('a kernel step fails after the OVS transaction succeeded (the host changed under it)', async () => {
    const { plan } = await planEdits(
      [
        { op: 'add-port', bridge: 'br-int', name: 'pf3', type: 'internal', tag: 4 },
        { op: 'set-link', name: 'pf3', up: true },
        { op: 'add-address', link: 'pf3', address: '10.12.0.1/24' },
      ],
      baseOf(),
    );
    expect(plan.steps[0]?.phase).toBe('ovsdb');
    const report = await apply(plan, {
      faults: {
        pauseMs: 1500,
        // After the OVSDB transaction made pf3, someone puts the address there first.
        whileRunning: async () => {
          await new Promise((r) => setTimeout(r, 700));
          await onHost('ip', 'addr', 'add', '10.12.0.1/24', 'dev', 'pf3');
        },
      },
    });
    expect(report.outcome, report.message).toBe('rolled-back');
    expect(report.units[0]?.status).toBe('ok');
    expect(report.units.some((u) => u.status === 'failed' && u.commands[0]?.argv[0] === 'ip')).toBe(true);
    await expectAt(baseOf());
  });

  it('the switch refuses one flow of a bundle (a group that does not exist) → none of its flows landed', async () => {
    const { plan } = await planEdits(
      [
        { op: 'add-flow', bridge: 'br-ex', priority: 7, match: 'dl_vlan=7', actions: 'drop' },
        { op: 'add-flow', bridge: 'br-ex', priority: 8, match: 'dl_vlan=8', actions: 'group:99' },
      ],
      baseOf(),
    );
    expect(plan.steps.every((s) => s.bundle === 'OpenFlow14')).toBe(true);
    const report = await expectRolledBack(plan);
    expect(report.units[0]?.stderr).toContain('OFPBAC_BAD_OUT_GROUP');
    expect(await onHost('ovs-ofctl', 'dump-flows', 'br-ex')).not.toContain('dl_vlan=7');
  });

  it('a committed bundle is undone as one when a later step fails', async () => {
    const { plan } = await planEdits(
      [
        { op: 'delete-flow', bridge: 'br-ex', table: 0, priority: 2, match: 'in_port=qg-1' },
        { op: 'add-flow', bridge: 'br-ex', priority: 7, match: 'dl_vlan=7', actions: 'drop' },
      ],
      baseOf(),
    );
    const report = await expectRolledBack(withFailureAtEnd(plan));
    expect(report.units[0]?.undone).toBe(true);
    expect(await onHost('ovs-ofctl', 'dump-flows', 'br-ex')).toContain('priority=2,');
  });

  it('a namespace that already exists on the host (made after the drift check)', async () => {
    const { plan } = await planEdits(
      [
        { op: 'add-port', bridge: 'br-int', name: 'pf5', type: 'internal' },
        { op: 'add-namespace', name: 'ns-f5' },
      ],
      baseOf(),
    );
    const report = await apply(plan, {
      faults: { afterDriftCheck: async () => void (await onHost('ip', 'netns', 'add', 'ns-f5')) },
    });
    expect(report.outcome, report.message).toBe('rolled-back');
    expect(report.message).toContain('File exists');
    await onHost('ip', 'netns', 'del', 'ns-f5');
    await expectAt(baseOf());
  });

  it('verify finds the host not as desired (a step that succeeds but does something else) → rolled back', async () => {
    const { plan } = await planEdits(
      [
        { op: 'set-port', name: 'tap1', tag: 12 },
        { op: 'add-namespace', name: 'ns-f6' },
      ],
      baseOf(),
    );
    // The set-port step "succeeds" with another tag: only the read after the run can tell.
    const lying: Plan = {
      ...plan,
      steps: plan.steps.map((s) =>
        s.object.id === 'port:br-int/tap1' ? { ...s, forward: [['set', 'Port', 'tap1', 'tag=13']] } : s,
      ),
    };
    expect(lying.steps.some((s) => s.forward[0]?.includes('tag=13'))).toBe(true);
    const report = await apply(lying);
    expect(report.outcome, report.message).toBe('rolled-back');
    expect(report.verify.map((m) => m.id)).toContain('port:br-int/tap1');
    await expectAt(baseOf());
  });

  it('the SSH session is cut mid-apply: the host finishes by itself and Patchbay reads the outcome', async () => {
    const { plan } = await planEdits(
      [
        { op: 'add-namespace', name: 'ns-f7' },
        { op: 'add-port', bridge: 'br-int', name: 'pf7', type: 'internal' },
        { op: 'add-veth', name: 'vf7', peer: 'vf8', peerNamespace: 'ns-f7' },
      ],
      baseOf(),
    );
    const report = await apply(plan, {
      faults: {
        pauseMs: 1500,
        whileRunning: async () => {
          await new Promise((r) => setTimeout(r, 700));
          expect(labHostKillSessions(HOST)).toBeGreaterThan(0);
        },
      },
    });
    expect(report.outcome, report.message).toBe('applied');
    expect(await onHost('ip', 'netns', 'list')).toContain('ns-f7');
    await restore(baseOf());
  });

  it('the SSH session is cut mid-apply and a later step fails: the host rolls back by itself', async () => {
    const { plan } = await planEdits(
      [
        { op: 'add-namespace', name: 'ns-f9' },
        { op: 'set-port', name: 'tap1', tag: 21 },
      ],
      baseOf(),
    );
    const report = await apply(withFailureAtEnd(plan), {
      faults: {
        pauseMs: 1500,
        whileRunning: async () => {
          await new Promise((r) => setTimeout(r, 700));
          labHostKillSessions(HOST);
        },
      },
    });
    expect(report.outcome, report.message).toBe('rolled-back');
    await expectAt(baseOf());
  });
});

describe('drift, concurrency and the lockout guard', { timeout: 180_000 }, () => {
  it('a change made on the host between plan and apply is refused, naming the object', async () => {
    const { plan } = await planEdits([{ op: 'set-port', name: 'tap1', tag: 30 }], baseOf());
    await onHost('ovs-vsctl', 'set', 'Port', 'tap1', 'tag=31');
    const report = await apply(plan);
    expect(report.outcome).toBe('refused');
    expect(report.message).toContain('br-int/tap1');
    expect(report.drift.map((d) => d.id)).toEqual(['port:br-int/tap1']);
    expect(await onHost('ovs-vsctl', 'get', 'Port', 'tap1', 'tag')).toBe('31');
    await resetTap1Tag(baseOf());
    await expectAt(baseOf());
  });

  it('two concurrent applies to one host: one runs, the other gets a conflict naming the holder', async () => {
    const a = await planEdits(
      [
        { op: 'add-namespace', name: 'ns-c1' },
        { op: 'add-port', bridge: 'br-int', name: 'pc1', type: 'internal' },
      ],
      baseOf(),
    );
    const b = await planEdits([{ op: 'add-namespace', name: 'ns-c2' }], baseOf());
    const [ra, rb] = await Promise.all([
      apply(a.plan, { who: 'alice', faults: { pauseMs: 2500 } }),
      new Promise((r) => setTimeout(r, 500)).then(() => apply(b.plan, { who: 'bob' })),
    ]);
    expect(ra.outcome, ra.message).toBe('applied');
    expect(rb.outcome, rb.message).toBe('conflict');
    expect(rb.message).toContain('alice');
    expect(await onHost('ip', 'netns', 'list')).not.toContain('ns-c2');
    await restore(baseOf());
  });

  it('a plan whose objects are untouched still applies after another apply, saying the host moved', async () => {
    const first = await planEdits([{ op: 'add-namespace', name: 'ns-s1' }], baseOf());
    const second = await planEdits([{ op: 'add-namespace', name: 'ns-s2' }], baseOf());
    expect((await apply(first.plan)).outcome).toBe('applied');
    const later = await apply(second.plan);
    expect(later.outcome, later.message).toBe('applied');
    expect(later.hostMoved).toBe(true);
    await restore(baseOf());
  });

  it('a plan whose object another apply changed is refused', async () => {
    const first = await planEdits([{ op: 'set-port', name: 'tap1', tag: 40 }], baseOf());
    const second = await planEdits([{ op: 'set-port', name: 'tap1', tag: 41 }], baseOf());
    expect((await apply(first.plan)).outcome).toBe('applied');
    const stale = await apply(second.plan);
    expect(stale.outcome).toBe('refused');
    expect(stale.drift.map((d) => d.id)).toEqual(['port:br-int/tap1']);
    expect(await onHost('ovs-vsctl', 'get', 'Port', 'tap1', 'tag')).toBe('40');
    await restore(baseOf());
  });

  it('the guard: moving the management address away cuts Patchbay off; the host reverts by itself', async () => {
    const mgmt = labHost(HOST).address;
    const link = baseOf().namespaces[0]?.links.find((l) => l.addresses.some((a) => a.local === mgmt));
    expect(link).toBeDefined();
    const prefix = link?.addresses.find((a) => a.local === mgmt)?.prefixlen;
    const { plan } = await planEdits(
      [{ op: 'delete-address', link: link?.name, address: `${mgmt}/${prefix}` }],
      baseOf(),
    );
    const started = Date.now();
    const report = await apply(plan, { guardSeconds: 6 });
    expect(report.guard.armed).toBe(true);
    expect(report.guard.touches.length).toBeGreaterThan(0);
    expect(report.guard.confirmed).toBe(false);
    expect(report.outcome, report.message).toBe('reverted');
    expect(Date.now() - started).toBeLessThan(90_000);
    pool.closeAll();
    await expectAt(baseOf());
  });

  it('the guard stands down when Patchbay gets back in', async () => {
    const mgmt = labHost(HOST).address;
    const link = baseOf().namespaces[0]?.links.find((l) => l.addresses.some((a) => a.local === mgmt));
    const { plan } = await planEdits([{ op: 'set-link', name: link?.name, mtu: 1450 }], baseOf());
    const report = await apply(plan, { guardSeconds: 6 });
    expect(report.guard.armed).toBe(true);
    expect(report.guard.confirmed).toBe(true);
    expect(report.outcome, report.message).toBe('applied');
    await new Promise((r) => setTimeout(r, 8_000));
    expect(await onHost('ip', 'link', 'show', link?.name ?? '')).toContain('mtu 1450');
    await restore(baseOf());
  });

  it('the host is exactly at its base after every failure above', async () => {
    expect(diffModels(baseOf(), await read()).added).toEqual([]);
    await expectAt(baseOf());
  });
});

// Last: it stops a daemon, and the host is rebuilt after it.
describe('a daemon stopping mid-apply', { timeout: 180_000 }, () => {
  it('ovsdb-server stops mid-apply: the OVSDB transaction fails and the kernel steps before it are undone', async () => {
    const { plan } = await planEdits(
      [
        { op: 'add-namespace', name: 'ns-f10' },
        { op: 'add-port', bridge: 'br-int', name: 'pf10', type: 'internal' },
      ],
      baseOf(),
    );
    const first = plan.steps[0];
    expect(first?.phase).toBe('kernel');
    const report = await apply(plan, {
      faults: {
        pauseMs: 2000,
        whileRunning: async () => {
          await new Promise((r) => setTimeout(r, 800));
          labHostStopOvsdb(HOST);
        },
      },
    });
    expect(report.outcome, report.message).toBe('rolled-back');
    // Without ovsdb the host cannot be read in full; the kernel side must be back at baseOf().
    expect(await onHost('ip', 'netns', 'list')).not.toContain('ns-f10');
    expect(report.units.some((u) => u.status === 'failed')).toBe(true);
    await labHostStartOvsdb(HOST);
    await expectAt(baseOf());
  });
});
