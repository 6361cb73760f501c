import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { applyPlan, describeEditErrors, type RunOutcome } from '@/server/changes';
import { collectHost } from '@/server/collect/collect-host';
import { applyEdits } from '@/server/core/changes/apply-edits';
import { parseChangesFile } from '@/server/core/changes/changes-file';
import { plan as makePlan } from '@/server/core/changes/plan';
import { PlanSchema } from '@/server/core/changes/plan-schema';
import { planCommands, planText } from '@/server/core/changes/render';
import type { Plan } from '@/server/core/changes/types';
import { unitsOf } from '@/server/core/changes/units';
import type { ChangeArgs } from './args';
import { connectionFor } from './connection';
import { UsageError } from './usage-error';

/** Exit status of `patchbay apply` per outcome (documented in USAGE and docs/changes.md). */
export const EXIT: Record<RunOutcome, number> = {
  applied: 0,
  refused: 3,
  conflict: 4,
  'rolled-back': 5,
  'rollback-incomplete': 6,
  interrupted: 6,
  reverted: 7,
};

const SavedPlan = z.object({ patchbayPlan: z.literal(1), destination: z.string(), plan: PlanSchema });

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
}

/** Reads the host and plans the changes file against it; null (after saying why) when refused. */
async function planFromFile(
  args: ChangeArgs,
  pool: ReturnType<typeof connectionFor>['pool'],
  target: ReturnType<typeof connectionFor>['target'],
): Promise<Plan | null> {
  const parsed = parseChangesFile(readText(args.file as string, 'changes file'));
  if (!parsed.ok) {
    err(`patchbay: ${args.file} was refused, nothing was changed:\n${describeEditErrors(parsed.errors)}`);
    return null;
  }
  const { model } = await collectHost(pool, target, { timeoutMs: args.timeoutMs });
  const applied = applyEdits(model, parsed.edits);
  if (!applied.ok) {
    err(`patchbay: the edits were refused, nothing was changed:\n${describeEditErrors(applied.errors)}`);
    return null;
  }
  return makePlan(model, applied.desired);
}

function show(plan: Plan) {
  out(planText(plan));
  if (plan.steps.length > 0) out(`\ncommands (run on ${plan.host}):\n${planCommands(plan)}`);
}

export async function planCommand(args: ChangeArgs): Promise<number> {
  const { pool, target } = connectionFor(args);
  try {
    const plan = await planFromFile(args, pool, target);
    if (!plan) return EXIT.refused;
    show(plan);
    if (args.out) {
      writeFileSync(
        args.out,
        `${JSON.stringify({ patchbayPlan: 1, destination: args.destination, plan }, null, 2)}\n`,
      );
      err(
        `patchbay: plan written to ${args.out}; apply it with: patchbay apply ${args.destination} --plan ${args.out}`,
      );
    }
    return 0;
  } finally {
    pool.closeAll();
  }
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask on: pass --yes to apply without asking');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function applyCommand(args: ChangeArgs): Promise<number> {
  const { pool, target } = connectionFor(args);
  try {
    let plan: Plan | null;
    if (args.planFile) {
      const saved = SavedPlan.safeParse(JSON.parse(readText(args.planFile, 'plan file')));
      if (!saved.success)
        throw new UsageError(`${args.planFile} is not a plan written by "patchbay plan -o"`);
      if (saved.data.destination !== args.destination)
        throw new UsageError(
          `${args.planFile} was made for ${saved.data.destination}, not ${args.destination}`,
        );
      plan = saved.data.plan as Plan;
    } else plan = await planFromFile(args, pool, target);
    if (!plan) return EXIT.refused;
    show(plan);
    if (plan.steps.length === 0) {
      out('nothing to change');
      return EXIT.applied;
    }
    const units = unitsOf(plan);
    if (
      !args.yes &&
      !(await confirm(
        `\napply ${plan.steps.length} step(s) (${units.length} command group(s)) to ${plan.host}? [y/N] `,
      ))
    ) {
      err('patchbay: not applied');
      return EXIT.refused;
    }
    const report = await applyPlan({
      pool,
      target,
      plan,
      who: `cli:${process.env.USER ?? 'unknown'}`,
      guardSeconds: args.confirmTimeoutS,
      collectTimeoutMs: args.timeoutMs,
      onEvent: (e) => err(`[${e.phase}] ${e.status === 'info' ? '' : `${e.status} `}${e.message}`),
    });
    out(`${report.outcome}: ${report.message}`);
    return EXIT[report.outcome];
  } finally {
    pool.closeAll();
  }
}
