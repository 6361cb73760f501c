/**
 * Change-engine bench (issue 10): planning 2,000 edits, and applying 200 port additions paired
 * against ONE bare `ovs-vsctl` transaction of the same 200 adds over the same SSH connection, on
 * the `changes` lab host. Rollback and verify times are printed. Alone:
 * `npx tsx scripts/bench/changes.ts` (the lab host must be up).
 */

import { readLabState } from '@/scripts/lab/lab';
import { labDir } from '@/scripts/lab/paths';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { applyPlan } from '@/server/changes';
import { collectHost } from '@/server/collect/collect-host';
import { applyEdits } from '@/server/core/changes/apply-edits';
import { plan as makePlan } from '@/server/core/changes/plan';
import { shJoin } from '@/server/core/changes/shell-quote';
import { OVS_VSCTL, transaction } from '@/server/core/changes/units';
import type { HostModel } from '@/server/core/model';
import { SshPool } from '@/server/ssh';
import { median } from './collect';

export interface ChangesBenchResult {
  plan2000Ms: number;
  applyEdits2000Ms: number;
  bareTransactionMs: number;
  applyMs: number;
  applyExecuteMs: number;
  applyVsBare: number;
  rollbackMs: number;
  verifyMs: number;
  rounds: number;
}

function portEdits(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    op: 'add-port',
    bridge: 'br-int',
    name: `${prefix}${i}`,
    type: 'internal',
    tag: (i % 4000) + 1,
  }));
}

function planFor(base: HostModel, edits: unknown[]) {
  const applied = applyEdits(base, edits);
  if (!applied.ok) throw new Error(`bench edits refused: ${JSON.stringify(applied.errors.slice(0, 3))}`);
  return makePlan(base, applied.desired);
}

export async function benchChanges(rounds = 5): Promise<ChangesBenchResult> {
  const host = readLabState()?.hosts.find((h) => h.name === 'changes');
  if (!host) throw new Error('lab host "changes" is not up');
  const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: [labDir] });
  const target = labSshTarget(host, 'bench-changes');
  const read = async () => (await collectHost(pool, target, { timeoutMs: 120_000 })).model;
  try {
    const base = await read();
    // Planning: 2,000 port additions (pure; the median of 5).
    const edits2000 = portEdits('bp', 2000);
    const editsMs: number[] = [];
    const planMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      const applied = applyEdits(base, edits2000);
      editsMs.push(performance.now() - t);
      if (!applied.ok) throw new Error('refused');
      t = performance.now();
      makePlan(base, applied.desired);
      planMs.push(performance.now() - t);
    }

    // Apply vs bare, paired in each round on one pooled connection.
    const bare: number[] = [];
    const full: number[] = [];
    /** apply / bare of each round: the pair ran back to back on one connection. */
    const ratios: number[] = [];
    const execute: number[] = [];
    const verify: number[] = [];
    const rollback: number[] = [];
    const settle = () => new Promise((r) => setTimeout(r, 300));
    const removeAll = (prefix: string) =>
      pool.exec(
        target,
        shJoin([
          ...OVS_VSCTL,
          ...Array.from({ length: 200 }, (_, i) => ['--', 'del-port', `${prefix}${i}`]).flat(),
        ]),
        { timeoutMs: 120_000 },
      );
    /** ONE bare ovs-vsctl transaction of the 200 adds (then removed, untimed). */
    const timeBare = async (): Promise<number> => {
      const adds = Array.from({ length: 200 }, (_, i) => [
        ['add-port', 'br-int', `bb${i}`],
        ['set', 'Interface', `bb${i}`, 'type=internal'],
        ['set', 'Port', `bb${i}`, `tag=${i + 1}`],
      ]).flat();
      const t = performance.now();
      const res = await pool.exec(target, shJoin(transaction(adds).argv), { timeoutMs: 120_000 });
      const ms = performance.now() - t;
      if (res.code !== 0) throw new Error(`bare ovs-vsctl failed: ${res.stderr}`);
      await removeAll('bb');
      return ms;
    };
    /** applyPlan of the same 200 adds (then restored by another apply, untimed). */
    const timeApply = async () => {
      const plan = planFor(base, portEdits('pb', 200));
      const phases: Record<string, number> = {};
      const t = performance.now();
      const report = await applyPlan({
        pool,
        target,
        plan,
        who: 'bench',
        onEvent: (e) => {
          phases[`${e.phase} ${e.status}`] ??= performance.now();
        },
      });
      const ms = performance.now() - t;
      if (report.outcome !== 'applied') throw new Error(`bench apply: ${report.outcome} ${report.message}`);
      const back = await applyPlan({ pool, target, plan: makePlan(await read(), base), who: 'bench' });
      if (back.outcome !== 'applied') throw new Error(`bench restore: ${back.message}`);
      return { plan, ms, phases };
    };
    // Round 0 warms up (the parser's first large models, the host's caches) and is not counted.
    for (let r = 0; r <= rounds; r++) {
      const counted = r > 0;
      // Alternate which of the pair runs first, and let vswitchd settle before each (removing
      // 200 ports keeps it busy after ovs-vsctl returns), so neither side inherits the other's load.
      const bareFirst = r % 2 === 0;
      let bareMs = 0;
      if (bareFirst) {
        await settle();
        bareMs = await timeBare();
      }
      await settle();
      const applied = await timeApply();
      if (!bareFirst) {
        await settle();
        bareMs = await timeBare();
      }
      const { plan, ms: applyMs, phases } = applied;
      if (counted) {
        bare.push(bareMs);
        full.push(applyMs);
        ratios.push(applyMs / bareMs);
        execute.push((phases['execute ok'] ?? 0) - (phases['execute start'] ?? 0));
        verify.push((phases['done ok'] ?? 0) - (phases['execute ok'] ?? 0));
      }
      // Rollback: the same 200 adds with a failing last step; time from the failure to the end.
      const failing = {
        ...plan,
        steps: [
          ...plan.steps,
          {
            n: plan.steps.length,
            phase: 'kernel' as const,
            action: 'change' as const,
            object: { kind: 'link' as const, id: 'link:/pb-bench-none' },
            text: '~ injected failure',
            forward: [['ip', 'link', 'set', 'dev', 'pb-bench-none', 'up']],
            inverse: [],
          },
        ],
      };
      let failAt = 0;
      let undoneAt = 0;
      const rolled = await applyPlan({
        pool,
        target,
        plan: failing,
        who: 'bench',
        onEvent: (e) => {
          if (e.phase === 'execute' && e.status === 'fail') failAt = performance.now();
          if (e.phase === 'undo') undoneAt = performance.now();
        },
      });
      if (rolled.outcome !== 'rolled-back') throw new Error(`bench rollback: ${rolled.message}`);
      if (counted) rollback.push(undoneAt - failAt);
    }
    const result: ChangesBenchResult = {
      plan2000Ms: median(planMs),
      applyEdits2000Ms: median(editsMs),
      bareTransactionMs: median(bare),
      applyMs: median(full),
      applyExecuteMs: median(execute),
      applyVsBare: median(ratios),
      rollbackMs: median(rollback),
      verifyMs: median(verify),
      rounds,
    };
    return result;
  } finally {
    pool.closeAll();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchChanges());
}
