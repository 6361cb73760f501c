import { afterAll, beforeAll, expect } from 'vitest';
import { labHostExec, labUpMissing } from '@/scripts/lab/lab';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { type ApplyRequest, applyPlan, type RunReport } from '@/server/changes';
import { collectHost } from '@/server/collect/collect-host';
import { applyEdits } from '@/server/core/changes/apply-edits';
import { diffModels } from '@/server/core/changes/diff';
import { plan as makePlan } from '@/server/core/changes/plan';
import type { Plan } from '@/server/core/changes/types';
import type { HostModel } from '@/server/core/model';
import { SshPool } from '@/server/ssh';
import { LAB_KEY_DIRS, labHost } from './hosts';

/** The lab host the change-engine tests change and put back (scenario `changes`). */
export const HOST = 'changes';

export const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
export const target = () => labSshTarget(labHost(HOST), `changes-test`);

export async function read(): Promise<HostModel> {
  return (await collectHost(pool, target(), { timeoutMs: 60_000 })).model;
}

/** Edits → plan against the host as it is now (fails the test on refused edits). */
export async function planEdits(
  edits: unknown[],
  current?: HostModel,
): Promise<{ plan: Plan; base: HostModel }> {
  const base = current ?? (await read());
  const applied = applyEdits(base, edits);
  if (!applied.ok) throw new Error(`edits refused: ${JSON.stringify(applied.errors)}`);
  return { plan: makePlan(base, applied.desired), base };
}

export function apply(plan: Plan, extra: Partial<ApplyRequest> = {}): Promise<RunReport> {
  return applyPlan({ pool, target: target(), plan, who: 'test', guardSeconds: 8, ...extra });
}

/** A command run inside the lab host directly (not through Patchbay): the independent check. */
export async function onHost(...argv: string[]): Promise<string> {
  const r = await labHostExec(HOST, argv);
  return `${r.stdout}${r.stderr}`.trim();
}

/** The objects Patchbay plans with are as in `base` (counters, host-assigned values aside). */
export async function expectAt(base: HostModel): Promise<void> {
  const diff = diffModels(base, await read());
  const changed = [
    ...diff.added.map((o) => `+ ${o.id}`),
    ...diff.removed.map((o) => `- ${o.id}`),
    ...diff.changed.map((c) => `~ ${c.after.id} ${c.fields.map((f) => f.field).join(',')}`),
  ];
  expect(changed).toEqual([]);
}

/** Puts the host back at `base` through the engine itself (the inverse plan), and checks it. */
export async function restore(base: HostModel): Promise<void> {
  const now = await read();
  const back = makePlan(now, base);
  if (back.steps.length > 0) {
    const report = await apply(back);
    expect(report.outcome, report.message).toBe('applied');
  }
  await expectAt(base);
}

/**
 * For a test file on the change-engine host: brings it up when missing (the integration global
 * setup normally has), reads its base once, closes the pool after. Returns the base's getter.
 */
export function onChangesHost(): () => HostModel {
  let base: HostModel | undefined;
  beforeAll(async () => {
    await labUpMissing([HOST]);
    base = await read();
  });
  afterAll(() => pool.closeAll());
  return () => {
    if (!base) throw new Error('the base of the changes host was not read');
    return base;
  };
}

/** Someone else set tap1's tag on the host: put back the base's. */
export async function resetTap1Tag(base: HostModel): Promise<void> {
  await onHost(
    'ovs-vsctl',
    'set',
    'Port',
    'tap1',
    `tag=${base.ovs?.ports.find((p) => p.name === 'tap1')?.tag}`,
  );
}
